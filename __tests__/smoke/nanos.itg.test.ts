/**
 * The smoke test on real Nanos images that nanoship did not build: the programs are compiled
 * here with `cc -static` and packed by Nanos' own `mkfs` (`-b boot.img -k kernel.img`). Needs
 * NANOS_KERNEL_DIR (kernel.img, boot.img) and Nanos' mkfs (NANOS_MKFS, default
 * NANOS_KERNEL_DIR/../tools/mkfs); skips, saying why, without them.
 */

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { recordingLogger } from '../../src/log.js';
import {
  type BootMode,
  runSmoke,
  type SmokeOptions,
  type SmokeResult,
} from '../../src/smoke/index.js';

const kernelDir = process.env.NANOS_KERNEL_DIR;
const mkfs = process.env.NANOS_MKFS ?? (kernelDir && join(kernelDir, '..', 'tools', 'mkfs'));
const missing =
  kernelDir === undefined
    ? 'NANOS_KERNEL_DIR is not set'
    : !existsSync(join(kernelDir, 'kernel.img')) || !existsSync(join(kernelDir, 'boot.img'))
      ? `${kernelDir} lacks kernel.img or boot.img`
      : !mkfs || !existsSync(mkfs)
        ? `Nanos mkfs not found at ${mkfs} (set NANOS_MKFS)`
        : undefined;
if (missing !== undefined) {
  console.warn(`Skipping smoke tests on real Nanos images: ${missing}.`);
}
const describeNanos = missing === undefined ? describe : describe.skip;

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
jest.setTimeout(120_000);

let dir: string;
const images = new Map<string, string>();

beforeAll(async () => {
  if (missing !== undefined) return;
  dir = await mkdtemp(join(tmpdir(), 'nanoship-smoke-nanos-'));
  for (const name of ['http-server', 'crash', 'exit-code', 'hang']) {
    execFileSync('cc', ['-static', '-O2', '-o', join(dir, name), join(fixtures, `${name}.c`)]);
  }
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Packs `program` (a file in the work folder, or absent) with Nanos' mkfs; cached by key. */
async function image(key: string, program: string, args: string[] = []): Promise<string> {
  const cached = images.get(key);
  if (cached) return cached;
  const path = join(dir, `${key}.img`);
  const children = existsSync(join(dir, program))
    ? `${program}:(contents:(host:${join(dir, program)}))`
    : 'placeholder:(contents:(host:/etc/hostname))';
  const argv = [program, ...args].map((a) => `"${a}"`).join(' ');
  const manifest = `(children:(${children}) program:/${program} arguments:[${argv}] environment:())`;
  await writeFile(`${path}.manifest`, manifest);
  execFileSync(
    'sh',
    [
      '-c',
      `"${mkfs}" -b "${kernelDir}/boot.img" -k "${kernelDir}/kernel.img" "${path}" < "${path}.manifest"`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  images.set(key, path);
  return path;
}

async function smoke(imagePath: string, overrides: Partial<SmokeOptions>): Promise<SmokeResult> {
  const workDir = await mkdtemp(join(dir, 'work-'));
  return runSmoke(
    {
      image: imagePath,
      bootMode: 'disk',
      kernelImg: join(kernelDir!, 'kernel.img'),
      accel: 'auto',
      memoryMiB: 512,
      cpus: 1,
      probes: [],
      timeoutMs: 30_000,
      consoleLog: join(workDir, 'console.log'),
      workDir,
      ...overrides,
    },
    { logger: recordingLogger() },
  );
}

const http8080 = { kind: 'http' as const, port: 8080, path: '/', expectBody: /hello from nanos/ };

describeNanos.each(['disk', 'direct'] as BootMode[])(
  'real Nanos images, boot mode %s',
  (bootMode) => {
    test('a healthy HTTP server passes, and the image is byte-identical afterwards', async () => {
      const path = await image('http', 'http-server');
      const before = await readFile(path);
      const result = await smoke(path, { bootMode, probes: [http8080] });
      expect(result).toMatchObject({ verdict: 'pass' });
      expect(result.bootMs).toBeGreaterThan(0);
      expect((await readFile(path)).equals(before)).toBe(true);
      expect(result.imageSha256After).toBe(result.imageSha256Before);
    });

    test('a TCP probe on the server passes', async () => {
      const result = await smoke(await image('http', 'http-server'), {
        bootMode,
        probes: [{ kind: 'tcp', port: 8080 }],
      });
      expect(result.verdict).toBe('pass');
    });

    test('a server on another port fails with no HTTP response', async () => {
      const path = await image('http-8081', 'http-server', ['8081']);
      const result = await smoke(path, { bootMode, probes: [http8080], timeoutMs: 10_000 });
      expect(result.verdict).toBe('fail');
      expect(result.reason).toMatch(/^no HTTP response on guest port 8080 \(GET \/\) within 10 s/);
    });

    test('a segfaulting program fails with the fatal signal', async () => {
      const result = await smoke(await image('crash', 'crash'), { bootMode, probes: [http8080] });
      expect(result.verdict).toBe('fail');
      expect(result.reason).toMatch(
        /^fatal signal on the console: ".*\*\*\* signal 11 received by tid/,
      );
    });

    test('exit 3 fails an expectation of 0 and passes an expectation of 3', async () => {
      const path = await image('exit3', 'exit-code', ['3']);
      const wrong = await smoke(path, { bootMode, expectExit: 0 });
      expect(wrong).toMatchObject({ verdict: 'fail', exitCode: 3 });
      expect(wrong.reason).toMatch(/^exit code: got 3, want 0/);
      const right = await smoke(path, { bootMode, expectExit: 3 });
      expect(right).toMatchObject({ verdict: 'pass', exitCode: 3 });
    });

    test('a missing program fails with the kernel halt', async () => {
      const result = await smoke(await image('missing', 'nope'), { bootMode, probes: [http8080] });
      expect(result.verdict).toBe('fail');
      expect(result.reason).toMatch(
        /^program startup failure on the console: "program startup failed on exec: .*\/nope/,
      );
    });

    test('a hanging program fails a probe at the timeout', async () => {
      const result = await smoke(await image('hang', 'hang'), {
        bootMode,
        probes: [http8080],
        timeoutMs: 8_000,
      });
      expect(result.verdict).toBe('fail');
      expect(result.reason).toMatch(/^no HTTP response on guest port 8080/);
    });

    test('a program that exits early fails the settle check when nothing was expected', async () => {
      const result = await smoke(await image('exit3', 'exit-code', ['3']), {
        bootMode,
        settleMs: 5_000,
      });
      expect(result.verdict).toBe('fail');
      expect(result.reason).toMatch(/^the program exited with code 3 after/);
    });
  },
);

describeNanos('real Nanos images, disk mode only', () => {
  test('exit 0 after a clean power-off passes an expectation of 0', async () => {
    const result = await smoke(await image('exit0', 'exit-code', ['0']), { expectExit: 0 });
    expect(result).toMatchObject({ verdict: 'pass', exitCode: 0 });
  });

  test('console output is matched', async () => {
    const result = await smoke(await image('hang', 'hang'), { expectOutput: /^hanging$/m });
    expect(result.verdict).toBe('pass');
  });

  test('a hanging program with no expectation passes the settle check (documented limit)', async () => {
    const result = await smoke(await image('hang', 'hang'), { settleMs: 4_000 });
    expect(result.verdict).toBe('pass');
    expect(result.reason).toMatch(/does not show the program works/);
  });
});
