/**
 * The caches of a GitHub Actions runner: the runner tool cache (this job, and later jobs on a
 * self-hosted runner) and the Actions cache (across runs). Kept apart from cache.ts so the CLI
 * bundle does not carry @actions/cache.
 */

import { cp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as actionsCache from '@actions/cache';
import * as tc from '@actions/tool-cache';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import { type KernelCache, type KernelCacheKey, renderCacheKey } from './cache.js';

/** The runner tool cache ($RUNNER_TOOL_CACHE/<tool>/<version>/<arch>) through @actions/tool-cache. */
export function toolCache(): KernelCache {
  return {
    async find(key) {
      const dir = tc.find(key.tool, key.version, key.arch);
      return dir === '' ? undefined : dir;
    },
    save: (key, dir) => tc.cacheDir(dir, key.tool, key.version, key.arch),
  };
}

/** The part of @actions/cache this layer uses; tests pass a folder-backed stand-in. */
export interface ActionsCacheClient {
  isFeatureAvailable(): boolean;
  restoreCache(paths: string[], key: string): Promise<string | undefined>;
  /** Resolves to the cache entry's id, or -1 when the entry was not stored. */
  saveCache(paths: string[], key: string): Promise<number>;
}

export interface ActionsCacheLayerOptions {
  client?: ActionsCacheClient;
  /**
   * Where entries are staged for save and restore. The Actions cache ties an entry to its
   * path, so this must be the same in every run; os.tmpdir() is, on hosted runners.
   */
  stagingRoot?: string;
}

/**
 * Puts the Actions cache behind `inner`: find asks `inner` first, then restores from the
 * Actions cache into `inner`; save stores in `inner`, then uploads to the Actions cache unless
 * told not to share the entry. Failures of the Actions cache (service down, quota, key already
 * taken) are warnings and never fail the resolution: it only costs a download.
 */
export function actionsCacheLayer(
  inner: KernelCache,
  logger: Logger,
  options: ActionsCacheLayerOptions = {},
): KernelCache {
  const client = options.client ?? actionsCache;
  const stagingRoot = options.stagingRoot ?? os.tmpdir();
  const staged = (key: KernelCacheKey) =>
    path.join(stagingRoot, 'nanoship-kernel-cache', renderCacheKey(key));
  // The platform is part of the key because cached paths differ between runner OSes.
  const cacheKey = (key: KernelCacheKey) =>
    `nanoship-kernel-${renderCacheKey(key)}-${process.platform}`;

  return {
    async find(key) {
      const found = await inner.find(key);
      if (found !== undefined || !client.isFeatureAvailable()) return found;
      const dir = staged(key);
      try {
        if ((await client.restoreCache([dir], cacheKey(key))) === undefined) return undefined;
        logger.info(`restored the kernel from the Actions cache (key ${cacheKey(key)})`);
        return await inner.save(key, dir);
      } catch (error) {
        logger.warning(
          `the Actions cache could not restore ${cacheKey(key)}: ${errorMessage(error)}; downloading instead`,
        );
        return undefined;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    async save(key, dir, saveOptions) {
      const saved = await inner.save(key, dir, saveOptions);
      if (saveOptions?.share === false || !client.isFeatureAvailable()) return saved;
      const copy = staged(key);
      try {
        await rm(copy, { recursive: true, force: true });
        await cp(saved, copy, { recursive: true, verbatimSymlinks: true });
        // saveCache reports most failures (quota, key taken, writes not allowed) by logging
        // them itself and returning -1, not by throwing.
        const id = await client.saveCache([copy], cacheKey(key));
        logger.info(
          id === -1
            ? `the Actions cache did not store the kernel (key ${cacheKey(key)}); later runs will download it again`
            : `saved the kernel to the Actions cache (key ${cacheKey(key)})`,
        );
      } catch (error) {
        logger.warning(
          `the Actions cache could not save ${cacheKey(key)}: ${errorMessage(error)}; later runs will download again`,
        );
      } finally {
        await rm(copy, { recursive: true, force: true });
      }
      return saved;
    },
  };
}
