import { describe, expect, test } from '@jest/globals';
import { TfsFormatError } from '../../src/image/tfs-format-error.js';
import {
  encodeInitialExtension,
  encodeLogExtensions,
  LOG_EXTENSION_BYTES,
  type ReadAt,
  readLog,
  SECTOR_BYTES,
} from '../../src/image/tfs-log.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const UUID = Uint8Array.from({ length: 16 }, (_, i) => i + 1);

/** Lays out the initial extension and extensions at 1, 1025, … in one in-memory disk. */
function buildLog(records: Uint8Array[], label = ''): Buffer {
  const extensions = encodeLogExtensions(records, (i) => 1 + i * 1024);
  const disk = Buffer.alloc(SECTOR_BYTES + extensions.length * LOG_EXTENSION_BYTES);
  disk.set(encodeInitialExtension(UUID, label, { start: 1, sectors: 1024 }), 0);
  for (const [i, bytes] of extensions.entries())
    disk.set(bytes, SECTOR_BYTES + i * LOG_EXTENSION_BYTES);
  return disk;
}

const memoryReader =
  (disk: Uint8Array): ReadAt =>
  async (offset, length) =>
    disk.subarray(offset, offset + length);

describe('writing the log (format §2.1, §2.8)', () => {
  test('the initial extension: magic, v5, 1 sector, uuid, empty label, link to 1/1024', () => {
    const sector = encodeInitialExtension(UUID, '', { start: 1, sectors: 1024 });
    expect(sector.length).toBe(SECTOR_BYTES);
    expect(hex(sector.subarray(0, 29))).toBe(
      `4e564d544653${'05'}${'01'}${hex(UUID)}00${'05018800'}`,
    );
    expect(sector.subarray(29).every((byte) => byte === 0)).toBe(true);
  });

  test('a label goes before the NUL', () => {
    const sector = encodeInitialExtension(UUID, 'data', { start: 1, sectors: 1024 });
    expect(hex(sector.subarray(24, 33))).toBe(`${hex(Buffer.from('data'))}0005018800`);
  });

  test('a label longer than 31 bytes is refused', () => {
    expect(() => encodeInitialExtension(UUID, 'x'.repeat(32), { start: 1, sectors: 1024 })).toThrow(
      RangeError,
    );
  });

  test('a small record: header, TUPLE_AVAILABLE total seg, bytes, END_OF_LOG', () => {
    const [extension, ...rest] = encodeLogExtensions([Uint8Array.of(0x90)], () => 1);
    expect(rest).toEqual([]);
    expect(hex(extension!)).toBe('4e564d544653058800' + '020101' + '90' + '01');
  });

  test('a record bigger than one extension continues with TUPLE_EXTENDED after a link', () => {
    const record = Buffer.alloc(LOG_EXTENSION_BYTES + 1000, 7);
    const extensions = encodeLogExtensions([record], (i) => 1 + i * 1024);
    expect(extensions).toHaveLength(2);
    const first = extensions[0]!;
    expect(first.length).toBeLessThanOrEqual(LOG_EXTENSION_BYTES);
    expect(hex(first.subarray(first.length - 5))).toBe('0588018800'); // link → sector 1025, 1024
    expect(first[9]).toBe(0x02);
    expect(extensions[1]![9]).toBe(0x03);
    expect(extensions[1]!.at(-1)).toBe(0x01);
  });
});

describe('reading the log back', () => {
  test('records, uuid and label survive, across extensions', async () => {
    const records = [Buffer.alloc(700_000, 1), Uint8Array.of(0x90), Buffer.alloc(600_000, 2)];
    const disk = buildLog(records, 'vol');
    const log = await readLog(memoryReader(disk), disk.length);
    expect(log.label).toBe('vol');
    expect(hex(log.uuid)).toBe(hex(UUID));
    expect(log.records.map((record) => hex(record.bytes))).toEqual(records.map(hex));
    expect(log.extensions.map((e) => e.start)).toEqual([0, 1, 1025, 2049]);
  });
});

describe('reading a damaged log gives TfsFormatError, never a hang', () => {
  const good = () => buildLog([Uint8Array.of(0x90)]);
  const cases: { name: string; damage: (disk: Buffer) => Buffer; message: RegExp }[] = [
    {
      name: 'bad magic',
      damage: (d) => {
        d.write('XVMTFS', 0);
        return d;
      },
      message: /bad magic/,
    },
    {
      name: 'version 4',
      damage: (d) => {
        d[6] = 4;
        return d;
      },
      message: /version 4/,
    },
    {
      name: 'bad magic in extension 1',
      damage: (d) => {
        d[512] = 0;
        return d;
      },
      message: /offset 512\)/,
    },
    {
      name: 'unknown frame code',
      damage: (d) => {
        d[512 + 9] = 0x09;
        return d;
      },
      message: /frame code 0x9/,
    },
    {
      name: 'segment longer than the record',
      damage: (d) => {
        d.set([0x02, 0x01, 0x02], 512 + 9);
        return d;
      },
      message: /does not fit/,
    },
    {
      name: 'record continuation without a record',
      damage: (d) => {
        d.set([0x03, 0x01], 512 + 9);
        return d;
      },
      message: /no record started/,
    },
    {
      name: 'link beyond the filesystem',
      damage: (d) => {
        d.set([0x05, 0x90, 0x00, 0x88, 0x00], 512 + 9);
        return d;
      },
      message: /beyond the filesystem/,
    },
    {
      name: 'link back into the chain',
      damage: (d) => {
        d.set([0x05, 0x01, 0x88, 0x00], 512 + 9);
        return d;
      },
      message: /loop/,
    },
    {
      name: 'log ending inside a record',
      damage: (d) => {
        d.set([0x02, 0x05, 0x01, 0x90, 0x01], 512 + 9);
        return d;
      },
      message: /ends inside a record/,
    },
    {
      name: 'no END_OF_LOG before the extension ends',
      damage: (d) => {
        d.fill(0x04, 512 + 9, 512 + LOG_EXTENSION_BYTES);
        return d;
      },
      message: /without END_OF_LOG/,
    },
    {
      name: 'truncated file',
      damage: (d) => d.subarray(0, 4096),
      message: /beyond the filesystem/,
    },
    {
      name: 'label without NUL',
      damage: (d) => {
        d.fill(0x41, 24, 512);
        return d;
      },
      message: /label/,
    },
  ];
  test.each(cases)('$name', async ({ damage, message }) => {
    const disk = damage(good());
    const read = readLog(memoryReader(disk), disk.length);
    await expect(read).rejects.toThrow(TfsFormatError);
    await expect(readLog(memoryReader(disk), disk.length)).rejects.toThrow(message);
  });

  test('a short read inside an extension is reported', async () => {
    const disk = good();
    const short: ReadAt = async (offset, length) =>
      disk.subarray(offset, offset + Math.min(length, 100));
    await expect(readLog(short, disk.length)).rejects.toThrow(/file ends inside/);
  });
});
