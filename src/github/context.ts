/**
 * What the GitHub run is about, from the variables a runner sets and the event payload at
 * `GITHUB_EVENT_PATH`. Pure: the edges read the environment and the file, and pass them in.
 * Outside GitHub every field is simply absent.
 */
import type { Provenance } from '../cloud/types.js';

export type Environment = Record<string, string | undefined>;

/** The parts of an event payload nanoship reads (pull_request, release, push). */
export interface EventPayload {
  action?: string;
  number?: number;
  pull_request?: {
    number?: number;
    head?: { sha?: string; ref?: string; repo?: { full_name?: string; fork?: boolean } | null };
    base?: { repo?: { full_name?: string } };
  };
  release?: { tag_name?: string };
  repository?: { id?: number; full_name?: string };
}

export interface GitHubEvent {
  /** `GITHUB_EVENT_NAME`: push, pull_request, release, schedule, workflow_dispatch, … */
  name?: string;
  payload: EventPayload;
}

/** A release version from a tag: `v1.2.3` and `1.2.3` give `1.2.3`; other tags give nothing. */
export function versionFromTag(tag: string | undefined): string | undefined {
  const match = /^v?(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?)$/.exec(tag ?? '');
  return match?.[1];
}

/** The release version of a run: a pushed tag `v*`, or the tag of a `release` event. */
function releaseVersion(env: Environment, event: GitHubEvent): string | undefined {
  if (event.name === 'release') return versionFromTag(event.payload.release?.tag_name);
  const tag = /^refs\/tags\/(.+)$/.exec(env.GITHUB_REF ?? '')?.[1];
  return event.name === 'push' || event.name === undefined ? versionFromTag(tag) : undefined;
}

/** Provenance of the run: repository, ref, commit (the PR head's for pull requests), run. */
export function provenanceFromEnv(env: Environment, event: GitHubEvent): Provenance {
  const pr = event.payload.pull_request;
  const prNumber = pr?.number ?? (pr ? event.payload.number : undefined);
  const run =
    env.GITHUB_RUN_ID !== undefined
      ? `${env.GITHUB_RUN_ID}-${env.GITHUB_RUN_ATTEMPT ?? '1'}`
      : undefined;
  const repoId = env.GITHUB_REPOSITORY_ID ?? event.payload.repository?.id?.toString();
  return {
    repo: env.GITHUB_REPOSITORY || event.payload.repository?.full_name || undefined,
    repoId: repoId || undefined,
    ref: env.GITHUB_REF || undefined,
    // A pull_request run checks out a merge commit; the PR's own head is what people know.
    sha: pr?.head?.sha ?? (env.GITHUB_SHA || undefined),
    pr: prNumber,
    run,
    version: releaseVersion(env, event),
  };
}

/**
 * The event payload at `file` (`GITHUB_EVENT_PATH`); an empty payload when there is none or it
 * cannot be read, as outside GitHub.
 */
export async function readEventPayload(file: string | undefined): Promise<EventPayload> {
  if (!file) return {};
  try {
    const { readFile } = await import('node:fs/promises');
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as EventPayload) : {};
  } catch {
    return {};
  }
}

/** The run's event and provenance from a runner's (or any CI's) environment. */
export async function githubRunFromEnv(
  env: Environment,
): Promise<{ event: GitHubEvent; provenance: Provenance }> {
  const event = {
    name: env.GITHUB_EVENT_NAME || undefined,
    payload: await readEventPayload(env.GITHUB_EVENT_PATH),
  };
  return { event, provenance: provenanceFromEnv(env, event) };
}

/**
 * The URL of the workflow run (its attempt, after a re-run), for deployment logs and comment
 * footers; undefined outside GitHub.
 */
export function runUrlFromEnv(env: Environment): string | undefined {
  const { GITHUB_SERVER_URL, GITHUB_REPOSITORY, GITHUB_RUN_ID, GITHUB_RUN_ATTEMPT } = env;
  if (!GITHUB_REPOSITORY || !GITHUB_RUN_ID) return undefined;
  const server = (GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const attempt =
    GITHUB_RUN_ATTEMPT && GITHUB_RUN_ATTEMPT !== '1' ? `/attempts/${GITHUB_RUN_ATTEMPT}` : '';
  return `${server}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}${attempt}`;
}
