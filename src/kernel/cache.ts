import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { OFFICIAL_KERNEL_BASE_URL } from '../constants.js';
import { cp, mkdir, rename, rm } from '../files.js';
import { isDirectory } from '../fs-checks.js';
import { normalizeBaseUrl } from './urls.js';

/**
 * Identifies one cached kernel. `tool` folds in where it came from: the official bucket is
 * plain "nanos", every mirror gets its own "nanos-<hash of base URL>", so a mirror's build of
 * 0.1.55 never answers for the official one (or the other way round).
 */
export interface KernelCacheKey {
  tool: string;
  version: string;
  arch: string;
}

/** How one entry is saved. */
export interface KernelCacheSaveOptions {
  /**
   * False keeps the entry on this machine: a cache shared across runs (the Actions cache)
   * does not upload it. For entries nothing ever looks up again, such as a nightly, whose
   * download is never answered from the cache. Default true.
   */
  share?: boolean;
}

/** Where verified, extracted kernels are kept between resolutions. */
export interface KernelCache {
  /** The cached directory for `key`, or undefined when there is none. */
  find(key: KernelCacheKey): Promise<string | undefined>;
  /** Stores the contents of `dir` under `key` and returns the cached directory (which may be `dir` moved). */
  save(key: KernelCacheKey, dir: string, options?: KernelCacheSaveOptions): Promise<string>;
}

/** The cache key of `version`/`arch` downloaded from `baseUrl`. */
export function kernelCacheKey(version: string, arch: string, baseUrl: string): KernelCacheKey {
  const base = normalizeBaseUrl(baseUrl);
  if (base === normalizeBaseUrl(OFFICIAL_KERNEL_BASE_URL)) return { tool: 'nanos', version, arch };
  const hash = createHash('sha256').update(base).digest('hex').slice(0, 16);
  return { tool: `nanos-${hash}`, version, arch };
}

/** The key as one string, for caches keyed by text (the Actions cache) and for log lines. */
export function renderCacheKey(key: KernelCacheKey): string {
  return `${key.tool}-${key.version}-${key.arch}`;
}

/**
 * A cache of plain folders, `<rootDir>/<tool>/<version>/<arch>`, for the CLI. Saving moves the
 * directory in with one rename, so a reader sees either no entry or a complete one; when two
 * processes race, the first one's entry wins and the second one's copy is discarded.
 */
export function directoryCache(rootDir: string): KernelCache {
  const entryDir = (key: KernelCacheKey) => path.join(rootDir, key.tool, key.version, key.arch);
  return {
    async find(key) {
      const dir = entryDir(key);
      return (await isDirectory(dir)) ? dir : undefined;
    },
    async save(key, dir) {
      const target = entryDir(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Stage beside the target so the final rename never crosses file systems.
      const staging = `${target}.partial-${randomBytes(6).toString('hex')}`;
      try {
        await moveDirectory(dir, staging);
        await rename(staging, target);
      } catch (error) {
        if (!(await isDirectory(target))) throw error;
      } finally {
        await rm(staging, { recursive: true, force: true });
      }
      return target;
    },
  };
}

/** Renames `from` to `to`, copying when they are on different file systems. */
async function moveDirectory(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
    await rm(from, { recursive: true, force: true });
  }
}
