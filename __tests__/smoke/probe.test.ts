import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  checkHttpAnswer,
  describeProbeError,
  httpAttempt,
  parseHttpResponse,
  pollUntil,
  tcpAttempt,
} from '../../src/smoke/probe.js';

function portOf(server: Server | HttpServer): number {
  return (server.address() as AddressInfo).port;
}

function listen<T extends Server | HttpServer>(server: T): Promise<T> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function close(server: Server | HttpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

describe('checkHttpAnswer', () => {
  const probe = { kind: 'http' as const, port: 8080, path: '/' };
  test.each([
    { name: 'default status 200 holds', probe, answer: { status: 200, body: '' }, want: undefined },
    {
      name: 'a wrong status shows got and want',
      probe,
      answer: { status: 503, body: 'starting' },
      want: 'got HTTP status 503, want 200',
    },
    {
      name: 'an explicit status',
      probe: { ...probe, expectStatus: 404 },
      answer: { status: 404, body: '' },
      want: undefined,
    },
    {
      name: 'a body that does not match shows got and want',
      probe: { ...probe, expectBody: /ready/ },
      answer: { status: 200, body: 'booting' },
      want: 'got body "booting", want a match for /ready/',
    },
  ])('$name', ({ probe, answer, want }) => {
    expect(checkHttpAnswer(probe, answer)).toBe(want);
  });
});

describe('parseHttpResponse', () => {
  test.each([
    { name: 'nothing yet', raw: '', want: undefined },
    { name: 'headers not finished', raw: 'HTTP/1.0 200 OK\r\nServer: x\r\n', want: undefined },
    { name: 'not HTTP', raw: 'SSH-2.0-x\r\n\r\n', want: undefined },
    {
      name: 'body shorter than Content-Length',
      raw: 'HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhello',
      want: { status: 200, body: 'hello', complete: false },
    },
    {
      name: 'body complete by Content-Length (header name in any case)',
      raw: 'HTTP/1.0 404 Not Found\r\ncontent-length: 5\r\n\r\nnope!',
      want: { status: 404, body: 'nope!', complete: true },
    },
    {
      name: 'no Content-Length: the end of the connection decides',
      raw: 'HTTP/1.0 500 Oops\r\n\r\nbroken',
      want: { status: 500, body: 'broken', complete: false },
    },
  ])('$name', ({ raw, want }) => {
    expect(parseHttpResponse(Buffer.from(raw, 'latin1'))).toEqual(want);
  });
});

describe('pollUntil', () => {
  test('retries failed attempts until one succeeds, reporting each failure', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const value = await pollUntil(
      async () => {
        calls++;
        if (calls < 3) throw new Error(`attempt ${calls}`);
        return 'ok';
      },
      {
        signal: new AbortController().signal,
        intervalMs: 5,
        onAttemptError: (e) => errors.push(e),
      },
    );
    expect(value).toBe('ok');
    expect(errors.map(String)).toEqual(['Error: attempt 1', 'Error: attempt 2']);
  });

  test('rejects with the last attempt error when stopped', async () => {
    const controller = new AbortController();
    const run = pollUntil(
      async () => {
        throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
      },
      { signal: controller.signal, intervalMs: 5 },
    );
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toThrow('refused');
  });

  test('aborts an attempt that takes longer than its bound', async () => {
    const controller = new AbortController();
    let sawAbort = false;
    const run = pollUntil(
      (signal) =>
        new Promise((_, reject) =>
          signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(signal.reason);
          }),
        ),
      { signal: controller.signal, intervalMs: 1_000, attemptMs: 20 },
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    controller.abort();
    await expect(run).rejects.toThrow('no answer');
    expect(sawAbort).toBe(true);
  });
});

describe('httpAttempt against a real server', () => {
  let server: HttpServer;
  beforeAll(async () => {
    server = await listen(
      createHttpServer((req, res) => {
        if (req.url === '/big') {
          res.end('x'.repeat(1024 * 1024));
          return;
        }
        res.statusCode = req.url === '/' ? 200 : 404;
        res.end(`you asked for ${req.url}`);
      }),
    );
  });
  afterAll(() => close(server));

  test('returns status and body', async () => {
    const answer = await httpAttempt(portOf(server), '/health')(new AbortController().signal);
    expect(answer).toEqual({ status: 404, body: 'you asked for /health' });
  });

  test('keeps at most 64 KiB of a large body', async () => {
    const answer = await httpAttempt(portOf(server), '/big')(new AbortController().signal);
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBeGreaterThanOrEqual(64 * 1024);
    expect(answer.body.length).toBeLessThan(1024 * 1024);
  });

  test('a connection closed without a response is an error', async () => {
    const silent = await listen(createServer((socket) => socket.destroy()));
    const attempt = httpAttempt(portOf(silent), '/')(new AbortController().signal);
    await expect(attempt).rejects.toThrow();
    await close(silent);
  });
});

describe('tcpAttempt against real sockets', () => {
  test('a server that speaks first is ready at once', async () => {
    const banner = await listen(createServer((socket) => socket.end('SSH-2.0-test\r\n')));
    const canary = await listen(createServer((socket) => socket.destroy()));
    const answer = await tcpAttempt(portOf(banner), portOf(canary))(new AbortController().signal);
    expect(answer.openedAt).toBeGreaterThan(0);
    await Promise.all([close(banner), close(canary)]);
  });

  test('a silent open connection counts only when the canary is refused', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = await listen(createServer((socket) => sockets.add(socket)));
    const refusing = await listen(createServer((socket) => socket.destroy()));
    const hanging = await listen(createServer((socket) => sockets.add(socket)));
    const signal = new AbortController().signal;
    await expect(tcpAttempt(portOf(silent), portOf(refusing))(signal)).resolves.toBeDefined();
    await expect(tcpAttempt(portOf(silent), portOf(hanging))(signal)).rejects.toThrow(
      'the guest network is not answering yet',
    );
    for (const socket of sockets) socket.destroy();
    await Promise.all([close(silent), close(refusing), close(hanging)]);
  });

  test('a connection the far end closes is not ready', async () => {
    const closing = await listen(createServer((socket) => socket.destroy()));
    await expect(
      tcpAttempt(portOf(closing), portOf(closing))(new AbortController().signal),
    ).rejects.toThrow('connection closed by the guest (nothing listening)');
    await close(closing);
  });
});

test('describeProbeError names refused connections and silent ones', () => {
  expect(describeProbeError(Object.assign(new Error('x'), { code: 'ECONNRESET' }))).toBe(
    'connection refused or reset',
  );
  expect(describeProbeError(Object.assign(new Error('x'), { code: 'ABORT_ERR' }))).toBe(
    'no answer',
  );
});
