// A block sent as a stream body: the same request on the wire as a buffer body, and its buffer
// free again as soon as the request has handed the bytes over, before AWS answers; a request
// that never sent it, or was torn down, lets go of it too, exactly once.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { PutSnapshotBlockCommand } from '@aws-sdk/client-ebs';
import { afterEach, describe, expect, test } from '@jest/globals';
import { BlockBody } from '../../../src/cloud/aws/block-body.js';
import { blockDigest, checksumText } from '../../../src/cloud/aws/checksum.js';
import { AwsClients } from '../../../src/cloud/aws/clients.js';
import { HOME, useFakeAws } from './fixtures.js';

const BLOCK_BYTES = 524_288;

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A PutSnapshotBlock endpoint that records each request and answers 201 only once `answer` is
 * called for it, so a test can look at the client between the body's arrival and the answer.
 */
async function startRecorder() {
  const received: Received[] = [];
  const answers: (() => void)[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks) });
    answers.push(() => res.writeHead(201, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    received,
    /** Answers the oldest request not answered yet, once it has arrived. */
    async answer() {
      while (answers.length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
      answers.shift()!();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function clientAt(endpoint: string) {
  const restore = useFakeAws({ all: endpoint });
  const clients = new AwsClients();
  cleanup.push(restore, () => clients.destroy());
  return clients.forRegion(HOME).ebs;
}

function put(block: Buffer, data: Buffer | BlockBody, index: number) {
  const checksum = checksumText(blockDigest(block));
  return new PutSnapshotBlockCommand({
    SnapshotId: 'snap-0123456789abcdef0',
    BlockIndex: index,
    BlockData: data,
    DataLength: BLOCK_BYTES,
    Checksum: checksum,
    ChecksumAlgorithm: 'SHA256',
    Progress: 50,
  });
}

describe('through the EBS client', () => {
  test('puts the same request on the wire as a buffer body: length, headers, bytes', async () => {
    const recorder = await startRecorder();
    cleanup.push(recorder.close);
    const ebs = await clientAt(recorder.endpoint);
    const block = randomBytes(BLOCK_BYTES);

    const asBuffer = ebs.send(put(block, block, 7));
    await recorder.answer();
    await asBuffer;
    const body = new BlockBody(Buffer.from(block), () => {});
    const asStream = ebs.send(put(block, body, 7));
    await recorder.answer();
    await asStream;
    body.settle();

    const [buffered, streamed] = recorder.received;
    expect(streamed!.body.equals(block)).toBe(true);
    expect(streamed!.body.equals(buffered!.body)).toBe(true);
    const same = [
      'content-length',
      'transfer-encoding',
      'content-type',
      'x-amz-content-sha256',
      'x-amz-checksum',
      'x-amz-checksum-algorithm',
      'x-amz-data-length',
      'x-amz-progress',
      'host',
    ];
    const pick = (headers: IncomingHttpHeaders) =>
      Object.fromEntries(same.map((name) => [name, headers[name]]));
    expect(pick(streamed!.headers)).toEqual(pick(buffered!.headers));
    expect(streamed!.headers['content-length']).toBe(String(BLOCK_BYTES));
    expect(streamed!.headers['transfer-encoding']).toBeUndefined();
  });

  test('gives the buffer back once the request has sent it, before the answer', async () => {
    const recorder = await startRecorder();
    cleanup.push(recorder.close);
    const ebs = await clientAt(recorder.endpoint);
    const block = randomBytes(BLOCK_BYTES);
    let released = 0;
    const body = new BlockBody(block, () => released++);

    let answered = false;
    const sending = ebs.send(put(block, body, 0)).then(() => {
      answered = true;
    });
    while (released === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    // The bytes are in the kernel's buffers, maybe not even read by the server yet.
    expect(answered).toBe(false);
    await recorder.answer();
    await sending;
    body.settle();
    expect(released).toBe(1);
  });
});

describe('without a request', () => {
  test('a body never sent gives its buffer back when settled, once', () => {
    let released = 0;
    const body = new BlockBody(Buffer.alloc(16), () => released++);
    body.settle();
    body.settle();
    expect(released).toBe(1);
    expect(body.destroyed).toBe(true);
  });

  test('a body being written keeps its buffer until the writer is done with it', async () => {
    let released = 0;
    let flush: (() => void) | undefined;
    const writer = new Writable({
      write(_chunk, _encoding, callback) {
        flush = callback; // still "writing" until called
      },
    });
    const body = new BlockBody(Buffer.alloc(16, 1), () => released++);
    body.pipe(writer);
    while (flush === undefined) await new Promise(setImmediate);
    // The request settled early (an answer before the last byte went out): not yet free.
    body.settle();
    expect(released).toBe(0);
    flush();
    await new Promise((resolve) => writer.once('finish', resolve));
    expect(released).toBe(1);
    writer.destroy();
    await new Promise(setImmediate);
    expect(released).toBe(1);
  });

  test('a request torn down mid-write lets go of the buffer', async () => {
    let released = 0;
    const writer = new Writable({ write() {} }); // never finishes a write
    const body = new BlockBody(Buffer.alloc(16, 1), () => released++);
    body.pipe(writer);
    await new Promise(setImmediate);
    expect(released).toBe(0);
    writer.destroy();
    await new Promise((resolve) => writer.once('close', resolve));
    expect(released).toBe(1);
  });

  test('reports its length for Content-Length', () => {
    expect(new BlockBody(Buffer.alloc(BLOCK_BYTES), () => {}).byteLength).toBe(BLOCK_BYTES);
  });
});
