/**
 * Names, tags and tokens of a preview's AWS resources, and the way back from tags to a
 * preview. Everything is derived from the launch request, so a retried launch in the same run
 * finds the same security group name and sends the same ClientToken.
 */
import { createHash } from 'node:crypto';
import type { Filter } from '@aws-sdk/client-ec2';
import { channelOf, compactTimestamp, nanoshipTags, TagKeys } from '../naming.js';
import type { PreviewFilter, PreviewLaunch } from '../types.js';

/**
 * When a preview's security group was made. Security groups have no creation time in AWS, and
 * the orphan sweep must not delete the group of a launch that is still between
 * CreateSecurityGroup and RunInstances.
 */
export const CREATED_AT_TAG = 'nanoship:created-at';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** RFC 3339 UTC to the second, as tag values are written. */
export const tagTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The key the previews of a repository are named by: its id, else its `owner/name`. */
export function repoHash(provenance: PreviewLaunch['provenance']): string {
  return sha256(provenance.repoId ?? provenance.repo ?? '').slice(0, 8);
}

/** `nanoship-pr<N>-<repoHash8>-<run>` (the run, or the launch time when there is none). */
export function securityGroupName(request: PreviewLaunch, now: Date): string {
  const { provenance } = request;
  const run = provenance.run ?? compactTimestamp(now);
  return `nanoship-pr${provenance.pr}-${repoHash(provenance)}-${run}`;
}

/**
 * RunInstances' idempotency token: the same for a retry of the same launch (repository, PR,
 * commit, run attempt), so a lost answer never makes a second instance. The security group id
 * is part of it: a launch repeated after its first attempt was torn down gets a new group and
 * so a new instance, where the old token would hand back the terminated one.
 */
export function launchToken(request: PreviewLaunch, groupId: string): string {
  const p = request.provenance;
  const key = [p.repoId ?? p.repo, p.pr, p.sha, p.run, groupId].join('\n');
  return `nanoship-${sha256(key).slice(0, 48)}`;
}

/** The tags of every resource of one preview; `name` becomes `Name`. */
export function previewTags(request: PreviewLaunch, name: string): Record<string, string> {
  return {
    ...nanoshipTags({
      kind: 'preview',
      image: request.image,
      provenance: request.provenance,
      channel: channelOf(request.provenance),
      expiresAt: request.expiresAt,
    }),
    Name: name,
  };
}

/** Server-side filters for a filter's previews (instances and security groups alike). */
export function previewFilters(filter: PreviewFilter): Filter[] {
  return [
    { Name: `tag:${TagKeys.managed}`, Values: ['true'] },
    { Name: `tag:${TagKeys.repoId}`, Values: [filter.repoId] },
    { Name: `tag:${TagKeys.kind}`, Values: ['preview'] },
    ...(filter.pr === undefined
      ? []
      : [{ Name: `tag:${TagKeys.pr}`, Values: [String(filter.pr)] }]),
  ];
}

/**
 * True when `tags` say nanoship made the resource as a preview of the filter's repository (and
 * PR). Checked again after every server-side filter: a filter AWS ignored or a tag someone
 * edited must never make nanoship touch what is not its own.
 */
export function isOwnPreview(tags: Record<string, string>, filter: PreviewFilter): boolean {
  return (
    tags[TagKeys.managed] === 'true' &&
    tags[TagKeys.repoId] === filter.repoId &&
    tags[TagKeys.kind] === 'preview' &&
    (filter.pr === undefined || tags[TagKeys.pr] === String(filter.pr))
  );
}

/** A tag holding a time, as a Date; undefined when absent or not a time. */
export function tagDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
