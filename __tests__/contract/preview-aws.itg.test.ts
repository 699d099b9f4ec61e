/**
 * A pull request's whole life through what ships, on AWS: the Action from dist/ with event
 * payload files as a runner writes them, against the AWS fake (whose instances boot the
 * published disk in real QEMU on 127.0.0.N) and the GitHub fake (GITHUB_API_URL). Opened: the
 * preview answers at its URL, one comment, one deployment. Synchronize: a new instance replaces
 * the old only after it answers, still one comment. Closed: nothing left, no QEMU. A fork's
 * pull request creates nothing. The CLI's preview and sweep commands work the same resources.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { type AwsFake, startAwsFake } from '../cloud/aws/fake.js';
import { qemuProcesses } from '../cloud/aws/preview-fixtures.js';
import { type GitHubFake, startGitHubFake } from '../github/fake.js';
import { makeTempDir } from '../kernel/fixtures.js';
import { httpGet } from './http.js';
import { errorCommands, makeRunner, runCli, runStep } from './shipped.js';
import { compileC, linuxGuestQemu, realKernelDir, writeStandInKernel } from './stand-ins.js';

jest.setTimeout(600_000);

const REPO = 'octo/app';
const temp = makeTempDir('nanoship-contract-preview-aws-');
let aws: AwsFake;
let github: GitHubFake;
let program: string;
let kernelDir: string;
/** PATH with the QEMU stand-in first (no Nanos kernel), for the smoke test and the fake. */
let path_: string;
let cloudEnv: Record<string, string>;

beforeAll(async () => {
  const files = path.join(temp.dir, 'files');
  mkdirSync(files);
  const source = readFileSync(
    path.join(import.meta.dirname, '..', 'smoke', 'fixtures', 'http-server.c'),
    'utf8',
  );
  program = compileC(files, 'server', source, realKernelDir ? ['-static'] : []);
  kernelDir = realKernelDir ?? (await writeStandInKernel(path.join(temp.dir, 'kernel')));
  const bin = realKernelDir
    ? undefined
    : await linuxGuestQemu(path.join(temp.dir, 'qemu'), { kind: 'httpd' });
  path_ = bin ? `${bin}:${process.env.PATH}` : process.env.PATH!;
  aws = await startAwsFake({ sealPolls: 0, imagePendingPolls: 0, instances: { path: path_ } });
  github = await startGitHubFake({ repos: [REPO] });
  cloudEnv = {
    AWS_ENDPOINT_URL: aws.endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDPREVIEW',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: path.join(temp.dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(temp.dir, 'none'),
    GITHUB_API_URL: github.apiUrl,
    GITHUB_SERVER_URL: github.webUrl,
    GITHUB_REPOSITORY: REPO,
    GITHUB_REPOSITORY_ID: String(github.repo(REPO).id),
    PATH: path_,
  };
}, 300_000);

afterAll(async () => {
  await aws?.close();
  await github?.close();
  temp.remove();
});

let runs = 0;

/** Runs the Action's main step for a pull_request event, as a runner does. */
async function pullRequestRun(
  action: string,
  pr: number,
  headSha: string,
  options: { fork?: boolean; env?: string } = {},
) {
  runs += 1;
  const runner = makeRunner(path.join(temp.dir, `run-${runs}`));
  const event = path.join(runner.dir, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({
      action,
      number: pr,
      pull_request: {
        number: pr,
        head: { sha: headSha, repo: { full_name: options.fork ? 'stranger/app' : REPO } },
        base: { repo: { full_name: REPO } },
      },
      repository: { full_name: REPO, id: github.repo(REPO).id },
    }),
  );
  return runStep('main', runner, {
    inputs: {
      'kernel-dir': kernelDir,
      program,
      env: options.env ?? `HEAD=${headSha}`,
      probe: 'http://:8080/',
      accel: 'tcg',
      preview: 'aws',
      'github-token': 'ghs_preview',
    },
    env: {
      ...cloudEnv,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REF: `refs/pull/${pr}/merge`,
      GITHUB_SHA: `${headSha.slice(0, 30)}0000000000`,
      GITHUB_RUN_ID: String(1000 + runs),
      GITHUB_RUN_ATTEMPT: '1',
    },
  });
}

const running = () =>
  aws.store.list('instance').filter((i) => i.state === 'running' || i.state === 'pending');
const marked = (pr: number) =>
  github
    .repo(REPO)
    .comments.filter((c) => c.issue === pr && c.body.includes('nanoship:preview:aws'));

