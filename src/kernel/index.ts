/**
 * The kernel toolchain: turns a KernelRequest into a verified Nanos kernel on disk.
 *
 *   const toolchain = await resolveKernel(
 *     { version: 'latest', baseUrl: OFFICIAL_KERNEL_BASE_URL, arch: 'x86_64' },
 *     { cache: directoryCache('/home/me/.cache/nanoship/kernels'), logger },
 *   );
 *   toolchain.version;   // '0.1.55', the version 'latest' resolved to
 *   toolchain.kernelImg; // '/home/me/.cache/nanoship/kernels/nanos/0.1.55/x86_64/kernel.img'
 *   toolchain.source;    // 'download' the first time, 'cache' after that
 */
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';
import { mkdir, mkdtemp, rm } from '../files.js';
import { DEFAULT_RETRY } from '../retry.js';
import { type KernelCacheKey, kernelCacheKey } from './cache.js';
import {
  type DownloadedFile,
  type DownloadOptions,
  describeDownloadFailure,
  downloadFile,
  fetchText,
  HttpError,
} from './download.js';
import { expectedDigests, pinnedDigests, verifyDownload } from './integrity.js';
import {
  describeKernelDir,
  readProvenance,
  useLocalKernel,
  writeProvenance,
} from './kernel-dir.js';
import { defaultKnownReleases, type KnownReleases, knownVersions } from './releases.js';
import { KERNEL_ARCHES, type KernelDeps, type KernelRequest, type Toolchain } from './types.js';
import { checkExplicitVersion, latestUrl, type ReleaseUrls, releaseUrls } from './urls.js';

export type { KernelCache, KernelCacheKey } from './cache.js';
export { directoryCache, kernelCacheKey } from './cache.js';
export type { KernelArch, KernelDeps, KernelRequest, Toolchain } from './types.js';

const RELEASES_PAGE = 'https://github.com/nanovms/nanos/releases';

/**
 * Resolves `request` to a kernel directory: a local directory as is; otherwise the version
 * ('latest' via latest.txt) is looked up in the cache and, on a miss, downloaded with
 * retries, verified (kernel/releases.json sha256, else the user's sha256, else the published
 * md5 with a warning), extracted and saved to the cache. A cache hit makes no request for an
 * explicit version. Throws a UserError for every failure a user can fix.
 */
export async function resolveKernel(request: KernelRequest, deps: KernelDeps): Promise<Toolchain> {
  checkArch(request.arch);
  if (request.localDir !== undefined) {
    deps.logger.info(`using the local kernel directory ${request.localDir}`);
    return useLocalKernel(request.localDir, request.arch);
  }
  const version = await resolveVersion(request, deps);
  const urls = releaseUrls(request.baseUrl, version, request.arch);
  // A nightly changes under the same name, so it is always fetched; see downloadRelease.
  const key = kernelCacheKey(version, request.arch, request.baseUrl);
  const cached = version === 'nightly' ? undefined : await deps.cache.find(key);
  if (cached !== undefined) return useCachedKernel(cached, version, request, urls, deps);
  return downloadRelease(version, request, urls, key, deps);
}

/** The explicit version to use: as given, or read from `<base>/latest.txt`. */
async function resolveVersion(request: KernelRequest, deps: KernelDeps): Promise<string> {
  if (request.version === 'nightly') {
    deps.logger.warning(
      'kernel version "nightly" cannot be pinned: each run may get a different kernel. Use an explicit version such as 0.1.55 for reproducible images',
    );
    return 'nightly';
  }
  if (request.version !== 'latest') {
    checkExplicitVersion(
      request.version,
      // The plan names the exact source when it checks the same pattern; this guards the URL.
      '--kernel-version (input kernel-version) or NanosVersion in config.json',
      "use an explicit version, 'latest' or 'nightly'",
    );
    return request.version;
  }
  const url = latestUrl(request.baseUrl);
  const version = await fetchOrExplain(url, () => fetchText(url, downloadOptions(deps)), {
    notFound: `there is no ${url}, so "latest" cannot be resolved; check --kernel-base-url (input kernel-base-url) or give an explicit version`,
    attempts: retryAttempts(deps),
  });
  checkExplicitVersion(
    version,
    url,
    'check --kernel-base-url (input kernel-base-url) or give an explicit version',
  );
  deps.logger.info(`resolved latest to ${version}`);
  return version;
}

async function useCachedKernel(
  dir: string,
  version: string,
  request: KernelRequest,
  urls: ReleaseUrls,
  deps: KernelDeps,
): Promise<Toolchain> {
  // Asked together: a cache hit is the start of most builds.
  const [{ missing, ...files }, provenance] = await Promise.all([
    describeKernelDir(dir, request.arch),
    readProvenance(dir),
  ]);
  if (missing.length > 0) {
    throw new UserError(`the cached kernel ${dir} is incomplete; delete that folder and run again`);
  }
  // The cache was verified when it was filled, but perhaps against a weaker check (an .md5)
  // or another pin: a digest required now must be the one the cached archive had.
  const releases = deps.releases ?? defaultKnownReleases();
  const pins = pinnedDigests({ version, arch: request.arch, releases, userSha256: request.sha256 });
  const unmet = pins.find((pin) => pin.digest !== provenance?.sha256);
  if (unmet !== undefined) {
    throw new UserError(
      `the cached kernel ${dir} came from an archive with sha256 ${provenance?.sha256 ?? 'unknown'}, but ${unmet.digest} is required (from ${unmet.source}); delete that folder to download and verify it again`,
    );
  }
  deps.logger.info(`using Nanos ${version} (${request.arch}) from the cache: ${dir}`);
  return {
    ...files,
    version,
    sha256: provenance?.sha256,
    url: provenance?.url ?? urls.archive,
    source: 'cache',
  };
}

