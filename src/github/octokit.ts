/**
 * The GitHub REST client nanoship uses, and the one way a refused GitHub call becomes a
 * `UserError`. The edges read the token (`github-token`, `GITHUB_TOKEN`) and the API base
 * (`GITHUB_API_URL`, which is `https://HOST/api/v3` on GitHub Enterprise Server) and pass them in.
 *
 *   const octokit = createGitHubClient({ token, apiUrl, logger });
 *   await upsertStickyComment(octokit, { owner, repo, issue: 7, marker, body });
 */
import { getOctokit } from '@actions/github';
import { errorMessage, UserError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import { type RetryOptions, retry } from '../retry.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

/** A repository, as the REST routes name it. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/**
 * Four attempts, 1 s, 2 s, 4 s apart: enough for a 502 from GitHub's front end. A secondary
 * rate limit asks for a longer wait (its `retry-after`, else a minute), honoured up to a
 * minute; a longer wait is not worth holding a CI job for.
 */
export const GITHUB_RETRY: RetryOptions = { attempts: 4, minDelayMs: 1_000, maxDelayMs: 60_000 };

export interface GitHubClientOptions {
  token: string;
  /** `GITHUB_API_URL`; GitHub's public API when empty. */
  apiUrl?: string;
  logger?: Logger;
  retry?: RetryOptions;
}

/**
 * An Octokit from `@actions/github` (REST methods and pagination) for `apiUrl`, whose every
 * request is retried on a 5xx, a network failure, a 429 or a secondary rate limit. Octokit's
 * own log lines go to `logger` instead of the console.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  if (!options.token) {
    throw new UserError(
      'no GitHub token: the Action passes `github-token` (default: the workflow GITHUB_TOKEN); ' +
        'the CLI reads GITHUB_TOKEN',
    );
  }
  const logger = options.logger ?? silentLogger;
  const baseUrl = (options.apiUrl || DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
  const octokit = getOctokit(options.token, {
    baseUrl,
    userAgent: 'nanoship',
    log: {
      debug: (message: string) => logger.debug(message),
      info: (message: string) => logger.debug(message),
      warn: (message: string) => logger.warning(message),
      error: (message: string) => logger.warning(message),
    },
  });
  const policy = options.retry ?? GITHUB_RETRY;
  octokit.hook.wrap('request', (request, requestOptions) => {
    let waitAtLeastMs = 0;
    const sleep = policy.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    return retry(async () => request(requestOptions), {
      ...policy,
      label: `GitHub ${requestOptions.method} ${requestOptions.url}`,
      logger,
      isRetryable: (error) => {
        waitAtLeastMs = minimumWaitMs(error);
        return isRetryableGitHubError(error) && waitAtLeastMs <= policy.maxDelayMs;
      },
      sleep: (ms) => sleep(Math.max(ms, waitAtLeastMs)),
    });
  });
  return octokit;
}

/** What Octokit throws for an HTTP error or a failed fetch (`@octokit/request-error`). */
export interface GitHubRequestError extends Error {
  status: number;
  request: { method: string; url: string };
  response?: { status: number; headers: Record<string, string | undefined>; data: unknown };
}

export function isGitHubRequestError(error: unknown): error is GitHubRequestError {
  return (
    error instanceof Error &&
    error.name === 'HttpError' &&
    typeof (error as Partial<GitHubRequestError>).status === 'number' &&
    typeof (error as Partial<GitHubRequestError>).request === 'object'
  );
}

/** The HTTP status of a GitHub failure; undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  return isGitHubRequestError(error) && error.response ? error.status : undefined;
}

function isRateLimited(error: GitHubRequestError): boolean {
  const headers = error.response?.headers ?? {};
  return (
    headers['x-ratelimit-remaining'] === '0' ||
    headers['retry-after'] !== undefined ||
    /rate limit/i.test(responseMessage(error))
  );
}

/** True for failures worth another attempt: no answer, a 5xx, a 429, a secondary rate limit. */
export function isRetryableGitHubError(error: unknown): boolean {
  if (!isGitHubRequestError(error)) return false;
  if (!error.response) return true; // the fetch itself failed: connection reset, DNS, timeout
  const status = error.status;
  if (status >= 500) return true;
  if (status === 429) return true;
  // A primary limit ran out: retrying before the reset (up to an hour away) is pointless.
  if (status === 403 && error.response.headers['x-ratelimit-remaining'] === '0') return false;
  return status === 403 && isRateLimited(error);
}

/**
 * How long GitHub asks to wait before the next attempt: its `retry-after`, else a minute for a
 * secondary rate limit (GitHub's documented rule), else nothing.
 */
export function minimumWaitMs(error: unknown): number {
  const asked = retryAfterMs(error);
  if (asked !== undefined) return asked;
  const secondary =
    isGitHubRequestError(error) && /secondary rate limit/i.test(responseMessage(error));
  return secondary ? SECONDARY_RATE_LIMIT_WAIT_MS : 0;
}

const SECONDARY_RATE_LIMIT_WAIT_MS = 60_000;

/** GitHub's `retry-after` (seconds) as milliseconds, when it sent one. */
export function retryAfterMs(error: unknown): number | undefined {
  if (!isGitHubRequestError(error)) return undefined;
  const seconds = Number(error.response?.headers['retry-after']);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** GitHub's `message` and the messages of its `errors`, on one line. */
function responseMessage(error: GitHubRequestError): string {
  const data = error.response?.data as
    | { message?: unknown; errors?: { message?: string; code?: string; field?: string }[] }
    | string
    | undefined;
  if (typeof data === 'string' && data) return data;
  if (typeof data !== 'object' || data === null || typeof data.message !== 'string') {
    return error.message;
  }
  const details = (Array.isArray(data.errors) ? data.errors : [])
    .map((e) => e.message ?? [e.field, e.code].filter(Boolean).join(' '))
    .filter(Boolean);
  return details.length ? `${data.message}: ${details.join('; ')}` : data.message;
}

/** One GitHub call as the user should read it when it fails. */
export interface GitHubCall {
  /** What nanoship was doing, as a verb phrase: "update the preview comment on octo/app#7". */
  what: string;
  /** The `permissions:` entry the workflow token needs for it: `pull-requests: write`. */
  permission: string;
}

/** Why a 403 "Resource not accessible" happens, and the two ways out. */
export const READ_ONLY_TOKEN_HINT =
  'a pull request from a fork always gets a read-only GITHUB_TOKEN, whatever the workflow asks ' +
  'for (see docs/previews.md, "Pull requests from forks")';

/** The next step for a failed call, from its status and GitHub's answer. */
function fixFor(error: GitHubRequestError, call: GitHubCall, base: string): string {
  const headers = error.response?.headers ?? {};
  const status = error.status;
  if (!error.response) {
    return `could not reach ${base}: check GITHUB_API_URL (GitHub Enterprise Server: https://HOST/api/v3) and the network`;
  }
  if (status === 401) {
    return `the token was refused: check \`github-token\` (CLI: GITHUB_TOKEN), and that GITHUB_API_URL (${base}) is the server it belongs to`;
  }
  if ((status === 403 || status === 429) && isRateLimited(error)) {
    const reset = Number(headers['x-ratelimit-reset']);
    const until = Number.isFinite(reset) ? ` until ${new Date(reset * 1000).toISOString()}` : '';
    const wait = retryAfterMs(error);
    const asked = wait === undefined ? '' : ` (GitHub asked to wait ${wait / 1000} s)`;
    return `GitHub's API rate limit was reached${until}${asked}: run the job again later`;
  }
  if (status === 403 && /not accessible/i.test(responseMessage(error))) {
    const accepted = headers['x-accepted-github-permissions'];
    const acceptedNote = accepted ? ` (GitHub accepts: ${accepted})` : '';
    return `the token may not do this: give the job \`permissions: ${call.permission}\`${acceptedNote}; ${READ_ONLY_TOKEN_HINT}`;
  }
  if (status === 403) {
    return `the token may not do this: check the job's \`permissions: ${call.permission}\` and any branch or environment protection rules`;
  }
  if (status === 404) {
    return `check the repository name and that the token can see it (a token without \`${call.permission}\` may also get a 404)`;
  }
  if (status >= 500)
    return 'GitHub failed on its side and nanoship gave up retrying; run the job again later';
  return 'GitHub refused the request as sent';
}

/**
 * A failed GitHub call as ONE `UserError` line: what nanoship was doing, the route, the HTTP
 * status, GitHub's message and the fix. Anything that is not an Octokit request error (a bug,
 * an abort) is returned unchanged.
 */
export function githubUserError(error: unknown, call: GitHubCall): unknown {
  if (!isGitHubRequestError(error)) return error;
  const url = new URL(error.request.url);
  const route = `${error.request.method} ${url.pathname}`;
  const base = url.origin;
  const answer = error.response
    ? `HTTP ${error.status} (${responseMessage(error)})`
    : `no answer (${errorMessage(error)})`;
  const line = `GitHub: could not ${call.what}: ${route} gave ${answer}: ${fixFor(error, call, base)}`;
  return new UserError(line.replace(/\s+/g, ' ').trim(), { cause: error });
}

/** Runs one GitHub call; a failure is thrown as `githubUserError(error, call)`. */
export async function callGitHub<T>(call: GitHubCall, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw githubUserError(error, call);
  }
}

/** `owner/name` as a `RepoRef`; a `UserError` naming the value otherwise. */
export function parseRepository(fullName: string): RepoRef {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(fullName.trim());
  if (!match) {
    throw new UserError(`repository '${fullName}' is not of the form owner/name (e.g. octo/app)`);
  }
  return { owner: match[1]!, repo: match[2]! };
}
