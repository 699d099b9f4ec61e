/**
 * The fake itself: the protocol rules it enforces, so that a client breaking them fails here
 * as it would at Google. Raw HTTP, no client library. (Its image import: fake-import.itg.test.ts.)
 */
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { type GcpFake, startGcpFake } from './fake.js';
import { matchesFilter, parseFilter } from './fake-filter.js';
import { crc32cBase64, crc32cUpdate } from './fake-import.js';

describe('CRC32C', () => {
  test('is Castagnoli (the check value of "123456789" is e3069283), not zlib.crc32', () => {
    const crc = crc32cUpdate(0, Buffer.from('123456789'));
    expect(crc.toString(16)).toBe('e3069283');
    expect(crc).not.toBe(zlib.crc32('123456789'));
    expect(crc32cBase64(crc)).toBe(Buffer.from('e3069283', 'hex').toString('base64'));
  });

  test('can be fed in parts', () => {
    const whole = crc32cUpdate(0, Buffer.from('hello world'));
    expect(crc32cUpdate(crc32cUpdate(0, Buffer.from('hello ')), Buffer.from('world'))).toBe(whole);
  });
});

describe('the list filter', () => {
  const image = { name: 'app-1', labels: { 'nanoship-managed': 'true', 'nanoship-pr': '7' } };
  test.each([
    { filter: '', matches: true },
    { filter: 'name = "app-1"', matches: true },
    { filter: '(labels.nanoship-managed = "true") (labels.nanoship-pr = "7")', matches: true },
    { filter: '(labels.nanoship-managed = "true") AND (labels.nanoship-pr = "8")', matches: false },
    { filter: 'labels.nanoship-digest = "abc"', matches: false },
    { filter: 'name != app-1', matches: false },
    { filter: "name eq 'app-.*'", matches: true },
    { filter: 'name ne "app-.*"', matches: false },
  ])('$filter → $matches', ({ filter, matches }) => {
    expect(matchesFilter(image, parseFilter(filter))).toBe(matches);
  });

  test.each(['name ~ app', 'labels.x = "a" OR name = b', '(name = a'])(
    'refuses what it does not know: %s',
    (filter) => {
      expect(() => parseFilter(filter)).toThrow(/cannot parse/);
    },
  );
});

describe('the upload protocol', () => {
  let fake: GcpFake;
  let session: string;
  const token = 'ya29.test';
  beforeEach(async () => {
    fake = await startGcpFake({ buckets: ['b'] });
    fake.state.auth.tokens.add(token);
    const start = await fetch(
      `${fake.baseUrl}/upload/storage/v1/b/b/o?uploadType=resumable&name=x.tar.gz&ifGenerationMatch=0`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(start.status).toBe(200);
    session = start.headers.get('location')!;
  });
  afterEach(async () => {
    await fake.close();
  });

  const put = (range: string, body: Buffer) =>
    fetch(session, { method: 'PUT', headers: { 'content-range': range }, body });
  const KIB256 = 256 * 1024;

  test('takes 256 KiB granules with 308 + Range, then a last chunk of any size', async () => {
    const first = await put(`bytes 0-${KIB256 - 1}/*`, Buffer.alloc(KIB256, 1));
    expect([first.status, first.headers.get('range')]).toEqual([308, `bytes=0-${KIB256 - 1}`]);
    const query = await put('bytes */*', Buffer.alloc(0));
    expect([query.status, query.headers.get('range')]).toEqual([308, `bytes=0-${KIB256 - 1}`]);
    const last = await put(`bytes ${KIB256}-${KIB256 + 9}/${KIB256 + 10}`, Buffer.alloc(10, 2));
    expect(last.status).toBe(200);
    const object = (await last.json()) as { size: string; crc32c: string; md5Hash: string };
    const bytes = Buffer.concat([Buffer.alloc(KIB256, 1), Buffer.alloc(10, 2)]);
    expect(object).toMatchObject({
      size: String(KIB256 + 10),
      crc32c: crc32cBase64(crc32cUpdate(0, bytes)),
    });
  });

  test.each([
    {
      name: 'a chunk that is not a multiple of 256 KiB before the last',
      range: 'bytes 0-99/*',
      size: 100,
    },
    {
      name: 'a chunk that leaves a gap',
      range: `bytes ${KIB256}-${2 * KIB256 - 1}/*`,
      size: KIB256,
    },
    { name: 'a body shorter than its range', range: `bytes 0-${KIB256 - 1}/*`, size: 10 },
  ])('refuses $name with 400', async ({ range, size }) => {
    expect((await put(range, Buffer.alloc(size))).status).toBe(400);
  });

  test('refuses to start a second session for an existing object with ifGenerationMatch=0', async () => {
    await fake.putObject('b', 'x.tar.gz', Buffer.from('there'));
    const again = await fetch(
      `${fake.baseUrl}/upload/storage/v1/b/b/o?uploadType=resumable&name=x.tar.gz&ifGenerationMatch=0`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: '{}',
      },
    );
    expect(again.status).toBe(412);
  });
});

describe('Compute', () => {
  let fake: GcpFake;
  beforeEach(async () => {
    fake = await startGcpFake({ projects: ['p'] });
    fake.state.auth.tokens.add('ya29.test');
  });
  afterEach(async () => {
    await fake.close();
  });
  const call = (method: string, url: string, token = 'ya29.test') =>
    fetch(`${fake.baseUrl}/compute/v1/projects/p/global/${url}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });

  test('wants a token the fake issued', async () => {
    const refused = await call('GET', 'images/x', 'ya29.forged');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { errors: [{ reason: 'authError' }] } });
  });

  test('answers errors in Google JSON error shape', async () => {
    const missing = await call('GET', 'images/x');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: {
        code: 404,
        message: "The resource 'projects/p/global/images/x' was not found",
        errors: [
          {
            message: "The resource 'projects/p/global/images/x' was not found",
            domain: 'global',
            reason: 'notFound',
          },
        ],
      },
    });
  });

  test('refuses a malformed requestId', async () => {
    fake.seedImage('p', { name: 'x' });
    expect((await call('DELETE', 'images/x?requestId=not-a-uuid')).status).toBe(400);
    expect(fake.images('p')).toHaveLength(1);
  });

  test('answers a repeated requestId with the first operation and does the work once', async () => {
    fake.seedImage('p', { name: 'x' });
    const id = '0b9f3e4c-2d1a-8c3b-9a1f-0123456789ab';
    const first = (await (await call('DELETE', `images/x?requestId=${id}`)).json()) as {
      name: string;
    };
    const second = (await (await call('DELETE', `images/x?requestId=${id}`)).json()) as {
      name: string;
    };
    expect(second.name).toBe(first.name);
  });
});
