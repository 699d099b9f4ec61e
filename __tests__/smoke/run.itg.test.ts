/**
 * The smoke-test runner against real QEMU and real Linux guests (see guest.ts). Every run goes
 * through runSmoke: the same copy, QEMU command, probes, verdict and process handling as for
 * Nanos images; only the boot source is a Linux kernel + initramfs instead of the image's
 * boot loader. Guests boot under TCG in about 6 s, so runs are sequential and timeouts generous.
 */

import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { build } from 'esbuild';
import { UserError } from '../../src/errors.js';
import { recordingLogger } from '../../src/log.js';
import { runSmoke, type SmokeOptions, type SmokeResult } from '../../src/smoke/index.js';
import { encodeKlog } from '../../src/smoke/klog.js';
import { waitUntil } from '../wait-until.js';
import {
  buildGuest,
  GUEST_APPEND,
  GUEST_HTTP_BODY,
  GUEST_HTTP_PORT,
  GUEST_STARTING_LINE,
  type GuestBehaviour,
  type GuestKit,
  prepareGuestKit,
  TEST_DISK_FIRST_LBA,
  writeTestDisk,
} from './guest.js';

const BOOT_TIMEOUT_MS = 45_000;
// Each boot takes ~6 s under TCG; a timeout test waits its full timeout.
jest.setTimeout(120_000);

let kit: GuestKit;
let dir: string;
let image: string;
const initrds = new Map<string, string>();

