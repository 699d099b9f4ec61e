/**
 * A release through what ships: a pushed v-tag runs the Action from dist/, which publishes to
 * the AWS fake and records the images in the GitHub Release of that tag on the GitHub fake
 * (reached through GITHUB_API_URL), a table in the body and images.json, updated in place on a
 * rerun. The same JSON is the release-images output.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { type AwsFake, startAwsFake } from '../cloud/aws/fake.js';
import { type GitHubFake, startGitHubFake } from '../github/fake.js';
import { makeTempDir } from '../kernel/fixtures.js';
import { errorCommands, makeRunner, runStep } from './shipped.js';
import { compileC, realKernelDir, writeStandInKernel } from './stand-ins.js';

jest.setTimeout(240_000);

const temp = makeTempDir('nanoship-contract-release-');
let aws: AwsFake;
let github: GitHubFake;
let env: Record<string, string>;
let inputs: Record<string, string>;
const SHA = 'c0ffee0000000000000000000000000000000001';

beforeAll(async () => {
  aws = await startAwsFake({ sealPolls: 0, imagePendingPolls: 0 });
  github = await startGitHubFake({ repos: ['octo/app'] });
  github.repo('octo/app').refs.set(SHA, SHA);
  const files = path.join(temp.dir, 'files');
  mkdirSync(files);
  const source = readFileSync(
    path.join(import.meta.dirname, '..', 'smoke', 'fixtures', 'http-server.c'),
    'utf8',
  );
  const program = compileC(files, 'server', source, realKernelDir ? ['-static'] : []);
  const kernelDir = realKernelDir ?? (await writeStandInKernel(path.join(temp.dir, 'kernel')));
  inputs = {
    'kernel-dir': kernelDir,
    program,
    smoke: 'false',
    publish: 'aws',
    'aws-copy-regions': 'us-east-2',
    'github-token': 'ghs_release_token',
  };
  env = {
    AWS_ENDPOINT_URL: aws.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDRELEASE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(temp.dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(temp.dir, 'none'),
    GITHUB_API_URL: github.apiUrl,
    GITHUB_SERVER_URL: github.webUrl,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_REPOSITORY_ID: String(github.repo('octo/app').id),
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/tags/v1.2.3',
    GITHUB_SHA: SHA,
    GITHUB_RUN_ID: '501',
    GITHUB_RUN_ATTEMPT: '1',
  };
}, 120_000);

afterAll(async () => {
  await aws.close();
  await github.close();
  temp.remove();
});

describe('a v-tag push', () => {
  test('publishes and records the images in the release, once, updated on a rerun', async () => {
    const run = () =>
      runStep('main', makeRunner(path.join(temp.dir, `runner-${Date.now()}`)), { inputs, env });
    const first = await run();
    expect(errorCommands(first.commands)).toEqual([]);
    expect(first.code).toBe(0);
    const images = JSON.parse(first.outputs['release-images']!);
    expect(images).toEqual({
      version: '1.2.3',
      tags: ['1.2.3', '1.2', '1', 'latest'],
      digest: first.outputs['image-sha256'],
      arch: 'x86_64',
      bootMode: 'bios',
      aws: JSON.parse(first.outputs['ami-ids']!),
    });
    const ami = aws.store.get('image', 'eu-west-1', first.outputs['ami-id']!);
    expect(ami?.tags['nanoship:version']).toBe('1.2.3');
    expect(ami?.tags['nanoship:channel']).toBe('release');

    const repo = github.repo('octo/app');
    expect(repo.releases).toHaveLength(1);
    const [release] = repo.releases;
    expect(release).toMatchObject({ tag_name: 'v1.2.3' });
    expect(release!.body).toContain(first.outputs['ami-id']);
    expect(release!.body).toContain('an x86_64 image that boots with BIOS');
    const assets = repo.assets.filter((a) => a.name === 'images.json');
    expect(assets).toHaveLength(1);
    expect(JSON.parse(assets[0]!.data.toString('utf8'))).toEqual(images);
    expect(first.summary).toContain('Release');

    const second = await run();
    expect(second.code).toBe(0);
    expect(second.outputs['ami-id']).toBe(first.outputs['ami-id']);
    expect(repo.releases).toHaveLength(1);
    expect(repo.assets.filter((a) => a.name === 'images.json')).toHaveLength(1);
    const starts = release!.body?.split('<!-- nanoship:images:start -->').length;
    expect(starts).toBe(2);
  });

  test('a read-only token ends in one error line naming the permission', async () => {
    github.state.readOnlyTokens.add('ghs_read_only');
    const result = await runStep('main', makeRunner(path.join(temp.dir, 'runner-ro')), {
      inputs: { ...inputs, 'github-token': 'ghs_read_only', env: 'RUN=read-only' },
      env: { ...env, GITHUB_REF: 'refs/tags/v1.2.4' },
    });
    expect(result.code).toBe(1);
    expect(errorCommands(result.commands)).toEqual([expect.stringContaining('contents: write')]);
  });
});
