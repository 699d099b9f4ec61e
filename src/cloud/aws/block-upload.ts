/**
 * One block's PutSnapshotBlock, with its own retries: a block is self-contained (its index, its
 * file position) so that any number run side by side. Each attempt reads the block into a
 * buffer from the session's pool and sends it as a stream body (block-body.ts), which gives the
 * buffer back once the bytes are on their way. The SDK does not retry stream bodies, so this
 * layer retries everything: throttles and server faults (which also tell the concurrency
 * controller that the service is under strain), dropped connections, and what the SDK never
 * retries anyway, ConcurrentLimitExceededException (cloud-publishing §1.6).
 */
import type { FileHandle } from 'node:fs/promises';
import type { EBSClient } from '@aws-sdk/client-ebs';
import { PutSnapshotBlockCommand } from '@aws-sdk/client-ebs';
import { BlockBody } from './block-body.js';
import { type BlockBufferPool, EBS_BLOCK_BYTES, readBlock } from './blocks.js';
import { type BlockDigests, blockDigest, checksumText } from './checksum.js';
import type { ConcurrencyController } from './concurrency.js';
import { awsErrorCode, ebsReason, isAbort } from './errors.js';
import type { Timing } from './tuning.js';

/**
 * Attempts per block for retryable failures (the SDK makes one per attempt: it does not replay
 * stream bodies). With full-jitter backoff from 1 s doubling to a 30 s cap, eight attempts span
 * about two minutes on average: coldsnap found a similar budget (12 × 2 s linear) gets past
 * every transient it saw.
 */
export const MAX_BLOCK_ATTEMPTS = 8;
export const RETRY_BASE_MS = 1_000;
export const RETRY_CAP_MS = 30_000;
/**
 * "Too many at once" answers one block may collect. They cost no attempt: each one halves the
 * concurrency, so a block that keeps meeting them is waiting for the limit to settle, which
 * takes at most log2(64 / 4) = 4 halvings plus stragglers of older waves.
 */
export const MAX_CONCURRENCY_REJECTIONS = 20;
/** The pause after one: 1–5 s with jitter (cloud-publishing §1.6), so retries do not collide. */
const CONCURRENCY_PAUSE_MIN_MS = 1_000;
const CONCURRENCY_PAUSE_SPAN_MS = 4_000;
/**
 * Right after StartSnapshot the new snapshot may not be visible to PutSnapshotBlock yet; this
 * long, SNAPSHOT_NOT_FOUND is eventual consistency and retried (coldsnap's long retry exists
 * for exactly this).
 */
export const NOT_FOUND_GRACE_MS = 120_000;

/** What all blocks of one upload share. */
export interface UploadSession {
  ebs: EBSClient;
  region: string;
  snapshotId: string;
  input: FileHandle;
  sizeBytes: number;
  /** The buffers blocks are read into; a block waits for one when all are out. */
  pool: BlockBufferPool;
  /** Blocks to send: 0 up to the last data block. */
  totalBlocks: number;
  digests: BlockDigests;
  controller: ConcurrencyController;
  timing: Timing;
  /** Aborted on the first failure that dooms the upload, or by the caller. */
  signal: AbortSignal;
  /** `timing.clock()` when the snapshot was started. */
  startedAt: number;
  /** Blocks sent so far, for the Progress header. */
  sent: number;
  /** True while more blocks are running than the controller now allows. */
  overLimit(): boolean;
}

/** A block that could not be sent; the uploader reports these once, with a count. */
export class BlockFailure extends Error {
  constructor(
    readonly index: number,
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(`block ${index} (offset ${index * EBS_BLOCK_BYTES})`);
  }
}

/**
 * The block met "too many at once" while more blocks run than the (just lowered) limit
 * allows: it gives its place up and goes back in the queue instead of retrying, so the number
 * running falls to the limit at once rather than as the surplus drains through retries.
 */
export class BlockRequeued extends Error {
  constructor(
    readonly index: number,
    /** "Too many at once" answers this block has met so far. */
    readonly rejections: number,
  ) {
    super(`block ${index} requeued`);
  }
}

/** The service echoed a checksum other than the one sent: the block arrived damaged. */
class ChecksumEchoMismatch extends Error {
  override name = 'ChecksumEchoMismatch';
}

/** `retry-strained`: a throttle or a server fault, retried and reported to the controller. */
type Verdict = 'retry' | 'retry-strained' | 'concurrency-limit' | 'fatal';