/** Download → verify → extract → cache, in a scratch folder that is always removed. */
async function downloadRelease(
  version: string,
  request: KernelRequest,
  urls: ReleaseUrls,
  key: KernelCacheKey,
  deps: KernelDeps,
): Promise<Toolchain> {
  const scratchRoot = deps.tempDir ?? os.tmpdir();
  await mkdir(scratchRoot, { recursive: true });
  const scratch = await mkdtemp(path.join(scratchRoot, 'nanoship-kernel-'));
  try {
    const archive = await fetchVerifiedArchive(version, request, urls, scratch, deps);
    const extracted = path.join(scratch, 'kernel');
    await mkdir(extracted);
    // Loaded here: the tar and stream modules are start-up cost for every build that finds
    // its kernel in the cache or a local directory.
    const { extractTarGz } = await import('./tar-extract.js');
    await extractTarGz(archive.path, extracted, urls.archive);
    const { missing } = await describeKernelDir(extracted, request.arch);
    if (missing[0] !== undefined) {
      throw new UserError(
        `the archive ${urls.archive} has no ${missing[0]}, so it is not a Nanos ${request.arch} release; check the version and --kernel-base-url`,
      );
    }
    await writeProvenance(extracted, { version, url: urls.archive, sha256: archive.sha256 });
    const dir = await saveToCache(version, archive.sha256, key, extracted, deps);
    deps.logger.info(`cached Nanos ${version} (${request.arch}) at ${dir}`);
    const { missing: _checkedAbove, ...files } = await describeKernelDir(dir, request.arch);
    return { ...files, version, sha256: archive.sha256, url: urls.archive, source: 'download' };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Saves an extracted kernel. A nightly is kept under its digest, so a new nightly never
 * answers for an old one, and only on this machine: it is downloaded again every run (see
 * resolveKernel), so a copy in a shared cache would only cost upload time and quota.
 */
function saveToCache(
  version: string,
  sha256: string,
  key: KernelCacheKey,
  extracted: string,
  deps: KernelDeps,
): Promise<string> {
  if (version !== 'nightly') return deps.cache.save(key, extracted);
  return deps.cache.save({ ...key, version: `nightly-${sha256.slice(0, 12)}` }, extracted, {
    share: false,
  });
}

/**
 * Downloads the archive into `scratch` and checks it against the integrity policy. The
 * expected digests are settled after the download, so that a missing version reads "not
 * found" rather than "no .md5".
 */
async function fetchVerifiedArchive(
  version: string,
  request: KernelRequest,
  urls: ReleaseUrls,
  scratch: string,
  deps: KernelDeps,
): Promise<DownloadedFile> {
  const releases = deps.releases ?? defaultKnownReleases();
  const attempts = retryAttempts(deps);
  deps.logger.info(`downloading ${urls.archive}`);
  const archive = await fetchOrExplain(
    urls.archive,
    () => downloadFile(urls.archive, path.join(scratch, urls.assetName), downloadOptions(deps)),
    { notFound: versionNotFound(version, urls.archive, releases), attempts },
  );
  const input = { version, arch: request.arch, urls, releases, userSha256: request.sha256 };
  const expectations = await fetchOrExplain(
    urls.md5,
    () => expectedDigests(input, downloadOptions(deps)),
    { attempts },
  );
  await verifyDownload(archive, expectations, urls.archive, deps.logger);
  return archive;
}

/** Runs a fetch and turns its failure into a UserError (404 → `notFound` when given). */
async function fetchOrExplain<T>(
  url: string,
  fetchIt: () => Promise<T>,
  explain: { notFound?: string; attempts: number },
): Promise<T> {
  try {
    return await fetchIt();
  } catch (error) {
    if (error instanceof HttpError && error.status === 404 && explain.notFound !== undefined) {
      throw new UserError(explain.notFound, { cause: error });
    }
    throw describeDownloadFailure(error, url, explain.attempts) ?? error;
  }
}

function versionNotFound(version: string, url: string, releases: KnownReleases): string {
  const known = knownVersions(releases).slice(0, 5);
  const list =
    known.length > 0
      ? `nanoship knows ${known.join(', ')}; all releases: ${RELEASES_PAGE}`
      : RELEASES_PAGE;
  return `Nanos version ${version} not found at ${url}; check the version (list: ${list}) or --kernel-base-url (input kernel-base-url)`;
}

function checkArch(arch: string): void {
  if (!(KERNEL_ARCHES as readonly string[]).includes(arch)) {
    throw new UserError(
      `Nanos kernels are published for ${KERNEL_ARCHES.join(' and ')}, not '${arch}'; choose one of those architectures`,
    );
  }
}

function downloadOptions(deps: KernelDeps): DownloadOptions {
  return { logger: deps.logger, retry: deps.retry };
}

function retryAttempts(deps: KernelDeps): number {
  return (deps.retry ?? DEFAULT_RETRY).attempts;
}
