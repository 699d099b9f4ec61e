import { execFileSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import {
  encodeOldGnuHeader,
  encodeTarNumber,
  MAX_OCTAL_SIZE,
} from '../../../src/cloud/gcp/old-gnu-header.js';
import {
  decodeTarHeader,
  TAR_HEADER_FIELDS,
  tarChecksums,
} from '../../../src/kernel/tar-header.js';

const GIB = 2 ** 30;
const dir = mkdtempSync(path.join(os.tmpdir(), 'nanoship-gnu-header-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** GNU tar's header for a (sparse) file of `size` bytes named disk.raw, mode 0644, owner 0. */
function gnuTarHeader(size: number): Buffer {
  const file = path.join(dir, 'disk.raw');
  const fd = openSync(file, 'w', 0o644);
  ftruncateSync(fd, size);
  closeSync(fd);
  // tar writes the header first; head ends it after that (tar then dies of SIGPIPE).
  return execFileSync(
    'sh',
    [
      '-c',
      'tar --format=oldgnu --numeric-owner --owner=0 --group=0 --mtime=@0 --mode=0644 -C "$1" -cf - disk.raw 2>/dev/null | head -c 512',
      'sh',
      dir,
    ],
    { maxBuffer: 4096 },
  );
}

const field = (block: Buffer, name: keyof typeof TAR_HEADER_FIELDS) => {
  const [offset, width] = TAR_HEADER_FIELDS[name];
  return block.subarray(offset, offset + width);
};

describe('encodeOldGnuHeader', () => {
  const cases = [
    { name: 'empty file', size: 0 },
    { name: 'a few bytes', size: 5 },
    { name: 'one GiB', size: GIB },
    { name: 'the largest octal size (8 GiB − 1)', size: MAX_OCTAL_SIZE },
    { name: 'the smallest base-256 size (8 GiB)', size: MAX_OCTAL_SIZE + 1 },
    { name: '9 GiB', size: 9 * GIB },
    { name: '64 GiB', size: 64 * GIB },
  ];

  test.each(cases)('equals GNU tar --format=oldgnu byte for byte: $name', ({ size }) => {
    const ours = encodeOldGnuHeader({ name: 'disk.raw', size });
    expect(ours.toString('hex')).toBe(gnuTarHeader(size).toString('hex'));
  });

  test.each(cases)('is read back by the kernel archive reader: $name', ({ size }) => {
    expect(decodeTarHeader(encodeOldGnuHeader({ name: 'disk.raw', size }))).toEqual({
      name: 'disk.raw',
      mode: 0o644,
      size,
      type: 'file',
      linkname: '',
      typeflag: '0',
    });
  });

  test('carries the old GNU magic and version, not POSIX ustar', () => {
    const block = encodeOldGnuHeader({ name: 'disk.raw', size: GIB });
    expect(field(block, 'magic').toString('latin1')).toBe('ustar ');
    expect(field(block, 'version').toString('latin1')).toBe(' \0');
  });

  test('writes the checksum as six octal digits, NUL, space, over the block with spaces', () => {
    const block = encodeOldGnuHeader({ name: 'disk.raw', size: 3 * GIB });
    const text = field(block, 'checksum').toString('latin1');
    expect(text).toMatch(/^[0-7]{6}\0 $/);
    expect(Number.parseInt(text.slice(0, 6), 8)).toBe(tarChecksums(block)[0]);
  });

  test.each([
    { name: 'an empty name', entry: { name: '', size: 1 }, error: /1–100 bytes/ },
    { name: 'a 101-byte name', entry: { name: 'x'.repeat(101), size: 1 }, error: /1–100 bytes/ },
    { name: 'a negative size', entry: { name: 'disk.raw', size: -1 }, error: /non-negative/ },
    { name: 'a fractional size', entry: { name: 'disk.raw', size: 1.5 }, error: /whole/ },
  ])('refuses $name', ({ entry, error }) => {
    expect(() => encodeOldGnuHeader(entry)).toThrow(error);
  });
});

describe('encodeTarNumber', () => {
  test.each([
    { value: 0, width: 8, hex: Buffer.from('0000000\0').toString('hex') },
    { value: 0o644, width: 8, hex: Buffer.from('0000644\0').toString('hex') },
    { value: 0o7777777, width: 8, hex: Buffer.from('7777777\0').toString('hex') },
    // One past 7 octal digits: base-256, top bit set, value big-endian.
    { value: 0o10000000, width: 8, hex: '8000000000200000' },
    { value: MAX_OCTAL_SIZE, width: 12, hex: Buffer.from('77777777777\0').toString('hex') },
    { value: 8 * GIB, width: 12, hex: '800000000000000200000000' },
    { value: Number.MAX_SAFE_INTEGER, width: 12, hex: '80000000001fffffffffffff' },
  ])('$value in $width bytes', ({ value, width, hex }) => {
    expect(encodeTarNumber(value, width).toString('hex')).toBe(hex);
  });

  test('refuses a value that does not fit even in base-256', () => {
    expect(() => encodeTarNumber(2 ** 53 - 1, 4)).toThrow(/does not fit a 4-byte tar field/);
  });
});
