/**
 * `publish: gcp` through what ships: the Action's entries and the CLI bundle, with the real
 * Google clients reaching a local fake only through gcloud's endpoint variables and an
 * external_account credentials file, as a runner after google-github-actions/auth has them.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { type GcpFake, startGcpFake } from '../cloud/gcp/fake.js';
import { compareWithPadded, GIB } from '../cloud/gcp/image-files.js';
import { makeTempDir } from '../kernel/fixtures.js';
import { errorCommands, makeRunner, runCli, runStep } from './shipped.js';
import { compileC, linuxGuestQemu, realKernelDir, writeStandInKernel } from './stand-ins.js';

jest.setTimeout(240_000);

const PROJECT = 'demo-project';
const BUCKET = 'nanoship-staging';
const temp = makeTempDir('nanoship-contract-gcp-');
let fake: GcpFake;
/** What the auth action and gcloud leave in a job's environment, pointing at the fake. */
let cloudEnv: Record<string, string>;
let build: { inputs: Record<string, string>; env: Record<string, string> };

beforeAll(async () => {
  fake = await startGcpFake({ projects: [PROJECT], buckets: [BUCKET] });
  cloudEnv = {
    ...fake.env,
    GOOGLE_APPLICATION_CREDENTIALS: await fake.writeCredentials(temp.dir),
    GOOGLE_CLOUD_PROJECT: PROJECT,
  };
  const files = path.join(temp.dir, 'files');
  mkdirSync(files);
  const source = readFileSync(
    path.join(import.meta.dirname, '..', 'smoke', 'fixtures', 'http-server.c'),
    'utf8',
  );
  if (realKernelDir) {
    const program = compileC(files, 'server', source, ['-static']);
    build = { inputs: { 'kernel-dir': realKernelDir, program }, env: {} };
  } else {
    const program = compileC(files, 'server', source);
    const kernelDir = await writeStandInKernel(path.join(temp.dir, 'kernel'));
    const bin = await linuxGuestQemu(path.join(temp.dir, 'qemu'), { kind: 'httpd' });
    build = {
      inputs: { 'kernel-dir': kernelDir, program },
      env: { PATH: `${bin}:${process.env.PATH}` },
    };
  }
}, 300_000);

afterAll(async () => {
  await fake.close();
  temp.remove();
});

let runners = 0;
const newRunner = () => makeRunner(path.join(temp.dir, `runner-${++runners}`));
const provenance = (sha: string) => ({
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_REPOSITORY_ID: '4242',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_SHA: sha,
  GITHUB_RUN_ID: '77',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_EVENT_NAME: 'push',
});

