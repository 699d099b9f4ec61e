#!/usr/bin/env node
import {
  open
} from "./chunk-LBVLAXKG.mjs";
import {
  readFully
} from "./chunk-XQAZEOO7.mjs";
import {
  UserError
} from "./chunk-VGHMWJDJ.mjs";
import {
  __name
} from "./chunk-HGNCOX5Y.mjs";

// src/file-digest.ts
const { createHash } = process.getBuiltinModule("node:crypto");
var READ_BYTES = 256 * 1024;
async function sha256File(file) {
  const hash = createHash("sha256");
  const input = await open(file, "r");
  try {
    const buffer = Buffer.allocUnsafeSlow(READ_BYTES);
    for (; ; ) {
      const { bytesRead } = await input.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await input.close();
  }
  return hash.digest("hex");
}
__name(sha256File, "sha256File");

// src/image/bytes.ts
var ByteRangeError = class extends Error {
  constructor(offset, wanted, available) {
    super(
      `Wanted ${wanted} byte(s) at offset ${offset}, but only ${Math.max(0, available - offset)} remain (size ${available}).`
    );
    this.offset = offset;
    this.wanted = wanted;
    this.available = available;
  }
  offset;
  wanted;
  available;
  static {
    __name(this, "ByteRangeError");
  }
  name = "ByteRangeError";
};
var VarintError = class extends Error {
  constructor(offset, reason) {
    super(`Bad varint at offset ${offset}: ${reason}.`);
    this.offset = offset;
  }
  offset;
  static {
    __name(this, "VarintError");
  }
  name = "VarintError";
};
var INITIAL_WRITE_CAPACITY = 256;
var MAX_VARINT_BYTES = 8;
var ByteCursor = class _ByteCursor {
  static {
    __name(this, "ByteCursor");
  }
  #bytes;
  #view;
  #position = 0;
  /** Highest offset written or given; `toBytes()` returns everything below it. */
  #end;
  #growable;
  constructor(bytes, options = {}) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#growable = options.growable ?? false;
    this.#end = this.#growable ? 0 : bytes.byteLength;
  }
  /** An empty cursor that grows as it is written. */
  static forWriting(initialCapacity = INITIAL_WRITE_CAPACITY) {
    return new _ByteCursor(new Uint8Array(initialCapacity), { growable: true });
  }
  /** Number of valid bytes (fixed size, or the high-water mark of a growable cursor). */
  get length() {
    return this.#end;
  }
  /** Current position. */
  tell() {
    return this.#position;
  }
  /** Moves to `offset`; a fixed cursor refuses offsets beyond its end. */
  seek(offset) {
    if (offset < 0 || !this.#growable && offset > this.#end) {
      throw new ByteRangeError(offset, 0, this.#end);
    }
    this.#position = offset;
    return this;
  }
  /** Moves `count` bytes forward (or backward when negative). */
  skip(count) {
    return this.seek(this.#position + count);
  }
  /** Bytes left between the position and the end. */
  remaining() {
    return Math.max(0, this.#end - this.#position);
  }
  u8() {
    return this.#view.getUint8(this.#take(1));
  }
  u16le() {
    return this.#view.getUint16(this.#take(2), true);
  }
  u16be() {
    return this.#view.getUint16(this.#take(2), false);
  }
  u32le() {
    return this.#view.getUint32(this.#take(4), true);
  }
  u32be() {
    return this.#view.getUint32(this.#take(4), false);
  }
  /** A 64-bit little-endian integer as a bigint (no precision loss). */
  u64leBig() {
    return this.#view.getBigUint64(this.#take(8), true);
  }
  u64beBig() {
    return this.#view.getBigUint64(this.#take(8), false);
  }
  /** A 64-bit little-endian integer as a number; a value above 2^53 throws a `RangeError`. */
  u64le() {
    return toSafeNumber(this.u64leBig(), this.#position - 8);
  }
  u64be() {
    return toSafeNumber(this.u64beBig(), this.#position - 8);
  }
  /** The next `count` bytes as a view (no copy); copy it if the source may change. */
  bytes(count) {
    const start = this.#take(count);
    return this.#bytes.subarray(start, start + count);
  }
  /** A TFS varint (big-endian base-128, see `decodeVarint`). */
  varint() {
    const { value, length } = decodeVarint(this.#bytes.subarray(0, this.#end), this.#position);
    this.#position += length;
    return value;
  }
  writeU8(value) {
    checkWidth(value, 8, "writeU8");
    const at = this.#reserve(1);
    this.#view.setUint8(at, value);
    return this;
  }
  writeU16le(value) {
    checkWidth(value, 16, "writeU16le");
    const at = this.#reserve(2);
    this.#view.setUint16(at, value, true);
    return this;
  }
  writeU16be(value) {
    checkWidth(value, 16, "writeU16be");
    const at = this.#reserve(2);
    this.#view.setUint16(at, value, false);
    return this;
  }
  writeU32le(value) {
    checkWidth(value, 32, "writeU32le");
    const at = this.#reserve(4);
    this.#view.setUint32(at, value, true);
    return this;
  }
  writeU32be(value) {
    checkWidth(value, 32, "writeU32be");
    const at = this.#reserve(4);
    this.#view.setUint32(at, value, false);
    return this;
  }
  writeU64le(value) {
    checkWidth(value, 64, "writeU64le");
    const at = this.#reserve(8);
    this.#view.setBigUint64(at, BigInt(value), true);
    return this;
  }
  writeU64be(value) {
    checkWidth(value, 64, "writeU64be");
    const at = this.#reserve(8);
    this.#view.setBigUint64(at, BigInt(value), false);
    return this;
  }
  writeBytes(bytes) {
    const at = this.#reserve(bytes.byteLength);
    this.#bytes.set(bytes, at);
    return this;
  }
  writeVarint(value) {
    return this.writeBytes(encodeVarint(value));
  }
  /** The bytes from offset 0 to the end, as a view (no copy). */
  toBytes() {
    return this.#bytes.subarray(0, this.#end);
  }
  /** Claims `count` bytes for reading at the position and advances past them. */
  #take(count) {
    const start = this.#position;
    if (start + count > this.#end) throw new ByteRangeError(start, count, this.#end);
    this.#position = start + count;
    return start;
  }
  /**
   * Claims `count` bytes for writing at the position, growing if allowed. Callers take the
   * offset *before* touching `#view`/`#bytes`, because growing replaces both.
   */
  #reserve(count) {
    const start = this.#position;
    const needed = start + count;
    if (needed > this.#bytes.byteLength) {
      if (!this.#growable) throw new ByteRangeError(start, count, this.#bytes.byteLength);
      this.#grow(needed);
    }
    this.#position = needed;
    this.#end = Math.max(this.#end, needed);
    return start;
  }
  #grow(needed) {
    const grown = new Uint8Array(Math.max(needed, this.#bytes.byteLength * 2));
    grown.set(this.#bytes);
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }
};
function checkWidth(value, bits, method) {
  const fits = typeof value === "bigint" ? value >= 0n && value < 1n << BigInt(bits) : Number.isInteger(value) && value >= 0 && value < 2 ** bits;
  if (!fits) {
    throw new RangeError(`${method}: ${value} is not a whole number from 0 to 2^${bits} - 1.`);
  }
}
__name(checkWidth, "checkWidth");
function toSafeNumber(value, offset) {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`64-bit value ${value} at offset ${offset} is larger than 2^53.`);
  }
  return Number(value);
}
__name(toSafeNumber, "toSafeNumber");
function encodeVarint(value) {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`A TFS varint holds a non-negative safe integer, not ${value}.`);
  }
  const groups = [];
  let rest = value;
  do {
    groups.unshift(rest % 128);
    rest = Math.floor(rest / 128);
  } while (rest > 0);
  for (let i = 0; i < groups.length - 1; i++) groups[i] |= 128;
  return Uint8Array.from(groups);
}
__name(encodeVarint, "encodeVarint");
function decodeVarint(bytes, offset = 0) {
  let value = 0;
  for (let length = 1; length <= MAX_VARINT_BYTES; length++) {
    const at = offset + length - 1;
    if (at >= bytes.byteLength) throw new VarintError(offset, "the bytes end inside it");
    const byte = bytes[at];
    value = value * 128 + (byte & 127);
    if ((byte & 128) === 0) {
      if (!Number.isSafeInteger(value)) throw new VarintError(offset, "value above 2^53");
      return { value, length };
    }
  }
  throw new VarintError(offset, `longer than ${MAX_VARINT_BYTES} bytes`);
}
__name(decodeVarint, "decodeVarint");

// src/image/fat.ts
var FAT_SECTOR_BYTES = 512;
var DIRECTORY_ENTRY_BYTES = 32;
var FIRST_DATA_CLUSTER = 2;
var FAT32_ENTRY_MASK = 268435455;
var FREE_CLUSTER = 0;
var END_OF_CHAIN = 268435455;
var END_OF_CHAIN_MIN = 268435448;
var MIN_FAT32_CLUSTERS = 65525;
var JUMP = [235, 88, 144];
var BOOT_CODE_OFFSET = 90;
var HALT_LOOP = [244, 235, 253];
var SIGNATURE_OFFSET = 510;
var SIGNATURE = 43605;
var MEDIA_FIXED_DISK = 248;
var DRIVE_FIRST_HARD_DISK = 128;
var EXTENDED_BOOT_SIGNATURE = 41;
var FATS_MIRRORED = 0;
var FAT32_VERSION = 0;
var FILESYSTEM_TYPE = "FAT32   ";
var FSINFO_LEAD_SIGNATURE = 1096897106;
var FSINFO_STRUCT_SIGNATURE = 1631679090;
var FSINFO_TRAIL_SIGNATURE = 2857697280;
var FSINFO_STRUCT_OFFSET = 484;
var Attribute = {
  readOnly: 1,
  hidden: 2,
  system: 4,
  volumeLabel: 8,
  directory: 16,
  archive: 32,
  /** read-only | hidden | system | volume label: a long-name entry. */
  longName: 15
};
var DELETED_ENTRY = 229;
var END_OF_DIRECTORY = 0;
var ESCAPED_E5 = 5;
var LAST_LONG_ENTRY = 64;
var LOWERCASE_BASE = 8;
var LOWERCASE_EXTENSION = 16;
function encodeBootSector(boot) {
  const sector = new Uint8Array(FAT_SECTOR_BYTES);
  const cursor = new ByteCursor(sector);
  cursor.writeBytes(Uint8Array.from(JUMP));
  cursor.writeBytes(paddedAscii(boot.oemName, 8));
  cursor.writeU16le(boot.bytesPerSector);
  cursor.writeU8(boot.sectorsPerCluster);
  cursor.writeU16le(boot.reservedSectors);
  cursor.writeU8(boot.fatCount);
  cursor.writeU16le(0);
  cursor.writeU16le(0);
  cursor.writeU8(boot.media);
  cursor.writeU16le(0);
  cursor.writeU16le(boot.sectorsPerTrack);
  cursor.writeU16le(boot.heads);
  cursor.writeU32le(boot.hiddenSectors);
  cursor.writeU32le(boot.totalSectors);
  cursor.writeU32le(boot.sectorsPerFat);
  cursor.writeU16le(FATS_MIRRORED);
  cursor.writeU16le(FAT32_VERSION);
  cursor.writeU32le(boot.rootCluster);
  cursor.writeU16le(boot.fsInfoSector);
  cursor.writeU16le(boot.backupBootSector);
  cursor.skip(12);
  cursor.writeU8(DRIVE_FIRST_HARD_DISK);
  cursor.writeU8(0);
  cursor.writeU8(EXTENDED_BOOT_SIGNATURE);
  cursor.writeU32le(boot.volumeId);
  cursor.writeBytes(paddedAscii(boot.volumeLabel, 11));
  cursor.writeBytes(paddedAscii(FILESYSTEM_TYPE, 8));
  cursor.seek(BOOT_CODE_OFFSET).writeBytes(Uint8Array.from(HALT_LOOP));
  cursor.seek(SIGNATURE_OFFSET).writeU16le(SIGNATURE);
  return sector;
}
__name(encodeBootSector, "encodeBootSector");
function decodeBootSector(sector) {
  if (sector.length < FAT_SECTOR_BYTES)
    return { ok: false, problem: "it is shorter than a sector" };
  const cursor = new ByteCursor(sector);
  if (cursor.seek(SIGNATURE_OFFSET).u16le() !== SIGNATURE) {
    return { ok: false, problem: "its boot sector does not end with 55 AA" };
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
  cursor.skip(4);
  const rootCluster = cursor.u32le();
  const fsInfoSector = cursor.u16le();
  const backupBootSector = cursor.u16le();
  cursor.seek(67);
  const volumeId = cursor.u32le();
  const volumeLabel = ascii(cursor.bytes(11));
  if (sectorsPerFat16 !== 0 || rootEntries !== 0 || sectorsPerFat === 0) {
    return { ok: false, problem: "it is FAT12 or FAT16, not FAT32" };
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
      volumeLabel
    }
  };
}
__name(decodeBootSector, "decodeBootSector");
function encodeFsInfo(freeClusters, nextFreeCluster) {
  const sector = new Uint8Array(FAT_SECTOR_BYTES);
  const cursor = new ByteCursor(sector);
  cursor.writeU32le(FSINFO_LEAD_SIGNATURE);
  cursor.seek(FSINFO_STRUCT_OFFSET).writeU32le(FSINFO_STRUCT_SIGNATURE);
  cursor.writeU32le(freeClusters);
  cursor.writeU32le(nextFreeCluster);
  cursor.skip(12);
  cursor.writeU32le(FSINFO_TRAIL_SIGNATURE);
  return sector;
}
__name(encodeFsInfo, "encodeFsInfo");
function encodeTimestamp(year, month, day, hours = 0, minutes = 0, seconds = 0) {
  if (year < 1980 || year > 2107 || month < 1 || month > 12 || day < 1 || day > 31) {
    throw new RangeError(
      `${year}-${month}-${day} is outside FAT's dates (1980-01-01 \u2026 2107-12-31)`
    );
  }
  return {
    date: year - 1980 << 9 | month << 5 | day,
    time: hours << 11 | minutes << 5 | Math.floor(seconds / 2)
  };
}
__name(encodeTimestamp, "encodeTimestamp");
function encodeShortEntry(entry, stamp) {
  const bytes = new Uint8Array(DIRECTORY_ENTRY_BYTES);
  const cursor = new ByteCursor(bytes);
  cursor.writeBytes(entry.name);
  cursor.writeU8(entry.attributes);
  cursor.writeU8(entry.caseFlags);
  cursor.writeU8(0);
  cursor.writeU16le(stamp.time);
  cursor.writeU16le(stamp.date);
  cursor.writeU16le(stamp.date);
  cursor.writeU16le(entry.firstCluster >>> 16);
  cursor.writeU16le(stamp.time);
  cursor.writeU16le(stamp.date);
  cursor.writeU16le(entry.firstCluster & 65535);
  cursor.writeU32le(entry.sizeBytes);
  return bytes;
}
__name(encodeShortEntry, "encodeShortEntry");
function decodeDirectorySlot(bytes) {
  const cursor = new ByteCursor(bytes);
  const first = bytes[0];
  if (first === END_OF_DIRECTORY) return { kind: "end" };
  if (first === DELETED_ENTRY) return { kind: "deleted" };
  const attributes = bytes[11];
  if ((attributes & 63) === Attribute.longName) {
    const order = cursor.u8();
    const chars = [...units(cursor, 5)];
    cursor.skip(2);
    const checksum = cursor.u8();
    chars.push(...units(cursor, 6));
    cursor.skip(2);
    chars.push(...units(cursor, 2));
    return {
      kind: "long",
      order: order & ~LAST_LONG_ENTRY,
      last: (order & LAST_LONG_ENTRY) !== 0,
      checksum,
      chars
    };
  }
  const name = Uint8Array.from(bytes.subarray(0, 11));
  if (name[0] === ESCAPED_E5) name[0] = DELETED_ENTRY;
  const high = cursor.seek(20).u16le();
  const low = cursor.seek(26).u16le();
  return {
    kind: "short",
    entry: {
      name,
      attributes,
      caseFlags: bytes[12],
      firstCluster: high * 65536 + low,
      sizeBytes: cursor.seek(28).u32le()
    }
  };
}
__name(decodeDirectorySlot, "decodeDirectorySlot");
function shortEntryName(entry) {
  let base = ascii(entry.name.subarray(0, 8)).trimEnd();
  let extension = ascii(entry.name.subarray(8, 11)).trimEnd();
  if (entry.caseFlags & LOWERCASE_BASE) base = base.toLowerCase();
  if (entry.caseFlags & LOWERCASE_EXTENSION) extension = extension.toLowerCase();
  return extension === "" ? base : `${base}.${extension}`;
}
__name(shortEntryName, "shortEntryName");
function shortNameChecksum(name) {
  let sum = 0;
  for (const byte of name) sum = (sum & 1 ? 128 : 0) + (sum >> 1) + byte & 255;
  return sum;
}
__name(shortNameChecksum, "shortNameChecksum");
var SHORT_NAME_SPECIALS = "$%'-_@~`!(){}^#&";
function encodeShortName(name) {
  const match = /^([^.]{1,8})(?:\.([^.]{1,3}))?$/.exec(name);
  if (match === null) return void 0;
  const valid = /* @__PURE__ */ __name((part) => [...part].every((char) => /[A-Z0-9]/.test(char) || SHORT_NAME_SPECIALS.includes(char)), "valid");
  const [, base, extension = ""] = match;
  if (!valid(base) || !valid(extension)) return void 0;
  const bytes = new Uint8Array(11).fill(32);
  bytes.set(Buffer.from(base, "ascii"), 0);
  bytes.set(Buffer.from(extension, "ascii"), 8);
  return bytes;
}
__name(encodeShortName, "encodeShortName");
function* units(cursor, count) {
  for (let i = 0; i < count; i++) yield cursor.u16le();
}
__name(units, "units");
function paddedAscii(text, length) {
  const bytes = new Uint8Array(length).fill(32);
  bytes.set(Buffer.from(text, "ascii").subarray(0, length));
  return bytes;
}
__name(paddedAscii, "paddedAscii");
function ascii(bytes) {
  return Buffer.from(bytes).toString("latin1");
}
__name(ascii, "ascii");

// src/image/fat-writer.ts
var FAT_COUNT = 2;
var FSINFO_SECTOR = 1;
var BACKUP_BOOT_SECTOR = 6;
var BACKUP_FSINFO_SECTOR = BACKUP_BOOT_SECTOR + 1;
var FAT_ENTRY_BYTES = 4;
var MEDIA_ENTRY = 268435200 | MEDIA_FIXED_DISK;
var CLEAN_ENTRY = END_OF_CHAIN;
var NO_LABEL = "NO NAME";
var FAT_EPOCH = encodeTimestamp(1980, 1, 1);
var FatBuilder = class {
  static {
    __name(this, "FatBuilder");
  }
  #geometry;
  #stamp;
  #root = {
    kind: "directory",
    path: "",
    children: [],
    firstCluster: 0,
    clusters: 0
  };
  /** `stamp` is every entry's timestamp (default the FAT epoch). Checks the geometry. */
  constructor(geometry, stamp = FAT_EPOCH) {
    checkGeometry(geometry);
    this.#geometry = geometry;
    this.#stamp = stamp;
  }
  /**
   * Adds a file at `path` (`A/B/C.EXT`, upper-case 8.3 names), creating its directories.
   * A name that is not 8.3, or a path taken already, is a bug in the caller: RangeError.
   */
  file(path, source) {
    const names = path.split("/");
    const fileName = names.pop();
    let directory = this.#root;
    for (const name of names) directory = this.#directory(directory, name);
    if (find(directory, fileName) !== void 0)
      throw new RangeError(`${path} is already in the volume.`);
    directory.children.push({
      kind: "file",
      path,
      name: shortName(fileName),
      source,
      sizeBytes: source.kind === "host" ? source.size : source.bytes.length,
      firstCluster: 0,
      clusters: 0
    });
    return this;
  }
  /**
   * Places every directory and file and encodes the metadata. Throws a UserError when the
   * files do not fit in the volume.
   */
  plan() {
    const geometry = this.#geometry;
    const clusterBytes = geometry.sectorsPerCluster * FAT_SECTOR_BYTES;
    const dataStartSector = geometry.reservedSectors + FAT_COUNT * geometry.sectorsPerFat;
    const clusterCount = Math.floor(
      (geometry.totalSectors - dataStartSector) / geometry.sectorsPerCluster
    );
    const nodes = [...walk(this.#root)];
    const directories = nodes.filter((node) => node.kind === "directory");
    const files = nodes.filter((node) => node.kind === "file");
    let next = FIRST_DATA_CLUSTER;
    for (const node of [...directories, ...files]) {
      const bytes = node.kind === "file" ? node.sizeBytes : Math.max(1, directorySlots(node)) * DIRECTORY_ENTRY_BYTES;
      node.clusters = Math.ceil(bytes / clusterBytes);
      node.firstCluster = node.clusters === 0 ? 0 : next;
      next += node.clusters;
    }
    const usedClusters = next - FIRST_DATA_CLUSTER;
    if (usedClusters > clusterCount)
      throw tooSmall(files, usedClusters, clusterCount, clusterBytes);
    const runs = [
      ...directories.map((directory) => ({
        cluster: directory.firstCluster,
        kind: "bytes",
        bytes: this.#encodeDirectory(directory, clusterBytes)
      })),
      ...files.filter((file) => file.clusters > 0).map((file) => ({
        cluster: file.firstCluster,
        kind: "file",
        path: file.path,
        source: file.source,
        sizeBytes: file.sizeBytes
      }))
    ];
    return {
      geometry,
      bootSector: encodeBootSector({
        oemName: geometry.oemName,
        bytesPerSector: FAT_SECTOR_BYTES,
        sectorsPerCluster: geometry.sectorsPerCluster,
        reservedSectors: geometry.reservedSectors,
        fatCount: FAT_COUNT,
        media: MEDIA_FIXED_DISK,
        sectorsPerTrack: geometry.sectorsPerTrack,
        heads: geometry.heads,
        hiddenSectors: 0,
        totalSectors: geometry.totalSectors,
        sectorsPerFat: geometry.sectorsPerFat,
        rootCluster: this.#root.firstCluster,
        fsInfoSector: FSINFO_SECTOR,
        backupBootSector: BACKUP_BOOT_SECTOR,
        volumeId: geometry.volumeId,
        volumeLabel: NO_LABEL
      }),
      fsInfo: encodeFsInfo(clusterCount - usedClusters, next),
      fat: encodeFat([...directories, ...files], next),
      runs,
      dataStartSector,
      clusterCount,
      usedClusters
    };
  }
  #directory(parent, name) {
    const found = find(parent, name);
    if (found?.kind === "directory") return found;
    const path = parent.path === "" ? name : `${parent.path}/${name}`;
    if (found !== void 0) throw new RangeError(`${path} is a file, not a directory.`);
    const directory = {
      kind: "directory",
      path,
      name: shortName(name),
      children: [],
      parent,
      firstCluster: 0,
      clusters: 0
    };
    parent.children.push(directory);
    return directory;
  }
  /** `.` and `..` (except in the root), then one entry per child, padded to whole clusters. */
  #encodeDirectory(directory, clusterBytes) {
    const bytes = new Uint8Array(directory.clusters * clusterBytes);
    const entries = [];
    const entry = /* @__PURE__ */ __name((name, attributes, firstCluster, sizeBytes = 0) => encodeShortEntry({ name, attributes, caseFlags: 0, firstCluster, sizeBytes }, this.#stamp), "entry");
    if (directory.parent !== void 0) {
      entries.push(entry(dotName("."), Attribute.directory, directory.firstCluster));
      const parentCluster = directory.parent.parent === void 0 ? 0 : directory.parent.firstCluster;
      entries.push(entry(dotName(".."), Attribute.directory, parentCluster));
    }
    for (const child of directory.children) {
      entries.push(
        child.kind === "directory" ? entry(child.name, Attribute.directory, child.firstCluster) : entry(child.name, Attribute.archive, child.firstCluster, child.sizeBytes)
      );
    }
    for (const [i, encoded] of entries.entries()) bytes.set(encoded, i * DIRECTORY_ENTRY_BYTES);
    return bytes;
  }
};
async function writeFat(plan, sink) {
  const { geometry } = plan;
  const start = sink.position;
  const toSector = /* @__PURE__ */ __name(async (sector) => {
    const offset = start + sector * FAT_SECTOR_BYTES;
    if (sink.position > offset) throw new Error(`FAT writer at ${sink.position}, past ${offset}.`);
    await sink.writeZeros(offset - sink.position);
  }, "toSector");
  await sink.write(plan.bootSector);
  await sink.write(plan.fsInfo);
  await toSector(BACKUP_BOOT_SECTOR);
  await sink.write(plan.bootSector);
  await toSector(BACKUP_FSINFO_SECTOR);
  await sink.write(plan.fsInfo);
  for (let copy = 0; copy < FAT_COUNT; copy++) {
    await toSector(geometry.reservedSectors + copy * geometry.sectorsPerFat);
    await sink.write(plan.fat);
  }
  const clusterSectors = geometry.sectorsPerCluster;
  for (const run of plan.runs) {
    await toSector(plan.dataStartSector + (run.cluster - FIRST_DATA_CLUSTER) * clusterSectors);
    if (run.kind === "bytes") await sink.write(run.bytes);
    else if (run.source.kind === "host") await sink.writeHostFile(run.source.path, run.sizeBytes);
    else await sink.write(run.source.bytes);
  }
  const end = start + geometry.partitionBytes;
  if (sink.position > end)
    throw new Error(`FAT volume overran its partition by ${sink.position - end} bytes.`);
  await sink.writeZeros(end - sink.position);
}
__name(writeFat, "writeFat");
function encodeFat(nodes, next) {
  const fat = new Uint8Array(next * FAT_ENTRY_BYTES);
  const view = new DataView(fat.buffer);
  const set = /* @__PURE__ */ __name((cluster, value) => view.setUint32(cluster * FAT_ENTRY_BYTES, value, true), "set");
  set(0, MEDIA_ENTRY);
  set(1, CLEAN_ENTRY);
  for (const node of nodes) {
    for (let i = 0; i < node.clusters; i++) {
      const cluster = node.firstCluster + i;
      set(cluster, i === node.clusters - 1 ? END_OF_CHAIN : cluster + 1);
    }
  }
  return fat;
}
__name(encodeFat, "encodeFat");
function* walk(directory) {
  yield directory;
  for (const child of directory.children) {
    if (child.kind === "directory") yield* walk(child);
    else yield child;
  }
}
__name(walk, "walk");
function directorySlots(directory) {
  return directory.children.length + (directory.parent === void 0 ? 0 : 2);
}
__name(directorySlots, "directorySlots");
function find(directory, name) {
  const wanted = shortName(name);
  return directory.children.find(
    (child) => child.name !== void 0 && sameBytes(child.name, wanted)
  );
}
__name(find, "find");
function shortName(name) {
  const encoded = encodeShortName(name);
  if (encoded === void 0) {
    throw new RangeError(
      `"${name}" is not an upper-case 8.3 name; the FAT writer writes no long names.`
    );
  }
  return encoded;
}
__name(shortName, "shortName");
function dotName(dots) {
  const bytes = new Uint8Array(11).fill(32);
  bytes.set(Buffer.from(dots, "ascii"));
  return bytes;
}
__name(dotName, "dotName");
function sameBytes(a, b) {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
__name(sameBytes, "sameBytes");
function checkGeometry(geometry) {
  const dataStart = geometry.reservedSectors + FAT_COUNT * geometry.sectorsPerFat;
  const clusters = Math.floor((geometry.totalSectors - dataStart) / geometry.sectorsPerCluster);
  const problems = [
    geometry.reservedSectors <= BACKUP_FSINFO_SECTOR && "too few reserved sectors for the backups",
    geometry.totalSectors * FAT_SECTOR_BYTES > geometry.partitionBytes && "more sectors than the partition",
    clusters < MIN_FAT32_CLUSTERS && `${clusters} clusters (FAT32 needs ${MIN_FAT32_CLUSTERS})`,
    (clusters + FIRST_DATA_CLUSTER) * FAT_ENTRY_BYTES > geometry.sectorsPerFat * FAT_SECTOR_BYTES && "a FAT too small for its clusters"
  ].filter((problem) => problem !== false);
  if (problems.length > 0) throw new RangeError(`Bad FAT32 geometry: ${problems.join(", ")}.`);
}
__name(checkGeometry, "checkGeometry");
function tooSmall(files, usedClusters, clusterCount, clusterBytes) {
  const sizes = files.map((file) => `${file.path} ${file.sizeBytes} bytes`).join(", ");
  return new UserError(
    `The files do not fit in the ${clusterCount * clusterBytes}-byte FAT volume: they need ${usedClusters} clusters of ${clusterBytes} bytes, it has ${clusterCount} (${sizes}).`
  );
}
__name(tooSmall, "tooSmall");

// src/image/esp.ts
var ESP_BYTES = 33 * 1024 * 1024;
var NANOS_ESP_GEOMETRY = {
  partitionBytes: ESP_BYTES,
  totalSectors: 67276,
  sectorsPerFat: 518,
  reservedSectors: 32,
  sectorsPerCluster: 1,
  sectorsPerTrack: 32,
  heads: 64,
  // Nanos' volume serial number: fixed, like everything else in a reproducible image.
  volumeId: 3745773982,
  oemName: "NANOSHIP"
};
var UEFI_LOADER_PATHS = {
  x86_64: "EFI/BOOT/BOOTX64.EFI",
  aarch64: "EFI/BOOT/BOOTAA64.EFI"
};
function planEsp(loader) {
  return new FatBuilder(NANOS_ESP_GEOMETRY).file(UEFI_LOADER_PATHS[loader.arch], {
    kind: "host",
    path: loader.path,
    size: loader.sizeBytes
  }).plan();
}
__name(planEsp, "planEsp");

// src/image/fat-reader.ts
var MAX_FAT_BYTES = 512 * 1024 * 1024;
var FatFormatError = class extends UserError {
  constructor(offset, problem) {
    super(
      `Not a valid FAT32 filesystem: ${problem} (volume at byte offset ${offset}). Check that the file is a complete disk image.`
    );
    this.offset = offset;
  }
  offset;
  static {
    __name(this, "FatFormatError");
  }
  name = "FatFormatError";
};
async function readFat(handle, offsetBytes, sizeBytes) {
  const error = /* @__PURE__ */ __name((problem) => new FatFormatError(offsetBytes, problem), "error");
  const decoded = decodeBootSector(await readAt(handle, offsetBytes, FAT_SECTOR_BYTES));
  if (!decoded.ok) throw error(decoded.problem);
  const boot = decoded.boot;
  if (![512, 1024, 2048, 4096].includes(boot.bytesPerSector) || boot.sectorsPerCluster === 0) {
    throw error(`${boot.bytesPerSector}-byte sectors, ${boot.sectorsPerCluster} per cluster`);
  }
  const sector = boot.bytesPerSector;
  if (boot.totalSectors * sector > sizeBytes) {
    throw error(`it claims ${boot.totalSectors * sector} bytes, its partition has ${sizeBytes}`);
  }
  const dataStartSectors = boot.reservedSectors + boot.fatCount * boot.sectorsPerFat;
  const clusterCount = Math.floor((boot.totalSectors - dataStartSectors) / boot.sectorsPerCluster);
  const fatBytes = Math.min(boot.sectorsPerFat * sector, (clusterCount + FIRST_DATA_CLUSTER) * 4);
  if (clusterCount <= 0 || fatBytes > MAX_FAT_BYTES || boot.fatCount === 0) {
    throw error(`its FAT region (${boot.fatCount} \xD7 ${boot.sectorsPerFat} sectors) does not fit`);
  }
  const fat = await readAt(handle, offsetBytes + boot.reservedSectors * sector, fatBytes);
  const layout = {
    handle,
    offsetBytes,
    clusterBytes: boot.sectorsPerCluster * sector,
    dataStartBytes: dataStartSectors * sector,
    clusterCount,
    fat: new DataView(fat.buffer, fat.byteOffset, fat.byteLength)
  };
  const files = /* @__PURE__ */ new Map();
  const entries = [];
  await listDirectory(layout, boot.rootCluster, "", entries, files, /* @__PURE__ */ new Set());
  return {
    offsetBytes,
    volumeId: boot.volumeId,
    label: boot.volumeLabel.trimEnd(),
    clusterBytes: layout.clusterBytes,
    entries,
    readFile: /* @__PURE__ */ __name(async (path) => {
      const file = files.get(path);
      if (file === void 0) throw new UserError(`There is no file ${path} in the FAT volume.`);
      return readChain(layout, file.firstCluster, file.sizeBytes);
    }, "readFile")
  };
}
__name(readFat, "readFat");
async function listDirectory(layout, firstCluster, path, entries, files, seen) {
  if (seen.has(firstCluster)) {
    throw new FatFormatError(layout.offsetBytes, `directory ${path || "/"} loops back on itself`);
  }
  seen.add(firstCluster);
  const bytes = await readChain(layout, firstCluster);
  for (const { name, entry } of directoryEntries(bytes, path, layout.offsetBytes)) {
    if (name === "." || name === ".." || entry.attributes & Attribute.volumeLabel) continue;
    const childPath = path === "" ? name : `${path}/${name}`;
    if (entry.attributes & Attribute.directory) {
      entries.push({ path: childPath, kind: "directory" });
      await listDirectory(layout, entry.firstCluster, childPath, entries, files, seen);
    } else {
      entries.push({ path: childPath, kind: "file", sizeBytes: entry.sizeBytes });
      files.set(childPath, { firstCluster: entry.firstCluster, sizeBytes: entry.sizeBytes });
    }
  }
}
__name(listDirectory, "listDirectory");
function directoryEntries(bytes, path, volumeOffset) {
  const found = [];
  let long;
  for (let offset = 0; offset + DIRECTORY_ENTRY_BYTES <= bytes.length; offset += DIRECTORY_ENTRY_BYTES) {
    const slot = decodeDirectorySlot(bytes.subarray(offset, offset + DIRECTORY_ENTRY_BYTES));
    if (slot.kind === "end") break;
    if (slot.kind === "deleted") {
      long = void 0;
      continue;
    }
    if (slot.kind === "long") {
      if (slot.last) long = { checksum: slot.checksum, parts: [], expected: slot.order };
      if (long === void 0 || slot.order !== long.expected || slot.checksum !== long.checksum) {
        long = void 0;
        continue;
      }
      long.parts.unshift(slot.chars);
      long.expected -= 1;
      continue;
    }
    const matches = long?.expected === 0 && long.checksum === shortNameChecksum(slot.entry.name);
    const name = matches ? decodeLongName(long.parts.flat()) : shortEntryName(slot.entry);
    long = void 0;
    if (name === "" || name.includes("/")) {
      throw new FatFormatError(
        volumeOffset,
        `directory ${path || "/"} has an entry named "${name}"`
      );
    }
    found.push({ name, entry: slot.entry });
  }
  return found;
}
__name(directoryEntries, "directoryEntries");
function decodeLongName(units2) {
  const end = units2.indexOf(0);
  return String.fromCharCode(...end === -1 ? units2 : units2.slice(0, end));
}
__name(decodeLongName, "decodeLongName");
async function readChain(layout, firstCluster, sizeBytes) {
  const clusters = chain(layout, firstCluster, sizeBytes);
  const total = sizeBytes ?? clusters.length * layout.clusterBytes;
  const bytes = new Uint8Array(total);
  let done = 0;
  for (const cluster of clusters) {
    const length = Math.min(layout.clusterBytes, total - done);
    if (length <= 0) break;
    const offset = layout.offsetBytes + layout.dataStartBytes + (cluster - FIRST_DATA_CLUSTER) * layout.clusterBytes;
    bytes.set(await readAt(layout.handle, offset, length), done);
    done += length;
  }
  return bytes;
}
__name(readChain, "readChain");
function chain(layout, firstCluster, sizeBytes) {
  const error = /* @__PURE__ */ __name((problem) => new FatFormatError(layout.offsetBytes, problem), "error");
  if (sizeBytes === 0) return [];
  const lastCluster = layout.clusterCount + FIRST_DATA_CLUSTER - 1;
  const clusters = [];
  let cluster = firstCluster;
  for (; ; ) {
    if (cluster < FIRST_DATA_CLUSTER || cluster > lastCluster) {
      throw error(`a cluster chain reaches cluster ${cluster}, outside 2 \u2026 ${lastCluster}`);
    }
    if (clusters.length > layout.clusterCount)
      throw error(`the chain from cluster ${firstCluster} loops`);
    clusters.push(cluster);
    const next = layout.fat.getUint32(cluster * 4, true) & FAT32_ENTRY_MASK;
    if (next >= END_OF_CHAIN_MIN) break;
    if (next === FREE_CLUSTER)
      throw error(`the chain from cluster ${firstCluster} runs into a free cluster`);
    cluster = next;
  }
  if (sizeBytes !== void 0 && clusters.length * layout.clusterBytes < sizeBytes) {
    throw error(`a ${sizeBytes}-byte file has a chain of only ${clusters.length} clusters`);
  }
  return clusters;
}
__name(chain, "chain");
async function readAt(handle, position, length) {
  const buffer = Buffer.alloc(length);
  const got = await readFully(handle, buffer, 0, length, position);
  if (got < length) {
    throw new FatFormatError(position, `the file ends ${length - got} bytes early`);
  }
  return buffer;
}
__name(readAt, "readAt");

// src/image/mbr.ts
var MBR_BYTES = 512;
var KLOG_AREA_BYTES = 4096;
var REGION_OFFSET = 426;
var PARTITION_TABLE_OFFSET = 446;
var PARTITION_ENTRY_BYTES = 16;
var PARTITION_ENTRIES = 4;
var SIGNATURE_OFFSET2 = 510;
var SIGNATURE2 = 43605;
var REGION_TYPE_STAGE2 = 12;
var ACTIVE = 128;
var PartitionType = { esp: 239, nanos: 131 };
var SECTORS_PER_TRACK = 63;
var HEADS = 255;
var MAX_CYLINDER = 1023;
function encodeChs(byteOffset) {
  const sector = Math.floor(byteOffset / MBR_BYTES);
  let cylinder = Math.floor(sector / SECTORS_PER_TRACK / HEADS);
  let head = Math.floor(sector / SECTORS_PER_TRACK) % HEADS;
  let sectorInTrack = sector % SECTORS_PER_TRACK + 1;
  if (cylinder > MAX_CYLINDER) {
    cylinder = MAX_CYLINDER;
    head = HEADS - 1;
    sectorInTrack = SECTORS_PER_TRACK;
  }
  return [head, cylinder >> 8 | sectorInTrack, cylinder & 255];
}
__name(encodeChs, "encodeChs");
function decodeRegion(mbr) {
  const cursor = new ByteCursor(mbr).seek(REGION_OFFSET);
  return {
    base: Number(cursor.u64leBig()),
    // where stage1 loads stage2
    length: Number(cursor.u64leBig()),
    // stage2 bytes (S2)
    type: cursor.u32le()
    // REGION_TYPE_STAGE2 in a Nanos boot.img
  };
}
__name(decodeRegion, "decodeRegion");
function decodeMbr(sector) {
  const cursor = new ByteCursor(sector);
  const partitions = [];
  for (let index = 0; index < PARTITION_ENTRIES; index++) {
    cursor.seek(PARTITION_TABLE_OFFSET + index * PARTITION_ENTRY_BYTES);
    const entry = decodePartitionEntry(cursor);
    if (entry.type !== 0 || entry.sectors !== 0) partitions.push({ ...entry, index });
  }
  return {
    hasSignature: cursor.seek(SIGNATURE_OFFSET2).u16le() === SIGNATURE2,
    region: decodeRegion(sector),
    partitions
  };
}
__name(decodeMbr, "decodeMbr");
function decodePartitionEntry(cursor) {
  const status = cursor.u8();
  cursor.skip(3);
  const type = cursor.u8();
  cursor.skip(3);
  return { active: status === ACTIVE, type, startLba: cursor.u32le(), sectors: cursor.u32le() };
}
__name(decodePartitionEntry, "decodePartitionEntry");
function encodePartitionEntry(cursor, type, offsetBytes, sizeBytes) {
  cursor.writeU8(ACTIVE);
  cursor.writeBytes(Uint8Array.from(encodeChs(offsetBytes)));
  cursor.writeU8(type);
  cursor.writeBytes(Uint8Array.from(encodeChs(offsetBytes + sizeBytes - MBR_BYTES)));
  cursor.writeU32le(offsetBytes / MBR_BYTES);
  cursor.writeU32le(sizeBytes / MBR_BYTES);
}
__name(encodePartitionEntry, "encodePartitionEntry");
function writePartitionTable(stage1, partitions) {
  if (partitions.length > PARTITION_ENTRIES) throw new RangeError("An MBR holds 4 partitions.");
  const sector = Uint8Array.from(stage1.subarray(0, MBR_BYTES));
  const cursor = new ByteCursor(sector).seek(PARTITION_TABLE_OFFSET);
  cursor.writeBytes(new Uint8Array(PARTITION_ENTRIES * PARTITION_ENTRY_BYTES)).seek(PARTITION_TABLE_OFFSET);
  for (const { type, offsetBytes, sizeBytes } of partitions) {
    if (offsetBytes % MBR_BYTES !== 0 || sizeBytes % MBR_BYTES !== 0) {
      throw new RangeError(`Partition at ${offsetBytes} (+${sizeBytes}) is not sector aligned.`);
    }
    encodePartitionEntry(cursor, type, offsetBytes, sizeBytes);
  }
  return sector;
}
__name(writePartitionTable, "writePartitionTable");

// src/image/boot-loaders.ts
function hasBiosLoader(mbr) {
  return mbr.hasSignature && mbr.region.type === REGION_TYPE_STAGE2 && mbr.region.length > 0;
}
__name(hasBiosLoader, "hasBiosLoader");
async function readEsp(handle, mbr) {
  const first = mbr.partitions.find((entry) => entry.index === 0);
  if (!mbr.hasSignature || first?.type !== PartitionType.esp) return void 0;
  const offsetBytes = first.startLba * MBR_BYTES;
  const sizeBytes = first.sectors * MBR_BYTES;
  const volume = await readFat(handle, offsetBytes, sizeBytes);
  return { offsetBytes, sizeBytes, label: volume.label, entries: volume.entries };
}
__name(readEsp, "readEsp");
function uefiArches(esp) {
  const files = new Set(
    esp.entries.filter((entry) => entry.kind === "file").map((entry) => entry.path.toUpperCase())
  );
  return Object.keys(UEFI_LOADER_PATHS).filter(
    (arch) => files.has(UEFI_LOADER_PATHS[arch])
  );
}
__name(uefiArches, "uefiArches");
function describeBootLoaders(path, mbr, esp) {
  const bios = hasBiosLoader(mbr);
  const arches = esp === void 0 ? [] : uefiArches(esp);
  if (arches.length > 1) {
    throw new UserError(
      `${path} has UEFI loaders for ${arches.join(" and ")} in its EFI System Partition; a Nanos image has the one of its kernel. Build it again with nanoship build.`
    );
  }
  const uefiArch = arches[0];
  if (uefiArch === void 0 && !bios) {
    throw new UserError(
      `${path} has no boot loader nanoship knows: neither Nanos' BIOS stage1/stage2 (boot.img) nor ${Object.values(UEFI_LOADER_PATHS).join(" or ")} in an EFI System Partition. Build it with nanoship build.`
    );
  }
  if (uefiArch === void 0) return { bootMode: "bios", arch: "x86_64" };
  if (bios && uefiArch !== "x86_64") {
    throw new UserError(
      `${path} has an x86 BIOS loader next to an ${uefiArch} UEFI loader; build it again with nanoship build.`
    );
  }
  return { bootMode: bios ? "hybrid" : "uefi", arch: uefiArch, esp };
}
__name(describeBootLoaders, "describeBootLoaders");
async function readBootLoaders(path) {
  const handle = await open(path, "r").catch((error) => {
    throw new UserError(`Cannot open image ${path}: ${error.message}.`, { cause: error });
  });
  try {
    const sector = Buffer.alloc(MBR_BYTES);
    const { bytesRead } = await handle.read(sector, 0, MBR_BYTES, 0);
    const mbr = decodeMbr(sector);
    if (bytesRead < MBR_BYTES || !mbr.hasSignature) {
      throw new UserError(
        `${path} is not a bootable disk image (no MBR boot signature); build it with nanoship build.`
      );
    }
    return describeBootLoaders(path, mbr, await readEsp(handle, mbr));
  } finally {
    await handle.close();
  }
}
__name(readBootLoaders, "readBootLoaders");

export {
  sha256File,
  ByteRangeError,
  VarintError,
  ByteCursor,
  writeFat,
  ESP_BYTES,
  UEFI_LOADER_PATHS,
  planEsp,
  MBR_BYTES,
  KLOG_AREA_BYTES,
  REGION_TYPE_STAGE2,
  PartitionType,
  decodeMbr,
  writePartitionTable,
  readEsp,
  describeBootLoaders,
  readBootLoaders
};
