/**
 * A gzip file built from independently compressed pieces, as pigz builds one: each piece is
 * raw deflate ending in a sync flush (byte-aligned, not final), so pieces can be compressed on
 * several threads and simply concatenated; an empty final block, then the gzip trailer, close
 * the stream. Any gzip reader reads the result as one ordinary member.
 *
 * Why pieces: a disk.raw is mostly zero padding (up to a whole GiB). Zeros still cost deflate
 * ~0.8 s per GiB, so a piece of zeros is compressed once and its bytes reused for every zero
 * piece, and the CRC-32 of a run of zeros is computed with a precomputed linear map instead of
 * reading the zeros. The padding then costs almost nothing, and the data pieces run on
 * libuv's thread pool in parallel.
 *
 * The bytes depend only on the input, the piece size and the level (and the zlib Node ships):
 * the gzip header carries no time, name or OS.
 */
import zlib from 'node:zlib';

/**
 * Level 1. Measured on 50 MB of machine code (this host's executables), 1 MiB pieces: level 6
 * made the gzip 7 % smaller (19.5 vs 21.1 MB) for 2.2× the CPU (~1.2 s vs ~0.55 s on one
 * core). Upload time is the smaller cost here, and Google does not care how well the archive
 * is compressed.
 */
export const GZIP_LEVEL = 1;

/** The gzip header: magic, deflate, no flags, mtime 0, no extra flags, OS "unknown". */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff]);
export const GZIP_HEADER_BYTES = GZIP_HEADER.length;

/**
 * How every piece is compressed. Each write is one piece and ends in a sync flush, which puts
 * the piece's end on a byte boundary without a final block, so the next piece can follow it
 * directly. (`finishFlush` is for the one-shot zlib.deflateRaw*, which the zero pieces use.)
 */
export const PIECE_OPTIONS: zlib.ZlibOptions = {
  level: GZIP_LEVEL,
  memLevel: 9,
  flush: zlib.constants.Z_SYNC_FLUSH,
  finishFlush: zlib.constants.Z_SYNC_FLUSH,
};

/**
 * Zeros are compressed once per archive, so they get the best level: 1 KiB per MiB instead of
 * level 1's 4.5 KiB, which makes the padding of a GiB ~1 MB of upload instead of ~4.5 MB.
 */
const zeroOptions: zlib.ZlibOptions = { ...PIECE_OPTIONS, level: 9 };

/** The gzip header, the first bytes of every archive nanoship writes. */
export function gzipHeader(): Buffer {
  return Buffer.from(GZIP_HEADER);
}

/** An empty final deflate block: ends the deflate stream after the last piece. */
export function finalDeflateBlock(): Buffer {
  return zlib.deflateRawSync(Buffer.alloc(0), { level: GZIP_LEVEL });
}

/** The gzip trailer: CRC-32 and length (mod 2^32) of the uncompressed bytes, little-endian. */
export function gzipTrailer(crc: number, length: number): Buffer {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  return trailer;
}

/** zlib's output buffers: a piece of machine code deflates to a few hundred KiB. */
const DEFLATE_CHUNK_BYTES = 64 * 1024;

/**
 * Compresses pieces on the thread pool, each as if alone (the same bytes as a one-shot
 * zlib.deflateRaw of the piece with PIECE_OPTIONS), on deflate streams kept for the whole
 * archive: one per piece in flight, reset between pieces.
 *
 * Why not a one-shot zlib.deflateRaw per piece: every call makes a zlib stream, and those
 * streams, with the output buffers they hold, are freed only by a full garbage collection (a
 * forced young-generation collection freed none of it, a full one all). Making a tarball
 * allocates so few JavaScript objects that V8 ran a full collection only when its
 * external-memory limit forced one, 64 MB above the last: up to 64 MB of dead gzip output in
 * memory at once. A reused stream leaves only its output chunks behind, which a
 * young-generation collection frees (disk-tarball.ts asks for one every 16 MiB); and they are handed on as they are, not joined into one
 * buffer per piece, which copied every compressed byte once more.
 */
