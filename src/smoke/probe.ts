import { connect, type Socket } from 'node:net';
import { errorMessage } from '../errors.js';
import type { HttpProbe } from './types.js';

/**
 * Probes through QEMU user networking (slirp). What can be trusted there: slirp's host-side
 * forward accepts a TCP connection at once, whatever the guest does, and only then tries to
 * reach the guest. If the guest answers with a reset (nothing listening), slirp closes the host
 * connection; if the guest does not answer at all (network not up yet), the host connection
 * just stays open. So a successful connect proves nothing:
 * - HTTP: ready only when an HTTP response arrives.
 * - TCP: ready when the guest sends data, or when the connection stays open for
 *   `TCP_STABLE_MS` while connections to a canary port that nothing listens on in the guest
 *   are refused just before and just after (which proves the guest's network stack is
 *   answering, so the open connection is a real one; see `tcpAttempt`). The canary is guest
 *   port 1 (tcpmux, unused in practice). A guest that drops packets to port 1 (a firewall)
 *   never passes a TCP probe: use an HTTP probe there.
 */

/** Time between the starts of two attempts; short so boot-to-ready is measured finely. */
export const PROBE_INTERVAL_MS = 10;
/** Bound for one attempt: a connection that neither answers nor closes is given up. */
export const PROBE_ATTEMPT_MS = 2_000;
/**
 * Attempts in flight at once. A connection slirp accepted before the guest network was up can
 * stay unanswered until its attempt bound (slirp retransmits the SYN seconds later), so the
 * cap must not stop new attempts: one per interval for a whole attempt bound fits under it.
 * Polling ends at the first answer, so a slow server sees at most this many requests.
 */
const MAX_ATTEMPTS_IN_FLIGHT = Math.ceil(PROBE_ATTEMPT_MS / PROBE_INTERVAL_MS) + 1;
/** Bytes of the body kept for matching; the rest is not read. */
export const BODY_LIMIT_BYTES = 64 * 1024;
/** Bytes allowed for the status line and headers before the attempt stops reading. */
const HEADER_LIMIT_BYTES = 16 * 1024;
/** How long a TCP connection must stay open to count (with a refused canary). */
export const TCP_STABLE_MS = 400;
/**
 * How fast the canary must be refused. Measured under TCG: 1–65 ms once the guest network is
 * up; a canary sent just before the network came up is refused only when slirp retransmits
 * (~200–300 ms), and a connection opened in that moment can stay open unanswered for seconds,
 * so a slow canary does not count.
 */
export const TCP_CANARY_MS = 100;
/**
 * TCP attempts run one at a time: a burst of connections made while the guest network comes
 * up leaves many unanswered in slirp, and under that load a fresh connection was seen to stay
 * open unanswered past the window (a false "ready"). An attempt takes 100–900 ms anyway.
 */
export const TCP_MAX_IN_FLIGHT = 1;

export interface HttpAnswer {
  status: number;
  body: string;
}

export interface TcpAnswer {
  /** `performance.now()` when the accepted connection was opened (for boot-to-ready). */
  openedAt: number;
}

export type Attempt<T> = (signal: AbortSignal) => Promise<T>;

export interface PollOptions {
  /** Stops polling (a timeout, the run ending). */
  signal: AbortSignal;
  intervalMs?: number;
  attemptMs?: number;
  /** Attempts in flight at once (default: enough that one per interval is never held back). */
  maxInFlight?: number;
  /** Told about each failed attempt (the caller keeps the last one for its report). */
  onAttemptError?: (error: unknown) => void;
}

/**
 * Runs `attempt` every `intervalMs` (with several in flight) until one resolves, and returns
 * its value. Each attempt is aborted after `attemptMs`. Rejects with the last attempt's error
 * when `signal` aborts first.
 */
export function pollUntil<T>(attempt: Attempt<T>, options: PollOptions): Promise<T> {
  const intervalMs = options.intervalMs ?? PROBE_INTERVAL_MS;
  const attemptMs = options.attemptMs ?? PROBE_ATTEMPT_MS;
  return new Promise<T>((resolve, reject) => {
    const inFlight = new Set<AbortController>();
    let lastError: unknown = new Error('no attempt finished');
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      options.signal.removeEventListener('abort', onAbort);
      for (const controller of inFlight) controller.abort();
      settle();
    };
    const onAbort = () => finish(() => reject(lastError));
    const start = () => {
      if (done || inFlight.size >= (options.maxInFlight ?? MAX_ATTEMPTS_IN_FLIGHT)) return;
      const controller = new AbortController();
      const bound = setTimeout(() => controller.abort(new Error('no answer')), attemptMs);
      inFlight.add(controller);
      attempt(controller.signal)
        .then(
          (value) => finish(() => resolve(value)),
          (error: unknown) => {
            if (done) return;
            lastError = error;
            options.onAttemptError?.(error);
          },
        )
        .finally(() => {
          clearTimeout(bound);
          inFlight.delete(controller);
        });
    };
    const timer = setInterval(start, intervalMs);
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener('abort', onAbort);
    start();
  });
}

/**
 * One HTTP GET to `host`:`hostPort` (the forward on 127.0.0.1 by default; a preview's public
 * address); resolves with the status and the first 64 KiB of body.
 * A plain HTTP/1.0 exchange on a socket rather than `node:http`: it is a fraction of the CPU per
 * attempt, which matters when attempts run every few milliseconds beside a TCG guest on a
 * small runner, and HTTP/1.0 keeps servers from sending a chunked body.
 */
