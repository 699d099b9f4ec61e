/**
 * A strict local fake of the GitHub REST API, laid out like GitHub Enterprise Server: the API
 * at `http://127.0.0.1:PORT/api/v3`, uploads at `/api/uploads`, web pages at the root. Point
 * Octokit (or the Action, through GITHUB_API_URL) at `apiUrl`; release JSON carries an
 * `upload_url` on the fake's uploads path, as GitHub's does on its own.
 *
 *   const gh = await startGitHubFake({ repos: ['octo/app'] });
 *   gh.addPullRequest('octo/app', { number: 7, headSha });
 *   const octokit = createGitHubClient({ token: 'any', apiUrl: gh.apiUrl });
 *   … gh.repo('octo/app').comments, gh.requests …
 *   await gh.close();
 *
 * It checks what GitHub checks for these routes: an `Authorization: token …` or `Bearer …`
 * header (401 otherwise), 404 for unknown repositories, routes and ids, 422 for bodies over
 * GitHub's limits and unknown refs, 403 with `x-accepted-github-permissions` for writes with a
 * read-only token, 202/409 for deployments created with the defaults on a branch behind its base
 * or with pending checks. `inject` adds faults and holds requests to force an interleaving.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { notFound, type Reply, ROUTES } from './fake-routes.js';
import {
  addPull,
  addRepo,
  type FakePull,
  type FakeRepo,
  type FakeState,
  type FakeUrls,
  newState,
  repoKey,
} from './fake-state.js';

export type * from './fake-state.js';
export { fakeSha } from './fake-state.js';

export interface RecordedRequest {
  method: string;
  api: 'rest' | 'uploads' | 'other';
  /** Below the API base: `/repos/octo/app/issues/7/comments`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON, or the raw text of an upload. */
  body: unknown;
  /** The token of the Authorization header. */
  token?: string;
  /** The status answered (set once answered). */
  status?: number;
}

export interface InjectRule {
  method?: string;
  /** The path below the API base; a string must match exactly. */
  path: string | RegExp;
  /**
   * Hold matching requests until this many have arrived, then handle them all in arrival order:
   * two racing runs are forced through the same step before either goes on.
   */
  barrier?: number;
  /** Answer matching requests with this status (and `body`, `headers`) instead. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** How many requests a `status` rule answers (default 1). */
  times?: number;
}

export interface GitHubFake {
  /** The GITHUB_API_URL to use. */
  apiUrl: string;
  uploadsUrl: string;
  /** The GITHUB_SERVER_URL of the pages the JSON links to. */
  webUrl: string;
  state: FakeState;
  requests: RecordedRequest[];
  repo(fullName: string): FakeRepo;
  addRepo(fullName: string): FakeRepo;
  /** An open PR; `headRepo` another `owner/name` for a fork (its branch is not a ref here). */
  addPullRequest(
    fullName: string,
    pull: { number: number; headSha: string; headRef?: string; headRepo?: string },
  ): FakePull;
  inject(rule: InjectRule): void;
  /** Answers held requests with 503, closes every connection and the server. */
  close(): Promise<void>;
}

interface HeldRule extends InjectRule {
  held: (() => void)[];
  left: number;
}

function parseAuth(header: string | undefined): string | undefined | null {
  if (!header) return undefined;
  const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {
    'x-github-request-id': `FAKE:${Math.random().toString(16).slice(2, 10)}`,
    ...reply.headers,
  };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json; charset=utf-8';
  res.writeHead(reply.status, headers).end(text);
}

