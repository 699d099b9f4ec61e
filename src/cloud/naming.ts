/**
 * Names, tags and labels of everything nanoship creates in a cloud, from one scheme: the
 * image name, then the release version or the commit, so a person can read them, and the
 * image digest in a tag, so lookups are exact. Every resource carries `nanoship:managed` and
 * the repository id, and nothing without them is ever changed or deleted.
 */
import type { Channel, ImageToPublish, Provenance } from './types.js';

/** AWS tag keys (cloud-publishing §3.7); GCP labels use the same words with `-`. */
export const TagKeys = {
  managed: 'nanoship:managed',
  kind: 'nanoship:kind',
  image: 'nanoship:image',
  channel: 'nanoship:channel',
  repo: 'nanoship:repo',
  repoId: 'nanoship:repo-id',
  ref: 'nanoship:ref',
  sha: 'nanoship:sha',
  pr: 'nanoship:pr',
  run: 'nanoship:run',
  version: 'nanoship:version',
  digest: 'nanoship:digest',
  expiresAt: 'nanoship:expires-at',
} as const;

export type ResourceKind = 'image' | 'snapshot' | 'preview';

/** The part of a name that tells builds apart: version, else short commit, else digest. */
export function buildLabel(image: Pick<ImageToPublish, 'sha256'>, provenance: Provenance): string {
  if (provenance.version) return provenance.version;
  if (provenance.sha) return provenance.sha.slice(0, 7);
  return image.sha256.slice(0, 12);
}

/** Which builds retention counts together. */
export function channelOf(provenance: Provenance): Channel {
  if (provenance.version) return 'release';
  if (provenance.pr !== undefined) return `pr-${provenance.pr}`;
  const branch = /^refs\/heads\/(.+)$/.exec(provenance.ref ?? '')?.[1];
  if (branch) return `branch-${branch}`;
  return 'local';
}

/** `yyyymmddThhmmssZ`: sorts as time does, and is legal in AMI names. */
export function compactTimestamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Characters an AMI name may hold (letters, digits and `( ) [ ] space . / - ' @ _`). */
const AMI_NAME_ILLEGAL = /[^A-Za-z0-9()[\] ./'@_-]/g;
const AMI_NAME_MAX = 128;

/** `nanoship/<image-name>/<version-or-sha7>/<yyyymmddThhmmssZ>`, at most 128 characters. */
export function awsImageName(
  image: Pick<ImageToPublish, 'name' | 'sha256'>,
  provenance: Provenance,
  now: Date,
): string {
  const clean = (text: string) => text.replace(AMI_NAME_ILLEGAL, '-');
  const tail = `/${clean(buildLabel(image, provenance))}/${compactTimestamp(now)}`;
  const head = 'nanoship/';
  const room = AMI_NAME_MAX - head.length - tail.length;
  return `${head}${clean(image.name).slice(0, Math.max(1, room))}${tail}`;
}

const GCE_NAME_MAX = 63;

/**
 * Lower-case letters, digits and hyphens, starting with a letter, not ending with a hyphen,
 * at most `max` characters (RFC 1035, as Compute Engine names require).
 */
export function gceName(text: string, max = GCE_NAME_MAX): string {
  let name = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z]+/, '');
  if (name === '') name = 'nanoship';
  return name.slice(0, max).replace(/-+$/, '');
}

/** `<image-name>-<version-or-sha7>`, as a Compute Engine name (1.2.3 becomes 1-2-3). */
export function gcpImageName(
  image: Pick<ImageToPublish, 'name' | 'sha256'>,
  provenance: Provenance,
): string {
  const label = gceName(`x-${buildLabel(image, provenance)}`).slice(2);
  const head = gceName(image.name, GCE_NAME_MAX - label.length - 1);
  return `${head}-${label}`;
}

export interface TagContext {
  kind: ResourceKind;
  image: Pick<ImageToPublish, 'name' | 'sha256'>;
  provenance: Provenance;
  channel: Channel;
  /** When a sweep may delete it (previews, CI images); undefined: never by age. */
  expiresAt?: Date;
  /** The user's own tags; nanoship's keys win on a clash. */
  extra?: Record<string, string>;
}

/** The tag set of one resource, with AWS keys, omitting what is unknown. */
export function nanoshipTags(context: TagContext): Record<string, string> {
  const { provenance: p } = context;
  const tags: Record<string, string | undefined> = {
    [TagKeys.managed]: 'true',
    [TagKeys.kind]: context.kind,
    [TagKeys.image]: context.image.name,
    [TagKeys.channel]: context.channel,
    [TagKeys.repo]: p.repo,
    [TagKeys.repoId]: p.repoId,
    [TagKeys.ref]: p.ref,
    [TagKeys.sha]: p.sha,
    [TagKeys.pr]: p.pr === undefined ? undefined : String(p.pr),
    [TagKeys.run]: p.run,
    [TagKeys.version]: p.version,
    [TagKeys.digest]: context.image.sha256,
    [TagKeys.expiresAt]: context.expiresAt?.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
  const own = Object.fromEntries(
    Object.entries(tags).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return { ...context.extra, ...own };
}

const LABEL_MAX = 63;

/** A GCP label value: lower-case letters, digits, `_` and `-`, at most 63 characters. */
export function gcpLabelValue(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '_')
    .slice(0, LABEL_MAX);
}

/**
 * The same set as GCP labels: `nanoship:repo-id` becomes `nanoship-repo-id`, values are
 * sanitised (`owner/repo` → `owner_repo`, the digest keeps its first 63 hex digits, the expiry
 * is in unix seconds).
 */
export function nanoshipLabels(context: TagContext): Record<string, string> {
  const { expiresAt, extra, ...rest } = context;
  const tags = nanoshipTags(rest);
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    labels[key.replace(/:/g, '-')] = gcpLabelValue(value);
  }
  if (expiresAt !== undefined) {
    labels[TagKeys.expiresAt.replace(/:/g, '-')] = String(Math.floor(expiresAt.getTime() / 1000));
  }
  return { ...extra, ...labels };
}
