// Host setup changes a runner only when it is GitHub-hosted. The sudo commands are recorded,
// not run (they would install packages and write a udev rule on this machine); `command -v`
// and `test -f` are answered from a list of installed programs and files.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  type Exec,
  ensureKvmAccess,
  ensureSmokePackages,
  SMOKE_PACKAGES,
  type SmokeTarget,
  smokeTargetOf,
} from '../../src/action/host-setup.js';
import { writeImage } from '../../src/image/disk.js';
import { emptyDirectory, insertNode } from '../../src/image/tree.js';
import { recordingLogger } from '../../src/log.js';
import { actionInputName, emptyOptions, type Options } from '../../src/plan/options.js';
import { planFromOptions } from '../../src/plan/plan.js';
import { KVM_UDEV_RULE } from '../../src/smoke/accel.js';
import { syntheticBootImage, writePatternFile } from '../image/image-fixtures.js';

/**
 * An Exec that knows `installed` programs and files, lets sudo succeed (or not) and the
 * apt-get install fail when asked, and records every sudo call.
 */
function fakeHost(
  installed: string[],
  options: { sudo?: boolean; installFails?: boolean } = {},
): { exec: Exec; sudo: string[][]; asked: string[] } {
  const sudo: string[][] = [];
  const asked: string[] = [];
  const exec: Exec = async (command, args) => {
    if (command === 'sudo') {
      sudo.push(args);
      if (options.sudo === false) return { code: 1, output: 'sudo: a password is required' };
      if (options.installFails && args.includes('install')) {
        return { code: 100, output: 'E: Unable to locate package qemu-efi-aarch64' };
      }
      return { code: 0, output: '' };
    }
    if (command === 'sh' && (args[1] === 'command -v "$1"' || args[1] === 'test -f "$1"')) {
      asked.push(args[3]!);
      return { code: installed.includes(args[3]!) ? 0 : 1, output: '' };
    }
    throw new Error(`unexpected command ${command} ${args.join(' ')}`);
  };
  return { exec, sudo, asked };
}

const QEMU_X86 = 'qemu-system-x86_64';
const QEMU_ARM = 'qemu-system-aarch64';
const OVMF = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const AAVMF = '/usr/share/AAVMF/AAVMF_CODE.fd';
const APT_INSTALL = [
  'env',
  'DEBIAN_FRONTEND=noninteractive',
  'apt-get',
  'install',
  '-y',
  '-qq',
  '--no-install-recommends',
];

const linux = process.platform === 'linux';
if (!linux) console.log('skipped: host setup acts on Linux runners only');
const onLinux = linux ? describe : describe.skip;

const X86_BIOS: SmokeTarget = { arch: 'x86_64', uefi: false };
const X86_UEFI: SmokeTarget = { arch: 'x86_64', uefi: true };
const ARM_UEFI: SmokeTarget = { arch: 'aarch64', uefi: true };
const ARM_DIRECT: SmokeTarget = { arch: 'aarch64', uefi: false };

