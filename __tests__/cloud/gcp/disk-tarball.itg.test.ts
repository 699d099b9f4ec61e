/**
 * The streamed disk.raw tarball checked by the system's GNU tar and gzip, and by an in-process
 * gunzip at the piece boundaries. Integration tests: every archive here is a GiB or two of
 * tar once decompressed.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import zlib, { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  createDiskTarball,
  GIB,
  PIECE_BYTES,
  paddedDiskBytes,
} from '../../../src/cloud/gcp/disk-tarball.js';
import { encodeOldGnuHeader } from '../../../src/cloud/gcp/old-gnu-header.js';
import { writeImage } from './image-files.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nanoship-tarball-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTarball(imagePath: string, size: number, out: string) {
  const tarball = createDiskTarball(imagePath, size);
  await pipeline(tarball.chunks, createWriteStream(out));
  return tarball;
}

const sha256File = (file: string) =>
  execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0];

describe('the disk.raw tarball', () => {
  test('has the same bytes every time for the same image', async () => {
    const image = await writeImage(dir, 'same', 3 * PIECE_BYTES + 12345);
    await writeTarball(image.path, image.sizeBytes, path.join(dir, 'a.tar.gz'));
    await writeTarball(image.path, image.sizeBytes, path.join(dir, 'b.tar.gz'));
    expect(sha256File(path.join(dir, 'a.tar.gz'))).toBe(sha256File(path.join(dir, 'b.tar.gz')));
  }, 60_000);

  test('equals the archive built piece by piece with one-shot deflates', async () => {
    // Data, a zero piece inside it (the tar header shifts the image by 512 bytes), data
    // again, a piece of one repeated byte, and a partial piece of the image at the end.
    const image = await writeImage(dir, 'pieces', 2 * PIECE_BYTES + 999, 4 * PIECE_BYTES + 5);
    const bytes = await readFile(image.path);
    bytes.fill(0, PIECE_BYTES - 512, 2 * PIECE_BYTES - 512);
    bytes.fill(7, 3 * PIECE_BYTES, 4 * PIECE_BYTES + 5);
    await writeFile(image.path, bytes);
    const archive = path.join(dir, 'pieces.tar.gz');
    await writeTarball(image.path, image.sizeBytes, archive);
    expect((await readFile(archive)).equals(referenceTarball(bytes))).toBe(true);
  }, 60_000);

  test('asks V8 for a young collection every 16 MiB of gzip, so dead output does not pile up', async () => {
    // Random data does not compress: ~40 MiB of gzip.
    const image = await writeImage(dir, 'collected', 40 * 2 ** 20);
    // Counted whatever their kind: V8 runs a requested young collection as a full one when
    // the old generation might not hold the survivors ("scavenge might not succeed"), which
    // happened once late in a long --runInBand run. How often it is asked is what the code sets.
    const forced: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const { flags } = (entry as { detail?: { flags: number } }).detail!;
        if ((flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0)
          forced.push(entry.startTime);
      }
    });
    observer.observe({ entryTypes: ['gc'] });
    await writeTarball(image.path, image.sizeBytes, path.join(dir, 'collected.tar.gz'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    expect(forced).toHaveLength(2);
  }, 60_000);

  // GNU tar decompresses with gzip -d, which checks the trailer's CRC-32 and length.
  test('is listed by GNU tar as exactly disk.raw of the padded size', async () => {
    const image = await writeImage(dir, 'listed', 200_000);
    const archive = path.join(dir, 'listed.tar.gz');
    const tarball = await writeTarball(image.path, image.sizeBytes, archive);

    const listing = execFileSync('tar', ['-tvf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toHaveLength(1);
    expect(listing[0]).toMatch(/^-rw-r--r-- 0\/0 +1073741824 1970-01-01 00:00 disk\.raw$/);
    expect(tarball.diskBytes).toBe(GIB);
    expect(tarball.progress.gzipBytes).toBe(
      Number(execFileSync('stat', ['-c', '%s', archive], { encoding: 'utf8' })),
    );
  }, 60_000);

  test('extracts (tar -xOf) to the image followed by zeros: cmp finds no difference', async () => {
    const image = await writeImage(dir, 'extracted', 2 * PIECE_BYTES + 777, 5 * PIECE_BYTES);
    const archive = path.join(dir, 'extracted.tar.gz');
    await writeTarball(image.path, image.sizeBytes, archive);
    const padded = path.join(dir, 'padded.raw');
    execFileSync('cp', [image.path, padded]);
    execFileSync('truncate', ['-s', String(GIB), padded]);

    const script = 'tar -xOf "$1" disk.raw | cmp - "$2" && echo same';
    const out = execFileSync('sh', ['-c', script, 'sh', archive, padded], { encoding: 'utf8' });
    expect(out.trim()).toBe('same');
  }, 60_000);

  test('pads an image just over a GiB to 2 GiB', async () => {
    expect(paddedDiskBytes(1)).toBe(GIB);
    expect(paddedDiskBytes(GIB)).toBe(GIB);
    expect(paddedDiskBytes(GIB + 1)).toBe(2 * GIB);
    const image = await writeImage(dir, 'big', 4096, GIB + 1);
    const tarball = createDiskTarball(image.path, image.sizeBytes);
    const stream = await checkStream(tarball.chunks, await readFile(image.path), 2 * GIB);
    expect(stream).toEqual({
      header: (await gnuHeader(2 * GIB)).toString('hex'),
      problem: undefined,
    });
    expect(tarball.progress.tarBytes).toBe(512 + 2 * GIB + 1024);
  }, 120_000);

  // The header shifts the image by 512 bytes, so these sizes put the end of the image on
  // either side of a piece boundary; gunzip checks the CRC-32 and length in the trailer.
  test.each([1, PIECE_BYTES - 512, PIECE_BYTES - 511, PIECE_BYTES, 2 * PIECE_BYTES + 3])(
    'decompresses to header, image, zeros and end blocks for an image of %i bytes',
    async (size) => {
      const image = await writeImage(dir, `edge-${size}`, size);
      const tarball = createDiskTarball(image.path, image.sizeBytes);
      const stream = await checkStream(tarball.chunks, await readFile(image.path), GIB);
      expect(stream).toEqual({
        header: (await gnuHeader(GIB)).toString('hex'),
        problem: undefined,
      });
    },
    60_000,
  );
});

/**
 * Gunzips `chunks` (gunzip checks the trailer) and checks the tar stream is a header, the
 * image, zeros up to `diskBytes` and two zero blocks. Returns the header (hex) and the first
 * problem found.
 */
