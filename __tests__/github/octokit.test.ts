import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import {
  callGitHub,
  createGitHubClient,
  type GitHubClient,
  isRetryableGitHubError,
  parseRepository,
  statusOf,
} from '../../src/github/octokit.js';
import { recordingLogger } from '../../src/log.js';
import type { RetryOptions } from '../../src/retry.js';
import { fakeSha, type GitHubFake, startGitHubFake } from './fake.js';

let gh: GitHubFake;
let sleeps: number[];
let retryOptions: RetryOptions;

beforeEach(async () => {
  gh = await startGitHubFake({ repos: ['octo/app'] });
  gh.addPullRequest('octo/app', { number: 7, headSha: fakeSha('pr7') });
  sleeps = [];
  retryOptions = {
    attempts: 3,
    minDelayMs: 1_000,
    maxDelayMs: 60_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  };
});
afterEach(() => gh.close());

const client = (token = 'ghs_write', logger = recordingLogger()): GitHubClient =>
  createGitHubClient({ token, apiUrl: `${gh.apiUrl}/`, retry: retryOptions, logger });

const commentCall = {
  what: 'create the nanoship comment on octo/app#7',
  permission: 'pull-requests: write',
};
const createComment = (octokit: GitHubClient, issue = 7) =>
  callGitHub(commentCall, () =>
    octokit.rest.issues.createComment({
      owner: 'octo',
      repo: 'app',
      issue_number: issue,
      body: 'hi',
    }),
  );

/** The one line a refused call becomes. */
async function failureLine(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message).not.toContain('\n');
  return message;
}

describe('the client', () => {
  test('talks to the given API base with the token, as @actions/github does', async () => {
    await createComment(client('ghs_abc'));
    expect(gh.requests).toEqual([
      expect.objectContaining({
        api: 'rest',
        method: 'POST',
        path: '/repos/octo/app/issues/7/comments',
        token: 'ghs_abc',
        status: 201,
      }),
    ]);
  });

  test('no token is a UserError before any call', () => {
    expect(() => createGitHubClient({ token: '', apiUrl: gh.apiUrl })).toThrow(UserError);
  });

  test('the fake refuses a request without a token, as GitHub does', async () => {
    const response = await fetch(`${gh.apiUrl}/repos/octo/app/pulls`);
    expect(response.status).toBe(401);
  });
});

describe('retries', () => {
  test('a 502 is retried and the call succeeds', async () => {
    gh.inject({
      method: 'POST',
      path: '/repos/octo/app/issues/7/comments',
      status: 502,
      body: { message: 'Server Error' },
    });
    const logger = recordingLogger();

    await createComment(client('t', logger));

    expect(gh.requests.map((r) => r.status)).toEqual([502, 201]);
    expect(sleeps).toEqual([1_000]);
    expect(logger.lines.some((l) => /attempt 1 of 3 failed/.test(l.message))).toBe(true);
    expect(gh.repo('octo/app').comments).toHaveLength(1);
  });

  test('a secondary rate limit waits at least its retry-after', async () => {
    gh.inject({
      method: 'POST',
      path: '/repos/octo/app/issues/7/comments',
      status: 403,
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      },
      headers: { 'retry-after': '7' },
    });

    await createComment(client());

    expect(gh.requests.map((r) => r.status)).toEqual([403, 201]);
    expect(sleeps).toEqual([7_000]);
  });

  test('a secondary rate limit without retry-after waits a minute, as GitHub asks', async () => {
    gh.inject({
      method: 'POST',
      path: '/repos/octo/app/issues/7/comments',
      status: 403,
      body: { message: 'You have exceeded a secondary rate limit.' },
    });

    await createComment(client());

    expect(gh.requests.map((r) => r.status)).toEqual([403, 201]);
    expect(sleeps).toEqual([60_000]);
  });

  test('a retry-after longer than the longest wait is not waited for', async () => {
    gh.inject({
      method: 'POST',
      path: '/repos/octo/app/issues/7/comments',
      status: 429,
      body: { message: 'Too many requests' },
      headers: { 'retry-after': '3600' },
    });

    const line = await failureLine(createComment(client()));

    expect(sleeps).toEqual([]);
    expect(line).toContain(
      "HTTP 429 (Too many requests): GitHub's API rate limit was reached (GitHub asked to wait 3600 s): run the job again later",
    );
  });

  test('a persistent 503 gives up after the attempts with one line', async () => {
    gh.inject({
      path: /comments$/,
      status: 503,
      body: { message: 'Service Unavailable' },
      times: 5,
    });

    const line = await failureLine(createComment(client()));

    expect(gh.requests).toHaveLength(3);
    expect(line).toBe(
      'GitHub: could not create the nanoship comment on octo/app#7: POST /api/v3/repos/octo/app/issues/7/comments ' +
        'gave HTTP 503 (Service Unavailable): GitHub failed on its side and nanoship gave up retrying; run the job again later',
    );
  });

  test('a 4xx is not retried', async () => {
    await failureLine(createComment(client(), 999));
    expect(gh.requests.map((r) => r.status)).toEqual([404]);
    expect(sleeps).toEqual([]);
  });

  test.each([
    [
      'no answer at all',
      { name: 'HttpError', status: 500, request: { method: 'GET', url: 'x' } },
      true,
    ],
    [
      '502',
      {
        name: 'HttpError',
        status: 502,
        request: {},
        response: { status: 502, headers: {}, data: {} },
      },
      true,
    ],
    [
      '429',
      {
        name: 'HttpError',
        status: 429,
        request: {},
        response: { status: 429, headers: {}, data: {} },
      },
      true,
    ],
    [
      'primary rate limit used up',
      {
        name: 'HttpError',
        status: 403,
        request: {},
        response: {
          status: 403,
          headers: { 'x-ratelimit-remaining': '0' },
          data: { message: 'API rate limit exceeded' },
        },
      },
      false,
    ],
    [
      'not accessible',
      {
        name: 'HttpError',
        status: 403,
        request: {},
        response: {
          status: 403,
          headers: {},
          data: { message: 'Resource not accessible by integration' },
        },
      },
      false,
    ],
    [
      '422',
      {
        name: 'HttpError',
        status: 422,
        request: {},
        response: { status: 422, headers: {}, data: {} },
      },
      false,
    ],
    ['an abort', { name: 'AbortError', status: 500, request: {} }, false],
  ])('isRetryableGitHubError: %s', (_name, fields, expected) => {
    const error = Object.assign(new Error('x'), fields);
    expect(isRetryableGitHubError(error)).toBe(expected);
  });
});

