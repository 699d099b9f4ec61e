/**
 * The first sector of a Nanos disk (nanos-image-format.md §1.2, §1.3): stage1 boot code from
 * `boot.img`, the region record that tells stage1 how long stage2 is, the four partition
 * entries the image builder fills in, and the `55 AA` signature.
 *
 * | offset | size | field                                        |
 * |--------|------|----------------------------------------------|
 * | 0x000  | 426  | stage1 code (copied verbatim)                |
 * | 0x1AA  | 8    | region base, LE u64 (0x8000: stage2 address) |
 * | 0x1B2  | 8    | region length, LE u64 (stage2 size S2)       |
 * | 0x1BA  | 4    | region type, LE u32 (12 = filesystem)        |
 * | 0x1BE  | 64   | partition entries 0–3, 16 bytes each         |
 * | 0x1FE  | 2    | signature `55 AA`                            |
 */
import { ByteCursor } from './bytes.js';

export const MBR_BYTES = 512;
/**
 * The klog dump area (format spec §1.4): 4096 bytes just before the first partition. The
 * kernel writes a record there when it shuts down with a non-zero status; builders leave zeros.
 */
export const KLOG_AREA_BYTES = 4096;
const REGION_OFFSET = 0x1aa;
const PARTITION_TABLE_OFFSET = 0x1be;
const PARTITION_ENTRY_BYTES = 16;
const PARTITION_ENTRIES = 4;
const SIGNATURE_OFFSET = 0x1fe;
const SIGNATURE = 0xaa55; // bytes 55 AA, read as LE u16
/** `REGION_FILESYSTEM` in the kernel's region.h: the record describes stage2. */
export const REGION_TYPE_STAGE2 = 12;

/** Partition status byte: Nanos marks every partition it writes active. */
const ACTIVE = 0x80;
export const PartitionType = { esp: 0xef, nanos: 0x83 } as const;

/** CHS values saturate here, as in the Nanos builders (firmware ignores CHS anyway). */
const SECTORS_PER_TRACK = 63;
const HEADS = 255;
const MAX_CYLINDER = 1023;

export interface Stage1Region {
  base: number;
  length: number;
  type: number;
}

export interface PartitionEntry {
  active: boolean;
  type: number;
  startLba: number;
  sectors: number;
}

export interface Mbr {
  hasSignature: boolean;
  region: Stage1Region;
  /** Non-empty entries, in table order (index kept). */
  partitions: (PartitionEntry & { index: number })[];
}

/**
 * The Nanos CHS formula (not the standard one: cylinder bits 8–9 go into the sector byte's
 * low bits by OR-ing, exactly as the Nanos builders do, so our MBR is byte-identical).
 */
export function encodeChs(byteOffset: number): [number, number, number] {
  const sector = Math.floor(byteOffset / MBR_BYTES);
  let cylinder = Math.floor(sector / SECTORS_PER_TRACK / HEADS);
  let head = Math.floor(sector / SECTORS_PER_TRACK) % HEADS;
  let sectorInTrack = (sector % SECTORS_PER_TRACK) + 1;
  if (cylinder > MAX_CYLINDER) {
    cylinder = MAX_CYLINDER;
    head = HEADS - 1;
    sectorInTrack = SECTORS_PER_TRACK;
  }
  return [head, (cylinder >> 8) | sectorInTrack, cylinder & 0xff];
}

/**
 * Decodes the stage1 region record. Any sector decodes: a 64-bit field beyond 2^53 (garbage)
 * becomes an inexact number, which the callers' checks then refuse.
 */
function decodeRegion(mbr: Uint8Array): Stage1Region {
  const cursor = new ByteCursor(mbr).seek(REGION_OFFSET);
  return {
    base: Number(cursor.u64leBig()), // where stage1 loads stage2
    length: Number(cursor.u64leBig()), // stage2 bytes (S2)
    type: cursor.u32le(), // REGION_TYPE_STAGE2 in a Nanos boot.img
  };
}

/** Decodes a whole first sector: signature, stage1 region and the non-empty partitions. */
export function decodeMbr(sector: Uint8Array): Mbr {
  const cursor = new ByteCursor(sector);
  const partitions: Mbr['partitions'] = [];
  for (let index = 0; index < PARTITION_ENTRIES; index++) {
    cursor.seek(PARTITION_TABLE_OFFSET + index * PARTITION_ENTRY_BYTES);
    const entry = decodePartitionEntry(cursor);
    if (entry.type !== 0 || entry.sectors !== 0) partitions.push({ ...entry, index });
  }
  return {
    hasSignature: cursor.seek(SIGNATURE_OFFSET).u16le() === SIGNATURE,
    region: decodeRegion(sector),
    partitions,
  };
}

function decodePartitionEntry(cursor: ByteCursor): PartitionEntry {
  const status = cursor.u8();
  cursor.skip(3); // CHS of the first sector: derived, not read
  const type = cursor.u8();
  cursor.skip(3); // CHS of the last sector
  return { active: status === ACTIVE, type, startLba: cursor.u32le(), sectors: cursor.u32le() };
}

function encodePartitionEntry(
  cursor: ByteCursor,
  type: number,
  offsetBytes: number,
  sizeBytes: number,
): void {
  cursor.writeU8(ACTIVE); // status: bootable
  cursor.writeBytes(Uint8Array.from(encodeChs(offsetBytes))); // CHS of the first sector
  cursor.writeU8(type); // partition type
  cursor.writeBytes(Uint8Array.from(encodeChs(offsetBytes + sizeBytes - MBR_BYTES))); // CHS of the last sector
  cursor.writeU32le(offsetBytes / MBR_BYTES); // first LBA
  cursor.writeU32le(sizeBytes / MBR_BYTES); // sector count
}

/** A partition to record: its type and where it lies in the image, in whole sectors. */
export interface PartitionSpec {
  type: number;
  offsetBytes: number;
  sizeBytes: number;
}

/**
 * Returns a copy of the stage1 sector with `partitions` in entries 0.. and the rest cleared;
 * the code, region record and signature are kept.
 */
export function writePartitionTable(stage1: Uint8Array, partitions: PartitionSpec[]): Uint8Array {
  if (partitions.length > PARTITION_ENTRIES) throw new RangeError('An MBR holds 4 partitions.');
  const sector = Uint8Array.from(stage1.subarray(0, MBR_BYTES));
  const cursor = new ByteCursor(sector).seek(PARTITION_TABLE_OFFSET);
  cursor
    .writeBytes(new Uint8Array(PARTITION_ENTRIES * PARTITION_ENTRY_BYTES))
    .seek(PARTITION_TABLE_OFFSET);
  for (const { type, offsetBytes, sizeBytes } of partitions) {
    if (offsetBytes % MBR_BYTES !== 0 || sizeBytes % MBR_BYTES !== 0) {
      throw new RangeError(`Partition at ${offsetBytes} (+${sizeBytes}) is not sector aligned.`);
    }
    encodePartitionEntry(cursor, type, offsetBytes, sizeBytes);
  }
  return sector;
}
