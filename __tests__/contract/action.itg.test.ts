/**
 * Contract tests of the shipped Action: the files action.yml names, run with the Node version it
 * declares, in a runner's environment, against local servers and real QEMU. Nothing here imports
 * src/: only this proves that what users run works. Without NANOS_KERNEL_DIR the smoke tests boot
 * the Linux test guest through a QEMU stand-in on PATH; with it they boot real Nanos images.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import {
  makeReleaseArchive,
  makeTempDir,
  md5,
  type ReleaseServer,
  serveRelease,
  sha256,
  startReleaseServer,
} from '../kernel/fixtures.js';
import { GUEST_HTTP_BODY } from '../smoke/guest.js';
import { waitUntil } from '../wait-until.js';
import { errorCommands, makeRunner, readRunnerFiles, runStep, startStep } from './shipped.js';
import { compileC, linuxGuestQemu, realKernelDir, writeStandInKernel } from './stand-ins.js';

jest.setTimeout(180_000);

const temp = makeTempDir('nanoship-contract-action-');
let server: ReleaseServer;
let archive: Buffer;
/** A version no list pins, so the digest comes from the kernel-sha256 input. */
const VERSION = '0.1.99';

beforeAll(async () => {
  server = await startReleaseServer();
  archive = makeReleaseArchive(temp.dir);
  serveRelease(server, VERSION, archive);
  server.route('latest.txt', { status: 200, body: `${VERSION}\n` });
});

afterAll(async () => {
  await server.close();
  temp.remove();
});

let runners = 0;
const newRunner = () => makeRunner(path.join(temp.dir, `runner-${++runners}`));

describe('the kernel-only Action', () => {
  test('downloads from a mirror, sets its outputs, and hits the cache on the next run', async () => {
    const runner = newRunner();
    const inputs = {
      'kernel-version': 'latest',
      'kernel-base-url': server.baseUrl,
      'kernel-sha256': sha256(archive),
    };
    const first = await runStep('main', runner, { inputs });
    expect(first.stderr).toBe('');
    expect(errorCommands(first.commands)).toEqual([]);
    expect(first.code).toBe(0);
    expect(first.outputs['kernel-version']).toBe(VERSION);
    const kernelDir = first.outputs['kernel-dir']!;
    expect(kernelDir.startsWith(runner.toolCache)).toBe(true);
    expect(readdirSync(kernelDir).sort()).toEqual([
      '.nanoship-kernel.json',
      'boot.img',
      'bootx64.efi',
      'kernel.img',
      'klibs',
    ]);
    expect(server.requests).toContain(`/release/${VERSION}/nanos-release-linux-${VERSION}.tar.gz`);

    const before = server.requests.length;
    const second = await runStep('main', runner, {
      inputs: { ...inputs, 'kernel-version': VERSION },
    });
    expect(second.code).toBe(0);
    expect(second.outputs['kernel-dir']).toBe(kernelDir);
    expect(server.requests.length).toBe(before);
  });

  test('a digest mismatch fails with one error line and caches nothing', async () => {
    const runner = newRunner();
    const wrong = createHash('sha256').update('another archive').digest('hex');
    const result = await runStep('main', runner, {
      inputs: {
        'kernel-version': VERSION,
        'kernel-base-url': server.baseUrl,
        'kernel-sha256': wrong,
      },
    });
    expect(result.code).toBe(1);
    expect(errorCommands(result.commands)).toEqual([
      expect.stringMatching(new RegExp(`^::error::.*${wrong}.*${sha256(archive)}`)),
    ]);
    expect(readdirSync(runner.toolCache)).toEqual([]);
    expect(result.stderr).toBe('');
  });

  test('an unpinned version is checked against the upstream .md5 with a warning naming the sha256', async () => {
    const runner = newRunner();
    const result = await runStep('main', runner, {
      inputs: { 'kernel-version': VERSION, 'kernel-base-url': server.baseUrl },
    });
    expect(result.code).toBe(0);
    expect(md5(archive)).toHaveLength(32);
    expect(result.commands).toContainEqual(expect.stringContaining(sha256(archive)));
  });
});

