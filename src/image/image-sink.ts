/**
 * The one place image bytes go through on their way to disk. The whole image is written
 * strictly in offset order through an `ImageSink`, which
 * - hashes every byte (zero gaps included) with sha256, so the digest costs no second pass;
 * - leaves whole zero blocks unwritten, so the output is sparse (the file is truncated to its
 *   final size at the end, which turns the unwritten tail into a hole too);
 * - streams host files through its own staging buffers in fixed-size chunks, so memory stays
 *   bounded whatever the program's size.
 *
 * Hashing runs on the main thread and is the slowest step; reads and writes run on libuv's
 * thread pool. Three staging buffers keep all three busy at once: while one is hashed, the
 * next chunk of the host file is read into the second and the third is written to disk.
 */
import { createHash, type Hash } from 'node:crypto';
import { UserError } from '../errors.js';
import { type OpenFile, open, type WritableFile } from '../files.js';
import { readFully } from './read-fully.js';

/** Granularity of hole detection: the usual filesystem block size. */
const BLOCK_BYTES = 4096;
/**
 * Staging buffer sizes, chosen per image by `stagingBytesFor`. Large enough for efficient
 * syscalls, small enough that a chunk read from the page cache is still in the CPU cache when
 * it is hashed and written (measured: 1 MiB buffers build a 50 MB program about twice as fast
 * as 4 MiB ones).
 */
export const MIN_STAGING_BYTES = 256 * 1024;
export const MAX_STAGING_BYTES = 1024 * 1024;
/**
 * Zero runs are hashed from this buffer over and over: small enough to stay in the CPU cache,
 * which hashes the 10 MiB of zeros every bootfs ends with noticeably faster than a 1 MiB one.
 */
const ZEROS = Buffer.alloc(64 * 1024);

/**
 * The staging buffer size for an image whose non-zero content (files and metadata, the bytes
 * that go through the buffers) is about `dataBytes`. Two costs pull apart: every page of a
 * fresh buffer is a page fault the first time it is filled (about 12 µs each on the 2-vCPU
 * virtual machines we measure on, 3 ms per MiB of buffer, three buffers), while every chunk
 * costs a read, a write, a hash call and event-loop turns. Their sum is least near
 * √(3 KiB × dataBytes), which is taken to the nearest power of two between 256 KiB and 1 MiB.
 * Measured in interleaved CLI builds against 1 MiB everywhere: the 6.5 MB program alone (256
 * KiB) 9–13 ms faster, with a 50 MB file (512 KiB) 5–8 ms faster, with a 500 MB file (1 MiB)
 * unchanged, where 256 KiB would be 40 ms slower. The image's bytes do not depend on it.
 */
