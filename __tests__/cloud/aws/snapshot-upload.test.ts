// The uploader against the loopback AWS fake, through the real EBS client: which blocks go up,
// what the fake stored, how throttling and concurrency limits are ridden out, and how a final
// failure is reported.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { AwsClients } from '../../../src/cloud/aws/clients.js';
import { CONCURRENCY_MIN } from '../../../src/cloud/aws/concurrency.js';
import {
  BLOCK_BUFFERS,
  type UploadOptions,
  uploadSnapshot,
} from '../../../src/cloud/aws/snapshot-upload.js';
import { UserError } from '../../../src/errors.js';
import { recordingLogger } from '../../../src/log.js';
import { type AwsFake, BLOCK_BYTES, startAwsFake } from './fake.js';
import {
  HOME,
  makeTempDir,
  type Segment,
  useFakeAws,
  virtualTiming,
  writeImage,
} from './fixtures.js';

let fake: AwsFake;
let restoreEnv: () => void;
let temp: ReturnType<typeof makeTempDir>;
let clients: AwsClients;

beforeEach(async () => {
  fake = await startAwsFake();
  restoreEnv = useFakeAws({ all: fake.endpoint });
  temp = makeTempDir();
  clients = new AwsClients();
});
afterEach(async () => {
  clients.destroy();
  restoreEnv();
  temp.remove();
  await fake.close();
});

function options(file: string, overrides: Partial<UploadOptions> = {}) {
  const started: string[] = [];
  const logger = recordingLogger();
  const opts: UploadOptions = {
    ebs: clients.forRegion(HOME).ebs,
    region: HOME,
    file,
    snapshot: { clientToken: 'token-1', tags: { 'nanoship:managed': 'true' }, description: 'test' },
    concurrency: 'adaptive',
    timing: virtualTiming().timing,
    logger,
    onStarted: (id) => started.push(id),
    ...overrides,
  };
  return { opts, started, logger };
}

function image(segments: Segment[]) {
  const file = path.join(temp.dir, 'disk.raw');
  return { file, bytes: writeImage(file, segments) };
}

/** The file's bytes up to the end of its last whole-or-partial block, zero padded. */
function padded(bytes: Buffer, blocks: number): Buffer {
  const out = Buffer.alloc(blocks * BLOCK_BYTES);
  bytes.copy(out, 0, 0, Math.min(bytes.length, out.length));
  return out;
}

