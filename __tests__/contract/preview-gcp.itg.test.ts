/**
 * A pull request's whole life through what ships, on Google Cloud: the Action from dist/ with
 * event payload files, against the Google fake (whose instances boot the published disk in
 * real QEMU on 127.0.0.N, ports opened by the firewall rule) and the GitHub fake. Opened: the
 * preview answers; synchronize: replaced once the new one answers; closed: nothing left.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { type GcpFake, startGcpFake } from '../cloud/gcp/fake.js';
import { type GitHubFake, startGitHubFake } from '../github/fake.js';
import { makeTempDir } from '../kernel/fixtures.js';
import { httpGet } from './http.js';
import { errorCommands, makeRunner, runStep } from './shipped.js';
import { compileC, linuxGuestQemu, realKernelDir, writeStandInKernel } from './stand-ins.js';

jest.setTimeout(600_000);

const REPO = 'octo/web';
const PROJECT = 'demo-project';
const BUCKET = 'nanoship-staging';
const ZONE = 'us-central1-a';
const temp = makeTempDir('nanoship-contract-preview-gcp-');
let gcp: GcpFake;
let github: GitHubFake;
let program: string;
let kernelDir: string;
let env: Record<string, string>;

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
  const qemu = bin ? path.join(bin, 'qemu-system-x86_64') : 'qemu-system-x86_64';
  gcp = await startGcpFake({
    projects: [PROJECT],
    buckets: [BUCKET],
    boot: { qemu, addressStart: 140 },
  });
  github = await startGitHubFake({ repos: [REPO] });
  env = {
    ...gcp.env,
    GOOGLE_APPLICATION_CREDENTIALS: await gcp.writeCredentials(temp.dir),
    GOOGLE_CLOUD_PROJECT: PROJECT,
    GITHUB_API_URL: github.apiUrl,
    GITHUB_SERVER_URL: github.webUrl,
    GITHUB_REPOSITORY: REPO,
    GITHUB_REPOSITORY_ID: String(github.repo(REPO).id),
    ...(bin && { PATH: `${bin}:${process.env.PATH}` }),
  };
}, 300_000);

afterAll(async () => {
  await gcp?.close();
  await github?.close();
  temp.remove();
});

let runs = 0;

async function pullRequestRun(action: string, pr: number, headSha: string) {
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
        head: { sha: headSha, repo: { full_name: REPO } },
        base: { repo: { full_name: REPO } },
      },
    }),
  );
  return runStep('main', runner, {
    inputs: {
      'kernel-dir': kernelDir,
      program,
      env: `HEAD=${headSha}`,
      probe: 'http://:8080/',
      accel: 'tcg',
      preview: 'gcp',
      'gcp-bucket': BUCKET,
      'gcp-zone': ZONE,
      'github-token': 'ghs_preview',
    },
    env: {
      ...env,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REF: `refs/pull/${pr}/merge`,
      GITHUB_SHA: headSha,
      GITHUB_RUN_ID: String(2000 + runs),
      GITHUB_RUN_ATTEMPT: '1',
    },
  });
}

/** The QEMUs the fake has running (it drops each one that ended). */
const live = () => gcp.vms();

describe('a pull request on Google Cloud', () => {
  const PR = 5;
  const first = 'c3'.repeat(20);
  const second = 'd4'.repeat(20);
  let firstInstance: string;

  beforeAll(() => {
    github.addPullRequest(REPO, { number: PR, headSha: first });
  });

  test('opened: the preview answers at its URL through the firewall rule', async () => {
    const result = await pullRequestRun('opened', PR, first);
    expect(errorCommands(result.commands)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs['gcp-image']).toMatch(/^server-c3c3c3c/);
    const url = result.outputs['preview-url']!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.\d+:8080\/$/);
    expect((await httpGet(url)).status).toBe(200);
    firstInstance = result.outputs['preview-instance']!;
    const comments = github.repo(REPO).comments.filter((c) => c.issue === PR);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toContain(url);
  });

  test('synchronize: replaced once the new one answers', async () => {
    github.repo(REPO).refs.set(second, second);
    const result = await pullRequestRun('synchronize', PR, second);
    expect(errorCommands(result.commands)).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.outputs['preview-instance']).not.toBe(firstInstance);
    expect((await httpGet(result.outputs['preview-url']!)).status).toBe(200);
    expect(github.repo(REPO).comments.filter((c) => c.issue === PR)).toHaveLength(1);
  });

  test('closed: no instance, rule, image or QEMU is left', async () => {
    const result = await pullRequestRun('closed', PR, second);
    expect(errorCommands(result.commands)).toEqual([]);
    expect(result.code).toBe(0);
    expect(live()).toEqual([]);
    const compute = gcp.state.compute.projects.get(PROJECT)!;
    expect([...compute.instances.values()]).toEqual([]);
    expect([...compute.firewalls.values()]).toEqual([]);
    expect(gcp.images(PROJECT).filter((i) => i.labels?.['nanoship-pr'] === String(PR))).toEqual([]);
    expect(github.repo(REPO).comments.filter((c) => c.issue === PR)[0]!.body).toMatch(/removed/i);
  });
});
