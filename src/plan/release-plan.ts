/**
 * A release run → ReleasePlan: on a pushed `v*` tag or a `release` event, the published images
 * are recorded in the GitHub Release of that tag (a table in its body and `images.json`).
 */
import type { Provenance } from '../cloud/types.js';
import type { GitHubEvent } from '../github/context.js';
import type { Options } from './options.js';
import { type GitHubAccess, githubAccess } from './preview-plan.js';

export interface ReleasePlan {
  /** `owner/name`. */
  repo: string;
  /** The tag as pushed: `v1.2.3`. */
  tag: string;
  /** `1.2.3`. */
  version: string;
  sha?: string;
  github: GitHubAccess;
}

/** The release plan of a run, or undefined when the run is not a release of a repository. */
export function planRelease(
  options: Options,
  env: Record<string, string | undefined>,
  event: GitHubEvent,
  provenance: Provenance,
): ReleasePlan | undefined {
  const { version, repo } = provenance;
  if (version === undefined || repo === undefined) return undefined;
  const tag =
    event.name === 'release'
      ? event.payload.release?.tag_name
      : /^refs\/tags\/(.+)$/.exec(env.GITHUB_REF ?? '')?.[1];
  if (tag === undefined) return undefined;
  return { repo, tag, version, sha: provenance.sha, github: githubAccess(options, env) };
}
