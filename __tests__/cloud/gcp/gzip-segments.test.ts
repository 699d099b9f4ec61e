import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, test } from '@jest/globals';
import {
  finalDeflateBlock,
  gzipHeader,
  gzipTrailer,
  PIECE_OPTIONS,
  PieceDeflater,
  ZeroPieces,
} from '../../../src/cloud/gcp/gzip-segments.js';

describe('ZeroPieces', () => {
  const zeros = new ZeroPieces(64 * 1024);

  test.each([
    { name: 'from the start', crc: 0 },
    { name: 'after some data', crc: zlib.crc32('nanoship') },
    { name: 'from all ones', crc: 0xffffffff },
    { name: 'from a single bit', crc: 1 },
  ])('crcAfter a whole piece equals zlib.crc32 over the zeros: $name', ({ crc }) => {
    expect(zeros.crcAfter(crc, 64 * 1024)).toBe(zlib.crc32(Buffer.alloc(64 * 1024), crc));
  });

  test('crcAfter a partial piece equals zlib.crc32 over the zeros', () => {
    expect(zeros.crcAfter(12345, 1536)).toBe(zlib.crc32(Buffer.alloc(1536), 12345));
  });

  test('the compressed piece inflates to the zeros', () => {
    const inflated = zlib.inflateRawSync(Buffer.concat([zeros.compressed, finalDeflateBlock()]));
    expect(inflated.equals(Buffer.alloc(64 * 1024))).toBe(true);
  });

  test('isZero tells zeros from anything else, also for short pieces', () => {
    expect(zeros.isZero(Buffer.alloc(100))).toBe(true);
    const almost = Buffer.alloc(100);
    almost[99] = 1;
    expect(zeros.isZero(almost)).toBe(false);
  });
});

describe('a gzip file made of pieces', () => {
  test('is one valid member: gunzip checks its CRC and length and gets the bytes back', async () => {
    const pieces = [randomBytes(70_000), Buffer.alloc(64 * 1024), Buffer.from('tail')];
    const zeros = new ZeroPieces(64 * 1024);
    const deflater = new PieceDeflater();
    const parts = [gzipHeader()];
    let crc = 0;
    for (const piece of pieces) {
      parts.push(
        ...(zeros.isZero(piece) ? [zeros.compress(piece.length)] : await deflater.deflate(piece)),
      );
      crc = zeros.isZero(piece) ? zeros.crcAfter(crc, piece.length) : zlib.crc32(piece, crc);
    }
    const length = pieces.reduce((sum, p) => sum + p.length, 0);
    parts.push(finalDeflateBlock(), gzipTrailer(crc, length));
    deflater.close();

    expect(zlib.gunzipSync(Buffer.concat(parts)).equals(Buffer.concat(pieces))).toBe(true);
  });

  test('has a header without time, name or OS, so the bytes depend on the content only', () => {
    expect(gzipHeader().toString('hex')).toBe('1f8b08000000000000ff');
  });

  test('has a trailer with the length modulo 2^32', () => {
    expect(gzipTrailer(0xdeadbeef, 2 ** 32 + 5).toString('hex')).toBe('efbeadde05000000');
  });
});

describe('PieceDeflater', () => {
  /** What a piece compressed alone gives: a fresh one-shot deflate. */
  const alone = (piece: Uint8Array) => zlib.deflateRawSync(piece, PIECE_OPTIONS);

  test('gives every piece the bytes it has compressed alone, on reused streams', async () => {
    // Machine-code-like data (compressible) and random data, two rounds so streams are reused.
    const text = Buffer.from('mov rax, [rbp-8]; call memcpy; '.repeat(40_000));
    const pieces = [text, randomBytes(300_000), text.subarray(7), Buffer.from('x'), text];
    const deflater = new PieceDeflater();
    for (let round = 0; round < 2; round++) {
      const compressed = await Promise.all(pieces.map((piece) => deflater.deflate(piece)));
      compressed.forEach((chunks, i) => {
        expect(Buffer.concat(chunks).equals(alone(pieces[i]!))).toBe(true);
      });
    }
    deflater.close();
  });

  test('one after another on a single stream, each piece still starts afresh', async () => {
    const deflater = new PieceDeflater();
    const first = Buffer.from('abcdefgh'.repeat(10_000));
    await deflater.deflate(first);
    // With history kept, this piece would be a back-reference into the first one.
    const second = await deflater.deflate(first);
    expect(Buffer.concat(second).equals(alone(first))).toBe(true);
    deflater.close();
  });
});
