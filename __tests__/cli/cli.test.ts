import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  makeReleaseArchive,
  makeTempDir,
  type ReleaseServer,
  serveRelease,
  sha256,
  startReleaseServer,
  writeReleaseFiles,
} from '../kernel/fixtures.js';
import { runCli } from './capture.js';

describe('nanoship help and usage errors', () => {
  test('lists the commands', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of ['kernel', 'build', 'inspect', 'run']) expect(stdout).toContain(command);
  });

  test('shows the flags of a command', async () => {
    const { code, stdout } = await runCli(['kernel', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--kernel-version');
    expect(stdout).toContain('--kernel-dir');
  });

  test.each([
    { argv: ['deploy'], message: 'error: Unknown command "deploy"' },
    {
      argv: ['publish', 'aws'],
      message: 'error: "nanoship publish" needs the image as its argument',
    },
    {
      argv: ['publish', 'azure', 'app.img'],
      message: 'error: the <cloud> argument takes aws and/or gcp, got "azure".',
    },
    {
      argv: ['kernel', '--kernel-verison', '1'],
      message: "error: Unknown option '--kernel-verison'",
    },
    { argv: ['build'], message: 'error: "nanoship build" needs the program as its argument' },
    { argv: ['inspect', 'a.img', 'b.img'], message: 'error: Unexpected argument "b.img"' },
    {
      argv: ['kernel', '--kernel-version', 'v1'],
      message: 'error: --kernel-version must be a release',
    },
  ])('fails with one error line for $argv', async ({ argv, message }) => {
    const { code, stdout, stderr } = await runCli(argv);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n').at(-1)).toContain(message);
  });

  test('names a missing program file', async () => {
    const { code, stderr } = await runCli([
      'build',
      '/nonexistent/prog',
      '--kernel-dir',
      '/nonexistent',
    ]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: .*\/nonexistent/m);
  });
});

describe('signal handling', () => {
  test('Ctrl-C keeps its default effect while a command without a smoke test runs', async () => {
    // The server answers from inside the CLI's run, so it sees the handlers installed then.
    const listenersDuringRun: number[] = [];
    const server = createServer((_req, res) => {
      listenersDuringRun.push(process.listenerCount('SIGINT') + process.listenerCount('SIGTERM'));
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const temp = makeTempDir('nanoship-cli-signals-');
    const before = process.listenerCount('SIGINT') + process.listenerCount('SIGTERM');
    try {
      const { code } = await runCli([
        'kernel',
        '--kernel-version',
        '0.1.55',
        '--kernel-base-url',
        `http://127.0.0.1:${port}/release`,
        '--cache-dir',
        temp.dir,
      ]);
      expect(code).toBe(1); // the mirror has no such release
    } finally {
      server.close();
      temp.remove();
    }
    expect(listenersDuringRun.length).toBeGreaterThan(0);
    expect(new Set(listenersDuringRun)).toEqual(new Set([before]));
  });
});

describe('nanoship kernel against a local mirror', () => {
  let server: ReleaseServer;
  const temp = makeTempDir('nanoship-cli-test-');
  const archive = makeReleaseArchive(temp.dir);
  const cacheDir = path.join(temp.dir, 'cache');
  const base = () => ['--kernel-base-url', server.baseUrl, '--cache-dir', cacheDir, '--json'];

  beforeAll(async () => {
    server = await startReleaseServer();
    serveRelease(server, '0.1.55', archive);
    const tampered = Buffer.from(archive);
    tampered[tampered.length - 20]! ^= 0xff;
    serveRelease(server, '0.1.56', tampered);
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  test('downloads, verifies, caches and prints the toolchain as JSON', async () => {
    const pinned = sha256(archive);
    const { code, stdout } = await runCli([
      'kernel',
      '--kernel-version',
      '0.1.55',
      '--kernel-sha256',
      pinned,
      ...base(),
    ]);
    expect(code).toBe(0);
    const toolchain = JSON.parse(stdout);
    expect(toolchain).toMatchObject({ version: '0.1.55', source: 'download', sha256: pinned });
    expect(existsSync(toolchain.kernelImg)).toBe(true);
    expect(toolchain.kernelImg.startsWith(cacheDir)).toBe(true);
  });

  test('a second call makes no request', async () => {
    const before = server.requests.length;
    const { code, stdout } = await runCli(['kernel', '--kernel-version', '0.1.55', ...base()]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ version: '0.1.55', source: 'cache' });
    expect(server.requests.length).toBe(before);
  });

  test('a tampered archive fails naming both digests and leaves no cache entry', async () => {
    const { code, stdout, stderr } = await runCli([
      'kernel',
      '--kernel-version',
      '0.1.56',
      '--kernel-sha256',
      sha256(archive),
      ...base(),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(sha256(archive));
    expect(stderr).toMatch(/error: .*0\.1\.56/);
    const cached = JSON.stringify(readdirSync(cacheDir, { recursive: true }));
    expect(cached).not.toContain('0.1.56');
  });

  test('uses a local kernel directory without the network', async () => {
    const dir = path.join(temp.dir, 'local-kernel');
    writeReleaseFiles(dir);
    const before = server.requests.length;
    const { code, stdout } = await runCli(['kernel', '--kernel-dir', dir, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      source: 'local',
      kernelImg: path.join(dir, 'kernel.img'),
    });
    expect(server.requests.length).toBe(before);
  });

  test('a local directory without boot.img is refused', async () => {
    const dir = path.join(temp.dir, 'no-boot');
    writeReleaseFiles(dir, { bootImg: false });
    const { code, stderr } = await runCli(['kernel', '--kernel-dir', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain('boot.img');
  });
});