describe('publish: gcp', () => {
  test('the tested image becomes a READY image; the staging object is gone; a rerun reuses it', async () => {
    const runner = newRunner();
    const sha = '1a2b3c4d5e6f00000000000000000000000000aa';
    const result = await runStep('main', runner, {
      inputs: {
        ...build.inputs,
        probe: 'http://:8080/',
        accel: 'tcg',
        publish: 'gcp',
        'gcp-bucket': BUCKET,
        'gcp-labels': 'team=edge',
      },
      env: { ...build.env, ...cloudEnv, ...provenance(sha) },
    });
    expect(errorCommands(result.commands)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs['smoke-result']).toBe('pass');
    expect(result.outputs['gcp-image']).toBe('server-1a2b3c4');
    expect(result.outputs['gcp-image-uri']).toBe(
      `projects/${PROJECT}/global/images/server-1a2b3c4`,
    );
    const image = fake.images(PROJECT).find((i) => i.name === 'server-1a2b3c4');
    expect(image).toMatchObject({
      status: 'READY',
      labels: expect.objectContaining({ team: 'edge', 'nanoship-repo-id': '4242' }),
    });
    const disk = fake.extractedDisk(PROJECT, 'server-1a2b3c4');
    expect(await compareWithPadded(disk, result.outputs['image-path']!, GIB)).toBeUndefined();
    expect(fake.objects(BUCKET)).toEqual([]);
    expect(result.summary).toContain('GCE image');
    expect(result.state.cloudResources).toBe('[]');

    // The same inputs give the same bytes, so a rerun publishes nothing new.
    const uploads = fake.uploadSessions();
    const rerun = await runStep('main', newRunner(), {
      inputs: {
        ...build.inputs,
        smoke: 'false',
        publish: 'gcp',
        'gcp-bucket': BUCKET,
        'gcp-labels': 'team=edge',
      },
      env: { ...build.env, ...cloudEnv, ...provenance(sha) },
    });
    expect(rerun.code).toBe(0);
    expect(rerun.outputs['image-sha256']).toBe(result.outputs['image-sha256']);
    expect(rerun.outputs['gcp-image']).toBe('server-1a2b3c4');
    expect(fake.uploadSessions()).toBe(uploads);
    expect(rerun.summary).toContain('reused');
  });

  test('a failed import ends in one error line and leaves neither image nor object', async () => {
    const runner = newRunner();
    const before = fake.images(PROJECT).length;
    fake.failNextImport([{ code: 'INVALID_IMAGE_FILE', message: 'disk.raw is not a disk' }]);
    const result = await runStep('main', runner, {
      // Another environment makes another image: the same bytes would be reused, not imported.
      inputs: {
        ...build.inputs,
        env: 'BUILD=failing-import',
        smoke: 'false',
        publish: 'gcp',
        'gcp-bucket': BUCKET,
      },
      env: { ...build.env, ...cloudEnv, ...provenance('2b'.repeat(20)) },
    });
    expect(result.code).toBe(1);
    expect(errorCommands(result.commands)).toEqual([expect.stringContaining('INVALID_IMAGE_FILE')]);
    expect(fake.images(PROJECT).length).toBe(before);
    expect(fake.objects(BUCKET)).toEqual([]);
  });

  test('a failed smoke test publishes nothing', async () => {
    const runner = newRunner();
    const before = fake.requests.length;
    const result = await runStep('main', runner, {
      inputs: {
        ...build.inputs,
        probe: 'http://:8080/',
        'expect-status': '418',
        accel: 'tcg',
        publish: 'gcp',
        'gcp-bucket': BUCKET,
      },
      env: { ...build.env, ...cloudEnv, ...provenance('3c'.repeat(20)) },
    });
    expect(result.code).toBe(1);
    expect(result.outputs['gcp-image']).toBeUndefined();
    expect(fake.requests.length).toBe(before);
  });

  test('the post step deletes a staging object a killed main step left', async () => {
    const runner = newRunner();
    const name = 'nanoship/4242/deadbee/server.tar.gz';
    await fake.putObject(BUCKET, name, Buffer.from('half an upload'));
    const left = { cloud: 'gcp', kind: 'object', project: PROJECT, bucket: BUCKET, id: name };
    const post = await runStep('post', runner, {
      state: { isPost: 'true', cloudResources: JSON.stringify([left]) },
      env: cloudEnv,
    });
    expect(post.code).toBe(0);
    expect(errorCommands(post.commands)).toEqual([]);
    expect(fake.objects(BUCKET).map((o) => o.name)).not.toContain(name);
  });

  test('the CLI publishes an image file and prints the result as JSON', async () => {
    const runner = newRunner();
    const built = await runStep('main', runner, {
      inputs: { ...build.inputs, env: 'BUILD=cli', smoke: 'false' },
      env: build.env,
    });
    const imagePath = built.outputs['image-path']!;
    expect(existsSync(imagePath)).toBe(true);
    const result = await runCli(
      ['publish', 'gcp', imagePath, '--gcp-bucket', BUCKET, '--image-name', 'cli-app', '--json'],
      { cwd: runner.workspace, env: cloudEnv },
    );
    expect(result.stderr).not.toContain('bug');
    expect(result.code).toBe(0);
    const published = JSON.parse(result.stdout);
    expect(published).toMatchObject({
      gcp: { project: PROJECT, image: expect.stringMatching(/^cli-app-/), reused: false },
    });
    const again = await runCli(
      ['publish', 'gcp', imagePath, '--gcp-bucket', BUCKET, '--image-name', 'cli-app', '--json'],
      { cwd: runner.workspace, env: cloudEnv },
    );
    expect(JSON.parse(again.stdout)).toMatchObject({ gcp: { reused: true } });
  });
});
