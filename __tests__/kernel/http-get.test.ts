// httpGet against raw HTTP/1.0 and redirecting servers on 127.0.0.1, the kinds of mirror that
// tripped Node's built-in fetch.

import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from '@jest/globals';
import { httpGet } from '../../src/kernel/http-get.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server that answers every connection with `reply(requestLine)` and closes it. */
async function rawServer(reply: (requestLine: string) => Buffer): Promise<string> {
  const server = createServer((socket) => {
    socket.once('data', (data) => {
      socket.end(reply(data.toString('latin1').split('\r\n')[0]!));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const BODY = Buffer.alloc(8 * 1024 * 1024, 7);

describe('httpGet', () => {
  test('reads a whole HTTP/1.0 body that ends with the connection, even when read slowly', async () => {
    const base = await rawServer(() =>
      Buffer.concat([
        Buffer.from(`HTTP/1.0 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n`),
        BODY,
      ]),
    );
    const { status, body } = await httpGet(`${base}/big`);
    expect(status).toBe(200);
    let bytes = 0;
    for await (const chunk of body) {
      bytes += (chunk as Buffer).length;
      await sleep(1); // back-pressure: the socket ends while the reader is behind
    }
    expect(bytes).toBe(BODY.length);
  });

  test('reports a body cut short of its Content-Length as a stream error', async () => {
    const base = await rawServer(() =>
      Buffer.concat([
        Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n'),
        BODY.subarray(0, 10),
      ]),
    );
    const { body } = await httpGet(`${base}/cut`);
    await expect(
      (async () => {
        for await (const _ of body) {
          // drain
        }
      })(),
    ).rejects.toThrow();
  });

  test('follows a relative redirect', async () => {
    const base = await rawServer((line) =>
      line.includes('/old')
        ? Buffer.from('HTTP/1.1 302 Found\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n')
        : Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'),
    );
    const response = await httpGet(`${base}/old`);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${base}/new`);
    response.body.resume();
  });

  test('gives up after too many redirects', async () => {
    const base = await rawServer(() =>
      Buffer.from('HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n'),
    );
    await expect(httpGet(`${base}/loop`)).rejects.toThrow('more than 5 redirects');
  });
});
