/**
 * What the fake GitHub's routes share: the request context, the reply, GitHub's limits, its
 * error bodies and its pagination.
 */
import type { FakeRepo, FakeState, FakeUrls } from './fake-state.js';

export interface RouteContext {
  state: FakeState;
  repo: FakeRepo;
  /** Captures of the route pattern after owner and name. */
  params: string[];
  query: URLSearchParams;
  /** The parsed JSON body (REST routes) or `{}`. */
  json: Record<string, unknown>;
  raw: Buffer;
  contentType: string;
  login: string;
  urls: FakeUrls;
  /** This request's absolute URL, for Link headers. */
  selfUrl: URL;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  api: 'rest' | 'uploads';
  /** Matches the path below the API base; groups 1 and 2 are owner and name. */
  pattern: RegExp;
  /** What GitHub names in `x-accepted-github-permissions` when a token may not write here. */
  permission: string;
  handle(ctx: RouteContext): Reply;
}

export const DOCS = 'https://docs.github.com/rest';
/** GitHub's limits: comment bodies in characters, release bodies, status descriptions. */
export const COMMENT_MAX_CHARS = 65_536;
export const RELEASE_BODY_MAX_CHARS = 125_000;
export const STATUS_DESCRIPTION_MAX_CHARS = 140;
export const STATUS_STATES = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success',
];

export const notFound = (): Reply => ({
  status: 404,
  body: { message: 'Not Found', documentation_url: DOCS },
});

export function invalid(resource: string, field: string, code: string, message?: string): Reply {
  return {
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource, code, field, ...(message ? { message } : {}) }],
      documentation_url: DOCS,
    },
  };
}

/** GitHub's pagination: `per_page` (default 30, at most 100), `page`, and a Link header. */
export function paged<T>(ctx: RouteContext, items: T[]): Reply {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get('page') ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const link = (p: number, rel: string) => {
    const url = new URL(ctx.selfUrl);
    url.searchParams.set('page', String(p));
    return `<${url.toString()}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, 'prev'));
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
  if (page > 1) links.push(link(1, 'first'));
  return {
    status: 200,
    body: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length ? { link: links.join(', ') } : {},
  };
}

export const codePoints = (text: string) => [...text].length;
export const id = (ctx: RouteContext, index = 0) => Number(ctx.params[index]);