onLinux('ensureSmokePackages on a GitHub-hosted runner', () => {
  test.each([
    { target: X86_BIOS, installed: [], packages: ['qemu-system-x86'] },
    { target: X86_UEFI, installed: [], packages: ['qemu-system-x86', 'ovmf'] },
    { target: ARM_UEFI, installed: [], packages: ['qemu-system-arm', 'qemu-efi-aarch64'] },
    { target: ARM_DIRECT, installed: [], packages: ['qemu-system-arm'] },
    // The firmware file decides, not the QEMU binary next to it.
    { target: X86_UEFI, installed: [QEMU_X86], packages: ['ovmf'] },
    { target: ARM_UEFI, installed: [QEMU_ARM, OVMF], packages: ['qemu-efi-aarch64'] },
    { target: X86_UEFI, installed: [OVMF], packages: ['qemu-system-x86'] },
  ])(
    '$target.arch (UEFI: $target.uefi) with $installed: one apt-get install of $packages',
    async ({ target, installed, packages }) => {
      const { exec, sudo } = fakeHost(['apt-get', ...installed]);
      const logger = recordingLogger();
      await ensureSmokePackages(logger, target, { githubHosted: true, exec });
      expect(sudo).toEqual([
        ['-n', 'true'],
        ['apt-get', 'update', '-qq'],
        [...APT_INSTALL, ...packages],
      ]);
      expect(logger.lines).toEqual([
        { level: 'group', message: `Installing ${packages.join(' ')}` },
      ]);
    },
  );

  test.each([
    { target: X86_BIOS, installed: [QEMU_X86] },
    { target: X86_UEFI, installed: [QEMU_X86, OVMF] },
    { target: ARM_UEFI, installed: [QEMU_ARM, AAVMF] },
    { target: ARM_DIRECT, installed: [QEMU_ARM] },
  ])('$target.arch (UEFI: $target.uefi) with all of $installed: nothing to do', async (row) => {
    const { exec, sudo } = fakeHost(row.installed);
    const logger = recordingLogger();
    await ensureSmokePackages(logger, row.target, { githubHosted: true, exec });
    expect(sudo).toEqual([]);
    expect(logger.lines).toEqual([]);
  });

  test('without passwordless sudo: a warning naming what to install, no apt-get', async () => {
    const { exec, sudo } = fakeHost(['apt-get'], { sudo: false });
    const logger = recordingLogger();
    await ensureSmokePackages(logger, ARM_UEFI, { githubHosted: true, exec });
    expect(sudo).toEqual([['-n', 'true']]);
    expect(logger.lines).toEqual([
      {
        level: 'warning',
        message: `The smoke test of this aarch64 UEFI image needs ${QEMU_ARM} (package qemu-system-arm) and ${AAVMF} (package qemu-efi-aarch64), which cannot be installed here (no apt-get or no passwordless sudo). Install qemu-system-arm qemu-efi-aarch64 in an earlier step.`,
      },
    ]);
  });

  test('a failed apt-get install is a warning with its output, not an error', async () => {
    const { exec } = fakeHost(['apt-get', QEMU_ARM], { installFails: true });
    const logger = recordingLogger();
    await ensureSmokePackages(logger, ARM_UEFI, { githubHosted: true, exec });
    expect(logger.lines).toEqual([
      { level: 'group', message: 'Installing qemu-efi-aarch64' },
      {
        level: 'warning',
        message:
          'Installing qemu-efi-aarch64 failed:\nE: Unable to locate package qemu-efi-aarch64',
      },
    ]);
  });
});

onLinux('ensureSmokePackages on a self-hosted runner', () => {
  test('installs nothing and says what to install', async () => {
    const { exec, sudo } = fakeHost(['apt-get']);
    const logger = recordingLogger();
    await ensureSmokePackages(logger, X86_BIOS, { githubHosted: false, exec });
    expect(sudo).toEqual([]);
    expect(logger.lines).toEqual([
      {
        level: 'warning',
        message: `The smoke test of this x86_64 image needs ${QEMU_X86} (package qemu-system-x86), and nanoship installs packages only on GitHub-hosted runners. Install it in an earlier step (Debian/Ubuntu: sudo apt-get install -y qemu-system-x86).`,
      },
    ]);
  });

  test('asks only about programs: its firmware may live where its distribution puts it', async () => {
    const { exec, sudo, asked } = fakeHost([QEMU_ARM]);
    const logger = recordingLogger();
    await ensureSmokePackages(logger, ARM_UEFI, { githubHosted: false, exec });
    expect(asked).toEqual([QEMU_ARM]);
    expect(sudo).toEqual([]);
    expect(logger.lines).toEqual([]);
  });
});

describe('SMOKE_PACKAGES', () => {
  test('checks the firmware files the Debian/Ubuntu packages install', () => {
    expect(SMOKE_PACKAGES.ovmf.provides.file).toBe(OVMF);
    expect(SMOKE_PACKAGES.aavmf.provides.file).toBe(AAVMF);
  });
});

