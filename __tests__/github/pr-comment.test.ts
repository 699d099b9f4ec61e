import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createGitHubClient, type GitHubClient } from '../../src/github/octokit.js';
import {
  COMMENT_BODY_MAX_CHARS,
  fitCommentBody,
  hasMarker,
  previewCommentMarker,
  upsertStickyComment,
} from '../../src/github/pr-comment.js';
import { fakeSha, type GitHubFake, startGitHubFake } from './fake.js';

const marker = previewCommentMarker('aws');
const target = { owner: 'octo', repo: 'app', issue: 7, marker };
const body = (text: string) => `${marker}\n${text}`;

let gh: GitHubFake;
let octokit: GitHubClient;

beforeEach(async () => {
  gh = await startGitHubFake({ repos: ['octo/app'] });
  gh.addPullRequest('octo/app', { number: 7, headSha: fakeSha('pr7') });
  octokit = createGitHubClient({ token: 'ghs_test', apiUrl: gh.apiUrl });
});
afterEach(() => gh.close());

const comments = () => gh.repo('octo/app').comments;
const writes = () => gh.requests.filter((r) => r.method !== 'GET');

/** Comments by someone else, as many as asked, posted through the fake's own API. */
function addOtherComments(count: number) {
  for (let i = 0; i < count; i++) {
    comments().push({
      id: 10_000 + i,
      issue: 7,
      body: `review remark ${i}${i === 3 ? `\n> ${marker} quoted` : ''}`,
      user: 'reviewer',
      created_at: '2025-12-01T00:00:00Z',
      updated_at: '2025-12-01T00:00:00Z',
    });
  }
}

describe('one sticky comment per PR and cloud', () => {
  test('the first run creates the comment', async () => {
    const result = await upsertStickyComment(octokit, target, body('first'));

    expect(result).toMatchObject({ action: 'created', removedDuplicates: 0 });
    expect(comments()).toHaveLength(1);
    expect(comments()[0]).toMatchObject({ id: result.id, body: body('first') });
    expect(result.htmlUrl).toBe(`${gh.webUrl}/octo/app/pull/7#issuecomment-${result.id}`);
  });

  test('the next run updates the same comment in place', async () => {
    const first = await upsertStickyComment(octokit, target, body('first'));
    const second = await upsertStickyComment(octokit, target, body('second'));

    expect(second).toMatchObject({ id: first.id, action: 'updated' });
    expect(comments().map((c) => c.body)).toEqual([body('second')]);
    expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /repos/octo/app/issues/7/comments',
      `PATCH /repos/octo/app/issues/comments/${first.id}`,
    ]);
  });

  test('an unchanged body is not written again', async () => {
    await upsertStickyComment(octokit, target, body('same'));
    const again = await upsertStickyComment(octokit, target, body('same'));

    expect(again.action).toBe('unchanged');
    expect(writes()).toHaveLength(1);
  });

  test('each cloud has its own comment', async () => {
    await upsertStickyComment(octokit, target, body('aws'));
    const gcpMarker = previewCommentMarker('gcp');
    await upsertStickyComment(octokit, { ...target, marker: gcpMarker }, `${gcpMarker}\ngcp`);

    expect(comments().map((c) => c.body)).toEqual([body('aws'), `${gcpMarker}\ngcp`]);
  });

  test('a body without the marker is a bug, refused before any call', async () => {
    await expect(upsertStickyComment(octokit, target, 'no marker')).rejects.toThrow(/must start/);
    expect(gh.requests).toHaveLength(0);
  });
});

