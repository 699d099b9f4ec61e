/**
 * One sticky comment per pull request and cloud. The comment is found by a hidden marker on its
 * first line, updated in place, and never left duplicated: when two runs race and both create
 * one, each re-reads the list afterwards, keeps the oldest and deletes the others, so both
 * converge on the same single comment.
 *
 *   const body = renderPreviewComment({ cloud: 'aws', url, digest, sha, ... });
 *   await upsertStickyComment(octokit, { owner, repo, issue: 7, marker: previewCommentMarker('aws') }, body);
 */
import type { CloudName } from '../cloud/types.js';
import { type Logger, silentLogger } from '../log.js';
import {
  callGitHub,
  type GitHubCall,
  type GitHubClient,
  type RepoRef,
  statusOf,
} from './octokit.js';

/**
 * GitHub refuses comment bodies over 65,536 characters (422 "Body is too long"). Measured in
 * UTF-16 code units here, which is never fewer than GitHub's count whether it counts code points
 * or (as some report for comments) UTF-8 bytes against a 4× larger limit.
 */
export const COMMENT_BODY_MAX_CHARS = 65_536;

/** The hidden first line that identifies nanoship's preview comment for one cloud. */
export function previewCommentMarker(cloud: CloudName): string {
  return `<!-- nanoship:preview:${cloud} -->`;
}

export interface CommentTarget extends RepoRef {
  /** The pull request (or issue) number. */
  issue: number;
  /** The body's first line; see `previewCommentMarker`. */
  marker: string;
}

export interface StickyCommentResult {
  id: number;
  htmlUrl: string;
  /** What happened to the comment that remains. */
  action: 'created' | 'updated' | 'unchanged';
  /** Duplicates (from a race or an older run) deleted on the way. */
  removedDuplicates: number;
}

interface Comment {
  id: number;
  html_url: string;
  body?: string | null;
}

/** True when `body` is a comment carrying `marker` as its first line (not merely quoting it). */
export function hasMarker(body: string | null | undefined, marker: string): boolean {
  return (body ?? '').trimStart().startsWith(marker);
}

/**
 * `body` cut to `maxChars` with a note saying how much went, never splitting a surrogate pair.
 * A last resort: the renderers shorten their long parts themselves and keep the markup whole.
 */
export function fitCommentBody(body: string, maxChars = COMMENT_BODY_MAX_CHARS): string {
  if (body.length <= maxChars) return body;
  const note = (cut: number) =>
    `\n\n… ${cut} characters cut: GitHub allows ${maxChars} in a comment.`;
  let keep = maxChars - note(body.length).length;
  if (/[\uD800-\uDBFF]/.test(body[keep - 1] ?? '')) keep -= 1;
  return body.slice(0, keep) + note(body.length - keep);
}

/**
 * Creates or updates the comment on `target.issue` whose first line is `target.marker`, so that
 * exactly one such comment remains and it carries `body` (cut to GitHub's limit). Lists with
 * 100 a page over every page. After creating, it lists again: if a racing run created one too,
 * the oldest is kept (updated with `body` if it is not this run's) and the others deleted; a
 * comment the other run deleted first is not an error. Returns the comment that remains.
 */
export async function upsertStickyComment(
  octokit: GitHubClient,
  target: CommentTarget,
  body: string,
  options: { logger?: Logger } = {},
): Promise<StickyCommentResult> {
  const logger = options.logger ?? silentLogger;
  const text = fitCommentBody(body);
  if (!hasMarker(text, target.marker)) {
    throw new Error(`upsertStickyComment: the body must start with ${target.marker}`);
  }
  const existing = await listMarkedComments(octokit, target);
  if (existing.length > 0) return converge(octokit, target, text, existing, undefined, logger);

  const created = await callGitHub(
    commentCall('create the nanoship comment on', target),
    async () => {
      const { owner, repo, issue } = target;
      return (
        await octokit.rest.issues.createComment({ owner, repo, issue_number: issue, body: text })
      ).data;
    },
  );
  const relisted = await listMarkedComments(octokit, target);
  // A list may lag behind a create: the comment just made always counts.
  const marked = relisted.some((c) => c.id === created.id) ? relisted : [...relisted, created];
  return converge(octokit, target, text, marked, created.id, logger);
}

/** Keeps the oldest marked comment with `body` on it and deletes the rest. */
async function converge(
  octokit: GitHubClient,
  target: CommentTarget,
  body: string,
  marked: Comment[],
  createdId: number | undefined,
  logger: Logger,
): Promise<StickyCommentResult> {
  const [keep, ...extra] = [...marked].sort((a, b) => a.id - b.id) as [Comment, ...Comment[]];
  let action: StickyCommentResult['action'];
  if (keep.id === createdId) action = 'created';
  else if (keep.body === body) action = 'unchanged';
  else action = 'updated';
  if (action === 'updated') {
    await callGitHub(commentCall('update the nanoship comment on', target), () =>
      octokit.rest.issues.updateComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: keep.id,
        body,
      }),
    );
  }
  for (const duplicate of extra) await deleteComment(octokit, target, duplicate.id);
  if (extra.length > 0) {
    logger.info(`removed ${extra.length} duplicate nanoship comment(s) from #${target.issue}`);
  }
  logger.info(`${action} the nanoship comment on #${target.issue}: ${keep.html_url}`);
  return { id: keep.id, htmlUrl: keep.html_url, action, removedDuplicates: extra.length };
}

/** Deletes a comment; one that is already gone (a racing run deleted it) is fine. */
async function deleteComment(octokit: GitHubClient, target: CommentTarget, id: number) {
  await callGitHub(commentCall('delete a duplicate nanoship comment on', target), async () => {
    try {
      await octokit.rest.issues.deleteComment({
        owner: target.owner,
        repo: target.repo,
        comment_id: id,
      });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  });
}

/** Every comment on the issue whose first line is the marker, oldest first. */
async function listMarkedComments(octokit: GitHubClient, target: CommentTarget) {
  const { owner, repo, issue } = target;
  const all = await callGitHub(commentCall('list the comments on', target), () =>
    octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: issue,
      per_page: 100,
    }),
  );
  return all.filter((c) => hasMarker(c.body, target.marker)).sort((a, b) => a.id - b.id);
}

function commentCall(verb: string, target: CommentTarget): GitHubCall {
  return {
    what: `${verb} ${target.owner}/${target.repo}#${target.issue}`,
    permission: 'pull-requests: write',
  };
}
