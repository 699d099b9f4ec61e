import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import {
  deactivatePreviewDeployments,
  finishPreviewDeployment,
  previewEnvironment,
  startPreviewDeployment,
} from '../../src/github/deployments.js';
import { createGitHubClient, type GitHubClient } from '../../src/github/octokit.js';
import { fakeSha, type GitHubFake, startGitHubFake } from './fake.js';

const head = fakeSha('pr7-head');
const runUrl = 'https://github.com/octo/app/actions/runs/900';
const target = { owner: 'octo', repo: 'app', pr: 7, cloud: 'aws' as const };

let gh: GitHubFake;
let octokit: GitHubClient;

beforeEach(async () => {
  gh = await startGitHubFake({ repos: ['octo/app'] });
  gh.addPullRequest('octo/app', { number: 7, headSha: head, headRef: 'feature' });
  octokit = createGitHubClient({ token: 'ghs_write', apiUrl: gh.apiUrl });
});
afterEach(() => gh.close());

const repo = () => gh.repo('octo/app');
/** Each deployment's states, oldest first. */
const history = () =>
  repo().deployments.map((d) => ({
    id: d.id,
    states: repo()
      .statuses.filter((s) => s.deployment_id === d.id)
      .map((s) => s.state),
  }));

describe('starting a preview deployment', () => {
  test('creates it for the head commit in pr-<N>, transient, with the payload, then in_progress', async () => {
    const { deploymentId } = await startPreviewDeployment(octokit, {
      ...target,
      sha: head,
      instance: 'i-0abc',
      logUrl: runUrl,
    });

    expect(repo().deployments).toEqual([
      expect.objectContaining({
        id: deploymentId,
        ref: head,
        sha: head,
        environment: 'pr-7',
        transient_environment: true,
        production_environment: false,
        payload: { tool: 'nanoship', cloud: 'aws', pr: 7, instance: 'i-0abc' },
      }),
    ]);
    const sent = gh.requests.find((r) => r.method === 'POST' && r.path.endsWith('/deployments'));
    expect(sent?.body).toMatchObject({ auto_merge: false, required_contexts: [] });
    expect(repo().statuses).toEqual([
      expect.objectContaining({
        deployment_id: deploymentId,
        state: 'in_progress',
        log_url: runUrl,
      }),
    ]);
  });

  test.each([
    ['behind its base branch (auto_merge would answer 202)', 'behindBase'],
    ['with pending checks (required_contexts would answer 409)', 'pendingChecks'],
  ] as const)('works for a head %s', async (_name, condition) => {
    repo()[condition].add(head);

    await startPreviewDeployment(octokit, { ...target, sha: head });

    expect(repo().deployments).toHaveLength(1);
  });

  test.each([
    ['auto_merge left to its default, behind base', 'behindBase', { required_contexts: [] }, 202],
    [
      'required_contexts left to its default, checks pending',
      'pendingChecks',
      { auto_merge: false },
      409,
    ],
  ] as const)(
    'the fake answers as GitHub does with %s',
    async (_name, condition, fields, status) => {
      repo()[condition].add(head);
      const response = await octokit
        .request('POST /repos/{owner}/{repo}/deployments', {
          owner: 'octo',
          repo: 'app',
          ref: head,
          ...(fields as { auto_merge?: boolean; required_contexts?: string[] }),
        })
        .then(
          (r) => r.status,
          (e: { status: number }) => e.status,
        );
      expect(response).toBe(status);
      expect(repo().deployments).toHaveLength(0);
    },
  );

  test("a fork PR deploys its head SHA: the fork's branch name is not a ref here", async () => {
    const forkHead = fakeSha('fork-head');
    gh.addPullRequest('octo/app', {
      number: 8,
      headSha: forkHead,
      headRef: 'patch-1',
      headRepo: 'stranger/app',
    });

    await startPreviewDeployment(octokit, { ...target, pr: 8, sha: forkHead });
    const byBranch = octokit.rest.repos.createDeployment({
      owner: 'octo',
      repo: 'app',
      ref: 'patch-1',
    });

    expect(repo().deployments.map((d) => d.sha)).toEqual([forkHead]);
    await expect(byBranch).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('No ref found for: patch-1'),
    });
  });

  test('a 202 that creates nothing is a UserError, not a silent success', async () => {
    gh.inject({
      method: 'POST',
      path: '/repos/octo/app/deployments',
      status: 202,
      body: { message: 'Auto-merged main into feature on deployment.' },
    });

    const start = startPreviewDeployment(octokit, { ...target, sha: head });

    await expect(start).rejects.toThrow(UserError);
    await expect(start).rejects.toThrow(
      /HTTP 202 \(Auto-merged main into feature on deployment\.\) instead of 201/,
    );
  });

  test('a read-only token asks for `deployments: write`', async () => {
    gh.state.readOnlyTokens.add('ghs_ro');
    const readOnly = createGitHubClient({ token: 'ghs_ro', apiUrl: gh.apiUrl });

    await expect(startPreviewDeployment(readOnly, { ...target, sha: head })).rejects.toThrow(
      /HTTP 403 \(Resource not accessible by integration\): .*`permissions: deployments: write` \(GitHub accepts: deployments=write\)/,
    );
  });
});

