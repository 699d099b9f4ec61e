/**
 * The fake GitHub holds the other tests to GitHub's rules, so its own rules are tested here,
 * with plain fetch: nothing of nanoship in between.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { fakeSha, type GitHubFake, startGitHubFake } from './fake.js';

let gh: GitHubFake;
beforeEach(async () => {
  gh = await startGitHubFake({ repos: ['octo/app'] });
  gh.addPullRequest('octo/app', { number: 7, headSha: fakeSha('pr7') });
});
afterEach(() => gh.close());

const call = (path: string, init: RequestInit & { auth?: string | null } = {}) =>
  fetch(`${gh.apiUrl}${path}`, {
    ...init,
    headers: {
      ...(init.auth === null ? {} : { authorization: init.auth ?? 'token t' }),
      'content-type': 'application/json',
    },
  });

describe('authentication', () => {
  test.each([
    ['token t', 200],
    ['Bearer ghs_abc', 200],
    ['bearer x', 200],
    ['Basic dXNlcg==', 401],
    [null, 401],
  ])('Authorization %j → %i', async (auth, status) => {
    expect((await call('/repos/octo/app/pulls', { auth })).status).toBe(status);
  });
});

describe('routes', () => {
  test.each([
    ['an unknown repository', '/repos/octo/nope/pulls'],
    ['an unknown route', '/repos/octo/app/hooks'],
    ['an unknown pull request', '/repos/octo/app/issues/99/comments'],
    ['outside the API base', '/../../repos/octo/app/pulls'],
  ])('%s is a 404', async (_name, path) => {
    expect((await call(path)).status).toBe(404);
  });

  test('a body that is not JSON is a 400', async () => {
    const response = await call('/repos/octo/app/issues/7/comments', {
      method: 'POST',
      body: '{oops',
    });
    expect(response.status).toBe(400);
  });
});

describe('pagination like GitHub', () => {
  beforeEach(async () => {
    for (let i = 0; i < 75; i++) {
      await call('/repos/octo/app/issues/7/comments', {
        method: 'POST',
        body: JSON.stringify({ body: `c${i}` }),
      });
    }
  });

  test('30 a page by default, with next and last links', async () => {
    const response = await call('/repos/octo/app/issues/7/comments');
    const page = (await response.json()) as { body: string }[];
    expect(page.map((c) => c.body)).toEqual(Array.from({ length: 30 }, (_, i) => `c${i}`));
    expect(response.headers.get('link')).toBe(
      `<${gh.apiUrl}/repos/octo/app/issues/7/comments?page=2>; rel="next", ` +
        `<${gh.apiUrl}/repos/octo/app/issues/7/comments?page=3>; rel="last"`,
    );
  });

  test('the last page links back and not forward; per_page over 100 is capped', async () => {
    const last = await call('/repos/octo/app/issues/7/comments?per_page=30&page=3');
    expect(((await last.json()) as unknown[]).length).toBe(15);
    expect(last.headers.get('link')).toBe(
      `<${gh.apiUrl}/repos/octo/app/issues/7/comments?per_page=30&page=2>; rel="prev", ` +
        `<${gh.apiUrl}/repos/octo/app/issues/7/comments?per_page=30&page=1>; rel="first"`,
    );
    const capped = await call('/repos/octo/app/issues/7/comments?per_page=500');
    expect(((await capped.json()) as unknown[]).length).toBe(75);
    expect(capped.headers.get('link')).toBeNull();
  });
});

describe('faults and barriers', () => {
  test('an injected status answers the given number of requests, then the route answers', async () => {
    gh.inject({
      method: 'GET',
      path: '/repos/octo/app/pulls',
      status: 502,
      body: { message: 'bad gateway' },
      times: 2,
    });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('/repos/octo/app/pulls')).status);
    expect(statuses).toEqual([502, 502, 200]);
  });

  test('a barrier holds requests until enough arrive, then answers them in arrival order', async () => {
    gh.inject({ method: 'POST', path: '/repos/octo/app/issues/7/comments', barrier: 2 });
    const post = (body: string) =>
      call('/repos/octo/app/issues/7/comments', { method: 'POST', body: JSON.stringify({ body }) });

    const first = post('one');
    while (gh.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));
    // It arrived and is held: nothing was written yet.
    expect(gh.requests[0]!.status).toBeUndefined();
    expect(gh.repo('octo/app').comments).toHaveLength(0);
    await Promise.all([first, post('two')]);

    expect(
      gh
        .repo('octo/app')
        .comments.map((c) => c.body)
        .sort(),
    ).toEqual(['one', 'two']);
  });

  test('close() answers held requests with 503, so nothing is left waiting', async () => {
    const other = await startGitHubFake();
    other.inject({ method: 'GET', path: '/repos/octo/app/pulls', barrier: 5 });
    const held = fetch(`${other.apiUrl}/repos/octo/app/pulls`, {
      headers: { authorization: 'token t' },
    });
    while (other.requests.length === 0) await new Promise((resolve) => setImmediate(resolve));

    await other.close();

    expect((await held).status).toBe(503);
  });
});