describe('two runs racing', () => {
  test('both list before either creates, both create before either re-lists: one comment remains', async () => {
    const list = '/repos/octo/app/issues/7/comments';
    gh.inject({ method: 'GET', path: list, barrier: 2 });
    gh.inject({ method: 'POST', path: list, barrier: 2 });
    gh.inject({ method: 'GET', path: list, barrier: 2 });

    const [a, b] = await Promise.all([
      upsertStickyComment(octokit, target, body('run A')),
      upsertStickyComment(octokit, target, body('run B')),
    ]);

    expect(comments()).toHaveLength(1);
    expect(a.id).toBe(b.id);
    expect(comments()[0]!.id).toBe(a.id);
    // Both created one; each deleted the newer one, and the second delete found it gone.
    const deletes = gh.requests.filter((r) => r.method === 'DELETE');
    expect(deletes.map((r) => r.status).sort()).toEqual([204, 404]);
    expect([a.removedDuplicates, b.removedDuplicates]).toEqual([1, 1]);
  });

  test('only the first list is held: the creates land in either order and still converge', async () => {
    gh.inject({ method: 'GET', path: '/repos/octo/app/issues/7/comments', barrier: 2 });

    const results = await Promise.all([
      upsertStickyComment(octokit, target, body('run A')),
      upsertStickyComment(octokit, target, body('run B')),
    ]);

    expect(comments()).toHaveLength(1);
    expect(new Set(results.map((r) => r.id))).toEqual(new Set([comments()[0]!.id]));
  });

  test('duplicates left by an earlier race are removed, keeping the oldest', async () => {
    for (const text of ['old 1', 'old 2', 'old 3']) {
      await octokit.rest.issues.createComment({
        owner: 'octo',
        repo: 'app',
        issue_number: 7,
        body: body(text),
      });
    }
    const oldest = comments()[0]!.id;

    const result = await upsertStickyComment(octokit, target, body('new'));

    expect(result).toMatchObject({ id: oldest, action: 'updated', removedDuplicates: 2 });
    expect(comments().map((c) => [c.id, c.body])).toEqual([[oldest, body('new')]]);
  });

  test('a first list that lags behind (misses an existing comment) still converges on the oldest', async () => {
    await octokit.rest.issues.createComment({
      owner: 'octo',
      repo: 'app',
      issue_number: 7,
      body: body('old'),
    });
    const oldest = comments()[0]!.id;
    gh.inject({ method: 'GET', path: '/repos/octo/app/issues/7/comments', status: 200, body: [] });

    const result = await upsertStickyComment(octokit, target, body('new'));

    expect(result).toMatchObject({ id: oldest, action: 'updated', removedDuplicates: 1 });
    expect(comments().map((c) => [c.id, c.body])).toEqual([[oldest, body('new')]]);
  });
});

describe('pagination', () => {
  test.each([
    [75, 1], // page 3 at GitHub's default 30 a page: per_page 100 is sent
    [230, 3], // page 3 at 100 a page: the Link header is followed
  ])(
    'with %i other comments first, the marker is still found (%i list requests)',
    async (others, pages) => {
      addOtherComments(others);
      await octokit.rest.issues.createComment({
        owner: 'octo',
        repo: 'app',
        issue_number: 7,
        body: body('old'),
      });
      gh.requests.length = 0;

      const result = await upsertStickyComment(octokit, target, body('new'));

      expect(result.action).toBe('updated');
      expect(comments().filter((c) => hasMarker(c.body, marker))).toHaveLength(1);
      const lists = gh.requests.filter((r) => r.method === 'GET');
      expect(lists).toHaveLength(pages);
      expect(lists.every((r) => r.query.per_page === '100')).toBe(true);
      expect(lists.map((r) => r.query.page ?? '1')).toEqual(
        Array.from({ length: pages }, (_, i) => String(i + 1)),
      );
    },
  );

  test('a comment quoting the marker is not taken for the sticky comment', async () => {
    addOtherComments(5);
    const result = await upsertStickyComment(octokit, target, body('mine'));

    expect(result.action).toBe('created');
    expect(comments().find((c) => c.id === 10_003)!.body).toContain('quoted');
  });
});

describe("GitHub's 65,536-character limit", () => {
  test('a long body is cut under the limit with a note, and GitHub accepts it', async () => {
    const long = body('x'.repeat(COMMENT_BODY_MAX_CHARS + 5_000));

    await upsertStickyComment(octokit, target, long);

    const stored = comments()[0]!.body;
    expect(stored.length).toBeLessThanOrEqual(COMMENT_BODY_MAX_CHARS);
    expect(stored.startsWith(marker)).toBe(true);
    expect(stored).toMatch(/… \d+ characters cut: GitHub allows 65536 in a comment\.$/);
  });

  test('the fake refuses an over-long body as GitHub does, so the cut is what made it pass', async () => {
    const call = octokit.rest.issues.createComment({
      owner: 'octo',
      repo: 'app',
      issue_number: 7,
      body: 'y'.repeat(COMMENT_BODY_MAX_CHARS + 1),
    });
    await expect(call).rejects.toMatchObject({ status: 422 });
  });

  test.each([
    ['short', 10, 'short'],
    ['exactly at the limit', 5, 'abcde'],
  ])('fitCommentBody leaves a body %s alone', (_name, max, text) => {
    expect(fitCommentBody(text, max)).toBe(text);
  });

  test('fitCommentBody never splits a surrogate pair', () => {
    const text = '😀'.repeat(200);
    const cut = fitCommentBody(text, 101);
    expect(cut.length).toBeLessThanOrEqual(101);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
