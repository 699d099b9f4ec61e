/**
 * The archive Compute Engine imports an image from, produced as a stream while it is
 * uploaded: one regular file `disk.raw` in an old-GNU tar, gzip-compressed. `disk.raw` is the
 * image padded with zeros to a whole number of GiB, since Google's import refuses other sizes
 * (cloud-publishing.md §4.1).
 *
 *   const tarball = createDiskTarball('/tmp/app.img', 52_428_800);
 *   await pipeline(tarball.chunks, upload);   // ~1 GiB disk.raw in, a few MiB of gzip out
 *   tarball.progress.gzipBytes;                // bytes produced so far
 *
 * Nothing is copied to disk and memory stays bounded (a few pieces of PIECE_BYTES in flight,
 * compressed on deflate streams kept for the whole archive: gzip-segments.ts says why).
 * The bytes are the same for the same image: mtime 0, no owner names, a fixed gzip level and a
 * gzip header without time or OS.
 */
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import zlib from 'node:zlib';
import { TAR_BLOCK_BYTES } from '../../kernel/tar-header.js';
import {
  finalDeflateBlock,
  GZIP_HEADER_BYTES,
  gzipHeader,
  gzipTrailer,
  PieceDeflater,
  ZeroPieces,
} from './gzip-segments.js';
import { encodeOldGnuHeader } from './old-gnu-header.js';
import { collectYoungGarbage } from './young-collection.js';

export const GIB = 2 ** 30;
/** The only file in the archive, as Google's import requires. */
export const DISK_ENTRY_NAME = 'disk.raw';
/** Two zero blocks end a tar archive. */
const END_OF_ARCHIVE_BYTES = 2 * TAR_BLOCK_BYTES;
/**
 * The archive is cut into pieces of this size, compressed independently. 1 MiB keeps the
 * compression loss of restarting (32 KiB of lost history per piece) under 1 % and divides a
 * GiB, so every piece of padding is the same precomputed one.
 */
export const PIECE_BYTES = 2 ** 20;
/**
 * Gzip bytes handed out between young-generation collections. Making a tarball allocates so
 * few JavaScript objects that V8 would free the chunks already handed out (and the uploader's
 * copies of them) only at its 64 MB external-memory limit (young-collection.ts). At 16 MiB a
 * 500 MB image costs 11 collections of 1–3 ms, and the bench's peak RSS for it fell from
 * 133 MB to 103 MB, 10 MB above the child's start.
 */
const COLLECT_EVERY_GZIP_BYTES = 16 * 2 ** 20;
/** Pieces compressed at once: the thread pool has 4 threads; more only adds memory. */
const PIECES_IN_FLIGHT = Math.max(2, Math.min(4, availableParallelism()));

/** `disk.raw`'s size: the image rounded up to a whole GiB (at least 1 GiB). */
export function paddedDiskBytes(imageBytes: number): number {
  return Math.max(1, Math.ceil(imageBytes / GIB)) * GIB;
}

/** How far the archive is, for progress lines. Updated as chunks are handed out. */
export interface TarballProgress {
  /** Tar bytes (header, disk.raw, end blocks) compressed so far. */
  tarBytes: number;
  /** Their total: 512 + padded size + 1024. */
  readonly totalTarBytes: number;
  /** Gzip bytes handed out so far. */
  gzipBytes: number;
}

export interface DiskTarball {
  chunks: AsyncIterable<Buffer>;
  progress: TarballProgress;
  /** The size of `disk.raw` in the archive. */
  diskBytes: number;
}

/**
 * The tar.gz of the image at `imagePath`, which must be `imageBytes` long (the size it was
 * hashed at: a file that changed since is refused when reading starts). Iterate `chunks` once.
 */
export function createDiskTarball(imagePath: string, imageBytes: number): DiskTarball {
  const diskBytes = paddedDiskBytes(imageBytes);
  const progress: TarballProgress = {
    tarBytes: 0,
    totalTarBytes: TAR_BLOCK_BYTES + diskBytes + END_OF_ARCHIVE_BYTES,
    gzipBytes: 0,
  };
  return {
    chunks: produceTarball(imagePath, imageBytes, diskBytes, progress),
    progress,
    diskBytes,
  };
}

