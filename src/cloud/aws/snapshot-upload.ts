/**
 * An image file → a new EBS snapshot through the EBS direct APIs: StartSnapshot, then
 * PutSnapshotBlock for every block up to the last one holding data (a bounded, adaptive number
 * at a time), then CompleteSnapshot with the block count and the LINEAR checksum. The snapshot
 * is only *started* sealing when this returns: wait for `completed` with `waitForSnapshot`.
 *
 *   const result = await uploadSnapshot({ ebs, region, file, snapshot: { clientToken, tags,
 *     description }, concurrency: 'adaptive', timing: realTiming, logger,
 *     onStarted: (id) => recorder.created({ cloud: 'aws', kind: 'snapshot', region, id }) });
 */
import { open } from 'node:fs/promises';
import type { EBSClient } from '@aws-sdk/client-ebs';
import { CompleteSnapshotCommand, StartSnapshotCommand } from '@aws-sdk/client-ebs';
import { errorMessage, UserError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { retry } from '../../retry.js';
import { BlockFailure, BlockRequeued, sendBlock, type UploadSession } from './block-upload.js';
import {
  BlockBufferPool,
  blocksSpanned,
  EBS_BLOCK_BYTES,
  findLastDataBlock,
  volumeSizeGiB,
} from './blocks.js';
import { BlockDigests, checksumText } from './checksum.js';
import { ConcurrencyController } from './concurrency.js';
import { awsErrorCode, awsFailure, callAws, isAbort } from './errors.js';
import { favoringMemory } from './favor-memory.js';
import { UploadProgress } from './progress.js';
import type { ConcurrencySetting, Timing } from './tuning.js';

/**
 * Minutes of silence after which AWS cancels the snapshot (no block written, or not completed
 * after the last block). The default is 60; 30 leaves a crashed run's snapshot pending for
 * half an hour at most, and a live upload writes a block every few milliseconds.
 */
export const SNAPSHOT_TIMEOUT_MINUTES = 30;
/**
 * Block buffers at most: 8 MiB, whatever the concurrency. A buffer is out from the block's read
 * until its request has handed the bytes to the operating system (block-body.ts), a small part
 * of a request's life, so a few serve many requests: against the fake at 5 ms per block, 64
 * requests in flight on 16 buffers moved 213–260 MB/s, on one buffer each 191–353 MB/s
 * (interleaved runs, 1 GiB image). More requests than buffers wait for one before reading.
 */
export const BLOCK_BUFFERS = 16;
/** StartSnapshot attempts (the SDK retries inside each); the ClientToken makes them safe. */
const START_ATTEMPTS = 3;

/** The snapshot to create: what StartSnapshot is told besides the size. */
export interface SnapshotSpec {
  /** ≤ 64 ASCII characters: the same token and parameters give back the same snapshot. */
  clientToken: string;
  tags: Record<string, string>;
  description: string;
  /** Encrypts the snapshot with this KMS key (an ARN). */
  kmsKeyArn?: string;
}

export interface UploadOptions {
  ebs: EBSClient;
  region: string;
  /** The image file; it must not change during the upload. */
  file: string;
  snapshot: SnapshotSpec;
  concurrency: ConcurrencySetting;
  timing: Timing;
  logger: Logger;
  signal?: AbortSignal;
  /** Called with the snapshot id the moment StartSnapshot returns, before any block. */
  onStarted(snapshotId: string): void;
}

export interface UploadedSnapshot {
  snapshotId: string;
  /** Blocks sent (= ChangedBlocksCount), zero blocks inside the data included. */
  blocks: number;
  /** Blocks the file spans; those after the last data block were not sent. */
  fileBlocks: number;
  /** The LINEAR aggregate checksum, base64 as CompleteSnapshot received it, and hex. */
  checksum: string;
  checksumHex: string;
  elapsedMs: number;
  concurrency: { final: number; lowest: number; highest: number; decreases: number };
  /** Block buffers allocated: at most BLOCK_BUFFERS. */
  buffers: number;
  /** The most block buffers out at once. */
  peakBuffersInUse: number;
}

/**
 * Uploads `options.file` to a new snapshot and asks AWS to seal it. On failure after
 * StartSnapshot the snapshot is left to the caller (it was reported through `onStarted`).
 * While it runs, V8 favours memory over speed (favor-memory.ts).
 */
export function uploadSnapshot(options: UploadOptions): Promise<UploadedSnapshot> {
  return favoringMemory(() => upload(options));
}

async function upload(options: UploadOptions): Promise<UploadedSnapshot> {
  const { timing, region } = options;
  const input = await open(options.file, 'r');
  try {
    const sizeBytes = (await input.stat()).size;
    const pool = new BlockBufferPool(BLOCK_BUFFERS);
    const scan = await pool.take();
    const lastDataBlock = await findLastDataBlock(input, sizeBytes, scan).finally(() =>
      pool.give(scan),
    );
    if (lastDataBlock < 0) {
      throw new UserError(`${options.file} holds only zero bytes: it is not a disk image.`);
    }
    const started = timing.clock();
    const snapshotId = await startSnapshot(options, volumeSizeGiB(sizeBytes));
    options.onStarted(snapshotId);
    const totalBlocks = lastDataBlock + 1;
    options.logger.info(
      `Uploading ${options.file} to snapshot ${snapshotId} in ${region}: ${totalBlocks} blocks of 512 KiB (${blocksSpanned(sizeBytes) - totalBlocks} zero blocks at the end skipped).`,
    );
    const controller = new ConcurrencyController(options.concurrency);
    const digests = new BlockDigests();
    const failure = new AbortController();
    const signal = options.signal
      ? AbortSignal.any([options.signal, failure.signal])
      : failure.signal;
    const session: UploadSession = {
      ebs: options.ebs,
      region,
      snapshotId,
      input,
      sizeBytes,
      pool,
      totalBlocks,
      digests,
      controller,
      timing,
      signal,
      startedAt: started,
      sent: 0,
      overLimit: () => false,
    };
    await putAllBlocks(session, failure, options);
    await completeSnapshot(options, snapshotId, digests);
    return {
      snapshotId,
      blocks: digests.count,
      fileBlocks: blocksSpanned(sizeBytes),
      checksum: checksumText(digests.aggregate()),
      checksumHex: digests.aggregate().toString('hex'),
      elapsedMs: timing.clock() - started,
      concurrency: { final: controller.limit, ...controller.stats },
      buffers: pool.allocated,
      peakBuffersInUse: pool.peakInUse,
    };
  } finally {
    await input.close();
  }
}

async function startSnapshot(options: UploadOptions, volumeSize: number): Promise<string> {
  const { snapshot, region } = options;
  const out = await callAws({ operation: 'StartSnapshot', region, subject: options.file }, () =>
    retry(
      () =>
        options.ebs.send(
          new StartSnapshotCommand({
            VolumeSize: volumeSize,
            Timeout: SNAPSHOT_TIMEOUT_MINUTES,
            ClientToken: snapshot.clientToken,
            Description: snapshot.description,
            Tags: Object.entries(snapshot.tags).map(([Key, Value]) => ({ Key, Value })),
            // Only when asked: Encrypted=false is refused where encryption is on by default.
            ...(snapshot.kmsKeyArn ? { Encrypted: true, KmsKeyArn: snapshot.kmsKeyArn } : {}),
          }),
          { abortSignal: options.signal },
        ),
      {
        attempts: START_ATTEMPTS,
        minDelayMs: 1_000,
        maxDelayMs: 5_000,
        sleep: (ms) => options.timing.sleep(ms, options.signal),
        label: `StartSnapshot in ${region}`,
        logger: options.logger,
        isRetryable: (error) => {
          const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata
            ?.httpStatusCode;
          const throttled = /Throttl/.test(awsErrorCode(error) ?? '');
          return !isAbort(error) && (throttled || status === undefined || status >= 500);
        },
      },
    ),
  );
  if (out.SnapshotId === undefined) throw new Error('StartSnapshot returned no SnapshotId');
  if (out.BlockSize !== EBS_BLOCK_BYTES) {
    throw new Error(
      `StartSnapshot answered BlockSize ${out.BlockSize} for ${out.SnapshotId}; nanoship writes ${EBS_BLOCK_BYTES}-byte blocks`,
    );
  }
  return out.SnapshotId;
}

/**
 * Runs blocks 0..totalBlocks-1, never more at once than the controller allows. The first block
 * that fails for good aborts the ones in flight; all failures are then reported as one error.
 */
async function putAllBlocks(
  session: UploadSession,
  failure: AbortController,
  options: UploadOptions,
): Promise<void> {
  const progress = new UploadProgress(session, options.logger);
  const running = new Set<Promise<void>>();
  const failures: BlockFailure[] = [];
  /** Blocks that gave their place up (BlockRequeued), with their rejections so far. */
  const requeued: { index: number; rejections: number }[] = [];
  session.overLimit = () => running.size > session.controller.limit;
  let next = 0;
  const launch = (index: number, rejections: number) => {
    const task = sendBlock(session, index, rejections)
      .then(
        () => progress.blockDone(),
        (error: unknown) => {
          if (error instanceof BlockRequeued) {
            requeued.push({ index, rejections: error.rejections });
            return;
          }
          if (error instanceof BlockFailure) failures.push(error);
          else if (!isAbort(error)) failures.push(new BlockFailure(index, 0, error));
          failure.abort();
        },
      )
      .finally(() => running.delete(task));
    running.add(task);
  };
  const waiting = () => requeued.length > 0 || next < session.totalBlocks;
  while (waiting() || running.size > 0) {
    while (!session.signal.aborted && waiting()) {
      if (running.size >= session.controller.limit) break;
      const again = requeued.shift();
      if (again) launch(again.index, again.rejections);
      else launch(next++, 0);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  if (failures.length > 0) throw uploadFailure(session, failures);
  if (options.signal?.aborted) {
    throw awsFailure(options.signal.reason ?? new DOMException('aborted', 'AbortError'), {
      operation: 'PutSnapshotBlock',
      region: session.region,
      subject: session.snapshotId,
    });
  }
  progress.finish();
}

/** All failed blocks as one message: the first cause, worded, and how many failed. */
function uploadFailure(session: UploadSession, failures: BlockFailure[]): Error {
  failures.sort((a, b) => a.index - b.index);
  const first = failures[0]!;
  const cause = awsFailure(first.cause, {
    operation: 'PutSnapshotBlock',
    region: session.region,
    subject: `${session.snapshotId} ${first.message}, attempt ${first.attempts}`,
  });
  const others = failures.length > 1 ? ` (${failures.length} blocks failed in all)` : '';
  const text = `Uploading the image failed: ${errorMessage(cause)}${others}`;
  return cause instanceof UserError ? new UserError(text, { cause: first.cause }) : cause;
}

async function completeSnapshot(
  options: UploadOptions,
  snapshotId: string,
  digests: BlockDigests,
): Promise<void> {
  const out = await callAws(
    { operation: 'CompleteSnapshot', region: options.region, subject: snapshotId },
    () =>
      options.ebs.send(
        new CompleteSnapshotCommand({
          SnapshotId: snapshotId,
          ChangedBlocksCount: digests.count,
          Checksum: checksumText(digests.aggregate()),
          ChecksumAlgorithm: 'SHA256',
          ChecksumAggregationMethod: 'LINEAR',
        }),
        { abortSignal: options.signal },
      ),
  );
  if (out.Status === 'error') {
    throw new UserError(
      `AWS refused to complete snapshot ${snapshotId} in ${options.region} (status error): the blocks or their checksum did not match. Run again.`,
    );
  }
}
