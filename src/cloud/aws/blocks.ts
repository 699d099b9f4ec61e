/**
 * The image file as EBS blocks: which blocks are sent, how one is read, and the buffers they
 * are read into. Block i is bytes [i·512 KiB, (i+1)·512 KiB) of the file; the last one is
 * padded with zeros, since every block sent is exactly 512 KiB.
 *
 * Every block from 0 up to the last one holding a non-zero byte is sent, all-zero ones
 * included: blocks never written read back as garbage, not zeros, once a snapshot or a volume
 * made from it is encrypted (awslabs/coldsnap#395, #470; cloud-publishing §1.3). Only the zero
 * tail after the last data block (TFS free space, the padding up to the volume size) is left
 * out: Nanos never reads an extent it has not written.
 */
import type { FileHandle } from 'node:fs/promises';
import { readFully } from '../../image/read-fully.js';

/** The only block size the EBS direct APIs accept (StartSnapshot answers BlockSize 524288). */
export const EBS_BLOCK_BYTES = 524_288;

const GIB = 2 ** 30;

/** StartSnapshot's VolumeSize: whole GiB, at least 1. */
export function volumeSizeGiB(sizeBytes: number): number {
  return Math.max(1, Math.ceil(sizeBytes / GIB));
}

/** Blocks the file spans, the partial last one included. */
export function blocksSpanned(sizeBytes: number): number {
  return Math.ceil(sizeBytes / EBS_BLOCK_BYTES);
}

const ZERO_BLOCK = Buffer.alloc(EBS_BLOCK_BYTES);

/**
 * The index of the last block that holds a non-zero byte, or -1 for a file of zeros. Scans
 * backwards, so only the zero tail is read (a hole in a sparse file reads fast).
 */
export async function findLastDataBlock(
  input: FileHandle,
  sizeBytes: number,
  buffer: Buffer = Buffer.allocUnsafe(EBS_BLOCK_BYTES),
): Promise<number> {
  for (let index = blocksSpanned(sizeBytes) - 1; index >= 0; index--) {
    const position = index * EBS_BLOCK_BYTES;
    const length = Math.min(EBS_BLOCK_BYTES, sizeBytes - position);
    const got = await readFully(input, buffer, 0, length, position);
    if (got !== length) {
      throw new Error(`short read at ${position}: ${got} of ${length} bytes; did the file shrink?`);
    }
    if (!buffer.subarray(0, length).equals(ZERO_BLOCK.subarray(0, length))) return index;
  }
  return -1;
}

/**
 * Reads block `index` of a file of `sizeBytes` into `buffer` (EBS_BLOCK_BYTES long), zero
 * padding past the end of the file. Throws when the file is shorter than it was.
 */
export async function readBlock(
  input: FileHandle,
  index: number,
  sizeBytes: number,
  buffer: Buffer,
): Promise<void> {
  const position = index * EBS_BLOCK_BYTES;
  const length = Math.min(EBS_BLOCK_BYTES, sizeBytes - position);
  const got = await readFully(input, buffer, 0, length, position);
  if (got !== length) {
    throw new Error(
      `block ${index}: short read at ${position}: ${got} of ${length} bytes; did the file shrink?`,
    );
  }
  if (length < EBS_BLOCK_BYTES) buffer.fill(0, length);
}

/**
 * At most `capacity` block-sized buffers, handed to whichever block is being read and returned
 * once its bytes are no longer needed, so that buffer memory is capped in bytes (capacity ×
 * 512 KiB) whatever the image size and however many requests are in flight. A block waits in
 * `take` while all are out; waiters are served in the order they came.
 */
export class BlockBufferPool {
  readonly #free: Buffer[] = [];
  readonly #waiting: { resolve(buffer: Buffer): void; reject(reason: unknown): void }[] = [];
  #allocated = 0;
  #inUse = 0;
  #peakInUse = 0;

  constructor(readonly capacity: number) {
    if (!(Number.isInteger(capacity) && capacity >= 1)) {
      throw new Error(`a buffer pool needs a capacity of at least 1, got ${capacity}`);
    }
  }

  /** A free buffer (its bytes are stale), once one is; rejects when `signal` fires first. */
  take(signal?: AbortSignal): Promise<Buffer> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const buffer = this.#free.pop() ?? this.#allocate();
    if (buffer !== undefined) return Promise.resolve(this.#handOut(buffer));
    return new Promise<Buffer>((resolve, reject) => {
      const waiter = {
        resolve: (given: Buffer) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(given);
        },
        reject,
      };
      const onAbort = () => {
        this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** Returns `buffer`: the caller must hold no reference it still reads or lets others read. */
  give(buffer: Buffer): void {
    this.#inUse--;
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) waiter.resolve(this.#handOut(buffer));
    else this.#free.push(buffer);
  }

  /** Buffers ever allocated: at most the capacity. */
  get allocated(): number {
    return this.#allocated;
  }

  /** The most buffers out at once. */
  get peakInUse(): number {
    return this.#peakInUse;
  }

  #allocate(): Buffer | undefined {
    if (this.#allocated >= this.capacity) return undefined;
    this.#allocated++;
    return Buffer.allocUnsafeSlow(EBS_BLOCK_BYTES);
  }

  #handOut(buffer: Buffer): Buffer {
    this.#inUse++;
    this.#peakInUse = Math.max(this.#peakInUse, this.#inUse);
    return buffer;
  }
}
