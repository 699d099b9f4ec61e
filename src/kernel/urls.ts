import { UserError } from '../errors.js';
import type { KernelArch } from './types.js';

/** The URLs of one release, laid out like the official bucket (format spec §4.1). */
export interface ReleaseUrls {
  archive: string;
  /** The published md5 (hex digest only); Nanos' release script writes it beside the archive. */
  md5: string;
  /** The file name of the archive, which is also its key in kernel/releases.json. */
  assetName: string;
}

/** Explicit release versions look like 0.1.55; a suffix (0.1.55-rc1) is tolerated for mirrors. */
const VERSION_PATTERN = /^\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?$/;

/** True for a version string that is safe to put in a URL path and a cache folder name. */
export function isExplicitVersion(version: string): boolean {
  return VERSION_PATTERN.test(version);
}

/** Throws a UserError unless `version` is explicit, naming where the value came from. */
export function checkExplicitVersion(version: string, origin: string): void {
  if (!isExplicitVersion(version)) {
    throw new UserError(
      `${origin} gave the Nanos version '${version}', which is not a release version like 0.1.55; use an explicit version, 'latest' or 'nightly'`,
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
  const base = normalizeBaseUrl(baseUrl);
  // aarch64 builds target QEMU's "virt" machine and carry that in their name.
  const suffix = arch === 'aarch64' ? '-virt' : '';
  const stem =
    version === 'nightly'
      ? `nightly/nanos-nightly-linux${suffix}`
      : `${version}/nanos-release-linux-${version}${suffix}`;
  const assetName = stem.slice(stem.lastIndexOf('/') + 1);
  return {
    archive: `${base}/${stem}.tar.gz`,
    md5: `${base}/${stem}.md5`,
    assetName: `${assetName}.tar.gz`,
  };
}
