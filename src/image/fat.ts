/**
 * FAT32 on-disk records (Microsoft's "FAT: General Overview of On-Disk Format", v1.03): the
 * boot sector with its BIOS parameter block, the FSInfo sector, FAT entries and 32-byte
 * directory entries, long-name (LFN) entries included for reading. Used for the EFI System
 * Partition (esp.ts): the writer (fat-writer.ts) encodes with these, the reader
 * (fat-reader.ts) decodes with them.
 *
 * Boot sector (sector 0, copied to `backupBootSector`):
 *
 * | offset | size | field                                                  |
 * |--------|------|--------------------------------------------------------|
 * | 0x000  | 3    | jump over the BPB (`EB 58 90`)                         |
 * | 0x003  | 8    | OEM name                                               |
 * | 0x00B  | 25   | BIOS parameter block (sector size … hidden sectors)     |
 * | 0x020  | 28   | FAT32 BPB (total sectors, FAT size, root cluster …)     |
 * | 0x040  | 26   | drive, boot signature, volume id, label, type `FAT32`   |
 * | 0x05A  | 420  | boot code                                              |
 * | 0x1FE  | 2    | signature `55 AA`                                      |
 */
import { ByteCursor } from './bytes.js';

export const FAT_SECTOR_BYTES = 512;
export const DIRECTORY_ENTRY_BYTES = 32;
/** The first data cluster; clusters 0 and 1 exist only as FAT entries. */
export const FIRST_DATA_CLUSTER = 2;
/** A FAT32 entry uses its low 28 bits; the top 4 are reserved. */
export const FAT32_ENTRY_MASK = 0x0fffffff;
/** FAT entry: the cluster is free. */
export const FREE_CLUSTER = 0;
/** FAT entry: the last cluster of a chain (any value ≥ 0x0FFFFFF8 reads as one). */
export const END_OF_CHAIN = 0x0fffffff;
/** FAT entries from here up end a chain; 0x0FFFFFF7 marks a bad cluster. */
export const END_OF_CHAIN_MIN = 0x0ffffff8;
/** Below this many clusters a volume is FAT16 or FAT12 by definition, whatever it claims. */
export const MIN_FAT32_CLUSTERS = 65_525;

/** `EB 58 90`: jump over the BPB to the boot code at 0x5A, then a NOP. */
const JUMP = [0xeb, 0x58, 0x90];
const BOOT_CODE_OFFSET = 0x5a;
/**
 * The boot code: `hlt; jmp $-1`. Nothing ever runs it (firmware reads the ESP as data, and BIOS
 * boots Nanos' own stage1 from the disk's first sector), but a jump into zeros would execute
 * garbage should anyone chain-load the partition.
 */
const HALT_LOOP = [0xf4, 0xeb, 0xfd];
const SIGNATURE_OFFSET = 0x1fe;
const SIGNATURE = 0xaa55; // bytes 55 AA
/** Media descriptor: a fixed (non-removable) disk. */
export const MEDIA_FIXED_DISK = 0xf8;
/** BIOS drive number of the first hard disk. */
const DRIVE_FIRST_HARD_DISK = 0x80;
/** Extended boot signature: volume id, label and type follow. */
const EXTENDED_BOOT_SIGNATURE = 0x29;
/** FAT32 extended flags 0: every FAT is kept up to date (mirrored). */
const FATS_MIRRORED = 0;
const FAT32_VERSION = 0;
const FILESYSTEM_TYPE = 'FAT32   ';

const FSINFO_LEAD_SIGNATURE = 0x41615252; // "RRaA"
const FSINFO_STRUCT_SIGNATURE = 0x61417272; // "rrAa"
const FSINFO_TRAIL_SIGNATURE = 0xaa550000; // 00 00 55 AA
const FSINFO_STRUCT_OFFSET = 484;

/** Directory entry attribute bits. */
export const Attribute = {
  readOnly: 0x01,
  hidden: 0x02,
  system: 0x04,
  volumeLabel: 0x08,
  directory: 0x10,
  archive: 0x20,
  /** read-only | hidden | system | volume label: a long-name entry. */
  longName: 0x0f,
} as const;
/** First name byte of a deleted entry. */
export const DELETED_ENTRY = 0xe5;
/** First name byte of the entry after the last one in use. */
export const END_OF_DIRECTORY = 0x00;
/** A first name byte of 0xE5 is stored as 0x05 (0xE5 means deleted). */
const ESCAPED_E5 = 0x05;
/** Long-name entry: the order byte of the last (first stored) entry of a name has this bit. */
const LAST_LONG_ENTRY = 0x40;
/** NT reserved byte: the base name / extension is to be shown in lower case. */
const LOWERCASE_BASE = 0x08;
const LOWERCASE_EXTENSION = 0x10;

