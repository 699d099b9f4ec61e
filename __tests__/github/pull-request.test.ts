import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import type { EventPayload } from '../../src/github/context.js';
import { createGitHubClient } from '../../src/github/octokit.js';
import {
  FORK_PREVIEW_NOTICE,
  isForkPullRequest,
  listOpenPullRequests,
  previewForkGate,
} from '../../src/github/pull-request.js';
import { fakeSha, type GitHubFake, startGitHubFake } from './fake.js';

const pr = (head: unknown, base: unknown = { repo: { full_name: 'octo/app' } }): EventPayload =>
  ({ action: 'opened', number: 7, pull_request: { number: 7, head, base } }) as EventPayload;

describe('isForkPullRequest', () => {
  test.each<[string, EventPayload, boolean]>([
    [
      'a branch of the same repository',
      pr({ repo: { full_name: 'octo/app', fork: false } }),
      false,
    ],
    [
      'the same repository, names in another case',
      pr({ repo: { full_name: 'Octo/App', fork: false } }),
      false,
    ],
    ['a fork', pr({ repo: { full_name: 'stranger/app', fork: true } }), true],
    [
      'another repository not marked as a fork',
      pr({ repo: { full_name: 'stranger/app', fork: false } }),
      true,
    ],
    [
      'a branch PR inside a repository that is itself a fork (fork flag set, same repository)',
      pr({ repo: { full_name: 'me/app', fork: true } }, { repo: { full_name: 'me/app' } }),
      false,
    ],
    ['a fork that was deleted (head.repo null)', pr({ repo: null }), true],
    [
      'no base name in the payload: the fork flag decides',
      pr({ repo: { full_name: 'x/app', fork: true } }, {}),
      true,
    ],
    [
      'no base name, the repository from the payload top level',
      {
        repository: { full_name: 'octo/app' },
        pull_request: { head: { repo: { full_name: 'octo/app', fork: true } } },
      },
      false,
    ],
    ['not a pull request (push)', { repository: { full_name: 'octo/app' } }, false],
    ['an empty payload (outside GitHub)', {}, false],
  ])('%s → %s', (_name, payload, expected) => {
    expect(isForkPullRequest(payload)).toBe(expected);
  });
});

describe('previewForkGate', () => {
  const fork = pr({ repo: { full_name: 'stranger/app', fork: true } });

  test.each([
    ['a fork, forks not allowed', fork, false, { allowed: false, notice: FORK_PREVIEW_NOTICE }],
    ['a fork, preview-allow-forks: true', fork, true, { allowed: true }],
    ['the same repository', pr({ repo: { full_name: 'octo/app' } }), false, { allowed: true }],
  ])('%s', (_name, payload, allow, expected) => {
    expect(previewForkGate(payload, allow)).toEqual(expected);
  });

  test('the notice names the input, the reason and the dangerous alternative', () => {
    expect(FORK_PREVIEW_NOTICE).toContain('preview-allow-forks: true');
    expect(FORK_PREVIEW_NOTICE).toContain('read-only GITHUB_TOKEN');
    expect(FORK_PREVIEW_NOTICE).toContain('pull_request_target');
    expect(FORK_PREVIEW_NOTICE).not.toContain('\n');
  });
});

describe('listOpenPullRequests', () => {
  let gh: GitHubFake;
  beforeEach(async () => {
    gh = await startGitHubFake({ repos: ['octo/app'] });
  });
  afterEach(() => gh.close());

  test('every open PR over several pages, none of the closed ones', async () => {
    for (let n = 1; n <= 130; n++)
      gh.addPullRequest('octo/app', { number: n, headSha: fakeSha(`pr${n}`) });
    for (const n of [3, 64, 130]) gh.repo('octo/app').pulls.get(n)!.state = 'closed';
    const octokit = createGitHubClient({ token: 't', apiUrl: gh.apiUrl });

    const open = await listOpenPullRequests(octokit, { owner: 'octo', repo: 'app' });

    expect(open.size).toBe(127);
    expect([3, 64, 130].some((n) => open.has(n))).toBe(false);
    expect(open.has(1) && open.has(129)).toBe(true);
    expect(gh.requests.map((r) => r.query.page ?? '1')).toEqual(['1', '2']);
  });
});
