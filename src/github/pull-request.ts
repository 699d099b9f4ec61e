/**
 * Pull-request facts the preview needs: whether it comes from a fork (pure, from the event
 * payload), what to tell the user when a fork gets no preview, and which PRs are still open
 * (for the sweep).
 */

import { callGitHub, type GitHubClient, type RepoRef } from './octokit.js';

// Pure, so that planning can use them without loading Octokit.
export { FORK_PREVIEW_NOTICE, isForkPullRequest, previewForkGate } from './fork.js';

/** The numbers of the repository's open pull requests (100 a page, every page). */
export async function listOpenPullRequests(
  octokit: GitHubClient,
  target: RepoRef,
): Promise<Set<number>> {
  const { owner, repo } = target;
  const pulls = await callGitHub(
    { what: `list the open pull requests of ${owner}/${repo}`, permission: 'pull-requests: read' },
    () =>
      octokit.paginate(
        octokit.rest.pulls.list,
        { owner, repo, state: 'open', per_page: 100 },
        (response) => response.data.map((pr) => pr.number),
      ),
  );
  return new Set(pulls);
}