/** The BPB fields a FAT32 volume is read and written with. */
export interface BootSector {
  oemName: string;
  bytesPerSector: number;
  sectorsPerCluster: number;
  reservedSectors: number;
  fatCount: number;
  media: number;
  sectorsPerTrack: number;
  heads: number;
  hiddenSectors: number;
  totalSectors: number;
  sectorsPerFat: number;
  rootCluster: number;
  fsInfoSector: number;
  backupBootSector: number;
  volumeId: number;
  /** 11 characters, space padded; `NO NAME    ` when the volume has none. */
  volumeLabel: string;
}

/** Encodes a FAT32 boot sector (512 bytes) in field order. */
export function encodeBootSector(boot: BootSector): Uint8Array {
  const sector = new Uint8Array(FAT_SECTOR_BYTES);
  const cursor = new ByteCursor(sector);
  cursor.writeBytes(Uint8Array.from(JUMP)); // jump to the boot code
  cursor.writeBytes(paddedAscii(boot.oemName, 8)); // OEM name
  cursor.writeU16le(boot.bytesPerSector); // bytes per sector
  cursor.writeU8(boot.sectorsPerCluster); // sectors per cluster
  cursor.writeU16le(boot.reservedSectors); // reserved sectors, boot sector included
  cursor.writeU8(boot.fatCount); // number of FATs
  cursor.writeU16le(0); // root directory entries: 0 on FAT32 (the root is a cluster chain)
  cursor.writeU16le(0); // 16-bit total sectors: 0, the 32-bit field holds it
  cursor.writeU8(boot.media); // media descriptor
  cursor.writeU16le(0); // 16-bit FAT size: 0 on FAT32
  cursor.writeU16le(boot.sectorsPerTrack); // CHS geometry: sectors per track
  cursor.writeU16le(boot.heads); // CHS geometry: heads
  cursor.writeU32le(boot.hiddenSectors); // sectors before the volume
  cursor.writeU32le(boot.totalSectors); // 32-bit total sectors
  cursor.writeU32le(boot.sectorsPerFat); // sectors per FAT
  cursor.writeU16le(FATS_MIRRORED); // extended flags
  cursor.writeU16le(FAT32_VERSION); // filesystem version 0.0
  cursor.writeU32le(boot.rootCluster); // first cluster of the root directory
  cursor.writeU16le(boot.fsInfoSector); // FSInfo sector
  cursor.writeU16le(boot.backupBootSector); // backup boot sector
  cursor.skip(12); // reserved
  cursor.writeU8(DRIVE_FIRST_HARD_DISK); // BIOS drive number
  cursor.writeU8(0); // reserved
  cursor.writeU8(EXTENDED_BOOT_SIGNATURE); // extended boot signature
  cursor.writeU32le(boot.volumeId); // volume serial number
  cursor.writeBytes(paddedAscii(boot.volumeLabel, 11)); // volume label
  cursor.writeBytes(paddedAscii(FILESYSTEM_TYPE, 8)); // filesystem type (informational)
  cursor.seek(BOOT_CODE_OFFSET).writeBytes(Uint8Array.from(HALT_LOOP)); // boot code
  cursor.seek(SIGNATURE_OFFSET).writeU16le(SIGNATURE); // 55 AA
  return sector;
}

/** Why a sector is not a FAT32 boot sector, or the decoded fields. */
export type DecodedBootSector = { ok: true; boot: BootSector } | { ok: false; problem: string };