beforeAll(async () => {
  kit = await prepareGuestKit();
  dir = await mkdtemp(join(tmpdir(), 'nanoship-smoke-itg-'));
  image = join(dir, 'image.img');
  await writeTestDisk(image);
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function guest(behaviour: GuestBehaviour): Promise<string> {
  const key = JSON.stringify(behaviour);
  let initrd = initrds.get(key);
  if (initrd === undefined) {
    initrd = await buildGuest(kit, behaviour, dir);
    initrds.set(key, initrd);
  }
  return initrd;
}

/** A unique marker in the work folder name lets tests find this run's QEMU in `ps`. */
async function smoke(
  behaviour: GuestBehaviour,
  overrides: Partial<SmokeOptions>,
  signal?: AbortSignal,
): Promise<SmokeResult & { workDir: string }> {
  const workDir = await mkdtemp(join(dir, 'work-'));
  const options = await smokeOptions(behaviour, workDir, overrides);
  const result = await runSmoke(options, { logger: recordingLogger(), signal });
  return { ...result, workDir };
}

/** Options for booting the test guest with `behaviour` from `workDir`. */
async function smokeOptions(
  behaviour: GuestBehaviour,
  workDir: string,
  overrides: Partial<SmokeOptions> = {},
): Promise<SmokeOptions> {
  return {
    image,
    bootMode: 'disk',
    accel: 'tcg',
    memoryMiB: 256,
    cpus: 1,
    probes: [],
    timeoutMs: BOOT_TIMEOUT_MS,
    consoleLog: join(workDir, 'console.log'),
    workDir,
    linuxBoot: { kernel: kit.vmlinuz, initrd: await guest(behaviour), append: GUEST_APPEND },
    ...overrides,
  };
}

const httpProbe = (extra: object = {}) => ({
  kind: 'http' as const,
  port: GUEST_HTTP_PORT,
  path: '/',
  ...extra,
});

function qemuProcessesFor(workDir: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes('qemu-system') && line.includes(workDir));
}

async function expectNoLeftovers(workDir: string): Promise<void> {
  expect(qemuProcessesFor(workDir)).toEqual([]);
  // Only the console log remains: the throwaway copy's folder is gone.
  expect(await readdir(workDir)).toEqual(['console.log']);
}

describe('HTTP probe', () => {
  test('passes when the guest answers 200 with the expected body, image unchanged', async () => {
    const result = await smoke(
      { kind: 'httpd' },
      { probes: [httpProbe({ expectBody: /says hello/ })] },
    );
    expect(result).toMatchObject({ verdict: 'pass', accel: 'tcg' });
    expect(result.bootMs).toBeGreaterThan(0);
    expect(result.imageSha256After).toBe(result.imageSha256Before);
    expect(await readFile(result.consoleLog, 'utf8')).toContain(GUEST_STARTING_LINE);
    await expectNoLeftovers(result.workDir);
  });

  test('fails on a wrong status, showing got and want', async () => {
    const result = await smoke({ kind: 'httpd' }, { probes: [httpProbe({ path: '/missing' })] });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('got HTTP status 404, want 200');
    await expectNoLeftovers(result.workDir);
  });

  test('fails on a wrong body, showing got and want', async () => {
    const result = await smoke(
      { kind: 'httpd' },
      { probes: [httpProbe({ expectBody: /goodbye/ })] },
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain(JSON.stringify(`${GUEST_HTTP_BODY}\n`));
    expect(result.reason).toContain('/goodbye/');
  });

  test('fails with a timeout when nothing listens on the port', async () => {
    const result = await smoke({ kind: 'idle' }, { probes: [httpProbe()], timeoutMs: 15_000 });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/^no HTTP response on guest port 8080 \(GET \/\) within 15 s/);
    await expectNoLeftovers(result.workDir);
  });
});

describe('TCP probe', () => {
  test('passes on a listening port', async () => {
    const result = await smoke(
      { kind: 'httpd' },
      { probes: [{ kind: 'tcp', port: GUEST_HTTP_PORT }] },
    );
    expect(result.verdict).toBe('pass');
  });

  test('fails when nothing listens, although QEMU accepts the host connection', async () => {
    const result = await smoke(
      { kind: 'idle' },
      { probes: [{ kind: 'tcp', port: 9090 }], timeoutMs: 15_000 },
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('TCP probe on guest port 9090 never accepted a connection');
  });
});

describe('guest failures', () => {
  test('a guest that dies early fails: QEMU exits before the probe is answered', async () => {
    const result = await smoke({ kind: 'die' }, { probes: [httpProbe()] });
    expect(result.verdict).toBe('fail');
    expect(result.reason).toMatch(/before these were met: HTTP probe/);
    await expectNoLeftovers(result.workDir);
  });

  test('a fatal-signal line on the console fails the run even though the VM stays up', async () => {
    const result = await smoke({ kind: 'print-crash' }, {});
    expect(result.verdict).toBe('fail');
    expect(result.reason).toContain('fatal signal on the console: "[1.234567] *** signal 11');
    await expectNoLeftovers(result.workDir);
  });
});

describe('console and exit code', () => {
  test('expected console output passes', async () => {
    const result = await smoke({ kind: 'httpd' }, { expectOutput: /httpd started/ });
    expect(result.verdict).toBe('pass');
  });

  test('console output that never appears fails at the timeout', async () => {
    const result = await smoke(
      { kind: 'idle' },
      { expectOutput: /never printed/, timeoutMs: 12_000 },
    );
    expect(result.verdict).toBe('fail');
    expect(result.reason).toBe('the console never showed /never printed/ within 12 s');
  });

  const record = encodeKlog({ bootId: 7n, exitCode: 3, messages: 'exiting with 3\n' });
  const klogGuest: GuestBehaviour = { kind: 'klog', lba: TEST_DISK_FIRST_LBA, record };

  test('the exit code comes from the klog record the guest wrote into the copy', async () => {
    const result = await smoke(klogGuest, { expectExit: 3 });
    expect(result).toMatchObject({ verdict: 'pass', exitCode: 3 });
    expect(result.imageSha256After).toBe(result.imageSha256Before);
  });

  test('a different exit code fails with got and want', async () => {
    const result = await smoke(klogGuest, { expectExit: 0 });
    expect(result).toMatchObject({ verdict: 'fail', exitCode: 3 });
    expect(result.reason).toMatch(/^exit code: got 3, want 0; kernel log tail:\nexiting with 3/);
  });

  test('a clean power-off without a record is exit code 0', async () => {
    const result = await smoke({ kind: 'poweroff' }, { expectExit: 0 });
    expect(result).toMatchObject({ verdict: 'pass', exitCode: 0 });
  });
});

describe('no leftovers', () => {
  test('with no expectation, a VM that stays up passes after the settle time', async () => {
    const result = await smoke({ kind: 'idle' }, { settleMs: 3_000 });
    expect(result.verdict).toBe('pass');
    expect(result.reason).toMatch(/^no expectation was given/);
    await expectNoLeftovers(result.workDir);
  });

  test('aborting kills QEMU, removes the copy and rejects', async () => {
    const controller = new AbortController();
    const workDirs = () => readdir(dir).then((names) => names.filter((n) => n.startsWith('work-')));
    const before = new Set(await workDirs());
    const run = smoke({ kind: 'idle' }, { probes: [httpProbe()] }, controller.signal);
    await waitUntil('one QEMU in a fresh work folder', async () => {
      const fresh = (await workDirs()).filter((n) => !before.has(n));
      return fresh.length === 1 && qemuProcessesFor(join(dir, fresh[0]!)).length === 1;
    });
    controller.abort(new Error('stopped by SIGTERM'));
    await expect(run).rejects.toThrow('stopped by SIGTERM');
    const [workDir] = (await workDirs()).filter((n) => !before.has(n));
    await expectNoLeftovers(join(dir, workDir!));
  });
});

describe('SIGTERM to the process running the smoke test', () => {
  test('kills QEMU, removes the copy, and the process exits 143', async () => {
    const bundle = join(dir, 'smoke-child.mjs');
    await build({
      entryPoints: [join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'smoke-child.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'warning',
    });
    const workDir = await mkdtemp(join(dir, 'work-'));
    const options = await smokeOptions({ kind: 'idle' }, workDir, { probes: [httpProbe()] });
    const child = spawn(process.execPath, [bundle, JSON.stringify(options)], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    await waitUntil('QEMU to start', () => qemuProcessesFor(workDir).length === 1);
    child.kill('SIGTERM');
    expect(await exited).toBe(143);
    await expectNoLeftovers(workDir);
  });
});

describe('setup errors', () => {
  test('a missing QEMU binary is a UserError that says how to install it', async () => {
    const run = smoke({ kind: 'idle' }, { qemuBinary: 'qemu-system-x86_64-not-installed' });
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(/apt-get install -y qemu-system-x86/);
  });

  test('kvm requested without a usable KVM device is a UserError', async () => {
    const run = smoke({ kind: 'idle' }, { accel: 'kvm', kvmDevice: join(dir, 'no-kvm') });
    await expect(run).rejects.toThrow(/KVM was requested .* does not exist/);
  });
});
