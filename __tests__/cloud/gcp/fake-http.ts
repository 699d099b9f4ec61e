/**
 * The plumbing of the Google Cloud fake: routes (one per API method, each naming the IAM
 * permissions Google checks for it), Google's JSON error shape, the request log and fault
 * injection. The APIs themselves live in fake-auth.ts, fake-storage.ts, fake-compute.ts,
 * fake-instances.ts and fake-firewalls.ts; a new API is one more list of routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request as the fake saw it. */
export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The route's id (an API method such as `compute.images.insert`), or undefined: no route. */
  route?: string;
  /** IAM permissions Google checks for this call (empty for token endpoints). */
  permissions: string[];
  status: number;
}

/** A fault the next matching request(s) meet instead of (or after) the normal handling. */
export type Fault =
  /** Answer with this HTTP status and Google's error body. */
  | { status: number; reason?: string; message?: string }
  /** Read this many bytes of the request body, then drop the connection. */
  | { dropAfterBytes: number }
  /** Do the work, then drop the connection instead of answering (a lost response). */
  | { dropResponse: true };

export interface Route {
  id: string;
  method: string;
  /** Matched against the path (no query); capture groups become `params`. */
  path: RegExp;
  permissions: string[];
  /** False for the token endpoints, which take other credentials. */
  bearer?: boolean;
  /** True when the handler keeps part of a dropped body itself (resumable uploads). */
  handlesDrop?: boolean;
  /** Which requests faults are meant for (default: all); others pass untouched. */
  faultable?: (req: IncomingMessage) => boolean;
  handle(ctx: RouteContext): Promise<void> | void;
}

/** The error body Google's JSON APIs send. */
export function googleError(status: number, reason: string, message: string) {
  return { error: { code: status, message, errors: [{ message, domain: 'global', reason }] } };
}

export class RouteContext {
  /**
   * The IAM permissions logged for this request: the route's, plus what the handler adds for
   * the body it received (instances.insert needs more when it sets labels, tags, an IP…).
   */
  permissions: string[] = [];
  /** Set when the request met a `dropAfterBytes` fault; the handler decides what was kept. */
  dropAfterBytes?: number;
  dropResponse = false;
  private bodyPromise?: Promise<Buffer>;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    readonly url: URL,
    readonly params: string[],
  ) {}

  get query(): Record<string, string> {
    return Object.fromEntries(this.url.searchParams);
  }

  /** The whole request body. */
  body(): Promise<Buffer> {
    this.bodyPromise ??= new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.req.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.req.on('end', () => resolve(Buffer.concat(chunks)));
      this.req.on('error', reject);
    });
    return this.bodyPromise;
  }

  async json<T>(): Promise<T> {
    const body = await this.body();
    return (body.length === 0 ? {} : JSON.parse(body.toString('utf8'))) as T;
  }

  /** Sends a reply: objects as JSON, strings and buffers as they are. */
  send(status: number, body?: unknown, headers: Record<string, string> = {}): void {
    if (this.dropResponse) {
      this.res.socket?.destroy();
      return;
    }
    const payload =
      body === undefined
        ? ''
        : typeof body === 'string' || Buffer.isBuffer(body)
          ? body
          : JSON.stringify(body);
    const type =
      typeof body === 'object' && !Buffer.isBuffer(body)
        ? { 'content-type': 'application/json' }
        : {};
    this.res.writeHead(status, { ...type, ...headers });
    this.res.end(payload);
  }

  fail(status: number, reason: string, message: string): void {
    this.send(status, googleError(status, reason, message));
  }

  /** Reads up to `limit` body bytes, then drops the connection; returns what was read. */
  async readThenDrop(limit: number): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let read = 0;
    await new Promise<void>((resolve) => {
      const onData = (chunk: Buffer) => {
        const room = limit - read;
        chunks.push(chunk.subarray(0, room));
        read += Math.min(room, chunk.length);
        if (read >= limit) {
          this.req.off('data', onData);
          this.req.socket.destroy();
          resolve();
        }
      };
      this.req.on('data', onData);
      this.req.on('end', resolve);
      this.req.on('close', resolve);
    });
    return Buffer.concat(chunks);
  }
}

/** Faults waiting for requests, by route id, used in order. */
export class FaultQueue {
  private readonly faults = new Map<string, Fault[]>();

  add(routeId: string, fault: Fault, times: number): void {
    const list = this.faults.get(routeId) ?? [];
    for (let i = 0; i < times; i++) list.push(fault);
    this.faults.set(routeId, list);
  }

  take(routeId: string): Fault | undefined {
    return this.faults.get(routeId)?.shift();
  }

  /** Faults injected and never met: a test that injects one expects it to be used. */
  pending(): string[] {
    return [...this.faults].filter(([, list]) => list.length > 0).map(([id]) => id);
  }
}

/** Runs one request through the first route that matches, applying faults and logging it. */
export async function dispatch(
  routes: Route[],
  faults: FaultQueue,
  log: RequestRecord[],
  isTokenValid: (token: string) => boolean,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://fake');
  const method = req.method ?? 'GET';
  const route = routes.find((r) => r.method === method && r.path.test(url.pathname));
  const record: RequestRecord = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    route: route?.id,
    permissions: [...(route?.permissions ?? [])],
    status: 0,
  };
  log.push(record);
  res.on('finish', () => {
    record.status = res.statusCode;
  });
  const ctx = new RouteContext(req, res, url, route ? route.path.exec(url.pathname)!.slice(1) : []);
  ctx.permissions = record.permissions;
  if (route === undefined) {
    await ctx.body();
    ctx.fail(404, 'notFound', `The fake has no route for ${method} ${url.pathname}.`);
    return;
  }
  if (route.bearer !== false) {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined || !isTokenValid(token)) {
      await ctx.body();
      ctx.fail(401, 'authError', 'Request had invalid authentication credentials.');
      return;
    }
  }
  const fault = route.faultable?.(req) === false ? undefined : faults.take(route.id);
  if (fault && 'status' in fault) {
    await ctx.body();
    ctx.fail(fault.status, fault.reason ?? 'backendError', fault.message ?? 'Injected failure.');
    return;
  }
  if (fault && 'dropAfterBytes' in fault) {
    if (!route.handlesDrop) {
      await ctx.readThenDrop(fault.dropAfterBytes);
      return;
    }
    ctx.dropAfterBytes = fault.dropAfterBytes;
  }
  if (fault && 'dropResponse' in fault) ctx.dropResponse = true;
  await route.handle(ctx);
}
