import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { describe, expect, test } from '@jest/globals';
import {
  deflatePiece,
  finalDeflateBlock,
  gzipHeader,
  gzipTrailer,
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
    const parts = [gzipHeader()];
    let crc = 0;
    for (const piece of pieces) {
      parts.push(zeros.isZero(piece) ? zeros.compress(piece.length) : await deflatePiece(piece));
      crc = zeros.isZero(piece) ? zeros.crcAfter(crc, piece.length) : zlib.crc32(piece, crc);
    }
    const length = pieces.reduce((sum, p) => sum + p.length, 0);
    parts.push(finalDeflateBlock(), gzipTrailer(crc, length));

    expect(zlib.gunzipSync(Buffer.concat(parts)).equals(Buffer.concat(pieces))).toBe(true);
  });

  test('has a header without time, name or OS, so the bytes depend on the content only', () => {
    expect(gzipHeader().toString('hex')).toBe('1f8b08000000000000ff');
  });

  test('has a trailer with the length modulo 2^32', () => {
    expect(gzipTrailer(0xdeadbeef, 2 ** 32 + 5).toString('hex')).toBe('efbeadde05000000');
  });
});
