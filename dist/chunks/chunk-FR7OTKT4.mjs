#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/github/fork.ts
function isForkPullRequest(payload) {
  const pr = payload.pull_request;
  if (!pr) return false;
  const head = pr.head?.repo;
  if (head === null) return true;
  const headName = head?.full_name?.toLowerCase();
  const baseName = (pr.base?.repo?.full_name ?? payload.repository?.full_name)?.toLowerCase();
  if (headName && baseName) return headName !== baseName;
  return head?.fork === true;
}
__name(isForkPullRequest, "isForkPullRequest");
var FORK_PREVIEW_NOTICE = 'no preview: this pull request comes from a fork. GitHub runs `pull_request` workflows from forks without secrets or an OIDC token and with a read-only GITHUB_TOKEN, so nanoship creates no cloud resources for it. A maintainer who has read the change can set `preview-allow-forks: true` (and run the job under `pull_request_target` with an approval gate); that runs the fork\'s code with your cloud credentials, see docs/previews.md, "Pull requests from forks".';

export {
  isForkPullRequest,
  FORK_PREVIEW_NOTICE
};
