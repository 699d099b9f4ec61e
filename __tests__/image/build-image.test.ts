// The image stage's own checks on the kernel it is given, with a fake kernel directory.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { buildImage } from '../../src/image/index.js';
import type { Toolchain } from '../../src/kernel/types.js';
import { planBuild } from '../../src/plan/build-plan.js';
import type { OpsConfig } from '../../src/plan/config.js';
import { cliOptionName, emptyOptions } from '../../src/plan/options.js';
import { buildElf } from './elf-fixture.js';
import { syntheticBootImage } from './image-fixtures.js';

let dir: string;
let kernelDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-build-image-'));
  kernelDir = join(dir, 'kernel');
  await mkdir(join(kernelDir, 'klibs'), { recursive: true });
  await writeFile(join(kernelDir, 'kernel.img'), 'not a real kernel');
  await writeFile(join(kernelDir, 'klibs', 'ntp'), 'not a real klib');
  await writeFile(join(dir, 'server'), buildElf({ type: 2, noDynamic: true }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A local kernel directory as resolveKernel describes it; boot.img only when asked. */
async function toolchain(withBootImg: boolean): Promise<Toolchain> {
  const bootImg = join(kernelDir, 'boot.img');
  if (withBootImg) await writeFile(bootImg, syntheticBootImage());
  return {
    version: 'local',
    dir: kernelDir,
    kernelImg: join(kernelDir, 'kernel.img'),
    ...(withBootImg ? { bootImg } : {}),
    klibsDir: join(kernelDir, 'klibs'),
    klibs: ['ntp'],
    source: 'local',
  };
}

async function build(config: OpsConfig, withBootImg: boolean): Promise<Error> {
  const options = { ...emptyOptions(), program: 'server', caBundle: 'none' };
  const plan = await planBuild(options, config, { cwd: dir, namer: cliOptionName });
  const error = await buildImage(plan, await toolchain(withBootImg), { arch: 'x86_64' }).catch(
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserError);
  expect(existsSync(plan.output)).toBe(false); // nothing half-written
  return error as Error;
}

describe('buildImage', () => {
  test('refuses a kernel without boot.img', async () => {
    expect((await build({}, false)).message).toBe(
      `The kernel in ${kernelDir} has no boot.img, which a bootable x86_64 disk needs. Use a complete Nanos release or kernel directory.`,
    );
  });

  test('refuses a klib the kernel does not ship', async () => {
    expect((await build({ Klibs: ['tls'] }, true)).message).toBe(
      `Klib "tls" is not in the kernel's klibs/ (${join(kernelDir, 'klibs')}); available: ntp. Remove it from Klibs or use a kernel that ships it.`,
    );
  });
});
