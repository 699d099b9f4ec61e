/**
 * Contract tests of the shipped CLI: the bundle package.json's `bin` names, run as a user runs
 * it (`node dist/cli/nanoship.mjs …`), against a local release mirror and real QEMU. Nothing
 * here imports src/. Without NANOS_KERNEL_DIR the smoke test boots the Linux test guest through
 * a QEMU stand-in on PATH; with it, a real Nanos image.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import {
  makeReleaseArchive,
  makeTempDir,
  type ReleaseServer,
  serveRelease,
  sha256,
  startReleaseServer,
} from '../kernel/fixtures.js';
import { GUEST_HTTP_BODY } from '../smoke/guest.js';
import { runCli } from './shipped.js';
import { compileC, linuxGuestQemu, realKernelDir, writeStandInKernel } from './stand-ins.js';

jest.setTimeout(180_000);

const temp = makeTempDir('nanoship-contract-cli-');
const VERSION = '0.1.99';
let server: ReleaseServer;
let archive: Buffer;
let work: string;
let kernelDir: string;
let program: string;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startReleaseServer();
  archive = makeReleaseArchive(temp.dir);
  serveRelease(server, VERSION, archive);
  work = path.join(temp.dir, 'work');
  mkdirSync(work);
  const source = readFileSync(
    path.join(import.meta.dirname, '..', 'smoke', 'fixtures', 'http-server.c'),
    'utf8',
  );
  if (realKernelDir) {
    kernelDir = realKernelDir;
    program = compileC(work, 'server', source, ['-static']);
    env = {};
  } else {
    kernelDir = await writeStandInKernel(path.join(temp.dir, 'kernel'));
    program = compileC(work, 'server', source);
    const bin = await linuxGuestQemu(path.join(temp.dir, 'qemu'), { kind: 'httpd' });
    env = { PATH: `${bin}:${process.env.PATH}` };
  }
}, 300_000);

afterAll(async () => {
  await server.close();
  temp.remove();
});

const cli = (args: string[]) =>
  runCli(args, { cwd: work, env: { ...env, XDG_CACHE_HOME: path.join(temp.dir, 'cache') } });

describe('the shipped CLI', () => {
  test('prints its version and help', async () => {
    const version = await cli(['--version']);
    expect(version).toMatchObject({ code: 0, stderr: '' });
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await cli(['--help']);
    expect(help.stdout).toContain('publish');
  });

  test('kernel downloads from a mirror, prints JSON, and a second run makes no request', async () => {
    const args = [
      'kernel',
      '--kernel-version',
      VERSION,
      '--kernel-base-url',
      server.baseUrl,
      '--kernel-sha256',
      sha256(archive),
      '--json',
    ];
    const first = await cli(args);
    expect(first.code).toBe(0);
    const toolchain = JSON.parse(first.stdout);
    expect(toolchain).toMatchObject({
      version: VERSION,
      source: 'download',
      sha256: sha256(archive),
    });
    const before = server.requests.length;
    const second = await cli(args);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ version: VERSION, source: 'cache' });
    expect(server.requests.length).toBe(before);
  });

  test('a build loads no more of Node than building needs (no fs/promises, no sockets)', async () => {
    // Start-up is most of a small build (issue 12): these modules cost it milliseconds and a
    // build uses neither. The list is Node's own record of what it loaded, written at exit.
    const list = path.join(temp.dir, 'loaded-modules.txt');
    const hook = `process.on('exit',()=>process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(list)},process.moduleLoadList.join('\\n')))`;
    const built = await runCli(
      ['build', program, '--kernel-dir', kernelDir, '--output', path.join(work, 'loaded.img')],
      {
        cwd: work,
        env: { ...env, NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(hook)}` },
      },
    );
    expect(built.code).toBe(0);
    const loaded = readFileSync(list, 'utf8').split('\n');
    expect(loaded).toContain('NativeModule crypto');
    for (const avoided of ['fs/promises', 'net', 'internal/readline/interface']) {
      expect(loaded).not.toContain(`NativeModule ${avoided}`);
    }
  });

  test('a BIOS build loads none of the FAT, publishing or image-reader code', async () => {
    // Each is loaded on demand (UEFI images, publishing, inspect): for a plain build it is
    // start-up cost (issue 12). The record is every dist/ file Node loaded; esbuild heads the
    // code of each source module with a `// src/...` line, which names what a file holds.
    const list = path.join(temp.dir, 'loaded-files.txt');
    const hook = [
      'const urls = [];',
      "process.getBuiltinModule('module').registerHooks({ load(url, context, next) { urls.push(url); return next(url, context); } });",
      `process.on('exit', () => process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(list)}, urls.join('\\n')));`,
    ].join('\n');
    const built = await runCli(
      ['build', program, '--kernel-dir', kernelDir, '--output', path.join(work, 'lean.img')],
      {
        cwd: work,
        env: { ...env, NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(hook)}` },
      },
    );
    expect(built.code).toBe(0);
    const sources = readFileSync(list, 'utf8')
      .split('\n')
      .filter((url) => url.startsWith('file:') && url.includes('/dist/'))
      .flatMap((url) => readFileSync(fileURLToPath(url), 'utf8').match(/^\/\/ src\/\S+/gm) ?? []);
    expect(sources).toContain('// src/image/disk.ts');
    for (const avoided of ['image/fat-writer.ts', 'cloud/publish.ts', 'image/inspect.ts']) {
      expect(sources).not.toContain(`// src/${avoided}`);
    }
  });

  test('build, inspect and run: the image passes its probe', async () => {
    const built = await cli([
      'build',
      program,
      '--kernel-dir',
      kernelDir,
      '--env',
      'MODE=test',
      '--json',
    ]);
    expect(built.stderr).not.toContain('bug');
    expect(built.code).toBe(0);
    const image = JSON.parse(built.stdout);
    const bytes = readFileSync(image.path);
    expect(image.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const inspected = await cli(['inspect', image.path]);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toContain('/server');
    expect(inspected.stdout).toContain('MODE');

    const body = realKernelDir ? 'hello from nanos' : GUEST_HTTP_BODY;
    const ran = await cli([
      'run',
      image.path,
      '--probe',
      'http://:8080/',
      '--expect-body',
      body,
      '--accel',
      'tcg',
      '--json',
    ]);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ verdict: 'pass', accel: 'tcg' });

    const failed = await cli([
      'run',
      image.path,
      '--probe',
      'http://:8080/',
      '--expect-status',
      '500',
      '--accel',
      'tcg',
      '--json',
    ]);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ verdict: 'fail', fault: 'program' });
  });

  test.each([
    [['build', 'missing-program', '--kernel-dir', 'k'], 'missing-program does not exist'],
    [['run', 'x.img', '--accel', 'warp'], '--accel must be one of auto, kvm, tcg'],
    [['kernel', '--kernel-verison', '1'], "Unknown option '--kernel-verison'"],
    [['publish', 'aws', 'x.img'], 'AWS needs a region'],
  ])('%j ends in one error line and exit code 1', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('error:'));
    expect(lines).toEqual([expect.stringContaining(message)]);
  });
});