async function checkStream(chunks: AsyncIterable<Buffer>, image: Buffer, diskBytes: number) {
  const expectedLength = 512 + diskBytes + 1024;
  let offset = 0;
  let header = Buffer.alloc(0);
  let problem: string | undefined;
  const zeros = Buffer.alloc(4 * 2 ** 20);
  await pipeline(chunks, createGunzip({ chunkSize: 2 ** 20 }), async (source) => {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      let at = 0;
      if (offset < 512) {
        const take = Math.min(512 - offset, chunk.length);
        header = Buffer.concat([header, chunk.subarray(0, take)]);
        at = take;
      }
      while (at < chunk.length && problem === undefined) {
        const position = offset + at - 512;
        const inImage = position < image.length;
        const n = inImage
          ? Math.min(chunk.length - at, image.length - position)
          : Math.min(chunk.length - at, zeros.length);
        const want = inImage ? image.subarray(position, position + n) : zeros.subarray(0, n);
        if (!chunk.subarray(at, at + n).equals(want))
          problem = `differs within tar bytes ${offset + at}..+${n}`;
        at += n;
      }
      offset += chunk.length;
    }
  });
  if (problem === undefined && offset !== expectedLength) {
    problem = `the tar stream is ${offset} bytes, expected ${expectedLength}`;
  }
  return { header: header.toString('hex'), problem };
}

/**
 * The archive of `image` assembled the plainest way: the tar stream cut into PIECE_BYTES
 * pieces, each deflated alone by a one-shot zlib call (zeros at level 9, data at level 1,
 * both ending in a sync flush), then an empty final block and the gzip trailer. Only
 * whole-GiB padding up to 1 GiB is handled.
 */
function referenceTarball(image: Buffer): Buffer {
  const tarBytes = 512 + GIB + 1024;
  const sync = { memLevel: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const header = encodeOldGnuHeader({ name: 'disk.raw', size: GIB });
  const parts: Buffer[] = [Buffer.from('1f8b08000000000000ff', 'hex')];
  const zeros = Buffer.alloc(PIECE_BYTES);
  const zeroPieces = new Map<number, Buffer>();
  let crc = 0;
  for (let start = 0; start < tarBytes; start += PIECE_BYTES) {
    const piece = Buffer.alloc(Math.min(PIECE_BYTES, tarBytes - start));
    if (start === 0) header.copy(piece);
    const from = Math.max(0, start - 512);
    if (from < image.length) {
      image.copy(
        piece,
        Math.max(0, 512 - start),
        from,
        Math.min(image.length, start - 512 + piece.length),
      );
    }
    const zero = piece.equals(zeros.subarray(0, piece.length));
    if (zero && !zeroPieces.has(piece.length)) {
      zeroPieces.set(piece.length, zlib.deflateRawSync(piece, { ...sync, level: 9 }));
    }
    parts.push(
      zero ? zeroPieces.get(piece.length)! : zlib.deflateRawSync(piece, { ...sync, level: 1 }),
    );
    crc = zlib.crc32(piece, crc);
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(tarBytes % 2 ** 32, 4);
  parts.push(zlib.deflateRawSync(Buffer.alloc(0), { level: 1 }), trailer);
  return Buffer.concat(parts);
}

/** GNU tar's header for disk.raw of `bytes`, from a sparse file of that size. */
async function gnuHeader(bytes: number): Promise<Buffer> {
  const work = await mkdtemp(path.join(dir, 'header-'));
  execFileSync('truncate', ['-s', String(bytes), path.join(work, 'disk.raw')]);
  const script =
    'tar --format=oldgnu --numeric-owner --owner=0 --group=0 --mtime=@0 --mode=0644 -C "$1" -cf - disk.raw 2>/dev/null | head -c 512';
  return execFileSync('sh', ['-c', script, 'sh', work], { maxBuffer: 4096 });
}