/** Decodes a boot sector; refuses anything that is not FAT32 (a 16-bit FAT size, no signature). */
export function decodeBootSector(sector: Uint8Array): DecodedBootSector {
  if (sector.length < FAT_SECTOR_BYTES)
    return { ok: false, problem: 'it is shorter than a sector' };
  const cursor = new ByteCursor(sector);
  if (cursor.seek(SIGNATURE_OFFSET).u16le() !== SIGNATURE) {
    return { ok: false, problem: 'its boot sector does not end with 55 AA' };
  }
  cursor.seek(3);
  const oemName = ascii(cursor.bytes(8));
  const bytesPerSector = cursor.u16le();
  const sectorsPerCluster = cursor.u8();
  const reservedSectors = cursor.u16le();
  const fatCount = cursor.u8();
  const rootEntries = cursor.u16le();
  const totalSectors16 = cursor.u16le();
  const media = cursor.u8();
  const sectorsPerFat16 = cursor.u16le();
  const sectorsPerTrack = cursor.u16le();
  const heads = cursor.u16le();
  const hiddenSectors = cursor.u32le();
  const totalSectors32 = cursor.u32le();
  const sectorsPerFat = cursor.u32le();
  cursor.skip(4); // extended flags, version
  const rootCluster = cursor.u32le();
  const fsInfoSector = cursor.u16le();
  const backupBootSector = cursor.u16le();
  cursor.seek(0x43);
  const volumeId = cursor.u32le();
  const volumeLabel = ascii(cursor.bytes(11));
  if (sectorsPerFat16 !== 0 || rootEntries !== 0 || sectorsPerFat === 0) {
    return { ok: false, problem: 'it is FAT12 or FAT16, not FAT32' };
  }
  return {
    ok: true,
    boot: {
      oemName,
      bytesPerSector,
      sectorsPerCluster,
      reservedSectors,
      fatCount,
      media,
      sectorsPerTrack,
      heads,
      hiddenSectors,
      totalSectors: totalSectors16 !== 0 ? totalSectors16 : totalSectors32,
      sectorsPerFat,
      rootCluster,
      fsInfoSector,
      backupBootSector,
      volumeId,
      volumeLabel,
    },
  };
}

/**
 * Encodes the FSInfo sector: the free-cluster count and the next free cluster, hints that
 * drivers use instead of scanning the FAT (fsck.fat checks that they are right).
 */
export function encodeFsInfo(freeClusters: number, nextFreeCluster: number): Uint8Array {
  const sector = new Uint8Array(FAT_SECTOR_BYTES);
  const cursor = new ByteCursor(sector);
  cursor.writeU32le(FSINFO_LEAD_SIGNATURE); // lead signature
  cursor.seek(FSINFO_STRUCT_OFFSET).writeU32le(FSINFO_STRUCT_SIGNATURE); // struct signature
  cursor.writeU32le(freeClusters); // free clusters
  cursor.writeU32le(nextFreeCluster); // where to start looking for a free cluster
  cursor.skip(12); // reserved
  cursor.writeU32le(FSINFO_TRAIL_SIGNATURE); // trail signature
  return sector;
}

/** A FAT date and time (2-second resolution, local time by convention). */
export interface FatTimestamp {
  /** (year − 1980) << 9 | month << 5 | day */
  date: number;
  /** hours << 11 | minutes << 5 | seconds / 2 */
  time: number;
}

/** Packs a calendar date and time of day into FAT's two 16-bit fields. */
export function encodeTimestamp(
  year: number,
  month: number,
  day: number,
  hours = 0,
  minutes = 0,
  seconds = 0,
): FatTimestamp {
  if (year < 1980 || year > 2107 || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new RangeError(
      `${year}-${month}-${day} is outside FAT's dates (1980-01-01 … 2107-12-31)`,
    );
  }
  return {
    date: ((year - 1980) << 9) | (month << 5) | day,
    time: (hours << 11) | (minutes << 5) | Math.floor(seconds / 2),
  };
}

/** A short (8.3) directory entry. */
export interface ShortEntry {
  /** 11 bytes: base name and extension, each space padded. */
  name: Uint8Array;
  attributes: number;
  /** The NT case bits (LOWERCASE_BASE, LOWERCASE_EXTENSION); 0 when writing. */
  caseFlags: number;
  firstCluster: number;
  sizeBytes: number;
}

/** Encodes a 32-byte short directory entry, every timestamp set to `stamp`. */
export function encodeShortEntry(entry: ShortEntry, stamp: FatTimestamp): Uint8Array {
  const bytes = new Uint8Array(DIRECTORY_ENTRY_BYTES);
  const cursor = new ByteCursor(bytes);
  cursor.writeBytes(entry.name); // 8.3 name
  cursor.writeU8(entry.attributes); // attributes
  cursor.writeU8(entry.caseFlags); // NT reserved: case of name and extension
  cursor.writeU8(0); // creation time, tenths of a second
  cursor.writeU16le(stamp.time); // creation time
  cursor.writeU16le(stamp.date); // creation date
  cursor.writeU16le(stamp.date); // last access date
  cursor.writeU16le(entry.firstCluster >>> 16); // first cluster, high word
  cursor.writeU16le(stamp.time); // last write time
  cursor.writeU16le(stamp.date); // last write date
  cursor.writeU16le(entry.firstCluster & 0xffff); // first cluster, low word
  cursor.writeU32le(entry.sizeBytes); // file size (0 for directories)
  return bytes;
}