describe('smokeTargetOf', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nanoship-smoke-target-'));
    await writeFile(join(dir, 'server'), 'a program; planning only checks that it exists');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const plan = (options: Partial<Options>, stages: { build: boolean; image?: string }) =>
    planFromOptions(
      { ...emptyOptions(), ...options },
      { kernel: stages.build, smoke: true, ...stages },
      { cwd: dir, namer: actionInputName },
    );

  test.each([
    { options: {}, expected: X86_BIOS },
    { options: { uefi: 'true' }, expected: X86_UEFI },
    { options: { arch: 'arm64' }, expected: ARM_UEFI },
    // A direct boot hands QEMU the kernel: no firmware.
    { options: { arch: 'aarch64', bootMode: 'direct' }, expected: ARM_DIRECT },
    { options: { uefi: 'true', bootMode: 'direct' }, expected: X86_BIOS },
    // The BIOS side of a hybrid needs no UEFI firmware; arm64 has no other side.
    { options: { uefi: 'true', firmware: 'bios' }, expected: X86_BIOS },
    { options: { arch: 'aarch64', firmware: 'bios' }, expected: ARM_UEFI },
  ])('a build with $options boots $expected', async ({ options, expected }) => {
    const built = await plan({ program: 'server', ...options }, { build: true });
    expect(await smokeTargetOf(built)).toEqual(expected);
  });

  test('an existing image is described by its own loaders', async () => {
    const kernelImg = join(dir, 'kernel.img');
    const loader = join(dir, 'bootaa64.efi');
    const bootImg = join(dir, 'boot.img');
    await writePatternFile(kernelImg, 50_000, 1);
    await writePatternFile(loader, 20_000, 2);
    await writeFile(bootImg, syntheticBootImage());
    const tree = emptyDirectory();
    insertNode(tree, '/p', { kind: 'file', source: { kind: 'bytes', bytes: Buffer.from('p') } });
    const root = { tree, manifest: new Map([['program', '/p']]) };
    const arm = await writeImage(
      { kernelImg, klibs: [], root, uefiLoader: { arch: 'aarch64', path: loader } },
      join(dir, 'arm.img'),
    );
    const bios = await writeImage({ kernelImg, klibs: [], root, bootImg }, join(dir, 'bios.img'));
    const target = async (image: string) => smokeTargetOf(await plan({}, { build: false, image }));
    expect(await target(arm.path)).toEqual(ARM_UEFI);
    expect(await target(bios.path)).toEqual(X86_BIOS);
  });

  test('an image nanoship cannot read is left to the smoke test to report', async () => {
    const junk = join(dir, 'junk.img');
    await writeFile(junk, 'not a disk image');
    expect(await smokeTargetOf(await plan({}, { build: false, image: junk }))).toBeUndefined();
  });

  test('no smoke test, no target', async () => {
    const built = await planFromOptions(
      { ...emptyOptions(), program: 'server' },
      { kernel: true, build: true, smoke: false },
      { cwd: dir, namer: actionInputName },
    );
    expect(await smokeTargetOf(built)).toBeUndefined();
  });
});

onLinux('ensureKvmAccess', () => {
  let dir: string;
  let closed: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nanoship-host-setup-'));
    closed = join(dir, 'kvm-closed');
    await writeFile(closed, '');
    await chmod(closed, 0o000);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test.each([true, false])(
    'no KVM device (GitHub-hosted: %s): nothing to do',
    async (githubHosted) => {
      const { exec, sudo } = fakeHost([]);
      const logger = recordingLogger();
      await ensureKvmAccess(logger, { githubHosted, exec, kvmDevice: join(dir, 'absent') });
      expect(sudo).toEqual([]);
      expect(logger.lines).toEqual([]);
    },
  );

  // Root opens any file, so a device closed to the user shows only for other users.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) console.log('skipped: the closed-device cases need a non-root user');
  const notRoot = asRoot ? test.skip : test;

  notRoot('a self-hosted runner keeps its device permissions and gets a notice', async () => {
    const { exec, sudo } = fakeHost([]);
    const logger = recordingLogger();
    await ensureKvmAccess(logger, { githubHosted: false, exec, kvmDevice: closed });
    expect(sudo).toEqual([]);
    expect(logger.lines).toEqual([
      { level: 'notice', message: expect.stringContaining('add it to the kvm group') },
    ]);
  });

  notRoot('a GitHub-hosted runner gets the udev rule', async () => {
    const { exec, sudo } = fakeHost([]);
    const logger = recordingLogger();
    await ensureKvmAccess(logger, { githubHosted: true, exec, kvmDevice: closed });
    expect(sudo).toEqual([
      ['-n', 'true'],
      ['sh', '-c', expect.stringContaining(KVM_UDEV_RULE)],
    ]);
    expect(logger.lines).toEqual([
      { level: 'info', message: `Made ${closed} usable for the runner user (udev rule).` },
    ]);
  });
});
