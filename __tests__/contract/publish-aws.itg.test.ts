/**
 * `publish: aws` through what ships: the Action's entries and the CLI bundle, with the real AWS
 * SDK clients reaching a local fake only through the SDK's standard endpoint variables and
 * static credentials in the environment, as a runner after configure-aws-credentials has them.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { type AwsFake, startAwsFake } from '../cloud/aws/fake.js';
import { makeTempDir } from '../kernel/fixtures.js';
import { errorCommands, makeRunner, runCli, runStep } from './shipped.js';
import { compileC, linuxGuestQemu, realKernelDir, writeStandInKernel } from './stand-ins.js';

jest.setTimeout(240_000);

const temp = makeTempDir('nanoship-contract-aws-');
let fake: AwsFake;
/** What configure-aws-credentials leaves in a job's environment, plus the endpoint variable. */
let cloudEnv: Record<string, string>;
let build: { inputs: Record<string, string>; env: Record<string, string> };

beforeAll(async () => {
  fake = await startAwsFake({ sealPolls: 0, imagePendingPolls: 0 });
  cloudEnv = {
    AWS_ENDPOINT_URL: fake.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDCONTRACTTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 'session',
    AWS_REGION: 'eu-west-1',
    AWS_DEFAULT_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(temp.dir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(temp.dir, 'no-aws-credentials'),
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
  GITHUB_RUN_ID: '88',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_EVENT_NAME: 'push',
});

describe('publish: aws', () => {
  test('the tested image becomes an AMI, copied to a second region; a rerun reuses it', async () => {
    const runner = newRunner();
    const sha = 'abcdef0123456789abcdef0123456789abcdef01';
    const inputs = {
      ...build.inputs,
      probe: 'http://:8080/',
      accel: 'tcg',
      publish: 'aws',
      'aws-copy-regions': 'us-east-2',
      'aws-tags': 'team=edge',
    };
    const env = { ...build.env, ...cloudEnv, ...provenance(sha) };
    const result = await runStep('main', runner, { inputs, env });
    expect(errorCommands(result.commands)).toEqual([]);
    expect(result.code).toBe(0);
    const { outputs } = result;
    expect(outputs['smoke-result']).toBe('pass');
    const amiIds = JSON.parse(outputs['ami-ids']!) as Record<string, string>;
    expect(Object.keys(amiIds).sort()).toEqual(['eu-west-1', 'us-east-2']);
    expect(amiIds['eu-west-1']).toBe(outputs['ami-id']);
    const ami = fake.store.get('image', 'eu-west-1', outputs['ami-id']!);
    expect(ami).toMatchObject({
      state: 'available',
      architecture: 'x86_64',
      enaSupport: true,
      tags: expect.objectContaining({
        team: 'edge',
        'nanoship:managed': 'true',
        'nanoship:digest': outputs['image-sha256'],
        'nanoship:repo-id': '4242',
      }),
    });
    // The snapshot holds the image's bytes: every block up to the last one with data.
    const image = readFileSync(outputs['image-path']!);
    const { bytes } = await fake.readSnapshot(outputs['snapshot-id']!);
    expect(bytes.equals(image.subarray(0, bytes.length))).toBe(true);
    expect(image.subarray(bytes.length).every((byte) => byte === 0)).toBe(true);
    expect(fake.operations('CopyImage')[0]?.region).toBe('us-east-2');
    expect(result.summary).toContain('AMI eu-west-1');
    expect(result.state.cloudResources).toBe('[]');

    const blocksBefore = fake.operations('PutSnapshotBlock').length;
    const rerun = await runStep('main', newRunner(), {
      inputs: { ...inputs, smoke: 'false' },
      env,
    });
    expect(rerun.code).toBe(0);
    expect(rerun.outputs['ami-id']).toBe(outputs['ami-id']);
    expect(fake.operations('PutSnapshotBlock').length).toBe(blocksBefore);
  });

  test('a refused RegisterImage ends in one error line and leaves no snapshot', async () => {
    const runner = newRunner();
    fake.inject({
      kind: 'error',
      operation: 'RegisterImage',
      code: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.',
      times: 1,
    });
    const snapshotsBefore = fake.store.list('snapshot').length;
    const result = await runStep('main', runner, {
      inputs: { ...build.inputs, env: 'BUILD=refused', smoke: 'false', publish: 'aws' },
      env: { ...build.env, ...cloudEnv, ...provenance('12'.repeat(20)) },
    });
    expect(result.code).toBe(1);
    expect(errorCommands(result.commands)).toEqual([
      expect.stringMatching(/^::error::.*UnauthorizedOperation.*ec2:RegisterImage/),
    ]);
    expect(fake.store.list('snapshot').length).toBe(snapshotsBefore);
    expect(JSON.parse(result.state.cloudResources ?? '[]')).toEqual([]);
  });

  test('without a region the step fails before building, naming the input', async () => {
    const runner = newRunner();
    const { AWS_REGION: _, AWS_DEFAULT_REGION: __, ...noRegion } = cloudEnv;
    const result = await runStep('main', runner, {
      inputs: { ...build.inputs, publish: 'aws' },
      env: { ...build.env, ...noRegion },
    });
    expect(result.code).toBe(1);
    expect(errorCommands(result.commands)).toEqual([
      expect.stringContaining('set input "aws-region"'),
    ]);
  });

  test('the post step deletes a snapshot a killed main step left', async () => {
    const runner = newRunner();
    const snapshotId = fake.seedSnapshot({ region: 'eu-west-1', state: 'pending' });
    const left = { cloud: 'aws', kind: 'snapshot', region: 'eu-west-1', id: snapshotId };
    const post = await runStep('post', runner, {
      state: { isPost: 'true', cloudResources: JSON.stringify([left]) },
      env: cloudEnv,
    });
    expect(post.code).toBe(0);
    expect(errorCommands(post.commands)).toEqual([]);
    expect(fake.store.find('snapshot', snapshotId)).toBeUndefined();
  });

  test('the CLI publishes an image file and prints the result as JSON', async () => {
    const runner = newRunner();
    const built = await runStep('main', runner, {
      inputs: { ...build.inputs, env: 'BUILD=cli', smoke: 'false' },
      env: build.env,
    });
    const result = await runCli(
      ['publish', 'aws', built.outputs['image-path']!, '--aws-region', 'us-west-2', '--json'],
      { cwd: runner.workspace, env: cloudEnv },
    );
    expect(result.stderr).not.toContain('bug');
    expect(result.code).toBe(0);
    const published = JSON.parse(result.stdout);
    expect(published).toMatchObject({
      aws: {
        region: 'us-west-2',
        amiId: expect.stringMatching(/^ami-/),
        snapshotId: expect.stringMatching(/^snap-/),
        reused: false,
      },
    });
    expect(published.aws.amiIds).toEqual({ 'us-west-2': published.aws.amiId });
  });
});