describe('which blocks are sent', () => {
  test('sends interior zero blocks, pads the partial last data block, skips the zero tail', async () => {
    const { file, bytes } = image([
      { data: 2 },
      { zero: 3 },
      { data: 1 },
      { partialData: 1000 },
      { zero: 0 },
    ]);
    // 1000 bytes of data start block 6; then 4 zero blocks and a partial zero block: 11 blocks.
    const withTail = Buffer.concat([bytes, Buffer.alloc(4 * BLOCK_BYTES + 777)]);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, withTail);
    const { opts, started } = options(file);

    const result = await uploadSnapshot(opts);

    expect(started).toEqual([result.snapshotId]);
    expect(result.blocks).toBe(7);
    expect(result.fileBlocks).toBe(11);
    const stored = await fake.readSnapshot(result.snapshotId);
    expect(stored.indexes).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(stored.bytes.equals(padded(withTail, 7))).toBe(true);
    expect(fake.operations('PutSnapshotBlock', 201)).toHaveLength(7);
    expect(fake.operations('CompleteSnapshot', 202)).toHaveLength(1);
  });

  test('a block retried after a lost response is counted once in ChangedBlocksCount', async () => {
    const { file } = image([{ data: 4 }]);
    // The fake stores block data, then answers 500: the uploader sends the same index again.
    fake.inject({
      kind: 'error',
      operation: 'PutSnapshotBlock',
      code: 'InternalServerException',
      status: 500,
      afterEffect: true,
      times: 2,
    });
    const result = await uploadSnapshot(options(file).opts);

    expect(result.blocks).toBe(4);
    expect(fake.operations('PutSnapshotBlock')).toHaveLength(6);
    // The fake checks ChangedBlocksCount and the LINEAR aggregate against what it stored.
    expect(fake.operations('CompleteSnapshot', 202)).toHaveLength(1);
  });

  test('refuses a file of zeros before creating anything', async () => {
    const { file } = image([{ zero: 3 }]);
    const error = await uploadSnapshot(options(file).opts).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(/holds only zero bytes/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('under load', () => {
  test('a 64 MiB image arrives byte for byte under 30 % throttling and a limit of 4 in flight', async () => {
    const { file, bytes } = image([{ data: 128 }]);
    fake.inject({
      kind: 'error',
      operation: 'PutSnapshotBlock',
      code: 'RequestThrottledException',
      reason: 'ACCOUNT_THROTTLED',
      probability: 0.3,
    });
    fake.inject({ kind: 'concurrency-limit', max: 4 });
    // Long enough for requests to overlap, so the limit is really met.
    fake.inject({ kind: 'latency', operation: 'PutSnapshotBlock', ms: 10 });
    const { opts, logger } = options(file);

    const result = await uploadSnapshot(opts);

    const stored = await fake.readSnapshot(result.snapshotId);
    expect(stored.indexes).toHaveLength(128);
    expect(stored.bytes.equals(bytes)).toBe(true);
    // Both faults really happened, and the controller came down to the floor for them.
    expect(fake.operations('PutSnapshotBlock', 400).map((r) => r.code)).toEqual(
      expect.arrayContaining(['RequestThrottledException', 'ConcurrentLimitExceededException']),
    );
    expect(result.concurrency.lowest).toBe(CONCURRENCY_MIN);
    expect(result.concurrency.highest).toBe(32);
    expect(result.buffers).toBeLessThanOrEqual(32);
    expect(logger.lines.at(-1)?.message).toMatch(/128\/128 blocks \(100%\).*concurrency 4–32/);
  }, 120_000);

  test(`64 requests in flight share ${BLOCK_BUFFERS} buffers, and the image arrives byte for byte`, async () => {
    const { file, bytes } = image([{ data: 160 }]);
    // Answers take long enough for 64 requests to be waiting at once.
    fake.inject({ kind: 'latency', operation: 'PutSnapshotBlock', ms: 100 });
    const result = await uploadSnapshot(options(file, { concurrency: 64 }).opts);

    expect(fake.peakBlocksInFlight()).toBeGreaterThan(BLOCK_BUFFERS);
    expect(result.buffers).toBeLessThanOrEqual(BLOCK_BUFFERS);
    expect(result.peakBuffersInUse).toBeLessThanOrEqual(BLOCK_BUFFERS);
    const stored = await fake.readSnapshot(result.snapshotId);
    expect(stored.bytes.equals(bytes)).toBe(true);
  }, 60_000);

  test('throttled blocks are retried by the uploader, quietly, and lower the concurrency', async () => {
    const { file, bytes } = image([{ data: 40 }]);
    fake.inject({
      kind: 'error',
      operation: 'PutSnapshotBlock',
      code: 'RequestThrottledException',
      reason: 'ACCOUNT_THROTTLED',
      times: 3,
    });
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      const result = await uploadSnapshot(options(file).opts);
      const stored = await fake.readSnapshot(result.snapshotId);
      expect(stored.bytes.equals(bytes)).toBe(true);
      // The SDK cannot replay a stream body: the three retries are the uploader's, and the
      // three throttles one burst for the controller.
      expect(fake.operations('PutSnapshotBlock')).toHaveLength(43);
      expect(result.concurrency.decreases).toBe(1);
    } finally {
      console.warn = warn;
    }
    // Not the SDK's "non-retryable streaming request" line for every throttled block.
    expect(warnings).toEqual([]);
  });
});

describe('failures', () => {
  test('a refused block fails fast, in one line that names the IAM action', async () => {
    const { file } = image([{ data: 40 }]);
    fake.inject({
      kind: 'error',
      operation: 'PutSnapshotBlock',
      code: 'AccessDeniedException',
      status: 403,
      reason: 'UNAUTHORIZED_ACCOUNT',
      message: 'User is not authorized to perform: ebs:PutSnapshotBlock',
    });
    const error = (await uploadSnapshot(options(file).opts).catch((e: Error) => e)) as Error;

    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(
      /^Uploading the image failed: AWS refused ebs:PutSnapshotBlock in eu-west-1 for snap-\w+ block \d+ \(offset \d+\), attempt 1: AccessDeniedException \(UNAUTHORIZED_ACCOUNT\): .*The credentials lack ebs:PutSnapshotBlock/,
    );
    expect(error.message.split('\n')).toHaveLength(1);
    // No block was tried twice, and no more were started than the first wave.
    expect(fake.operations('PutSnapshotBlock').length).toBeLessThanOrEqual(32);
    expect(fake.operations('CompleteSnapshot')).toHaveLength(0);
  });

  test('stops when the caller aborts, reporting a cancel', async () => {
    const { file } = image([{ data: 64 }]);
    const abort = new AbortController();
    fake.inject({ kind: 'latency', operation: 'PutSnapshotBlock', ms: 20 });
    const { opts } = options(file, { signal: abort.signal });
    const pending = uploadSnapshot({
      ...opts,
      onStarted: () => setTimeout(() => abort.abort(), 30),
    });
    const error = (await pending.catch((e: Error) => e)) as Error;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toMatch(/cancelled/);
    expect(fake.operations('PutSnapshotBlock').length).toBeLessThan(64);
    expect(fake.operations('CompleteSnapshot')).toHaveLength(0);
  });
});