export function httpAttempt(
  hostPort: number,
  path: string,
  host = '127.0.0.1',
): Attempt<HttpAnswer> {
  const request = `GET ${path} HTTP/1.0\r\nHost: ${host}\r\nConnection: close\r\n\r\n`;
  return (signal) =>
    new Promise((resolve, reject) => {
      const socket = connect({ host, port: hostPort, signal });
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (error?: unknown) => {
        socket.destroy();
        // Whatever ended the exchange (close, limit, abort), a complete header block is an answer.
        const answer = parseHttpResponse(Buffer.concat(chunks));
        if (answer !== undefined) resolve({ status: answer.status, body: answer.body });
        else reject(error ?? new Error('connection closed without an HTTP response'));
      };
      socket.once('connect', () => socket.write(request));
      socket.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        const answer = parseHttpResponse(Buffer.concat(chunks));
        if (answer?.complete || size >= BODY_LIMIT_BYTES + HEADER_LIMIT_BYTES) finish();
      });
      socket.once('end', () => finish());
      socket.once('error', (error) => finish(error));
    });
}

/**
 * Parses what arrived of an HTTP response: undefined until the header block is complete;
 * `complete` once the body reached its Content-Length (else the connection's end decides).
 */
export function parseHttpResponse(bytes: Buffer): (HttpAnswer & { complete: boolean }) | undefined {
  const headerEnd = bytes.indexOf('\r\n\r\n');
  if (headerEnd === -1) return undefined;
  const head = bytes.toString('latin1', 0, headerEnd);
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head);
  if (status === null) return undefined;
  const body = bytes.subarray(headerEnd + 4, headerEnd + 4 + BODY_LIMIT_BYTES);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const complete =
    body.length >= BODY_LIMIT_BYTES || (length !== null && body.length >= Number(length[1]));
  return { status: Number(status[1]), body: body.toString('utf8'), complete };
}

/** Checks an answer against the probe; undefined when it holds, else "got …, want …". */
export function checkHttpAnswer(probe: HttpProbe, answer: HttpAnswer): string | undefined {
  const wantStatus = probe.expectStatus ?? 200;
  if (answer.status !== wantStatus) {
    return `got HTTP status ${answer.status}, want ${wantStatus}`;
  }
  if (probe.expectBody) probe.expectBody.lastIndex = 0; // a /g pattern keeps state between tests
  if (probe.expectBody !== undefined && !probe.expectBody.test(answer.body)) {
    return `got body ${JSON.stringify(truncate(answer.body, 200))}, want a match for ${probe.expectBody}`;
  }
  return undefined;
}

/**
 * One TCP readiness check (see the module comment). Resolves when the guest sends data on a
 * connection to `hostPort`, or when that connection stays open for `TCP_STABLE_MS` while the
 * canary is refused within `TCP_CANARY_MS` both before (so the connection was made after the
 * guest network was up) and after it (so the guest answers much faster than the window the
 * connection stayed open).
 */
export function tcpAttempt(hostPort: number, canaryHostPort: number): Attempt<TcpAnswer> {
  return async (signal) => {
    await expectCanaryRefused(canaryHostPort, signal);
    const socket = await openSocket(hostPort, signal);
    const openedAt = performance.now();
    try {
      const outcome = await firstOf(socket, TCP_STABLE_MS, signal);
      if (outcome === 'data') return { openedAt };
      if (outcome === 'closed') {
        throw new Error('connection closed by the guest (nothing listening)');
      }
      await expectCanaryRefused(canaryHostPort, signal);
      if (socket.destroyed || socket.readyState !== 'open') {
        throw new Error('connection closed by the guest');
      }
      return { openedAt };
    } finally {
      socket.destroy();
    }
  };
}

async function expectCanaryRefused(port: number, signal: AbortSignal): Promise<void> {
  const canary = await openSocket(port, signal);
  try {
    if ((await firstOf(canary, TCP_CANARY_MS, signal)) !== 'closed') {
      throw new Error('the guest network is not answering yet');
    }
  } finally {
    canary.destroy();
  }
}

function openSocket(port: number, signal: AbortSignal, host = '127.0.0.1'): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, signal });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/**
 * One TCP check of a port on a real network (a preview's public address), where no forwarder
 * accepts in the guest's place: the connection must open and then send data or stay open for
 * `TCP_STABLE_MS` (a server that accepts and closes at once is not ready).
 */
export function connectAttempt(host: string, port: number): Attempt<TcpAnswer> {
  return async (signal) => {
    const socket = await openSocket(port, signal, host);
    const openedAt = performance.now();
    try {
      const outcome = await firstOf(socket, TCP_STABLE_MS, signal);
      if (outcome === 'closed') throw new Error('connection closed at once by the server');
      return { openedAt };
    } finally {
      socket.destroy();
    }
  };
}

/** Waits `ms` and reports whether the socket sent data, closed, or stayed open meanwhile. */
function firstOf(
  socket: Socket,
  ms: number,
  signal: AbortSignal,
): Promise<'data' | 'closed' | 'open'> {
  return new Promise((resolve, reject) => {
    const settle = (outcome: 'data' | 'closed' | 'open') => {
      clearTimeout(timer);
      socket.removeAllListeners('data').removeAllListeners('close').removeAllListeners('end');
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => settle('open'), ms);
    socket.once('data', () => settle('data'));
    socket.once('end', () => settle('closed'));
    socket.once('close', () => settle('closed'));
    socket.on('error', () => settle('closed'));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Explains why a probe never succeeded, from the last attempt's error. */
export function describeProbeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNRESET' || code === 'ECONNREFUSED') return 'connection refused or reset';
  if (code === 'ABORT_ERR') return 'no answer';
  return errorMessage(error);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}
