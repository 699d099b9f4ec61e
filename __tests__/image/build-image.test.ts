// The image stage's own checks on the kernel it is given, with a fake kernel directory.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { ESP_BYTES } from '../../src/image/esp.js';
import { buildImage } from '../../src/image/index.js';
import { inspectImage } from '../../src/image/inspect.js';
import type { KernelArch, Toolchain } from '../../src/kernel/types.js';
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
  await writeFile(join(dir, 'arm-server'), buildElf({ type: 2, noDynamic: true, machine: 183 }));
  await writeFile(join(dir, 'bootx64.efi'), 'MZ an x86-64 UEFI loader');
  await writeFile(join(dir, 'bootaa64.efi'), 'MZ an arm64 UEFI loader');
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

/** Builds `program` for `arch` with a kernel that has the given loaders. */
async function buildWith(
  arch: KernelArch,
  program: string,
  loaders: { bootImg: boolean; uefiLoader?: string },
  fields: { uefi?: string } = {},
  config: OpsConfig = {},
) {
  const options = {
    ...emptyOptions(),
    program,
    caBundle: 'none',
    imageName: `${program}-${arch}`,
    ...fields,
  };
  const plan = await planBuild(options, config, { cwd: dir, namer: cliOptionName });
  const kernel = await toolchain(loaders.bootImg);
  const uefiLoader = loaders.uefiLoader && join(dir, loaders.uefiLoader);
  return buildImage(plan, { ...kernel, ...(uefiLoader ? { uefiLoader } : {}) }, { arch });
}

describe('which loaders an image gets', () => {
  test('x86_64 by default: BIOS only, even when the release has bootx64.efi', async () => {
    const image = await buildWith('x86_64', 'server', { bootImg: true, uefiLoader: 'bootx64.efi' });
    expect(image).toMatchObject({ arch: 'x86_64', bootMode: 'bios' });
    expect(image.espOffsetBytes).toBeUndefined();
  });

  test('x86_64 with --uefi: a hybrid with BOOTX64.EFI next to boot.img', async () => {
    const image = await buildWith(
      'x86_64',
      'server',
      { bootImg: true, uefiLoader: 'bootx64.efi' },
      { uefi: 'true' },
    );
    expect(image).toMatchObject({ arch: 'x86_64', bootMode: 'hybrid' });
    const inspection = await inspectImage(image.path);
    expect(inspection.esp?.entries.at(-1)).toMatchObject({ path: 'EFI/BOOT/BOOTX64.EFI' });
    expect(inspection.bootfs!.offsetBytes - inspection.esp!.offsetBytes).toBe(ESP_BYTES);
  });

  test('config.json Uefi: true does the same', async () => {
    const image = await buildWith(
      'x86_64',
      'server',
      { bootImg: true, uefiLoader: 'bootx64.efi' },
      {},
      { Uefi: true },
    );
    expect(image.bootMode).toBe('hybrid');
  });

  test('aarch64: always UEFI, BOOTAA64.EFI behind the boot stub, no boot.img needed', async () => {
    const image = await buildWith('aarch64', 'arm-server', {
      bootImg: false,
      uefiLoader: 'bootaa64.efi',
    });
    expect(image).toMatchObject({ arch: 'aarch64', bootMode: 'uefi', espOffsetBytes: 512 + 4096 });
    expect((await inspectImage(image.path)).boot).toEqual({ mode: 'uefi', arch: 'aarch64' });
  });

  test('config.json UefiBoot replaces the release loader', async () => {
    const image = await buildWith(
      'aarch64',
      'arm-server',
      { bootImg: false },
      {},
      { UefiBoot: 'bootaa64.efi' },
    );
    expect(image.bootMode).toBe('uefi');
  });
});

describe('buildImage', () => {
  test('refuses an aarch64 kernel without bootaa64.efi, saying arm64 boots through UEFI only', async () => {
    const error = await buildWith('aarch64', 'arm-server', { bootImg: false }).catch(
      (caught: Error) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^The kernel in ${kernelDir} has no bootaa64\\.efi, which every aarch64 image needs: arm64 machines boot through UEFI only\\.`,
      ),
    );
  });

  test('refuses --uefi on x86_64 with a kernel that has no bootx64.efi', async () => {
    const error = await buildWith('x86_64', 'server', { bootImg: true }, { uefi: 'true' }).catch(
      (caught: Error) => caught,
    );
    expect((error as Error).message).toContain(
      'has no bootx64.efi, which a UEFI (uefi: true) x86_64 image needs',
    );
  });

  test('refuses config.json Boot for aarch64', async () => {
    const error = await buildWith(
      'aarch64',
      'arm-server',
      { bootImg: false, uefiLoader: 'bootaa64.efi' },
      {},
      { Boot: 'boot.img' },
    ).catch((caught: Error) => caught);
    expect((error as Error).message).toContain(
      'aarch64 images boot through UEFI only. Remove Boot',
    );
  });

  test('refuses an x86_64 program for arch aarch64, naming both', async () => {
    const error = await buildWith('aarch64', 'server', {
      bootImg: false,
      uefiLoader: 'bootaa64.efi',
    }).catch((caught: Error) => caught);
    expect((error as Error).message).toMatch(
      /^program server is built for x86_64 but arch is aarch64: build it for aarch64 Linux/,
    );
  });

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
