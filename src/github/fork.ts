/**
 * Whether a pull request comes from a fork, and what to tell the user when a fork gets no
 * preview. Pure (no Octokit), so that planning can decide before anything is loaded or built.
 */
import type { EventPayload } from './context.js';

/**
 * True when the pull request's head lives in another repository than its base: a fork. A head
 * repository that is gone (`head.repo: null`, the fork was deleted) counts as a fork. The
 * `head.repo.fork` flag alone is not the test: a PR between two branches of a repository that
 * is itself a fork has `fork: true` and is not from a fork; it decides only when the payload
 * lacks the base's name.
 */
export function isForkPullRequest(payload: EventPayload): boolean {
  const pr = payload.pull_request;
  if (!pr) return false;
  const head = pr.head?.repo;
  if (head === null) return true;
  const headName = head?.full_name?.toLowerCase();
  const baseName = (pr.base?.repo?.full_name ?? payload.repository?.full_name)?.toLowerCase();
  if (headName && baseName) return headName !== baseName;
  return head?.fork === true;
}

/**
 * The notice for a fork PR that gets no preview. One wording, used by the Action and the CLI.
 * `pull_request` from a fork runs without secrets or an OIDC token and with a read-only
 * GITHUB_TOKEN, so there is nothing to deploy with; `pull_request_target` has both but runs the
 * workflow of the base branch with the PR's code within reach, which is how repositories get
 * their secrets stolen.
 */
export const FORK_PREVIEW_NOTICE =
  'no preview: this pull request comes from a fork. GitHub runs `pull_request` workflows from ' +
  'forks without secrets or an OIDC token and with a read-only GITHUB_TOKEN, so nanoship creates ' +
  'no cloud resources for it. A maintainer who has read the change can set ' +
  '`preview-allow-forks: true` (and run the job under `pull_request_target` with an approval ' +
  "gate); that runs the fork's code with your cloud credentials, see docs/previews.md, " +
  '"Pull requests from forks".';

/** Whether a preview may be made for this event, and the notice to print when not. */
export function previewForkGate(
  payload: EventPayload,
  allowForks: boolean,
): { allowed: true } | { allowed: false; notice: string } {
  if (!isForkPullRequest(payload) || allowForks) return { allowed: true };
  return { allowed: false, notice: FORK_PREVIEW_NOTICE };
}