describe('building and boot-testing through the Action', () => {
  /** The step's inputs and PATH for a build + smoke run of an HTTP server. */
  let serverRun: { inputs: Record<string, string>; env: Record<string, string> };

  beforeAll(async () => {
    const dir = path.join(temp.dir, 'server');
    const workspaceFiles = path.join(dir, 'files');
    execFileSync('mkdir', ['-p', workspaceFiles]);
    if (realKernelDir) {
      const program = compileC(workspaceFiles, 'server', HTTP_SERVER_C, ['-static']);
      serverRun = { inputs: { 'kernel-dir': realKernelDir, program }, env: {} };
    } else {
      const program = compileC(workspaceFiles, 'server', HTTP_SERVER_C);
      const kernelDir = await writeStandInKernel(path.join(dir, 'kernel'));
      const bin = await linuxGuestQemu(path.join(dir, 'qemu'), { kind: 'httpd' });
      serverRun = {
        inputs: { 'kernel-dir': kernelDir, program },
        env: { PATH: `${bin}:${process.env.PATH}` },
      };
    }
  }, 300_000);

  const body = () => (realKernelDir ? 'hello from nanos' : GUEST_HTTP_BODY);

  test('builds, passes its probes and sets every output; hyphenated and multi-line inputs arrive', async () => {
    const runner = newRunner();
    const result = await runStep('main', runner, {
      inputs: {
        ...serverRun.inputs,
        probe: 'http://:8080/\ntcp://:8080',
        'expect-body': body(),
        'expect-status': '200',
        env: 'GREETING=hello\nTARGET=world',
        'image-name': 'web-app',
        accel: 'tcg',
        timeout: '90',
      },
      env: serverRun.env,
    });
    expect(errorCommands(result.commands)).toEqual([]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { outputs } = result;
    expect(outputs['smoke-result']).toBe('pass');
    expect(outputs['image-path']).toBe(path.join(runner.workspace, '.nanoship', 'web-app.img'));
    const bytes = readFileSync(outputs['image-path']!);
    expect(outputs['image-sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(Number(outputs['image-size'])).toBe(bytes.length);
    expect(Number(outputs['boot-ms'])).toBeGreaterThan(0);
    expect(existsSync(outputs['console-log']!)).toBe(true);
    // The two env lines reached the image: the summary shows the manifest read back.
    expect(result.summary).toContain('GREETING');
    expect(result.summary).toContain('TARGET');
    expect(result.summary).toContain('<code>');
    expect(result.summary).not.toMatch(/<td>`/);
    // The scratch folder is gone once the step ends.
    expect(readdirSync(runner.temp)).toEqual([]);
  });

  test('a failing expectation exits 1 with exactly one error line, outputs set first', async () => {
    const runner = newRunner();
    const result = await runStep('main', runner, {
      inputs: { ...serverRun.inputs, probe: 'http://:8080/', 'expect-status': '404', accel: 'tcg' },
      env: serverRun.env,
    });
    expect(result.code).toBe(1);
    expect(result.outputs['smoke-result']).toBe('fail');
    expect(errorCommands(result.commands)).toEqual([
      expect.stringMatching(/^::error::Smoke test failed: HTTP probe http:\/\/:8080\/.*200.*404/),
    ]);
    expect(result.stderr).toBe('');
  });

  test.each([
    [{ accel: 'warp' }, 'input "accel" must be one of auto, kvm, tcg, got "warp"'],
    [{ program: 'no-such-program' }, 'no-such-program does not exist'],
    [{ probe: 'http://example.com:80/' }, 'input "probe" must look like'],
    [{ smoke: 'maybe' }, 'input "smoke" must be true or false'],
    [{ publish: 'azure' }, 'input "publish" takes aws and/or gcp, got "azure"'],
  ])('bad input %j ends in one error line', async (bad, message) => {
    const runner = newRunner();
    const result = await runStep('main', runner, {
      inputs: { ...serverRun.inputs, ...bad },
      env: serverRun.env,
    });
    expect(result.code).toBe(1);
    expect(errorCommands(result.commands)).toEqual([expect.stringContaining(message)]);
    expect(result.stderr).toBe('');
    expect(existsSync(path.join(runner.workspace, '.nanoship'))).toBe(false);
  });

  test('the post step after a killed main step stops its QEMU and removes its scratch folder', async () => {
    const runner = newRunner();
    const main = startStep('main', runner, {
      inputs: { ...serverRun.inputs, probe: 'http://:9/', accel: 'tcg', timeout: '600' },
      env: serverRun.env,
    });
    const exited = new Promise((resolve) => main.once('exit', resolve));
    // Wait until the main step has recorded a running QEMU, then kill it as a cancelled job's
    // runner eventually does.
    const qemuPid = await waitUntil(
      'the main step to record its QEMU',
      () => {
        const pids = readRunnerFiles(runner).state.qemuPids;
        return pids ? (JSON.parse(pids) as number[])[0] : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    expect(isRunning(qemuPid)).toBe(true);
    main.kill('SIGKILL');
    await exited;
    expect(isRunning(qemuPid)).toBe(true); // its own process group: it outlives the main step
    const scratch = JSON.parse(readRunnerFiles(runner).state.tempDirs!) as string[];
    expect(scratch.length).toBe(1);
    expect(existsSync(scratch[0]!)).toBe(true);

    const post = await runStep('post', runner, { state: readRunnerFiles(runner).state });
    expect(post.code).toBe(0);
    expect(errorCommands(post.commands)).toEqual([]);
    expect(post.stdout).toContain(`Stopped QEMU (pid ${qemuPid})`);
    await waitUntil('QEMU to stop', () => !isRunning(qemuPid), {
      timeoutMs: 60_000,
      intervalMs: 100,
    });
    expect(existsSync(scratch[0]!)).toBe(false);
  });

  test('the post step of a run that never started does nothing', async () => {
    const runner = newRunner();
    const post = await runStep('post', runner);
    expect(post.code).toBe(0);
    expect(post.stdout).toBe('');
  });
});

/** Whether process `pid` is alive (and not a zombie). */
function isRunning(pid: number): boolean {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return !/^State:\s+Z/m.test(status);
  } catch {
    return false;
  }
}

const HTTP_SERVER_C = readFileSync(
  path.join(import.meta.dirname, '..', 'smoke', 'fixtures', 'http-server.c'),
  'utf8',
);
