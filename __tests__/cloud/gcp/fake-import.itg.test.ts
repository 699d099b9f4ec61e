/**
 * The fake's image import refuses what Google's refuses. The archives are built from parts
 * (headers, data, runs of zeros) so a GiB of disk.raw costs little to make.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  finalDeflateBlock,
  gzipHeader,
  gzipTrailer,
  ZeroPieces,
} from '../../../src/cloud/gcp/gzip-segments.js';
import { encodeOldGnuHeader } from '../../../src/cloud/gcp/old-gnu-header.js';
import { GIB, ImportError, importDiskArchive } from './fake-import.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'nanoship-fake-import-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A gzip'd archive built from parts: headers, data, and runs of zeros (cheap to make). */
function archive(parts: (Buffer | { zeros: number })[]): Buffer {
  const pieces = new ZeroPieces(2 ** 20);
  const out = [gzipHeader()];
  let crc = 0;
  let length = 0;
  for (const part of parts) {
    if (Buffer.isBuffer(part)) {
      out.push(zlib.deflateRawSync(part, { finishFlush: zlib.constants.Z_SYNC_FLUSH }));
      crc = zlib.crc32(part, crc);
      length += part.length;
      continue;
    }
    for (let rest = part.zeros; rest > 0; rest -= 2 ** 20) {
      const n = Math.min(rest, 2 ** 20);
      out.push(pieces.compress(n));
      crc = pieces.crcAfter(crc, n);
      length += n;
    }
  }
  out.push(finalDeflateBlock(), gzipTrailer(crc, length));
  return Buffer.concat(out);
}

const END = { zeros: 1024 };

describe('the import', () => {
  const importing = async (bytes: Buffer) => {
    const file = path.join(dir, 'object');
    await writeFile(file, bytes);
    return importDiskArchive(file, path.join(dir, 'disk.raw'));
  };

  test('accepts one old-GNU disk.raw of a GiB and extracts it (sparse)', async () => {
    const header = encodeOldGnuHeader({ name: 'disk.raw', size: GIB });
    const data = Buffer.from('nanos boot sector');
    const result = await importing(archive([header, data, { zeros: GIB - data.length }, END]));
    expect(result).toEqual({ bytes: GIB });
    // Its size and first bytes: reading the whole GiB back would only cost memory and time.
    const extracted = path.join(dir, 'disk.raw');
    expect((await stat(extracted)).size).toBe(GIB);
    const handle = await open(extracted, 'r');
    const head = Buffer.alloc(data.length);
    await handle.read(head, 0, data.length, 0);
    await handle.close();
    expect(head.equals(data)).toBe(true);
    // Inflating a GiB of zeros takes seconds alone and several times that on a busy machine.
  }, 180_000);

  const refusals: { name: string; bytes: () => Buffer | Promise<Buffer>; message: RegExp }[] = [
    {
      name: 'a POSIX ustar archive (what the tar npm package writes)',
      bytes: async () => {
        await writeFile(path.join(dir, 'disk.raw'), 'x');
        await truncate(path.join(dir, 'disk.raw'), 1024);
        return zlib.gzipSync(
          execFileSync('tar', ['--format=ustar', '-C', dir, '-cf', '-', 'disk.raw']),
        );
      },
      message: /not in old GNU tar format/,
    },
    {
      name: 'a size that is not a whole number of GiB',
      bytes: () =>
        archive([encodeOldGnuHeader({ name: 'disk.raw', size: 512 }), { zeros: 512 }, END]),
      message: /not a whole number of GiB/,
    },
    {
      name: 'another file name',
      bytes: () =>
        archive([encodeOldGnuHeader({ name: 'disk.img', size: GIB }), { zeros: GIB }, END]),
      message: /one regular file named disk\.raw/,
    },
    {
      name: 'a second entry after disk.raw',
      bytes: () =>
        archive([
          encodeOldGnuHeader({ name: 'disk.raw', size: GIB }),
          { zeros: GIB },
          encodeOldGnuHeader({ name: 'extra', size: 0 }),
          END,
        ]),
      message: /more than disk\.raw/,
    },
    {
      name: 'disk.raw cut short',
      bytes: () => archive([encodeOldGnuHeader({ name: 'disk.raw', size: GIB }), { zeros: 4096 }]),
      message: /ends after 4096 of 1073741824 bytes/,
    },
    {
      name: 'a tar that is not gzip-compressed',
      bytes: () =>
        Buffer.concat([encodeOldGnuHeader({ name: 'disk.raw', size: GIB }), Buffer.alloc(1024)]),
      message: /not a valid gzip-compressed tar archive/,
    },
  ];

  test.each(refusals)(
    'refuses $name',
    async ({ bytes, message }) => {
      const failure = importing(await bytes());
      await expect(failure).rejects.toThrow(ImportError);
      await expect(failure).rejects.toThrow(message);
    },
    30_000,
  );
});