export class PieceDeflater {
  readonly #idle: zlib.DeflateRaw[] = [];
  readonly #streams = new Set<zlib.DeflateRaw>();

  /** The compressed piece, as zlib's output chunks (not joined: no copy). */
  deflate(piece: Uint8Array): Promise<Buffer[]> {
    const stream = this.#idle.pop() ?? this.#open();
    return new Promise<Buffer[]>((resolve, reject) => {
      const chunks: Buffer[] = [];
      const onData = (chunk: Buffer) => chunks.push(chunk);
      stream.on('data', onData);
      stream.write(piece, (error) => {
        stream.off('data', onData);
        if (error) {
          this.#drop(stream);
          reject(error);
          return;
        }
        // zlib emits a write's output before calling back; anything still buffered would
        // belong to this piece and be lost.
        if (stream.readableLength !== 0) {
          this.#drop(stream);
          reject(new Error(`deflate left ${stream.readableLength} bytes of a piece unread`));
          return;
        }
        stream.reset();
        this.#idle.push(stream);
        resolve(chunks);
      });
    });
  }

  /** Frees every stream (and its zlib memory); the deflater is not used afterwards. */
  close(): void {
    for (const stream of this.#streams) stream.destroy();
    this.#streams.clear();
    this.#idle.length = 0;
  }

  #open(): zlib.DeflateRaw {
    const stream = zlib.createDeflateRaw({ ...PIECE_OPTIONS, chunkSize: DEFLATE_CHUNK_BYTES });
    // A failed write rejects its piece through the write's callback; without a listener the
    // same error, emitted as an event, would end the process.
    stream.on('error', () => {});
    this.#streams.add(stream);
    return stream;
  }

  #drop(stream: zlib.DeflateRaw): void {
    this.#streams.delete(stream);
    stream.destroy();
  }
}

/**
 * Runs of zeros, `pieceBytes` at a time: the compressed piece is made once, and the CRC-32
 * after a whole piece of zeros is a linear map of the CRC before it (over GF(2)), so it is
 * kept as that map's 32 columns.
 */
export class ZeroPieces {
  readonly compressed: Buffer;
  private readonly columns: Uint32Array;
  private readonly zeros: Buffer;

  constructor(readonly pieceBytes: number) {
    this.zeros = Buffer.alloc(pieceBytes);
    this.compressed = zlib.deflateRawSync(this.zeros, zeroOptions);
    this.columns = new Uint32Array(32);
    // zlib.crc32(data, v) = ~raw(~v, data), and raw() of zeros is linear in its state, so
    // column i is raw(1 << i) = ~zlib.crc32(zeros, ~(1 << i)).
    for (let bit = 0; bit < 32; bit++) {
      this.columns[bit] = ~zlib.crc32(this.zeros, ~(1 << bit) >>> 0) >>> 0;
    }
  }

  /** True when `piece` holds only zeros. */
  isZero(piece: Uint8Array): boolean {
    return this.zeros.subarray(0, piece.length).equals(piece);
  }

  /** The compressed bytes of `length` zeros (a whole piece is never compressed again). */
  compress(length: number): Buffer {
    if (length === this.pieceBytes) return this.compressed;
    return zlib.deflateRawSync(this.zeros.subarray(0, length), zeroOptions);
  }

  /** The CRC-32 after `length` more zeros, from `crc` (zlib's convention, as zlib.crc32). */
  crcAfter(crc: number, length: number): number {
    if (length !== this.pieceBytes) return zlib.crc32(this.zeros.subarray(0, length), crc);
    let state = ~crc >>> 0;
    let next = 0;
    for (let bit = 0; bit < 32 && state !== 0; bit++, state >>>= 1) {
      if (state & 1) next ^= this.columns[bit]!;
    }
    return ~next >>> 0;
  }
}
