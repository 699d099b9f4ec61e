// Which machine the smoke test boots an image on, read from images the disk writer makes: the
// architecture and firmware follow the image's boot loaders, and impossible combinations are
// refused before QEMU starts.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { writeImage } from '../../src/image/disk.js';
import { emptyDirectory, insertNode, type RootFilesystem } from '../../src/image/tree.js';
import { resolveGuestMachine } from '../../src/smoke/guest-machine.js';
import type { SmokeOptions } from '../../src/smoke/types.js';
import { buildElf } from '../image/elf-fixture.js';
import { syntheticBootImage, writePatternFile } from '../image/image-fixtures.js';

let dir: string;
const images = { bios: '', hybrid: '', arm: '' };
const uefiFirmware = { code: '/fw/code.fd', vars: '/fw/vars.fd' };
let x86Kernel: string;
let armKernel: string;

function root(): RootFilesystem {
  const tree = emptyDirectory();
  insertNode(tree, '/hello', { kind: 'file', source: { kind: 'bytes', bytes: Buffer.from('hi') } });
  return { tree, manifest: new Map([['program', '/hello']]) };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-guest-machine-'));
  x86Kernel = join(dir, 'kernel-x86.img');
  armKernel = join(dir, 'kernel-arm.img');
  await writeFile(x86Kernel, buildElf({ machine: 62, type: 2, noDynamic: true }));
  await writeFile(armKernel, buildElf({ machine: 183, type: 2, noDynamic: true }));
  const bootImg = join(dir, 'boot.img');
  await writeFile(bootImg, syntheticBootImage());
  const loader = join(dir, 'loader.efi');
  await writePatternFile(loader, 4096, 1);
  const base = { kernelImg: x86Kernel, klibs: [], root: root() };
  images.bios = (await writeImage({ ...base, bootImg }, join(dir, 'bios.img'))).path;
  images.hybrid = (
    await writeImage(
      { ...base, bootImg, uefiLoader: { arch: 'x86_64', path: loader } },
      join(dir, 'hybrid.img'),
    )
  ).path;
  images.arm = (
    await writeImage(
      { ...base, kernelImg: armKernel, uefiLoader: { arch: 'aarch64', path: loader } },
      join(dir, 'arm.img'),
    )
  ).path;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(overrides: Partial<SmokeOptions>): SmokeOptions {
  return {
    image: images.bios,
    bootMode: 'disk',
    accel: 'tcg',
    memoryMiB: 256,
    cpus: 1,
    probes: [],
    timeoutMs: 1000,
    consoleLog: join(dir, 'console.log'),
    uefiFirmware,
    ...overrides,
  };
}

describe('resolveGuestMachine', () => {
  test('a BIOS image boots on x86 through BIOS', async () => {
    expect(await resolveGuestMachine(options({}))).toEqual({
      arch: 'x86_64',
      firmware: 'bios',
      uefi: undefined,
      binary: 'qemu-system-x86_64',
    });
  });

  test('a hybrid image boots through UEFI by default, as clouds boot it', async () => {
    expect(await resolveGuestMachine(options({ image: images.hybrid }))).toEqual({
      arch: 'x86_64',
      firmware: 'uefi',
      uefi: uefiFirmware,
      binary: 'qemu-system-x86_64',
    });
  });

  test('a hybrid image boots through its BIOS loader when asked', async () => {
    const machine = await resolveGuestMachine(options({ image: images.hybrid, firmware: 'bios' }));
    expect(machine).toMatchObject({ arch: 'x86_64', firmware: 'bios', uefi: undefined });
  });

  test('an arm64 image boots on qemu-system-aarch64 through UEFI', async () => {
    expect(await resolveGuestMachine(options({ image: images.arm }))).toEqual({
      arch: 'aarch64',
      firmware: 'uefi',
      uefi: uefiFirmware,
      binary: 'qemu-system-aarch64',
    });
  });

  test('a given QEMU binary is used whatever the architecture', async () => {
    const machine = await resolveGuestMachine(
      options({ image: images.arm, qemuBinary: '/opt/qemu/bin/qemu-system-aarch64' }),
    );
    expect(machine.binary).toBe('/opt/qemu/bin/qemu-system-aarch64');
  });

  test.each([
    {
      name: 'an arm64 image',
      image: () => images.arm,
      firmware: 'bios' as const,
      message: 'boots through UEFI only (it has no BIOS boot loader)',
    },
    {
      name: 'a BIOS image',
      image: () => images.bios,
      firmware: 'uefi' as const,
      message:
        'has no EFI System Partition, so it cannot be booted with UEFI firmware; build it with uefi: true (--uefi).',
    },
  ])('$name with firmware $firmware is refused', async ({ image, firmware, message }) => {
    const error = await resolveGuestMachine(options({ image: image(), firmware })).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain(message);
  });

  test("direct boot takes the kernel's architecture", async () => {
    const machine = await resolveGuestMachine(
      options({ image: images.arm, bootMode: 'direct', kernelImg: armKernel }),
    );
    expect(machine).toEqual({ arch: 'aarch64', binary: 'qemu-system-aarch64' });
  });

  test('direct boot of an image with a kernel of another architecture names both', async () => {
    const error = await resolveGuestMachine(
      options({ image: images.arm, bootMode: 'direct', kernelImg: x86Kernel }),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      `The kernel ${x86Kernel} is an x86_64 kernel but ${images.arm} is an aarch64 image: use the kernel the image was built with (--kernel-dir / --arch).`,
    );
  });
});