/** One decoded 32-byte directory slot. */
export type DirectorySlot =
  | { kind: 'end' }
  | { kind: 'deleted' }
  | { kind: 'long'; order: number; last: boolean; checksum: number; chars: number[] }
  | { kind: 'short'; entry: ShortEntry };

/** Decodes one directory slot (32 bytes). */
export function decodeDirectorySlot(bytes: Uint8Array): DirectorySlot {
  const cursor = new ByteCursor(bytes);
  const first = bytes[0];
  if (first === END_OF_DIRECTORY) return { kind: 'end' };
  if (first === DELETED_ENTRY) return { kind: 'deleted' };
  const attributes = bytes[0x0b]!;
  if ((attributes & 0x3f) === Attribute.longName) {
    const order = cursor.u8();
    const chars = [...units(cursor, 5)];
    cursor.skip(2); // attributes, type
    const checksum = cursor.u8();
    chars.push(...units(cursor, 6));
    cursor.skip(2); // first cluster: always 0
    chars.push(...units(cursor, 2));
    return {
      kind: 'long',
      order: order & ~LAST_LONG_ENTRY,
      last: (order & LAST_LONG_ENTRY) !== 0,
      checksum,
      chars,
    };
  }
  const name = Uint8Array.from(bytes.subarray(0, 11));
  if (name[0] === ESCAPED_E5) name[0] = DELETED_ENTRY;
  const high = cursor.seek(0x14).u16le();
  const low = cursor.seek(0x1a).u16le();
  return {
    kind: 'short',
    entry: {
      name,
      attributes,
      caseFlags: bytes[0x0c]!,
      firstCluster: high * 0x10000 + low,
      sizeBytes: cursor.seek(0x1c).u32le(),
    },
  };
}

/** The name a short entry shows: `BASE.EXT`, lower-cased where its NT case bits say so. */
export function shortEntryName(entry: ShortEntry): string {
  let base = ascii(entry.name.subarray(0, 8)).trimEnd();
  let extension = ascii(entry.name.subarray(8, 11)).trimEnd();
  if (entry.caseFlags & LOWERCASE_BASE) base = base.toLowerCase();
  if (entry.caseFlags & LOWERCASE_EXTENSION) extension = extension.toLowerCase();
  return extension === '' ? base : `${base}.${extension}`;
}

/** The checksum of a short name that its long-name entries carry. */
export function shortNameChecksum(name: Uint8Array): number {
  let sum = 0;
  for (const byte of name) sum = ((sum & 1 ? 0x80 : 0) + (sum >> 1) + byte) & 0xff;
  return sum;
}

/** Characters allowed in a short name besides letters and digits. */
const SHORT_NAME_SPECIALS = "$%'-_@~`!(){}^#&";

/**
 * Encodes `name` as an 11-byte short name when it is a valid upper-case 8.3 name (`EFI`,
 * `BOOTX64.EFI`); undefined otherwise (such a name would need long-name entries).
 */
export function encodeShortName(name: string): Uint8Array | undefined {
  const match = /^([^.]{1,8})(?:\.([^.]{1,3}))?$/.exec(name);
  if (match === null) return undefined;
  const valid = (part: string) =>
    [...part].every((char) => /[A-Z0-9]/.test(char) || SHORT_NAME_SPECIALS.includes(char));
  const [, base, extension = ''] = match;
  if (!valid(base!) || !valid(extension)) return undefined;
  const bytes = new Uint8Array(11).fill(0x20);
  bytes.set(Buffer.from(base!, 'ascii'), 0);
  bytes.set(Buffer.from(extension, 'ascii'), 8);
  return bytes;
}

function* units(cursor: ByteCursor, count: number): Generator<number> {
  for (let i = 0; i < count; i++) yield cursor.u16le();
}

function paddedAscii(text: string, length: number): Uint8Array {
  const bytes = new Uint8Array(length).fill(0x20);
  bytes.set(Buffer.from(text, 'ascii').subarray(0, length));
  return bytes;
}

function ascii(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1');
}