/** One compressed piece of the tar stream. */
interface Piece {
  length: number;
  /** The piece's bytes when it held data (for the CRC), from the pool; undefined for zeros. */
  data?: Buffer;
  /** Its deflate bytes, in zlib's chunks. */
  compressed: Buffer[];
}

async function* produceTarball(
  imagePath: string,
  imageBytes: number,
  diskBytes: number,
  progress: TarballProgress,
): AsyncGenerator<Buffer> {
  const file = await open(imagePath, 'r');
  const pending: Promise<Piece>[] = [];
  const deflater = new PieceDeflater();
  try {
    const { size } = await file.stat();
    if (size !== imageBytes) {
      throw new Error(
        `${imagePath} is ${size} bytes now, but was ${imageBytes} when it was hashed: the image changed after it was tested`,
      );
    }
    const header = encodeOldGnuHeader({ name: DISK_ENTRY_NAME, size: diskBytes });
    const zeros = new ZeroPieces(PIECE_BYTES);
    // Read buffers are reused: one per piece in flight, plus the one being handed out.
    const pool: Buffer[] = Array.from({ length: PIECES_IN_FLIGHT + 1 }, () =>
      Buffer.allocUnsafe(PIECE_BYTES),
    );
    const release = (data: Buffer) =>
      pool.push(Buffer.from(data.buffer, data.byteOffset, PIECE_BYTES));
    // The tar stream is header, image, zeros up to the padded size, end blocks: any piece
    // that starts past the image is zeros.
    const dataEnd = TAR_BLOCK_BYTES + imageBytes;
    const readPiece = async (start: number): Promise<Piece> => {
      const length = Math.min(PIECE_BYTES, progress.totalTarBytes - start);
      if (start >= dataEnd) return { length, compressed: [zeros.compress(length)] };
      const data = pool.pop()!.subarray(0, length);
      let at = start === 0 ? header.copy(data) : 0;
      const fileEnd = Math.min(length, dataEnd - start);
      while (at < fileEnd) {
        const position = start + at - TAR_BLOCK_BYTES;
        const { bytesRead } = await file.read(data, at, fileEnd - at, position);
        if (bytesRead === 0) throw new Error(`${imagePath} ended early, at byte ${position}`);
        at += bytesRead;
      }
      data.fill(0, fileEnd);
      if (zeros.isZero(data)) {
        release(data);
        return { length, compressed: [zeros.compress(length)] };
      }
      return { length, data, compressed: await deflater.deflate(data) };
    };

    yield gzipHeader();
    progress.gzipBytes += GZIP_HEADER_BYTES;
    let crc = 0;
    let next = 0;
    let collectedAt = 0;
    const fill = () => {
      while (pending.length < PIECES_IN_FLIGHT && next < progress.totalTarBytes) {
        pending.push(readPiece(next));
        next += PIECE_BYTES;
      }
    };
    fill();
    while (pending.length > 0) {
      const piece = await pending.shift()!;
      if (piece.data) {
        crc = zlib.crc32(piece.data, crc);
        release(piece.data);
      } else {
        crc = zeros.crcAfter(crc, piece.length);
      }
      fill();
      progress.tarBytes += piece.length;
      for (const chunk of piece.compressed) {
        progress.gzipBytes += chunk.length;
        yield chunk;
      }
      if (progress.gzipBytes - collectedAt >= COLLECT_EVERY_GZIP_BYTES) {
        collectedAt = progress.gzipBytes;
        collectYoungGarbage();
      }
    }
    const tail = Buffer.concat([finalDeflateBlock(), gzipTrailer(crc, progress.totalTarBytes)]);
    progress.gzipBytes += tail.length;
    yield tail;
  } finally {
    // Pieces still in flight (after a failure or an early stop) must settle before the file
    // closes under them; their errors are of no interest any more.
    await Promise.allSettled(pending);
    deflater.close();
    await file.close();
  }
}
