import { UserError } from '../errors.js';
import type { Logger } from '../log.js';
import { type DownloadedFile, type DownloadOptions, fetchText, HttpError } from './download.js';
import { findKnownAsset, type KnownReleases } from './releases.js';
import type { KernelArch } from './types.js';
import type { ReleaseUrls } from './urls.js';

/** A digest the archive must have, and who said so (for messages). */
export interface Expectation {
  algorithm: 'sha256' | 'md5';
  digest: string;
  source: string;
}

/** What decides the integrity policy for one archive. */
export interface IntegrityInput {
  version: string;
  arch: KernelArch;
  urls: ReleaseUrls;
  releases: KnownReleases;
  /** The sha256 the user pinned, if any. */
  userSha256?: string;
}

/** The recurring advice: pin the archive's digest. */
const pinHint = (digest: string) => `pin it with --kernel-sha256 ${digest} (input kernel-sha256)`;

/**
 * The sha256 digests pinned for an archive: its entry in releases.json and the user's
 * `kernel-sha256`, each when present. A download and a cached kernel must match all of them.
 */
export function pinnedDigests(
  input: Pick<IntegrityInput, 'version' | 'arch' | 'releases' | 'userSha256'>,
): Expectation[] {
  const expectations: Expectation[] = [];
  const known = findKnownAsset(input.releases, input.version, input.arch);
  if (known !== undefined) {
    expectations.push({
      algorithm: 'sha256',
      digest: known.sha256,
      source: 'kernel/releases.json',
    });
  }
  if (input.userSha256 !== undefined) {
    expectations.push({
      algorithm: 'sha256',
      digest: input.userSha256.toLowerCase(),
      source: '--kernel-sha256',
    });
  }
  return expectations;
}

/**
 * The digests an archive must match: the pinned sha256 digests (see `pinnedDigests`), or when
 * there are none the .md5 published beside the archive (fetched here). Throws a UserError when
 * there is nothing to check against.
 */
export async function expectedDigests(
  input: IntegrityInput,
  options: DownloadOptions,
): Promise<Expectation[]> {
  const pinned = pinnedDigests(input);
  if (pinned.length > 0) return pinned;
  return [
    { algorithm: 'md5', digest: await fetchPublishedMd5(input, options), source: input.urls.md5 },
  ];
}

/**
 * Checks a downloaded archive against every expectation. On a mismatch a UserError names the
 * URL, the expected and the actual digest; the caller, which downloads into a scratch folder it
 * always removes, discards the file. When only an md5 vouched for the archive, warns with its
 * sha256 so the user can pin it.
 */
export async function verifyDownload(
  file: DownloadedFile,
  expectations: Expectation[],
  url: string,
  logger: Logger,
): Promise<void> {
  for (const expected of expectations) {
    const actual = expected.algorithm === 'sha256' ? file.sha256 : file.md5;
    if (actual !== expected.digest) {
      throw new UserError(
        `${expected.algorithm} mismatch for ${url}: expected ${expected.digest} (from ${expected.source}), got ${actual}; the download was discarded and nothing was cached. If the mirror is right, the pinned digest is wrong; otherwise the file was altered in transit or at the source`,
      );
    }
    logger.info(`verified ${expected.algorithm} ${actual} (from ${expected.source})`);
  }
  if (expectations.every((e) => e.algorithm === 'md5')) {
    logger.warning(
      `${url} is not in nanoship's kernel/releases.json and no sha256 was given, so it was checked only against the published md5; its sha256 is ${file.sha256}: ${pinHint(file.sha256)}`,
    );
  }
}

async function fetchPublishedMd5(input: IntegrityInput, options: DownloadOptions): Promise<string> {
  let text: string;
  try {
    text = await fetchText(input.urls.md5, options);
  } catch (error) {
    if (error instanceof HttpError && (error.status === 404 || error.status === 403)) {
      throw new UserError(
        `nanoship knows no sha256 for Nanos ${input.version} (${input.arch}), none was given, and there is no ${input.urls.md5} to fall back on; ${pinHint(`<sha256 of ${input.urls.archive}>`)}`,
        { cause: error },
      );
    }
    throw error;
  }
  // The file holds the bare hex digest; tolerate md5sum's "<digest>  <name>" form too.
  const digest = text.split(/\s+/)[0]?.toLowerCase() ?? '';
  if (!/^[0-9a-f]{32}$/.test(digest)) {
    throw new UserError(
      `${input.urls.md5} does not hold an md5 digest (got '${text.slice(0, 80)}'); ${pinHint('<sha256>')}`,
    );
  }
  return digest;
}
