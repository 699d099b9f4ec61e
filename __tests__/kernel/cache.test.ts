import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import {
  type ActionsCacheClient,
  actionsCacheLayer,
  toolCache,
} from '../../src/kernel/actions-cache.js';
import { directoryCache, type KernelCacheKey } from '../../src/kernel/cache.js';
import { recordingLogger } from '../../src/log.js';
import { folderActionsCache, makeTempDir } from './fixtures.js';

const KEY: KernelCacheKey = { tool: 'nanos', version: '0.1.55', arch: 'x86_64' };

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

function kernelFolder(name: string, content = 'kernel'): string {
  const dir = path.join(temp.dir, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'kernel.img'), content);
  return dir;
}

describe('the folder cache', () => {
  test('finds nothing, then the saved folder under <tool>/<version>/<arch>', async () => {
    const cache = directoryCache(path.join(temp.dir, 'cache'));
    expect(await cache.find(KEY)).toBeUndefined();
    const saved = await cache.save(KEY, kernelFolder('extracted'));
    expect(saved).toBe(path.join(temp.dir, 'cache', 'nanos', '0.1.55', 'x86_64'));
    expect(await cache.find(KEY)).toBe(saved);
    expect(readFileSync(path.join(saved, 'kernel.img'), 'utf8')).toBe('kernel');
    expect(existsSync(path.join(temp.dir, 'extracted'))).toBe(false);
  });

  test('keeps the first entry when a second save races it', async () => {
    const cache = directoryCache(path.join(temp.dir, 'cache'));
    await cache.save(KEY, kernelFolder('first', 'first'));
    const saved = await cache.save(KEY, kernelFolder('second', 'second'));
    expect(readFileSync(path.join(saved, 'kernel.img'), 'utf8')).toBe('first');
  });
});

describe('the Actions cache layer', () => {
  const layer = (name: string, client: ActionsCacheClient, logger = recordingLogger()) =>
    actionsCacheLayer(directoryCache(path.join(temp.dir, name)), logger, {
      client,
      stagingRoot: path.join(temp.dir, 'staging'),
    });

  test('saves through to the Actions cache and restores into a fresh runner', async () => {
    const service = folderActionsCache(path.join(temp.dir, 'service'));
    await layer('runner1', service.client).save(KEY, kernelFolder('extracted'));
    const restored = await layer('runner2', service.client).find(KEY);
    expect(restored).toBe(path.join(temp.dir, 'runner2', 'nanos', '0.1.55', 'x86_64'));
    expect(readFileSync(path.join(restored!, 'kernel.img'), 'utf8')).toBe('kernel');
    expect(service.calls).toEqual([
      `save nanoship-kernel-nanos-0.1.55-x86_64-${process.platform}`,
      `restore nanoship-kernel-nanos-0.1.55-x86_64-${process.platform}`,
    ]);
    expect(
      existsSync(path.join(temp.dir, 'staging', 'nanoship-kernel-cache', 'nanos-0.1.55-x86_64')),
    ).toBe(false);
  });

  test('asks the Actions cache nothing when the inner cache has the kernel', async () => {
    const service = folderActionsCache(path.join(temp.dir, 'service'), { available: true });
    const cache = layer('runner', service.client);
    await directoryCache(path.join(temp.dir, 'runner')).save(KEY, kernelFolder('extracted'));
    expect(await cache.find(KEY)).toBeDefined();
    expect(service.calls).toEqual([]);
  });

  test('turns Actions cache failures into warnings and carries on', async () => {
    const service = folderActionsCache(path.join(temp.dir, 'service'), { failing: true });
    const logger = recordingLogger();
    const cache = layer('runner', service.client, logger);
    expect(await cache.find(KEY)).toBeUndefined();
    const saved = await cache.save(KEY, kernelFolder('extracted'));
    expect(existsSync(path.join(saved, 'kernel.img'))).toBe(true);
    const warnings = logger.lines.filter((l) => l.level === 'warning').map((l) => l.message);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('could not restore');
    expect(warnings[1]).toContain('cache service unavailable');
  });

  test('uploads nothing for a save that is not to be shared (a nightly)', async () => {
    const service = folderActionsCache(path.join(temp.dir, 'service'));
    const saved = await layer('runner', service.client).save(KEY, kernelFolder('extracted'), {
      share: false,
    });
    expect(readFileSync(path.join(saved, 'kernel.img'), 'utf8')).toBe('kernel');
    expect(service.calls).toEqual([]);
    expect(existsSync(path.join(temp.dir, 'staging'))).toBe(false);
  });

  test('says so, without a warning, when the Actions cache did not store the entry', async () => {
    const service = folderActionsCache(path.join(temp.dir, 'service'), { saveId: -1 });
    const logger = recordingLogger();
    await layer('runner', service.client, logger).save(KEY, kernelFolder('extracted'));
    const key = `nanoship-kernel-nanos-0.1.55-x86_64-${process.platform}`;
    expect(service.calls).toEqual([`save ${key}`]);
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: `the Actions cache did not store the kernel (key ${key}); later runs will download it again`,
    });
    expect(logger.lines.some((l) => l.message.startsWith('saved the kernel'))).toBe(false);
    expect(logger.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });

  test('skips the Actions cache where it is not available', async () => {
    const service = folderActionsCache(path.join(temp.dir, 'service'), { available: false });
    const cache = layer('runner', service.client);
    expect(await cache.find(KEY)).toBeUndefined();
    await cache.save(KEY, kernelFolder('extracted'));
    expect(service.calls).toEqual([]);
    rmSync(path.join(temp.dir, 'service'), { recursive: true, force: true });
  });
});

describe('the runner tool cache', () => {
  test('finds nothing, then what cacheDir stored under RUNNER_TOOL_CACHE', async () => {
    const saved = process.env.RUNNER_TOOL_CACHE;
    process.env.RUNNER_TOOL_CACHE = path.join(temp.dir, 'toolcache');
    try {
      const cache = toolCache();
      const key = { tool: 'nanos-0123456789abcdef', version: '0.1.55', arch: 'x86_64' };
      expect(await cache.find(key)).toBeUndefined();
      const dir = await cache.save(key, kernelFolder('extracted'));
      expect(dir).toBe(path.join(temp.dir, 'toolcache', key.tool, '0.1.55', 'x86_64'));
      expect(await cache.find(key)).toBe(dir);
      expect(await cache.find({ ...key, tool: 'nanos' })).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.RUNNER_TOOL_CACHE;
      else process.env.RUNNER_TOOL_CACHE = saved;
    }
  });
});