export function stagingBytesFor(dataBytes: number): number {
  const ideal = Math.sqrt(3 * 1024 * Math.max(dataBytes, 0));
  const nearestPowerOfTwo = 2 ** Math.round(Math.log2(Math.max(ideal, 1)));
  return Math.min(MAX_STAGING_BYTES, Math.max(MIN_STAGING_BYTES, nearestPowerOfTwo));
}

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
  readonly #handle: WritableFile;
  readonly #hash: Hash = createHash('sha256');
  /** How much of each staging buffer is used (a pooled buffer may be longer). */
  readonly #stagingBytes: number;
  /** Being filled and hashed. */
  #staging: Buffer;
  /** Free for the next chunk: a host file's next bytes are read into it ahead of time. */
  #next: Buffer;
  /** Being written to disk by `#inFlight` (or free once that has settled). */
  #writing: Buffer;
  /** The write of `#writing`'s content, at most one at a time. */
  #inFlight: Promise<void> = Promise.resolve();
  /** File offset of staging[0]; always a multiple of BLOCK_BYTES. */
  #stagingStart = 0;
  #stagingUsed = 0;
  /** Set once the staging buffers went back to the pool: a second release would share them. */
  #released = false;
  /**
   * Zeros written but not hashed yet. They are hashed just before the next bytes that are, so
   * that a host file's first read (which nothing else overlaps) runs while they are hashed: the
   * 10 MiB that end every boot filesystem hide the program's first read entirely.
   */
  #zerosToHash = 0;
  /** Host files being closed: nothing waits for that until the image is finished. */
  readonly #closing: Promise<void>[] = [];

  /**
   * Wraps an open, empty, writable file; `stagingBytes` (a multiple of 4 KiB, see
   * `stagingBytesFor`) is the size of each chunk. The caller closes the file.
   */
  constructor(handle: WritableFile, stagingBytes: number = MAX_STAGING_BYTES) {
    if (!(stagingBytes >= BLOCK_BYTES && stagingBytes % BLOCK_BYTES === 0)) {
      throw new Error(`staging buffers must be whole 4 KiB blocks, not ${stagingBytes} bytes`);
    }
    this.#handle = handle;
    this.#stagingBytes = stagingBytes;
    this.#staging = takeStagingBuffer(stagingBytes);
    this.#next = takeStagingBuffer(stagingBytes);
    this.#writing = takeStagingBuffer(stagingBytes);
  }

  get position(): number {
    return this.#stagingStart + this.#stagingUsed;
  }

  async write(bytes: Uint8Array): Promise<void> {
    this.#hashZeros();
    this.#hash.update(bytes);
    let done = 0;
    while (done < bytes.length) {
      const count = Math.min(bytes.length - done, this.#stagingBytes - this.#stagingUsed);
      this.#staging.set(bytes.subarray(done, done + count), this.#stagingUsed);
      this.#stagingUsed += count;
      done += count;
      if (this.#stagingUsed === this.#stagingBytes) await this.#flush();
    }
  }

  async writeZeros(count: number): Promise<void> {
    this.#zerosToHash += count;
    const toBoundary = (BLOCK_BYTES - (this.#stagingUsed % BLOCK_BYTES)) % BLOCK_BYTES;
    let left = count;
    left -= this.#stageZeros(Math.min(left, toBoundary));
    // A full staging buffer is flushed at once: every writer expects room in it.
    if (left === 0 && this.#stagingUsed < this.#stagingBytes) return;
    await this.#flush();
    const skipped = left - (left % BLOCK_BYTES);
    this.#stagingStart += skipped;
    this.#stageZeros(left - skipped);
  }

  /**
   * Streams the file chunk by chunk: each chunk fills the staging buffer up to its end, and
   * the read of the following chunk (into `#next`) starts before this one is hashed.
   */
  async writeHostFile(path: string, size: number): Promise<void> {
    const input = await openHostFile(path);
    let ahead: Promise<unknown> | undefined;
    try {
      let chunk =
        size === 0
          ? undefined
          : this.#startChunk(input, path, size, 0, this.#staging, this.#stagingUsed);
      this.#hashZeros();
      // The size is checked again once the last chunk is read, while that chunk is hashed.
      let sizeNow: Promise<number> | undefined;
      while (chunk !== undefined) {
        await chunk.read;
        const end = chunk.position + chunk.length;
        // The chunk ends the staging buffer unless it ends the file, so the next one goes
        // to the start of `#next`, which stays untouched until `#flush` makes it the staging.
        const following =
          end < size ? this.#startChunk(input, path, size, end, this.#next, 0) : undefined;
        if (following === undefined) sizeNow = currentSize(input);
        ahead = following?.read ?? sizeNow;
        this.#hash.update(chunk.buffer.subarray(chunk.offset, chunk.offset + chunk.length));
        this.#stagingUsed += chunk.length;
        if (this.#stagingUsed === this.#stagingBytes) await this.#flush();
        chunk = following;
      }
      const now = await (sizeNow ?? currentSize(input));
      if (now !== size) throw changedWhileWriting(path, size, now);
    } finally {
      // A read (or stat) still in flight after a failure must finish before its file is closed.
      await ahead?.catch(() => {});
      const closed = input.close();
      closed.catch(() => {});
      this.#closing.push(closed);
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
    // The last write runs while the trailing zeros are hashed.
    this.#hashZeros();
    await this.#inFlight;
    await Promise.all(this.#closing);
    this.#release();
    await this.#handle.truncate(sizeBytes);
    return this.#hash.digest('hex');
  }

  /** Waits for the write in flight, ignoring its outcome; for callers cleaning up a failure. */
  async settle(): Promise<void> {
    await this.#inFlight.catch(() => {});
    await Promise.allSettled(this.#closing);
    this.#release();
  }

  /** Hands the staging buffers back for the next image; the sink is done with them. */
  #release(): void {
    if (this.#released) return;
    this.#released = true;
    releaseStagingBuffers([this.#staging, this.#next, this.#writing]);
  }

  #hashZeros(): void {
    for (let left = this.#zerosToHash; left > 0; left -= ZEROS.length) {
      this.#hash.update(ZEROS.subarray(0, Math.min(left, ZEROS.length)));
    }
    this.#zerosToHash = 0;
  }

  #stageZeros(count: number): number {
    this.#staging.fill(0, this.#stagingUsed, this.#stagingUsed + count);
    this.#stagingUsed += count;
    return count;
  }

  /**
   * Hands the staged bytes to the disk and empties the staging buffer. The write runs while
   * the caller fills the next buffer; a failed write surfaces at the next flush or finish.
   */
  async #flush(): Promise<void> {
    await this.#inFlight;
    const full = this.#staging;
    this.#staging = this.#next;
    this.#next = this.#writing;
    this.#writing = full;
    const write = this.#writeBlocks(full, this.#stagingStart, this.#stagingUsed);
    write.catch(() => {});
    this.#inFlight = write;
    this.#stagingStart += this.#stagingUsed;
    this.#stagingUsed = 0;
  }

  /** Starts reading the host file from `position` into `buffer`, up to its end or the file's. */
  #startChunk(
    input: OpenFile,
    path: string,
    size: number,
    position: number,
    buffer: Buffer,
    offset: number,
  ): Chunk {
    const length = Math.min(size - position, this.#stagingBytes - offset);
    const read = readFully(input, buffer, offset, length, position).then((got) => {
      if (got < length) throw changedWhileWriting(path, size, position + got);
    });
    // Observed now so that a failure is not reported as unhandled before it is awaited.
    read.catch(() => {});
    return { buffer, offset, length, position, read };
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

/** A piece of a host file being read into a staging buffer. */
interface Chunk {
  buffer: Buffer;
  offset: number;
  length: number;
  /** Offset of the piece in the host file. */
  position: number;
  read: Promise<void>;
}

/**
 * Staging buffers left by finished images, reused by the next one in this process: a fresh
 * 1 MiB buffer costs hundreds of page faults the first time it is filled, which is more than
 * hashing it. Bounded, so concurrent builds cannot make it hold much.
 */
const freeStagingBuffers: Buffer[] = [];
const MAX_FREE_STAGING_BUFFERS = 6;

/**
 * A buffer of at least `bytes`: a pooled one when one is long enough (its pages are already
 * mapped, so using only its start still beats a fresh buffer), else a new one. Staging buffers
 * are never read beyond what was put into them, so they need no zeroing; allocating them
 * outside Node's small-buffer pool keeps them from pinning other memory.
 */
function takeStagingBuffer(bytes: number): Buffer {
  const index = freeStagingBuffers.findLastIndex((buffer) => buffer.length >= bytes);
  if (index < 0) return Buffer.allocUnsafeSlow(bytes);
  return freeStagingBuffers.splice(index, 1)[0] as Buffer;
}

function releaseStagingBuffers(buffers: Buffer[]): void {
  for (const buffer of buffers) {
    if (freeStagingBuffers.length < MAX_FREE_STAGING_BUFFERS) freeStagingBuffers.push(buffer);
  }
}

/**
 * Whether a block (at most 4 KiB) holds only zeros. Most data blocks have a non-zero byte
 * among their first few, which settles them without a call into native code.
 */
function isZero(buffer: Buffer, start: number, end: number): boolean {
  for (let i = start; i < Math.min(end, start + 16); i++) if (buffer[i] !== 0) return false;
  return buffer.compare(ZEROS, 0, end - start, start, end) === 0;
}

/** The file's size now; observed at once, so that a failure is reported where it is awaited. */
function currentSize(input: OpenFile): Promise<number> {
  const size = input.stat().then((info) => info.size);
  size.catch(() => {});
  return size;
}

async function openHostFile(path: string): Promise<OpenFile> {
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
