import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { directoryCache } from '../../src/kernel/cache.js';
import { resolveKernel } from '../../src/kernel/index.js';
import { withLocalDigest } from '../../src/kernel/kernel-dir.js';
import type { KernelArch } from '../../src/kernel/types.js';
import { recordingLogger } from '../../src/log.js';
import { buildElf } from '../image/elf-fixture.js';
import { makeTempDir, sha256, writeReleaseFiles } from './fixtures.js';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

/** Resolves a local kernel directory; the base URL points nowhere, so any request would fail. */
function resolveLocal(localDir: string, arch: KernelArch = 'x86_64') {
  return resolveKernel(
    { version: 'latest', baseUrl: 'http://127.0.0.1:9/unused', localDir, arch },
    { cache: directoryCache(path.join(temp.dir, 'cache')), logger: recordingLogger() },
  );
}

describe('a local kernel directory', () => {
  test('is used as it is, without hashing kernel.img (a build does not need its digest)', async () => {
    const dir = path.join(temp.dir, 'kernel');
    mkdirSync(dir);
    writeReleaseFiles(dir);
    const toolchain = await resolveLocal(dir);
    expect(toolchain).toEqual({
      version: 'local',
      source: 'local',
      dir,
      kernelImg: path.join(dir, 'kernel.img'),
      bootImg: path.join(dir, 'boot.img'),
      uefiLoader: path.join(dir, 'bootx64.efi'),
      klibsDir: path.join(dir, 'klibs'),
      klibs: ['ntp', 'tls'],
    });
  });

  test('gets the sha256 of kernel.img when it is to be shown', async () => {
    const dir = path.join(temp.dir, 'kernel');
    mkdirSync(dir);
    writeReleaseFiles(dir);
    const toolchain = await withLocalDigest(await resolveLocal(dir));
    expect(toolchain.sha256).toBe(sha256(readFileSync(path.join(dir, 'kernel.img'))));
  });

  test('needs no boot.img on aarch64', async () => {
    const dir = path.join(temp.dir, 'kernel');
    mkdirSync(dir);
    writeReleaseFiles(dir, { bootImg: false });
    const toolchain = await resolveLocal(dir, 'aarch64');
    expect(toolchain.bootImg).toBeUndefined();
    expect(toolchain.uefiLoader).toBeUndefined();
  });

  test.each([
    ['kernel.img', { kernelImg: false }],
    ['boot.img', { bootImg: false }],
  ] as const)(
    'without %s fails naming the folder, the file and how to build it',
    async (missing, files) => {
      const dir = path.join(temp.dir, 'kernel');
      mkdirSync(dir);
      writeReleaseFiles(dir, files);
      const error = (await resolveLocal(dir).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(UserError);
      expect(error.message).toContain(`the kernel directory ${dir} has no ${missing}`);
      expect(error.message).toContain('build Nanos from source');
    },
  );

  test.each([
    { machine: 62, arch: 'aarch64' as const, built: 'x86_64' },
    { machine: 183, arch: 'x86_64' as const, built: 'aarch64' },
  ])(
    'whose kernel.img is an ELF for $built, used with arch $arch, is refused naming both',
    async ({ machine, arch, built }) => {
      const dir = path.join(temp.dir, 'kernel');
      mkdirSync(dir);
      writeReleaseFiles(dir);
      writeFileSync(path.join(dir, 'kernel.img'), buildElf({ machine, type: 2, noDynamic: true }));
      await expect(resolveLocal(dir, arch)).rejects.toThrow(
        `the kernel directory ${dir} holds a kernel built for ${built}, but arch is ${arch}`,
      );
    },
  );

  test('that does not exist fails naming the folder', async () => {
    const dir = path.join(temp.dir, 'missing');
    await expect(resolveLocal(dir)).rejects.toThrow(
      `the kernel directory ${dir} (--kernel-dir / input kernel-dir) does not exist`,
    );
  });
});
