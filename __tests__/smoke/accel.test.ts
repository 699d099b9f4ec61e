import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { recordingLogger } from '../../src/log.js';
import { detectAccelerator, hostArchitecture, KVM_RUNNER_HINT } from '../../src/smoke/accel.js';

let dir: string;
let usable: string;
let readOnly: string;
let missing: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-accel-'));
  usable = join(dir, 'kvm-rw');
  readOnly = join(dir, 'kvm-ro');
  missing = join(dir, 'kvm-missing');
  await writeFile(usable, '');
  await writeFile(readOnly, '');
  await chmod(readOnly, 0o444);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('detectAccelerator', () => {
  test('tcg is used as asked, without looking at the device', async () => {
    const logger = recordingLogger();
    expect(await detectAccelerator('tcg', logger, missing)).toBe('tcg');
    expect(logger.lines).toEqual([]);
  });

  test.each(['auto', 'kvm'] as const)(
    '%s uses KVM when the device opens read/write',
    async (request) => {
      expect(await detectAccelerator(request, recordingLogger(), usable)).toBe('kvm');
    },
  );

  test('auto falls back to TCG with a notice that says why and how to fix it', async () => {
    const logger = recordingLogger();
    expect(await detectAccelerator('auto', logger, missing)).toBe('tcg');
    expect(logger.lines).toEqual([
      {
        level: 'notice',
        message: `KVM not available (${missing} does not exist); booting under TCG emulation, which is much slower. ${KVM_RUNNER_HINT}`,
      },
    ]);
  });

  test('kvm without the device is a UserError naming the reason', async () => {
    const run = detectAccelerator('kvm', recordingLogger(), missing);
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(
      `KVM was requested (accel: kvm) but cannot be used: ${missing} does not exist`,
    );
  });

  test('auto boots a guest of another architecture under TCG, saying why, without looking at KVM', async () => {
    const logger = recordingLogger();
    const guest = { arch: 'aarch64' as const, hostArch: 'x86_64' as const };
    expect(await detectAccelerator('auto', logger, usable, guest)).toBe('tcg');
    expect(logger.lines).toEqual([
      {
        level: 'info',
        message:
          "Booting under TCG emulation: KVM runs guests of the host's own architecture only, and this is an aarch64 guest on an x86_64 host.",
      },
    ]);
  });

  test('kvm for a guest of another architecture is a UserError saying what to do', async () => {
    const guest = { arch: 'x86_64' as const, hostArch: 'aarch64' as const };
    await expect(detectAccelerator('kvm', recordingLogger(), usable, guest)).rejects.toThrow(
      "KVM was requested (accel: kvm) but KVM runs guests of the host's own architecture only, and this is an x86_64 guest on an aarch64 host. Use accel auto or tcg",
    );
  });

  test('an aarch64 guest on an aarch64 host uses KVM when the device opens', async () => {
    const guest = { arch: 'aarch64' as const, hostArch: 'aarch64' as const };
    expect(await detectAccelerator('auto', recordingLogger(), usable, guest)).toBe('kvm');
  });

  test.each([
    { nodeArch: 'x64', want: 'x86_64' },
    { nodeArch: 'arm64', want: 'aarch64' },
    { nodeArch: 'riscv64', want: undefined },
  ])("host architecture of Node's $nodeArch is $want", ({ nodeArch, want }) => {
    expect(hostArchitecture(nodeArch)).toBe(want);
  });

  // Root opens any file read/write, so the permission case only shows for other users.
  const asRoot = process.getuid?.() === 0;
  (asRoot ? test.skip : test)('kvm without write permission names the permission', async () => {
    await expect(detectAccelerator('kvm', recordingLogger(), readOnly)).rejects.toThrow(
      `no read/write permission on ${readOnly}`,
    );
  });
});