describe('a refused call is one UserError line naming the call, the status and the fix', () => {
  test('403 from a read-only token (a fork PR): permission, what GitHub accepts, the fork hint', async () => {
    gh.state.readOnlyTokens.add('ghs_fork');

    const line = await failureLine(createComment(client('ghs_fork')));

    expect(line).toBe(
      'GitHub: could not create the nanoship comment on octo/app#7: POST /api/v3/repos/octo/app/issues/7/comments ' +
        'gave HTTP 403 (Resource not accessible by integration): the token may not do this: give the job ' +
        '`permissions: pull-requests: write` (GitHub accepts: issues=write; pull_requests=write); a pull request ' +
        'from a fork always gets a read-only GITHUB_TOKEN, whatever the workflow asks for (see docs/previews.md, ' +
        '"Pull requests from forks")',
    );
    expect(gh.repo('octo/app').comments).toHaveLength(0);
  });

  test('401 names the token input and the API base', async () => {
    gh.inject({ path: /comments$/, status: 401, body: { message: 'Bad credentials' } });
    const line = await failureLine(createComment(client()));
    expect(line).toContain(
      'HTTP 401 (Bad credentials): the token was refused: check `github-token`',
    );
    expect(line).toContain(`GITHUB_API_URL (${gh.webUrl})`);
  });

  test('404 for an unknown repository says to check the name', async () => {
    const line = await failureLine(
      callGitHub(commentCall, () =>
        client().rest.issues.createComment({
          owner: 'octo',
          repo: 'nope',
          issue_number: 7,
          body: 'x',
        }),
      ),
    );
    expect(line).toMatch(/HTTP 404 \(Not Found\): check the repository name/);
  });

  test("422 carries GitHub's own reason", async () => {
    const line = await failureLine(
      callGitHub(commentCall, () =>
        client().rest.issues.createComment({
          owner: 'octo',
          repo: 'app',
          issue_number: 7,
          body: 'z'.repeat(70_000),
        }),
      ),
    );
    expect(line).toContain(
      'HTTP 422 (Validation Failed: Body is too long (maximum is 65536 characters))',
    );
  });

  test('an unreachable API base says so after the retries', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const octokit = createGitHubClient({
      token: 't',
      apiUrl: `http://127.0.0.1:${port}/api/v3`,
      retry: retryOptions,
    });

    const line = await failureLine(createComment(octokit));

    expect(sleeps).toHaveLength(2);
    expect(line).toMatch(
      new RegExp(
        `gave no answer \\(.+\\): could not reach http://127.0.0.1:${port}: check GITHUB_API_URL`,
      ),
    );
  });

  test('anything that is not a GitHub error passes through unchanged', async () => {
    const bug = new TypeError('a bug');
    await expect(callGitHub(commentCall, () => Promise.reject(bug))).rejects.toBe(bug);
    expect(statusOf(bug)).toBeUndefined();
  });
});

describe('parseRepository', () => {
  test.each([
    ['octo/app', { owner: 'octo', repo: 'app' }],
    [' my-org/my.repo_2 ', { owner: 'my-org', repo: 'my.repo_2' }],
  ])('%j', (input, expected) => {
    expect(parseRepository(input)).toEqual(expected);
  });

  test.each(['octo', 'octo/app/x', '', 'https://github.com/octo/app'])('%j is refused', (input) => {
    expect(() => parseRepository(input)).toThrow(/not of the form owner\/name/);
  });
});
