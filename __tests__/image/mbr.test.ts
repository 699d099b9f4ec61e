import { describe, expect, test } from '@jest/globals';
import { decodeMbr, encodeChs, PartitionType, writePartitionTable } from '../../src/image/mbr.js';
import { syntheticBootImage } from './image-fixtures.js';

const SECTOR = 512;

describe('Nanos CHS formula', () => {
  test.each([
    { name: 'sector 0', sector: 0, chs: [0, 1, 0] },
    { name: 'bootfs start of a mkfs image (LBA 103)', sector: 103, chs: [1, 0x29, 0] },
    { name: 'bootfs last sector of a mkfs image', sector: 103 + 24_576 - 1, chs: [0x88, 0x2e, 1] },
    {
      name: 'cylinder 256 ORs bit 8 into the sector byte',
      sector: 256 * 255 * 63,
      chs: [0, 1 | 1, 0],
    },
    { name: 'cylinder 1023 is the largest', sector: 1023 * 255 * 63 + 62, chs: [0, 3 | 63, 0xff] },
    { name: 'beyond cylinder 1023 saturates', sector: 2 ** 31, chs: [254, 63 | 3, 0xff] },
  ])('$name', ({ sector, chs }) => {
    expect(encodeChs(sector * SECTOR)).toEqual(chs);
  });
});

describe('partition table', () => {
  test('entries match the bytes Nanos mkfs writes', () => {
    const boot = syntheticBootImage();
    const sector = writePartitionTable(boot, [
      { type: PartitionType.nanos, offsetBytes: 103 * SECTOR, sizeBytes: 24_576 * SECTOR },
      { type: PartitionType.nanos, offsetBytes: 24_679 * SECTOR, sizeBytes: 6144 * SECTOR },
    ]);
    expect(Buffer.from(sector.subarray(0x1be, 0x1ce)).toString('hex')).toBe(
      '800129008388' + '2e01' + '67000000' + '00600000',
    );
    expect(sector.subarray(0, 0x1be)).toEqual(Uint8Array.from(boot.subarray(0, 0x1be)));
    expect(Buffer.from(sector.subarray(0x1fe)).toString('hex')).toBe('55aa');
  });

  test('decodes what it encodes, with the stage1 region', () => {
    const sector = writePartitionTable(syntheticBootImage(4096), [
      { type: PartitionType.nanos, offsetBytes: 4096 + 512 + 4096, sizeBytes: 12 << 20 },
      { type: PartitionType.nanos, offsetBytes: (12 << 20) + 8704, sizeBytes: 2 << 20 },
    ]);
    const mbr = decodeMbr(sector);
    expect(mbr.hasSignature).toBe(true);
    expect(mbr.region).toEqual({ base: 0x8000, length: 4096, type: 12 });
    expect(mbr.partitions).toEqual([
      { index: 0, active: true, type: 0x83, startLba: 17, sectors: 24_576 },
      { index: 1, active: true, type: 0x83, startLba: 24_593, sectors: 4096 },
    ]);
  });

  test('refuses partitions that are not sector aligned', () => {
    expect(() =>
      writePartitionTable(syntheticBootImage(), [{ type: 0x83, offsetBytes: 100, sizeBytes: 512 }]),
    ).toThrow(RangeError);
  });
});
