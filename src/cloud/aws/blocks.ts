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
 * Block-sized buffers handed to whichever block is being sent and returned when it is done, so
 * memory stays at (peak concurrency × 512 KiB) whatever the image size. A buffer belongs to one
 * block from its read until its request has ended, retries included.
 */
export class BufferPool {
  readonly #free: Buffer[] = [];
  #allocated = 0;

  take(): Buffer {
    const buffer = this.#free.pop();
    if (buffer !== undefined) return buffer;
    this.#allocated++;
    return Buffer.allocUnsafeSlow(EBS_BLOCK_BYTES);
  }

  give(buffer: Buffer): void {
    this.#free.push(buffer);
  }

  /** Buffers ever allocated: the peak number of blocks held at once. */
  get allocated(): number {
    return this.#allocated;
  }
}