export async function startGitHubFake(options: { repos?: string[] } = {}): Promise<GitHubFake> {
  const state = newState();
  const requests: RecordedRequest[] = [];
  const rules: HeldRule[] = [];
  const held = new Set<ServerResponse>();
  for (const name of options.repos ?? ['octo/app']) addRepo(state, name);

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => dispatch(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const webUrl = `http://127.0.0.1:${port}`;
  const urls: FakeUrls = { api: `${webUrl}/api/v3`, uploads: `${webUrl}/api/uploads`, web: webUrl };

  const matches = (rule: InjectRule, record: RecordedRequest) =>
    (!rule.method || rule.method.toUpperCase() === record.method) &&
    (typeof rule.path === 'string' ? rule.path === record.path : rule.path.test(record.path));

  function dispatch(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const selfUrl = new URL(req.url ?? '/', webUrl);
    const [api, prefix] = selfUrl.pathname.startsWith('/api/v3/')
      ? (['rest', '/api/v3'] as const)
      : selfUrl.pathname.startsWith('/api/uploads/')
        ? (['uploads', '/api/uploads'] as const)
        : (['other', ''] as const);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      api,
      path: selfUrl.pathname.slice(prefix.length),
      query: Object.fromEntries(selfUrl.searchParams),
      body: parseBody(api, raw),
      token: parseAuth(req.headers.authorization) ?? undefined,
    };
    requests.push(record);
    const answer = () => {
      const reply = handle(req, record, raw, selfUrl);
      record.status = reply.status;
      held.delete(res);
      send(res, reply);
    };
    const barrier = rules.find((rule) => rule.barrier !== undefined && matches(rule, record));
    if (!barrier) {
      answer();
      return;
    }
    held.add(res);
    barrier.held.push(answer);
    if (barrier.held.length < barrier.barrier!) return;
    rules.splice(rules.indexOf(barrier), 1);
    for (const release of barrier.held) release();
  }

  function handle(req: IncomingMessage, record: RecordedRequest, raw: Buffer, selfUrl: URL): Reply {
    if (record.api === 'other') return notFound();
    const token = parseAuth(req.headers.authorization);
    if (token === undefined) return { status: 401, body: { message: 'Requires authentication' } };
    if (token === null) return { status: 401, body: { message: 'Bad credentials' } };
    const fault = rules.find((rule) => rule.status !== undefined && matches(rule, record));
    if (fault) {
      fault.left -= 1;
      if (fault.left <= 0) rules.splice(rules.indexOf(fault), 1);
      return { status: fault.status!, body: fault.body, headers: fault.headers };
    }
    for (const route of ROUTES) {
      const match = route.api === record.api ? route.pattern.exec(record.path) : null;
      if (!match || route.method !== record.method) continue;
      const repo = state.repos.get(repoKey(`${match[1]}/${match[2]}`));
      if (!repo) return notFound();
      if (record.method !== 'GET' && state.readOnlyTokens.has(token)) {
        return {
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest',
          },
          headers: { 'x-accepted-github-permissions': route.permission },
        };
      }
      let json: Record<string, unknown> = {};
      if (record.api === 'rest' && raw.length > 0) {
        if (typeof record.body !== 'object' || record.body === null) {
          return { status: 400, body: { message: 'Problems parsing JSON' } };
        }
        json = record.body as Record<string, unknown>;
      }
      return route.handle({
        state,
        repo,
        params: match.slice(3),
        query: selfUrl.searchParams,
        json,
        raw,
        contentType: req.headers['content-type'] ?? '',
        login: state.users.get(token) ?? 'github-actions[bot]',
        urls,
        selfUrl,
      });
    }
    return notFound();
  }

  const repoOf = (fullName: string): FakeRepo => {
    const repo = state.repos.get(repoKey(fullName));
    if (!repo) throw new Error(`the fake has no repository ${fullName}`);
    return repo;
  };

  return {
    apiUrl: urls.api,
    uploadsUrl: urls.uploads,
    webUrl,
    state,
    requests,
    repo: repoOf,
    addRepo: (fullName) => addRepo(state, fullName),
    addPullRequest: (fullName, pull) => addPull(repoOf(fullName), pull),
    inject(rule) {
      rules.push({ ...rule, held: [], left: rule.times ?? 1 });
    },
    async close() {
      for (const res of held) send(res, { status: 503, body: { message: 'fake closed' } });
      held.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseBody(api: RecordedRequest['api'], raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  if (api === 'uploads') return raw.toString('utf8');
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return raw.toString('utf8');
  }
}
