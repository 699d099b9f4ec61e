import { UserError } from '../errors.js';
import type { KernelArch } from './types.js';

/** The URLs of one release, laid out like the official bucket (format spec §4.1). */
export interface ReleaseUrls {
  archive: string;
  /** The published md5 (hex digest only); Nanos' release script writes it beside the archive. */
  md5: string;
  /** The file name of the archive; the `url` of its entry in kernel/releases.json must equal it. */
  assetName: string;
}

/**
 * Explicit release versions look like 0.1.55: at least three numeric parts, and a suffix after
 * a hyphen (0.1.55-rc1) tolerated for mirrors. Nothing else, so that the value is safe in a URL
 * path and a cache folder name, and the option check and the resolver agree on it.
 */
const VERSION_PATTERN = /^\d+\.\d+\.\d+(\.\d+)*(-[0-9A-Za-z.-]+)?$/;

/** True for an explicit release version such as 0.1.55 (not 'latest' or 'nightly'). */
export function isExplicitVersion(version: string): boolean {
  return VERSION_PATTERN.test(version);
}

/**
 * Throws a UserError unless `version` is explicit. `origin` names where the value came from
 * and `advice` says what to do, since that differs between a flag and a server's latest.txt.
 */
export function checkExplicitVersion(version: string, origin: string, advice: string): void {
  if (!isExplicitVersion(version)) {
    throw new UserError(
      `${origin} gave the Nanos version '${version}', which is not a release version like 0.1.55; ${advice}`,
    );
  }
}

/** Removes trailing slashes so that "…/release/" and "…/release" name the same mirror. */
export function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

/** `<base>/latest.txt`: the newest stable version, as text. */
export function latestUrl(baseUrl: string): string {
  return `${normalizeBaseUrl(baseUrl)}/latest.txt`;
}

/** The archive and md5 URLs of `version` ('nightly' included) for `arch`. */
export function releaseUrls(baseUrl: string, version: string, arch: KernelArch): ReleaseUrls {
  const stem = `${normalizeBaseUrl(baseUrl)}/${version}/${assetStem(version, arch)}`;
  return { archive: `${stem}.tar.gz`, md5: `${stem}.md5`, assetName: assetName(version, arch) };
}

/** The archive's file name, e.g. nanos-release-linux-0.1.55-virt.tar.gz for aarch64. */
export function assetName(version: string, arch: KernelArch): string {
  return `${assetStem(version, arch)}.tar.gz`;
}

/** The archive's file name without `.tar.gz`; it sits in the folder named after the version. */
function assetStem(version: string, arch: KernelArch): string {
  // aarch64 builds target QEMU's "virt" machine and carry that in their name.
  const suffix = arch === 'aarch64' ? '-virt' : '';
  return version === 'nightly'
    ? `nanos-nightly-linux${suffix}`
    : `nanos-release-linux-${version}${suffix}`;
}
