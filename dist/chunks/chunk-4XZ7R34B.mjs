#!/usr/bin/env node
import {
  ByteCursor
} from "./chunk-AS4ERZIM.mjs";
import {
  UserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

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

export {
  FAT_SECTOR_BYTES,
  DIRECTORY_ENTRY_BYTES,
  FIRST_DATA_CLUSTER,
  FAT32_ENTRY_MASK,
  FREE_CLUSTER,
  END_OF_CHAIN_MIN,
  Attribute,
  decodeBootSector,
  decodeDirectorySlot,
  shortEntryName,
  shortNameChecksum,
  FAT_EPOCH,
  FatBuilder,
  writeFat
};
