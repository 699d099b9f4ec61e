import knownReleasesJson from '../../kernel/releases.json' with { type: 'json' };
import { KERNEL_ARCHES, type KernelArch } from './types.js';
import { assetName } from './urls.js';
import { compareVersionsDescending } from './version-order.js';

/** One release asset nanoship knows: its file name in the version folder, and its sha256. */
export interface KnownAsset {
  /** The archive's file name, relative to `<base>/<version>/`: always the one nanoship downloads. */
  url: string;
  sha256: string;
}

/** kernel/releases.json: version → arch → asset (shape documented in kernel/README.md). */
export type KnownReleases = Record<string, Partial<Record<KernelArch, KnownAsset>>>;

/** A sha256 digest as nanoship pins and compares it: 64 lowercase hex digits. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** The releases shipped with nanoship (kernel/releases.json, bundled at build time). */
export function defaultKnownReleases(): KnownReleases {
  return parseKnownReleases(knownReleasesJson, 'kernel/releases.json');
}

/**
 * Checks that `json` has the releases.json shape and returns it typed. A malformed file is a
 * bug in nanoship (or in a hand edit), so this throws a plain Error naming the bad entry.
 */
export function parseKnownReleases(json: unknown, origin: string): KnownReleases {
  if (!isObject(json)) throw new Error(`${origin}: expected an object keyed by version`);
  for (const [version, assets] of Object.entries(json)) {
    if (!isObject(assets)) throw new Error(`${origin}: ${version} is not an object keyed by arch`);
    for (const [arch, asset] of Object.entries(assets)) {
      checkKnownAsset(asset, version, arch, `${origin}: ${version}.${arch}`);
    }
  }
  return json as KnownReleases;
}

/** Throws naming `where` unless `asset` is a well-formed entry for `version`/`arch`. */
function checkKnownAsset(asset: unknown, version: string, arch: string, where: string): void {
  if (!(KERNEL_ARCHES as readonly string[]).includes(arch)) {
    throw new Error(`${where}: unknown architecture`);
  }
  if (!isObject(asset) || typeof asset.url !== 'string' || typeof asset.sha256 !== 'string') {
    throw new Error(`${where}: expected { "url": string, "sha256": string }`);
  }
  if (!SHA256_PATTERN.test(asset.sha256)) {
    throw new Error(`${where}: sha256 must be 64 lowercase hex digits`);
  }
  // The digest is looked up by version and arch, so it pins whatever nanoship downloads for
  // them; a `url` naming another file would claim to pin a file it does not.
  const downloaded = assetName(version, arch as KernelArch);
  if (asset.url !== downloaded) {
    throw new Error(`${where}: url is '${asset.url}', but nanoship downloads ${downloaded} for it`);
  }
}

/** The known asset of `version` for `arch`, if releases.json lists it. */
export function findKnownAsset(
  releases: KnownReleases,
  version: string,
  arch: KernelArch,
): KnownAsset | undefined {
  return Object.hasOwn(releases, version) ? releases[version]?.[arch] : undefined;
}

/** The known versions, newest first, for error messages that suggest one. */
export function knownVersions(releases: KnownReleases): string[] {
  return Object.keys(releases).sort(compareVersionsDescending);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
