/**
 * The kernel toolchain on a real Nanos build: the directory named by NANOS_KERNEL_DIR used as a
 * local kernel, and packed like an official release, served from 127.0.0.1, downloaded,
 * verified and cached.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { directoryCache } from '../../src/kernel/cache.js';
import { resolveKernel } from '../../src/kernel/index.js';
import { recordingLogger } from '../../src/log.js';
import { makeTempDir, type ReleaseServer, serveRelease, startReleaseServer } from './fixtures.js';

const kernelDir = process.env.NANOS_KERNEL_DIR;
const describeWithKernel = kernelDir ? describe : describe.skip;
if (!kernelDir) {
  console.warn('skipping real-kernel toolchain tests: NANOS_KERNEL_DIR is not set');
}

describeWithKernel('a real Nanos kernel build', () => {
  const dir = kernelDir ?? '';
  let temp: ReturnType<typeof makeTempDir>;
  let server: ReleaseServer;
  beforeAll(async () => {
    temp = makeTempDir();
    server = await startReleaseServer();
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  test('is usable as a local kernel directory with its klibs listed', async () => {
    const toolchain = await resolveKernel(
      { version: 'latest', baseUrl: server.baseUrl, localDir: dir, arch: 'x86_64' },
      { cache: directoryCache(path.join(temp.dir, 'cache')), logger: recordingLogger() },
    );
    expect(toolchain.source).toBe('local');
    expect(toolchain.klibs).toEqual(readdirSync(path.join(dir, 'klibs')).sort());
    expect(server.requests).toEqual([]);
  });

  test('packed like an official release, downloads, verifies and extracts byte for byte', async () => {
    const archivePath = path.join(temp.dir, 'release.tar.gz');
    const names = readdirSync(dir);
    await promisify(execFile)('tar', ['-C', dir, '-czf', archivePath, ...names]);
    serveRelease(server, '0.0.1', readFileSync(archivePath));
    const toolchain = await resolveKernel(
      { version: '0.0.1', baseUrl: server.baseUrl, arch: 'x86_64' },
      {
        cache: directoryCache(path.join(temp.dir, 'cache')),
        logger: recordingLogger(),
        releases: {},
      },
    );
    expect(toolchain.source).toBe('download');
    expect(
      readFileSync(toolchain.kernelImg).equals(readFileSync(path.join(dir, 'kernel.img'))),
    ).toBe(true);
    expect(readFileSync(toolchain.bootImg!).equals(readFileSync(path.join(dir, 'boot.img')))).toBe(
      true,
    );
  });
});
