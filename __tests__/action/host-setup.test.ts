// Host setup changes a runner only when it is GitHub-hosted. The sudo commands are recorded,
// not run (they would install packages and write a udev rule on this machine); `command -v`
// is answered from a list of installed names.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type Exec, ensureKvmAccess, ensureQemu } from '../../src/action/host-setup.js';
import { recordingLogger } from '../../src/log.js';
import { KVM_UDEV_RULE } from '../../src/smoke/accel.js';
import { QEMU_INSTALL_HINT } from '../../src/smoke/qemu.js';

/** An Exec that knows `installed` binaries, lets sudo succeed, and records every sudo call. */
function fakeHost(installed: string[]): { exec: Exec; sudo: string[][] } {
  const sudo: string[][] = [];
  const exec: Exec = async (command, args) => {
    if (command === 'sudo') {
      sudo.push(args);
      return { code: 0, output: '' };
    }
    if (command === 'sh' && args[1] === 'command -v "$1"') {
      return { code: installed.includes(args[3]!) ? 0 : 1, output: '' };
    }
    throw new Error(`unexpected command ${command} ${args.join(' ')}`);
  };
  return { exec, sudo };
}

const QEMU = 'qemu-system-x86_64';
const linux = process.platform === 'linux';
if (!linux) console.log('skipped: host setup acts on Linux runners only');
const onLinux = linux ? describe : describe.skip;

onLinux('ensureQemu', () => {
  test('a self-hosted runner without QEMU gets the install hint, and nothing is installed', async () => {
    const { exec, sudo } = fakeHost(['apt-get']);
    const logger = recordingLogger();
    await ensureQemu(logger, { githubHosted: false, exec });
    expect(sudo).toEqual([]);
    expect(logger.lines).toEqual([
      {
        level: 'warning',
        message: `${QEMU} is not installed, and nanoship installs packages only on GitHub-hosted runners. ${QEMU_INSTALL_HINT}`,
      },
    ]);
  });

  test('a GitHub-hosted runner without QEMU gets it installed with apt', async () => {
    const { exec, sudo } = fakeHost(['apt-get']);
    const logger = recordingLogger();
    await ensureQemu(logger, { githubHosted: true, exec });
    expect(sudo).toEqual([
      ['-n', 'true'],
      ['apt-get', 'update', '-qq'],
      expect.arrayContaining(['apt-get', 'install', 'qemu-system-x86']),
    ]);
    expect(logger.lines).toEqual([{ level: 'group', message: 'Installing qemu-system-x86' }]);
  });

  test.each([true, false])(
    'QEMU already installed (GitHub-hosted: %s): nothing to do',
    async (githubHosted) => {
      const { exec, sudo } = fakeHost([QEMU]);
      const logger = recordingLogger();
      await ensureQemu(logger, { githubHosted, exec });
      expect(sudo).toEqual([]);
      expect(logger.lines).toEqual([]);
    },
  );
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