describe('finishing and replacing', () => {
  test('success carries the preview URL and the run', async () => {
    const { deploymentId } = await startPreviewDeployment(octokit, { ...target, sha: head });

    await finishPreviewDeployment(octokit, {
      ...target,
      deploymentId,
      state: 'success',
      environmentUrl: 'http://203.0.113.7:8080/',
      logUrl: runUrl,
    });

    expect(repo().statuses.at(-1)).toMatchObject({
      state: 'success',
      environment_url: 'http://203.0.113.7:8080/',
      log_url: runUrl,
      environment: 'pr-7',
    });
  });

  test("a new success sets the earlier deployments inactive, which GitHub's auto_inactive skips for transient ones", async () => {
    const first = await startPreviewDeployment(octokit, { ...target, sha: head });
    await finishPreviewDeployment(octokit, {
      ...target,
      deploymentId: first.deploymentId,
      state: 'success',
    });
    const failed = await startPreviewDeployment(octokit, { ...target, sha: head });
    await finishPreviewDeployment(octokit, {
      ...target,
      deploymentId: failed.deploymentId,
      state: 'failure',
    });
    const second = await startPreviewDeployment(octokit, { ...target, sha: head });

    const { deactivated } = await finishPreviewDeployment(octokit, {
      ...target,
      deploymentId: second.deploymentId,
      state: 'success',
    });

    expect(deactivated.sort()).toEqual([first.deploymentId, failed.deploymentId].sort());
    expect(history()).toEqual([
      { id: first.deploymentId, states: ['in_progress', 'success', 'inactive'] },
      { id: failed.deploymentId, states: ['in_progress', 'failure', 'inactive'] },
      { id: second.deploymentId, states: ['in_progress', 'success'] },
    ]);
  });

  test("a failure leaves the running preview's deployment alone", async () => {
    const first = await startPreviewDeployment(octokit, { ...target, sha: head });
    await finishPreviewDeployment(octokit, {
      ...target,
      deploymentId: first.deploymentId,
      state: 'success',
    });
    const second = await startPreviewDeployment(octokit, { ...target, sha: head });

    const { deactivated } = await finishPreviewDeployment(octokit, {
      ...target,
      deploymentId: second.deploymentId,
      state: 'failure',
    });

    expect(deactivated).toEqual([]);
    expect(history()[0]!.states).toEqual(['in_progress', 'success']);
  });

  test("another cloud's preview of the same PR is not touched", async () => {
    const gcp = await startPreviewDeployment(octokit, { ...target, cloud: 'gcp', sha: head });
    await finishPreviewDeployment(octokit, {
      ...target,
      cloud: 'gcp',
      deploymentId: gcp.deploymentId,
      state: 'success',
    });
    const aws = await startPreviewDeployment(octokit, { ...target, sha: head });

    await finishPreviewDeployment(octokit, {
      ...target,
      deploymentId: aws.deploymentId,
      state: 'success',
    });

    expect(history()[0]).toEqual({ id: gcp.deploymentId, states: ['in_progress', 'success'] });
  });

  test("a long description is cut to GitHub's 140 characters", async () => {
    const { deploymentId } = await startPreviewDeployment(octokit, { ...target, sha: head });
    await finishPreviewDeployment(octokit, {
      ...target,
      deploymentId,
      state: 'failure',
      description: 'd'.repeat(300),
    });
    expect(repo().statuses.at(-1)!.description).toHaveLength(140);
  });
});

describe('closing the pull request', () => {
  test('every deployment of pr-<N> becomes inactive, once, and other PRs keep theirs', async () => {
    gh.addPullRequest('octo/app', { number: 9, headSha: fakeSha('pr9') });
    const other = await startPreviewDeployment(octokit, { ...target, pr: 9, sha: fakeSha('pr9') });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { deploymentId } = await startPreviewDeployment(octokit, { ...target, sha: head });
      await finishPreviewDeployment(octokit, { ...target, deploymentId, state: 'success' });
      ids.push(deploymentId);
    }
    // One made by someone else in the same environment, without nanoship's payload.
    const foreign = await octokit.rest.repos.createDeployment({
      owner: 'octo',
      repo: 'app',
      ref: head,
      environment: previewEnvironment(7),
      auto_merge: false,
      required_contexts: [],
    });

    const changed = await deactivatePreviewDeployments(octokit, { ...target, logUrl: runUrl });
    const again = await deactivatePreviewDeployments(octokit, target);

    expect(changed.sort()).toEqual([ids[2]!, 'id' in foreign.data ? foreign.data.id : -1].sort());
    expect(again).toEqual([]);
    for (const { id, states } of history()) {
      expect([id, states.at(-1)]).toEqual([
        id,
        id === other.deploymentId ? 'in_progress' : 'inactive',
      ]);
    }
  });

  test('with more deployments than one page, all of them are found', async () => {
    for (let i = 0; i < 105; i++) {
      await octokit.rest.repos.createDeployment({
        owner: 'octo',
        repo: 'app',
        ref: head,
        environment: 'pr-7',
        auto_merge: false,
        required_contexts: [],
        transient_environment: true,
      });
    }

    const changed = await deactivatePreviewDeployments(octokit, target);

    expect(changed).toHaveLength(105);
    const lists = gh.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/deployments'));
    expect(lists.map((r) => [r.query.environment, r.query.page ?? '1'])).toEqual([
      ['pr-7', '1'],
      ['pr-7', '2'],
    ]);
  });
});
