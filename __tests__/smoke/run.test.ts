/**
 * runSmoke's own guard against bad options, without booting anything: each bad option is a
 * UserError before QEMU would start. A QEMU binary that does not exist stands in for QEMU, so a
 * run whose options pass every check ends with the "QEMU not found" error instead.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { runSmoke, type SmokeOptions } from '../../src/smoke/index.js';
import { writeTestDisk } from './guest.js';

const ABSENT_QEMU = 'qemu-system-x86_64-absent-for-test';

let dir: string;
let image: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-smoke-run-'));
  image = join(dir, 'app.img');
  await writeTestDisk(image);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function options(overrides: Partial<SmokeOptions> = {}): SmokeOptions {
  return {
    image,
    bootMode: 'disk',
    accel: 'tcg',
    memoryMiB: 256,
    cpus: 1,
    probes: [],
    timeoutMs: 10_000,
    consoleLog: join(dir, 'console.log'),
    qemuBinary: ABSENT_QEMU,
    workDir: dir,
    ...overrides,
  };
}

async function userErrorOf(overrides: Partial<SmokeOptions>): Promise<string> {
  const error = await runSmoke(options(overrides), { logger: silentLogger }).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UserError);
  return (error as UserError).message;
}

describe('runSmoke with good options', () => {
  test('gets as far as starting QEMU, with the console log already created', async () => {
    const consoleLog = join(dir, 'logs', 'good.console.log');
    const message = await userErrorOf({ consoleLog });
    expect(message).toContain(`QEMU (${ABSENT_QEMU}) was not found or cannot be run`);
    expect(existsSync(consoleLog)).toBe(true);
  });
});

describe('runSmoke refuses bad options before QEMU starts', () => {
  test.each([
    {
      name: 'probe port 0',
      overrides: { probes: [{ kind: 'tcp' as const, port: 0 }] },
      message: 'Probe port 0 is not a TCP port (1–65535).',
    },
    {
      name: 'probe port 65536',
      overrides: { probes: [{ kind: 'http' as const, port: 65536, path: '/' }] },
      message: 'Probe port 65536 is not a TCP port (1–65535).',
    },
    {
      name: 'a fractional probe port',
      overrides: { probes: [{ kind: 'tcp' as const, port: 80.5 }] },
      message: 'Probe port 80.5 is not a TCP port (1–65535).',
    },
    {
      name: 'guest port 1 next to a TCP probe',
      overrides: {
        probes: [
          { kind: 'http' as const, port: 1, path: '/' },
          { kind: 'tcp' as const, port: 5432 },
        ],
      },
      message:
        'Guest port 1 cannot be probed together with a TCP probe: TCP probes use it as a port where nothing listens.',
    },
    {
      name: 'an HTTP path without a leading slash',
      overrides: { probes: [{ kind: 'http' as const, port: 8080, path: 'health' }] },
      message: 'HTTP probe path "health" must start with "/".',
    },
    {
      name: 'zero memory',
      overrides: { memoryMiB: 0 },
      message: 'Smoke test setting memoryMiB must be a positive whole number, got 0.',
    },
    {
      name: 'negative cpus',
      overrides: { cpus: -2 },
      message: 'Smoke test setting cpus must be a positive whole number, got -2.',
    },
    {
      name: 'a fractional timeout',
      overrides: { timeoutMs: 1.5 },
      message: 'Smoke test setting timeoutMs must be a positive whole number, got 1.5.',
    },
    {
      name: 'direct boot without the kernel',
      overrides: { bootMode: 'direct' as const },
      message:
        'Boot mode direct needs the kernel (kernel.img of the kernel release); pass it, or use boot mode disk.',
    },
  ])('$name', async ({ overrides, message }) => {
    expect(await userErrorOf(overrides)).toBe(message);
  });

  test('a missing image', async () => {
    const missing = join(dir, 'missing.img');
    expect(await userErrorOf({ image: missing })).toBe(
      `The image ${missing} cannot be read: it does not exist or is not accessible.`,
    );
  });

  test('an image that is a folder', async () => {
    expect(await userErrorOf({ image: dir })).toBe(`The image ${dir} is not a regular file.`);
  });

  test('a missing kernel.img for direct boot', async () => {
    const kernelImg = join(dir, 'no-kernel.img');
    expect(await userErrorOf({ bootMode: 'direct', kernelImg })).toBe(
      `The kernel.img ${kernelImg} cannot be read: it does not exist or is not accessible.`,
    );
  });

  test.each([
    { name: 'a file of random-looking bytes', bytes: Buffer.alloc(1024 * 1024, 0x5a) },
    { name: 'a file shorter than a sector', bytes: Buffer.from('not an image') },
  ])('disk boot of $name, which has no MBR boot signature', async ({ bytes }) => {
    const notDisk = join(dir, 'not-a-disk.img');
    await writeFile(notDisk, bytes);
    expect(await userErrorOf({ image: notDisk })).toBe(
      `${notDisk} is not a bootable disk image (no MBR boot signature); build it with nanoship build.`,
    );
  });

  test('a console log whose folder is a file', async () => {
    const file = join(dir, 'plain-file');
    await writeFile(file, '');
    const consoleLog = join(file, 'console.log');
    expect(await userErrorOf({ consoleLog })).toBe(
      `Cannot write the console log ${consoleLog}: part of its folder path is a file, not a folder. Set console-log / --console-log to a writable path.`,
    );
  });

  test('a console log that is a folder', async () => {
    const consoleLog = join(dir, 'log-folder');
    await mkdir(consoleLog, { recursive: true });
    expect(await userErrorOf({ consoleLog })).toBe(
      `Cannot write the console log ${consoleLog}: it is a folder. Set console-log / --console-log to a writable path.`,
    );
  });
});
