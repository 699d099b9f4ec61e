/**
 * Real programs, compiled here, built into images with the current sink and with the reference
 * one (previous-image-sink.ts, as of 9090d43): the bytes and the sha256 must be the same. Programs: a static C
 * program, a dynamic C program with a library of its own and the host's libc and libm, a
 * static Go HTTP server (when `go` is installed), and one with a 30 MB data file and a
 * directory. The kernel is NANOS_KERNEL_DIR's when set (kernel.img, boot.img, klibs), else
 * small stand-ins.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildImage } from '../../src/image/index.js';
import { useLocalKernel } from '../../src/kernel/kernel-dir.js';
import type { Toolchain } from '../../src/kernel/types.js';
import { planBuild } from '../../src/plan/build-plan.js';
import type { OpsConfig } from '../../src/plan/config.js';
import { cliOptionName, emptyOptions, type Options } from '../../src/plan/options.js';
import { sha256, syntheticBootImage, writePatternFile } from './image-fixtures.js';
import { loadPreviousWriter, type PreviousWriter } from './previous-writer.js';

const run = promisify(execFile);
const kernelDir = process.env.NANOS_KERNEL_DIR;
const realKernel = kernelDir !== undefined && existsSync(join(kernelDir, 'kernel.img'));
if (!realKernel)
  console.warn('byte identity: NANOS_KERNEL_DIR is not set, using a stand-in kernel');

let dir: string;
let toolchain: Toolchain;
let previous: PreviousWriter;
let haveGo = true;

beforeAll(async () => {
  previous = await loadPreviousWriter();
  dir = await mkdtemp(join(tmpdir(), 'nanoship-identity-itg-'));
  toolchain = realKernel
    ? await useLocalKernel(kernelDir!, 'x86_64')
    : await standInKernel(join(dir, 'kernel'));
  await writeFile(join(dir, 'greet.c'), 'const char *greeting(void) { return "hi"; }\n');
  await writeFile(
    join(dir, 'main.c'),
    '#include <math.h>\n#include <stdio.h>\nconst char *greeting(void);\nvolatile double x = 1;\n' +
      'int main(void) { printf("%s %f\\n", greeting(), sin(x)); return 0; }\n',
  );
  await mkdir(join(dir, 'lib'), { recursive: true });
  await run('cc', ['-shared', '-fPIC', '-o', 'lib/libgreet.so', 'greet.c'], { cwd: dir });
  await run(
    'cc',
    ['-o', 'dynamic', 'main.c', '-Llib', '-lgreet', '-lm', '-Wl,-rpath,$ORIGIN/lib'],
    {
      cwd: dir,
    },
  );
  await run('cc', ['-static', '-o', 'static', 'main.c', 'greet.c', '-lm'], { cwd: dir });
  const goSource = join(import.meta.dirname, '..', '..', 'bench', 'fixtures', 'http-server.go');
  await run('go', ['build', '-o', join(dir, 'go-server'), goSource], {
    env: { ...process.env, CGO_ENABLED: '0', GO111MODULE: 'off' },
  }).catch((error: Error) => {
    haveGo = false;
    console.warn(`byte identity: skipping the Go server, go build failed: ${error.message}`);
  });
  await mkdir(join(dir, 'assets', 'deep'), { recursive: true });
  await writePatternFile(join(dir, 'assets', 'big.bin'), 30 * 1000 * 1000, 3);
  await writeFile(join(dir, 'assets', 'deep', 'zeros'), Buffer.alloc(3 * 1024 * 1024 + 17));
  await writeFile(join(dir, 'assets', 'deep', 'note.txt'), 'hello\n');
  // Compiling (a Go build on a cold cache most of all) takes far more than jest's default 5 s.
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** kernel.img and a klib of pattern bytes and a synthetic boot.img, as a local kernel dir. */
async function standInKernel(at: string): Promise<Toolchain> {
  await mkdir(join(at, 'klibs'), { recursive: true });
  await writeFile(join(at, 'boot.img'), syntheticBootImage());
  await writePatternFile(join(at, 'kernel.img'), 1_700_000, 1);
  await writePatternFile(join(at, 'klibs', 'ntp'), 33_000, 2);
  return useLocalKernel(at, 'x86_64');
}

async function buildBoth(name: string, options: Partial<Options>, config: OpsConfig = {}) {
  const plan = await planBuild(
    { ...emptyOptions(), ...options, output: join(dir, `${name}.img`) },
    config,
    { cwd: dir, namer: cliOptionName },
  );
  const current = await buildImage(plan, toolchain, { arch: 'x86_64' });
  const before = await previous.buildImage(
    { ...plan, output: join(dir, `${name}.previous.img`) },
    toolchain,
    { arch: 'x86_64' },
  );
  return { current, before };
}

const cases: [string, Partial<Options>, OpsConfig][] = [
  ['static C', { program: 'static' }, {}],
  ['dynamic C with libraries', { program: 'dynamic', args: ['-v'] }, { Klibs: ['ntp'] }],
  [
    'static C with a 30 MB file and a directory',
    { program: 'static', files: ['assets/big.bin'], dirs: ['assets'] },
    {},
  ],
];

describe('real programs: the current sink writes what the reference one wrote', () => {
  test.each(cases)('%s', async (name, options, config) => {
    const klibs = toolchain.klibs.includes('ntp') ? config : {};
    const { current, before } = await buildBoth(name.replaceAll(' ', '-'), options, klibs);
    expect(current.sha256).toBe(before.sha256);
    expect(current.sizeBytes).toBe(before.sizeBytes);
    const [bytes, previousBytes] = await Promise.all([
      readFile(current.path),
      readFile(before.path),
    ]);
    expect(sha256(bytes)).toBe(current.sha256);
    expect(bytes.equals(previousBytes)).toBe(true);
    if (name.startsWith('dynamic')) expect(current.libraries.length).toBeGreaterThanOrEqual(3);
  });

  test('the Go HTTP server', async () => {
    if (!haveGo) return;
    const { current, before } = await buildBoth('go-server', { program: 'go-server' });
    expect(current.sha256).toBe(before.sha256);
    const bytes = await readFile(current.path);
    expect(sha256(bytes)).toBe(current.sha256);
    expect(bytes.equals(await readFile(before.path))).toBe(true);
  });
});