const RETRYABLE_VALIDATION = new Set(['CONFLICTING_BLOCK_UPDATE', 'WRITE_REQUEST_TIMEOUT']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);

function classify(error: unknown, sinceStartMs: number): Verdict {
  if (error instanceof ChecksumEchoMismatch) return 'retry';
  const code = awsErrorCode(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (code === 'ConcurrentLimitExceededException') return 'concurrency-limit';
  if (code !== undefined && /Throttl/.test(code)) return 'retry-strained';
  if (status !== undefined && status >= 500) return 'retry-strained';
  if (code === 'ValidationException' && RETRYABLE_VALIDATION.has(ebsReason(error) ?? '')) {
    return 'retry';
  }
  if (
    code === 'ResourceNotFoundException' &&
    ebsReason(error) === 'SNAPSHOT_NOT_FOUND' &&
    sinceStartMs < NOT_FOUND_GRACE_MS
  ) {
    return 'retry';
  }
  const name = (error as { name?: string; code?: string } | null) ?? {};
  if (name.name === 'TimeoutError' || NETWORK_CODES.has(name.code ?? '')) return 'retry';
  return 'fatal';
}

/** Full-jitter exponential backoff before attempt `attempt + 1`. */
export function blockRetryDelayMs(attempt: number, random: () => number): number {
  return Math.floor(random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** (attempt - 1)));
}

/**
 * Sends block `index` until it is stored, recording its digest and what the service's answers
 * say about the load. Throws a BlockFailure when the failure is final or the attempts are used
 * up, BlockRequeued when it should wait its turn again (`rejections` carries over); an abort
 * rethrows as is.
 */
export async function sendBlock(session: UploadSession, index: number, rejectionsSoFar = 0) {
  const { controller, timing } = session;
  let attempts = 0;
  let rejections = rejectionsSoFar;
  for (;;) {
    const epoch = controller.epoch;
    try {
      attempts++;
      session.digests.set(index, await putBlock(session, index));
      session.sent++;
      controller.report('clean', epoch);
      return;
    } catch (error) {
      if (isAbort(error)) throw error;
      const verdict = classify(error, timing.clock() - session.startedAt);
      if (verdict === 'concurrency-limit') {
        controller.report('concurrency-limit', epoch);
        attempts--;
        if (++rejections > MAX_CONCURRENCY_REJECTIONS) {
          throw new BlockFailure(index, attempts + rejections, error);
        }
        if (session.overLimit()) throw new BlockRequeued(index, rejections);
        const pause = CONCURRENCY_PAUSE_MIN_MS + timing.random() * CONCURRENCY_PAUSE_SPAN_MS;
        await timing.sleep(Math.floor(pause), session.signal);
        continue;
      }
      if (verdict === 'fatal' || attempts >= MAX_BLOCK_ATTEMPTS) {
        throw new BlockFailure(index, attempts, error);
      }
      if (verdict === 'retry-strained') controller.report('throttled', epoch);
      await timing.sleep(blockRetryDelayMs(attempts, timing.random), session.signal);
    }
  }
}

/**
 * One PutSnapshotBlock of block `index`, read afresh from the file (a damaged block must not be
 * sent twice from memory) into a pooled buffer; returns the block's digest once AWS stored it
 * and echoed the same checksum.
 */
async function putBlock(session: UploadSession, index: number): Promise<Buffer> {
  const { pool } = session;
  const buffer = await pool.take(session.signal);
  let body: BlockBody | undefined;
  try {
    await readBlock(session.input, index, session.sizeBytes, buffer);
    const digest = blockDigest(buffer);
    const checksum = checksumText(digest);
    body = new BlockBody(buffer, () => pool.give(buffer));
    const out = await session.ebs.send(
      new PutSnapshotBlockCommand({
        SnapshotId: session.snapshotId,
        BlockIndex: index,
        BlockData: body,
        DataLength: EBS_BLOCK_BYTES,
        Checksum: checksum,
        ChecksumAlgorithm: 'SHA256',
        Progress: Math.floor((100 * session.sent) / session.totalBlocks),
      }),
      { abortSignal: session.signal },
    );
    if (out.Checksum !== undefined && out.Checksum !== checksum) {
      throw new ChecksumEchoMismatch(`AWS stored checksum ${out.Checksum}, sent ${checksum}`);
    }
    return digest;
  } finally {
    if (body === undefined) pool.give(buffer);
    else body.settle();
  }
}
