// The Action entry, run in-process with INPUT_* variables as the runner sets them, against a
// local release mirror. Outputs, state and summary go to files like on a runner.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { run } from '../../src/action/main.js';
import {
  makeReleaseArchive,
  makeTempDir,
  type ReleaseServer,
  serveRelease,
  sha256,
  startReleaseServer,
} from '../kernel/fixtures.js';
import { isolateRunner, prepareRunner, readOutputs } from './runner.js';

const temp = makeTempDir('nanoship-action-test-');
let server: ReleaseServer;
const archive = makeReleaseArchive(temp.dir);
const runner = isolateRunner();

beforeAll(async () => {
  server = await startReleaseServer();
  serveRelease(server, '0.1.55', archive);
  server.route('latest.txt', { status: 200, body: '0.1.55\n' });
});
afterAll(async () => {
  await server.close();
  temp.remove();
});

describe('the Action with kernel inputs only', () => {
  test('resolves latest, downloads, verifies and sets the kernel outputs', async () => {
    const outputs = prepareRunner(
      temp.dir,
      {
        'kernel-version': 'latest',
        'kernel-base-url': server.baseUrl,
        'kernel-sha256': sha256(archive),
        smoke: 'true',
      },
      'latest',
    );
    await run();
    expect(process.exitCode).toBeUndefined();
    const values = readOutputs(outputs);
    expect(values['kernel-version']).toBe('0.1.55');
    expect(readFileSync(path.join(values['kernel-dir']!, 'kernel.img')).length).toBeGreaterThan(0);
    expect(runner.stdout).toContain('0.1.55');
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')).toContain('0.1.55 (download)');
    expect(readdirSync(process.env.RUNNER_TEMP!)).toEqual([]); // the scratch folder is gone
  });

  test('fails the step with one error line for a bad input', async () => {
    prepareRunner(temp.dir, { 'kernel-version': 'v1', smoke: 'true' }, 'bad-input');
    await run();
    expect(process.exitCode).toBe(1);
    const errors = runner.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual([
      expect.stringContaining('input "kernel-version" must be a release such as 0.1.55'),
    ]);
  });

  test('fails the step with one error line for a smoke input that is not a boolean', async () => {
    prepareRunner(temp.dir, { program: 'app', smoke: 'yes' }, 'bad-smoke');
    await run();
    expect(process.exitCode).toBe(1);
    const errors = runner.stdout.split('\n').filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual(['::error::input "smoke" must be true or false, got "yes".']);
  });

  test('fails the step when the archive does not match the pinned digest', async () => {
    prepareRunner(
      temp.dir,
      {
        'kernel-version': '0.1.55',
        'kernel-base-url': server.baseUrl,
        'kernel-sha256': 'f'.repeat(64),
        smoke: 'true',
      },
      'mismatch',
    );
    await run();
    expect(process.exitCode).toBe(1);
    expect(runner.stdout).toMatch(new RegExp(`::error::.*${'f'.repeat(64)}`));
    expect(runner.stdout).toContain(sha256(archive));
  });
});
