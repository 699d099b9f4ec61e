/**
 * The one place image bytes go through on their way to disk. The whole image is written
 * strictly in offset order through an `ImageSink`, which
 * - hashes every byte (zero gaps included) with sha256, so the digest costs no second pass;
 * - leaves whole zero blocks unwritten, so the output is sparse (the file is truncated to its
 *   final size at the end, which turns the unwritten tail into a hole too);
 * - streams host files through its own staging buffer in fixed-size chunks, so memory stays
 *   bounded whatever the program's size.
 */
import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { UserError } from '../errors.js';

/** Granularity of hole detection: the usual filesystem block size. */
const BLOCK_BYTES = 4096;
/**
 * Staging buffer size: large enough for efficient syscalls, small enough to never matter. Two
 * of them exist, so that one is written to disk while the other is filled and hashed.
 */
const STAGING_BYTES = 4 * 1024 * 1024;
const ZEROS = Buffer.alloc(STAGING_BYTES);

/** Where a writer puts bytes, in order. */
export interface ByteSink {
  /** Number of bytes written so far (the offset of the next byte). */
  readonly position: number;
  write(bytes: Uint8Array): Promise<void>;
  writeZeros(count: number): Promise<void>;
  /** Streams `size` bytes of a host file; the file must still have exactly that size. */
  writeHostFile(path: string, size: number): Promise<void>;
}

export class ImageSink implements ByteSink {
  readonly #handle: FileHandle;
  readonly #hash: Hash = createHash('sha256');
  #staging = Buffer.alloc(STAGING_BYTES);
  /** The buffer being written to disk while `#staging` fills up. */
  #spare = Buffer.alloc(STAGING_BYTES);
  /** The write of `#spare`'s content, at most one at a time. */
  #inFlight: Promise<void> = Promise.resolve();
  /** File offset of staging[0]; always a multiple of BLOCK_BYTES. */
  #stagingStart = 0;
  #stagingUsed = 0;

  /** Wraps an open, empty, writable file. The caller closes it. */
  constructor(handle: FileHandle) {
    this.#handle = handle;
  }

  get position(): number {
    return this.#stagingStart + this.#stagingUsed;
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.#hash.update(bytes);
    let done = 0;
    while (done < bytes.length) {
      const count = Math.min(bytes.length - done, STAGING_BYTES - this.#stagingUsed);
      this.#staging.set(bytes.subarray(done, done + count), this.#stagingUsed);
      this.#stagingUsed += count;
      done += count;
      if (this.#stagingUsed === STAGING_BYTES) await this.#flush();
    }
  }

  async writeZeros(count: number): Promise<void> {
    for (let left = count; left > 0; left -= STAGING_BYTES) {
      this.#hash.update(ZEROS.subarray(0, Math.min(left, STAGING_BYTES)));
    }
    const toBoundary = (BLOCK_BYTES - (this.#stagingUsed % BLOCK_BYTES)) % BLOCK_BYTES;
    let left = count;
    left -= this.#stageZeros(Math.min(left, toBoundary));
    if (left === 0) return;
    await this.#flush();
    const skipped = left - (left % BLOCK_BYTES);
    this.#stagingStart += skipped;
    this.#stageZeros(left - skipped);
  }

  async writeHostFile(path: string, size: number): Promise<void> {
    const input = await openHostFile(path);
    try {
      let done = 0;
      while (done < size) {
        const room = Math.min(size - done, STAGING_BYTES - this.#stagingUsed);
        const { bytesRead } = await input.read(this.#staging, this.#stagingUsed, room, done);
        if (bytesRead === 0) throw changedWhileWriting(path, size, done);
        this.#hash.update(this.#staging.subarray(this.#stagingUsed, this.#stagingUsed + bytesRead));
        this.#stagingUsed += bytesRead;
        done += bytesRead;
        if (this.#stagingUsed === STAGING_BYTES) await this.#flush();
      }
      const { size: now } = await input.stat();
      if (now !== size) throw changedWhileWriting(path, size, now);
    } finally {
      await input.close();
    }
  }

  /**
   * Pads with zeros up to `sizeBytes`, writes what is staged, sets the file length and returns
   * the sha256 (hex) of all bytes.
   */
  async finish(sizeBytes: number): Promise<string> {
    if (this.position > sizeBytes) {
      throw new Error(
        `Image content (${this.position} bytes) exceeds its planned size ${sizeBytes}.`,
      );
    }
    await this.writeZeros(sizeBytes - this.position);
    await this.#flush();
    await this.#inFlight;
    await this.#handle.truncate(sizeBytes);
    return this.#hash.digest('hex');
  }

  #stageZeros(count: number): number {
    this.#staging.fill(0, this.#stagingUsed, this.#stagingUsed + count);
    this.#stagingUsed += count;
    return count;
  }

  /** Waits for the write in flight, ignoring its outcome; for callers cleaning up a failure. */
  async settle(): Promise<void> {
    await this.#inFlight.catch(() => {});
  }

  /**
   * Hands the staged bytes to the disk and empties the staging buffer. The write runs while
   * the caller fills the other buffer; a failed write surfaces at the next flush or finish.
   */
  async #flush(): Promise<void> {
    await this.#inFlight;
    const buffer = this.#staging;
    this.#staging = this.#spare;
    this.#spare = buffer;
    const write = this.#writeBlocks(buffer, this.#stagingStart, this.#stagingUsed);
    // Observed now so that a failure is not reported as unhandled before it is awaited.
    write.catch(() => {});
    this.#inFlight = write;
    this.#stagingStart += this.#stagingUsed;
    this.#stagingUsed = 0;
  }

  /** Writes `used` bytes of `buffer` at `fileOffset`, skipping all-zero blocks. */
  async #writeBlocks(buffer: Buffer, fileOffset: number, used: number): Promise<void> {
    let runStart = -1;
    for (let offset = 0; offset <= used; offset += BLOCK_BYTES) {
      const end = Math.min(offset + BLOCK_BYTES, used);
      const dataBlock = offset < used && !isZero(buffer, offset, end);
      if (dataBlock && runStart < 0) runStart = offset;
      if (!dataBlock && runStart >= 0) {
        await this.#writeRun(buffer, fileOffset, runStart, offset);
        runStart = -1;
      }
    }
    if (runStart >= 0) await this.#writeRun(buffer, fileOffset, runStart, used);
  }

  async #writeRun(buffer: Buffer, fileOffset: number, start: number, end: number): Promise<void> {
    for (let done = start; done < end; ) {
      const { bytesWritten } = await this.#handle.write(
        buffer,
        done,
        end - done,
        fileOffset + done,
      );
      done += bytesWritten;
    }
  }
}

function isZero(buffer: Buffer, start: number, end: number): boolean {
  return buffer.compare(ZEROS, 0, end - start, start, end) === 0;
}

async function openHostFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw new UserError(
      `Cannot read ${path} to put it into the image: ${(error as Error).message}.`,
      {
        cause: error,
      },
    );
  }
}

function changedWhileWriting(path: string, expected: number, actual: number): UserError {
  return new UserError(
    `${path} changed while the image was being written: it had ${expected} bytes when the ` +
      `image was planned and now has ${actual}. Build again once the file no longer changes.`,
  );
}