describe('a pull request on AWS', () => {
  const PR = 7;
  const first = 'a1'.repeat(20);
  const second = 'b2'.repeat(20);
  let firstInstance: string;

  beforeAll(() => {
    github.addPullRequest(REPO, { number: PR, headSha: first });
  });

  test('opened: the preview answers at its URL, with one comment and one deployment', async () => {
    const result = await pullRequestRun('opened', PR, first);
    expect(errorCommands(result.commands)).toEqual([]);
    expect(result.code).toBe(0);
    const url = result.outputs['preview-url']!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.\d+:8080\/$/);
    expect((await httpGet(url)).status).toBe(200);
    firstInstance = result.outputs['preview-instance']!;
    expect(running().map((i) => i.id)).toEqual([firstInstance]);
    expect(marked(PR)).toHaveLength(1);
    expect(marked(PR)[0]!.body).toContain(url);
    const deployments = github.repo(REPO).deployments.filter((d) => d.environment === `pr-${PR}`);
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.sha).toBe(first);
    expect(result.summary).toContain(`Preview #${PR}`);
    expect(JSON.parse(result.state.cloudResources ?? '[]')).toEqual([]);
  });

  test('synchronize: a new instance replaces the old once it answers; still one comment', async () => {
    github.repo(REPO).refs.set(second, second);
    const result = await pullRequestRun('synchronize', PR, second);
    expect(errorCommands(result.commands)).toEqual([]);
    expect(result.code).toBe(0);
    const instance = result.outputs['preview-instance']!;
    expect(instance).not.toBe(firstInstance);
    expect(running().map((i) => i.id)).toEqual([instance]);
    expect((await httpGet(result.outputs['preview-url']!)).status).toBe(200);
    expect(marked(PR)).toHaveLength(1);
    expect(marked(PR)[0]!.body).toContain(second.slice(0, 7));
    const vms = aws.vms().filter((vm) => vm.status === 'running');
    expect(vms.map((vm) => vm.instanceId)).toEqual([instance]);
  });

  test('closed: instances, security groups, images and QEMU are all gone', async () => {
    const result = await pullRequestRun('closed', PR, second);
    expect(errorCommands(result.commands)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs['image-path']).toBeUndefined(); // nothing was built
    expect(running()).toEqual([]);
    expect(
      aws.store.list('security-group').filter((g) => g.tags['nanoship:pr'] === String(PR)),
    ).toEqual([]);
    expect(aws.store.list('image').filter((i) => i.tags['nanoship:pr'] === String(PR))).toEqual([]);
    expect(aws.store.list('snapshot').filter((s) => s.tags['nanoship:pr'] === String(PR))).toEqual(
      [],
    );
    expect(qemuProcesses(aws.dir)).toEqual([]);
    expect(marked(PR)).toHaveLength(1);
    expect(marked(PR)[0]!.body).toMatch(/removed/i);
    const statuses = github.repo(REPO).statuses;
    for (const deployment of github
      .repo(REPO)
      .deployments.filter((d) => d.environment === `pr-${PR}`)) {
      const last = statuses.filter((s) => s.deployment_id === deployment.id).at(-1);
      expect(last?.state).toBe('inactive');
    }
  });

  test('a pull request from a fork creates nothing in the cloud and says why', async () => {
    const before = aws.requests.length;
    github.addPullRequest(REPO, { number: 11, headSha: 'f0'.repeat(20), headRepo: 'stranger/app' });
    const result = await pullRequestRun('opened', 11, 'f0'.repeat(20), { fork: true });
    expect(result.code).toBe(0);
    expect(result.commands).toContainEqual(expect.stringContaining('comes from a fork'));
    expect(result.outputs['smoke-result']).toBe('pass');
    expect(aws.requests.length).toBe(before);
  });
});

describe('the CLI on AWS', () => {
  test('preview up for two PRs, a sweep after one closed, preview down for the other', async () => {
    const built = await runStep('main', makeRunner(path.join(temp.dir, 'cli-build')), {
      inputs: { 'kernel-dir': kernelDir, program, env: 'BUILD=cli', smoke: 'false' },
      env: { PATH: path_ },
    });
    const image = built.outputs['image-path']!;
    const cliEnv = { ...cloudEnv, GITHUB_TOKEN: 'ghs_cli' };
    const cli = (args: string[]) => runCli(args, { cwd: temp.dir, env: cliEnv });
    for (const pr of [21, 22]) {
      github.addPullRequest(REPO, { number: pr, headSha: `${pr}`.repeat(20) });
      const up = await cli([
        'preview',
        'up',
        image,
        '--preview',
        'aws',
        '--pr',
        String(pr),
        '--repo',
        REPO,
        '--probe',
        'http://:8080/',
        '--json',
      ]);
      expect(up.stderr).not.toContain('bug');
      expect(up.code).toBe(0);
      expect((await httpGet(JSON.parse(up.stdout).url)).status).toBe(200);
    }
    github.repo(REPO).pulls.get(21)!.state = 'closed';
    const swept = await cli(['sweep', '--preview', 'aws', '--json']);
    expect(swept.code).toBe(0);
    const sweep = JSON.parse(swept.stdout);
    expect(sweep.removed.join('\n')).toContain('#21');
    expect(sweep.kept).toEqual([expect.stringContaining('#22')]);
    expect(running().map((i) => i.tags['nanoship:pr'])).toEqual(['22']);

    const down = await cli([
      'preview',
      'down',
      '--preview',
      'aws',
      '--pr',
      '22',
      '--repo',
      REPO,
      '--json',
    ]);
    expect(down.code).toBe(0);
    expect(running()).toEqual([]);
    expect(qemuProcesses(aws.dir)).toEqual([]);
  });
});
