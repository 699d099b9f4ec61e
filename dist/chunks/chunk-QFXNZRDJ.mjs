#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  ByteCursor,
  ByteRangeError,
  MBR_BYTES,
  PartitionType,
  REGION_TYPE_STAGE2,
  VarintError,
  decodeMbr,
  sha256File
} from "./chunk-RAFRH34D.mjs";
import {
  readFully
} from "./chunk-XQAZEOO7.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-VGHMWJDJ.mjs";
import {
  __name
} from "./chunk-HGNCOX5Y.mjs";

// src/cloud/publish.ts
const path = require("node:path");

// src/image/boot-loaders.ts
const { open } = require("node:fs/promises");

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
  file(path2, source) {
    const names = path2.split("/");
    const fileName = names.pop();
    let directory = this.#root;
    for (const name of names) directory = this.#directory(directory, name);
    if (find(directory, fileName) !== void 0)
      throw new RangeError(`${path2} is already in the volume.`);
    directory.children.push({
      kind: "file",
      path: path2,
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
    const path2 = parent.path === "" ? name : `${parent.path}/${name}`;
    if (found !== void 0) throw new RangeError(`${path2} is a file, not a directory.`);
    const directory = {
      kind: "directory",
      path: path2,
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
    readFile: /* @__PURE__ */ __name(async (path2) => {
      const file = files.get(path2);
      if (file === void 0) throw new UserError(`There is no file ${path2} in the FAT volume.`);
      return readChain(layout, file.firstCluster, file.sizeBytes);
    }, "readFile")
  };
}
__name(readFat, "readFat");
async function listDirectory(layout, firstCluster, path2, entries, files, seen) {
  if (seen.has(firstCluster)) {
    throw new FatFormatError(layout.offsetBytes, `directory ${path2 || "/"} loops back on itself`);
  }
  seen.add(firstCluster);
  const bytes = await readChain(layout, firstCluster);
  for (const { name, entry } of directoryEntries(bytes, path2, layout.offsetBytes)) {
    if (name === "." || name === ".." || entry.attributes & Attribute.volumeLabel) continue;
    const childPath = path2 === "" ? name : `${path2}/${name}`;
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
function directoryEntries(bytes, path2, volumeOffset) {
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
        `directory ${path2 || "/"} has an entry named "${name}"`
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
function describeBootLoaders(path2, mbr, esp) {
  const bios = hasBiosLoader(mbr);
  const arches = esp === void 0 ? [] : uefiArches(esp);
  if (arches.length > 1) {
    throw new UserError(
      `${path2} has UEFI loaders for ${arches.join(" and ")} in its EFI System Partition; a Nanos image has the one of its kernel. Build it again with nanoship build.`
    );
  }
  const uefiArch = arches[0];
  if (uefiArch === void 0 && !bios) {
    throw new UserError(
      `${path2} has no boot loader nanoship knows: neither Nanos' BIOS stage1/stage2 (boot.img) nor ${Object.values(UEFI_LOADER_PATHS).join(" or ")} in an EFI System Partition. Build it with nanoship build.`
    );
  }
  if (uefiArch === void 0) return { bootMode: "bios", arch: "x86_64" };
  if (bios && uefiArch !== "x86_64") {
    throw new UserError(
      `${path2} has an x86 BIOS loader next to an ${uefiArch} UEFI loader; build it again with nanoship build.`
    );
  }
  return { bootMode: bios ? "hybrid" : "uefi", arch: uefiArch, esp };
}
__name(describeBootLoaders, "describeBootLoaders");
async function readBootLoaders(path2) {
  const handle = await open(path2, "r").catch((error) => {
    throw new UserError(`Cannot open image ${path2}: ${error.message}.`, { cause: error });
  });
  try {
    const sector = Buffer.alloc(MBR_BYTES);
    const { bytesRead } = await handle.read(sector, 0, MBR_BYTES, 0);
    const mbr = decodeMbr(sector);
    if (bytesRead < MBR_BYTES || !mbr.hasSignature) {
      throw new UserError(
        `${path2} is not a bootable disk image (no MBR boot signature); build it with nanoship build.`
      );
    }
    return describeBootLoaders(path2, mbr, await readEsp(handle, mbr));
  } finally {
    await handle.close();
  }
}
__name(readBootLoaders, "readBootLoaders");

// src/image/inspect.ts
const { open: open2 } = require("node:fs/promises");

// src/image/tfs-format-error.ts
var TfsFormatError = class extends UserError {
  constructor(offset, problem, options) {
    super(
      `Not a valid Nanos TFS filesystem: ${problem} (at byte offset ${offset}). Check that the file is a Nanos image and that it was copied completely.`,
      options
    );
    this.offset = offset;
  }
  offset;
  static {
    __name(this, "TfsFormatError");
  }
  name = "TfsFormatError";
};

// src/image/tfs-log.ts
var SECTOR_BYTES = 512;
var LOG_EXTENSION_SECTORS = 1024;
var LOG_EXTENSION_BYTES = LOG_EXTENSION_SECTORS * SECTOR_BYTES;
var TFS_VERSION = 5;
var UUID_BYTES = 16;
var MAX_LABEL_BYTES = 31;
var MAGIC = new TextEncoder().encode("NVMTFS");
var utf8 = new TextEncoder();
var utf8Text = new TextDecoder("utf-8");
var Frame = {
  endOfLog: 1,
  tupleAvailable: 2,
  tupleExtended: 3,
  endOfSegment: 4,
  extensionLink: 5
};
var LINK_RESERVE_BYTES = 21;
var FRAME_HEADER_RESERVE_BYTES = 21;
var MIN_SEGMENT_BYTES = 32;
function writeHeader(out, sectors, identity) {
  out.writeBytes(MAGIC).writeVarint(TFS_VERSION).writeVarint(sectors);
  if (identity === void 0) return;
  out.writeBytes(identity.uuid).writeBytes(utf8.encode(identity.label)).writeU8(0);
}
__name(writeHeader, "writeHeader");
function writeLink(out, link) {
  out.writeU8(Frame.extensionLink).writeVarint(link.start).writeVarint(link.sectors);
}
__name(writeLink, "writeLink");
function checkLabel(label) {
  const length = utf8.encode(label).length;
  if (length > MAX_LABEL_BYTES || label.includes("\0")) {
    throw new RangeError(
      `A TFS label holds at most ${MAX_LABEL_BYTES} bytes and no NUL; "${label}" has ${length}.`
    );
  }
}
__name(checkLabel, "checkLabel");
function encodeInitialExtension(uuid, label, link) {
  if (uuid.length !== UUID_BYTES) throw new RangeError(`A TFS uuid is ${UUID_BYTES} bytes.`);
  checkLabel(label);
  const out = new ByteCursor(new Uint8Array(SECTOR_BYTES));
  writeHeader(out, 1, { uuid, label });
  writeLink(out, link);
  return out.toBytes();
}
__name(encodeInitialExtension, "encodeInitialExtension");
function encodeLogExtensions(records, extensionStart) {
  const extensions = [];
  let out = startExtension(extensions);
  for (const record of records) {
    let written = 0;
    while (written < record.length) {
      const room = LOG_EXTENSION_BYTES - out.length - LINK_RESERVE_BYTES - FRAME_HEADER_RESERVE_BYTES;
      if (room < MIN_SEGMENT_BYTES) {
        writeLink(out, {
          start: extensionStart(extensions.length),
          sectors: LOG_EXTENSION_SECTORS
        });
        out = startExtension(extensions);
        continue;
      }
      const segment = Math.min(room, record.length - written);
      if (written === 0) out.writeU8(Frame.tupleAvailable).writeVarint(record.length);
      else out.writeU8(Frame.tupleExtended);
      out.writeVarint(segment).writeBytes(record.subarray(written, written + segment));
      written += segment;
    }
  }
  out.writeU8(Frame.endOfLog);
  return extensions.map((extension) => extension.toBytes());
}
__name(encodeLogExtensions, "encodeLogExtensions");
function startExtension(extensions) {
  const out = ByteCursor.forWriting(4096);
  writeHeader(out, LOG_EXTENSION_SECTORS);
  extensions.push(out);
  return out;
}
__name(startExtension, "startExtension");
async function readLog(readAt2, sizeBytes, diskOffset = 0) {
  const fsSectors = Math.floor(sizeBytes / SECTOR_BYTES);
  const log = { uuid: new Uint8Array(), label: "", extensions: [], records: [] };
  const state = { pending: void 0 };
  let next = { start: 0, sectors: 1 };
  while (next !== void 0) {
    const where = diskOffset + next.start * SECTOR_BYTES;
    if (next.start + next.sectors > fsSectors) {
      throw new TfsFormatError(
        where,
        `a log extension (sectors ${next.start}+${next.sectors}) lies beyond the filesystem's ${fsSectors} sectors`
      );
    }
    if (log.extensions.some((seen) => seen.start === next.start)) {
      throw new TfsFormatError(where, `the log links back to sector ${next.start} (a loop)`);
    }
    log.extensions.push(next);
    const bytes = await readAt2(next.start * SECTOR_BYTES, next.sectors * SECTOR_BYTES);
    if (bytes.length < next.sectors * SECTOR_BYTES) {
      throw new TfsFormatError(where + bytes.length, "the file ends inside a log extension");
    }
    const initial = log.extensions.length === 1;
    next = readExtension(new ByteCursor(bytes), { where, initial }, log, state);
  }
  return log;
}
__name(readLog, "readLog");
function readExtension(input, { where, initial }, log, state) {
  try {
    readHeader(input, where, initial ? log : void 0);
    for (; ; ) {
      const frameAt = where + input.tell();
      const frame = input.u8();
      switch (frame) {
        case Frame.endOfLog:
          if (state.pending) throw new TfsFormatError(frameAt, "the log ends inside a record");
          return void 0;
        case Frame.endOfSegment:
          break;
        case Frame.extensionLink:
          return readLink(input, frameAt);
        case Frame.tupleAvailable:
          state.pending = readAvailable(input, { where, frameAt }, state.pending, log);
          break;
        case Frame.tupleExtended:
          state.pending = readExtended(input, frameAt, state.pending, log);
          break;
        default:
          throw new TfsFormatError(frameAt, `unknown log frame code 0x${frame.toString(16)}`);
      }
    }
  } catch (error) {
    if (error instanceof ByteRangeError || error instanceof VarintError) {
      throw new TfsFormatError(
        where + input.tell(),
        "a log extension ends without END_OF_LOG or a link",
        { cause: error }
      );
    }
    throw error;
  }
}
__name(readExtension, "readExtension");
function readHeader(input, where, identity) {
  const magic = input.bytes(MAGIC.length);
  if (!magic.every((byte, i) => byte === MAGIC[i])) {
    throw new TfsFormatError(
      where,
      `bad magic ${JSON.stringify(utf8Text.decode(magic))}, expected "NVMTFS"`
    );
  }
  const version = input.varint();
  if (version !== TFS_VERSION) {
    throw new TfsFormatError(
      where + MAGIC.length,
      `TFS version ${version}; only version ${TFS_VERSION} is supported`
    );
  }
  input.varint();
  if (identity === void 0) return;
  identity.uuid = Uint8Array.from(input.bytes(UUID_BYTES));
  const labelStart = input.tell();
  const window = input.bytes(Math.min(input.remaining(), MAX_LABEL_BYTES + 1));
  const nul = window.indexOf(0);
  if (nul < 0) {
    throw new TfsFormatError(
      where + labelStart,
      `the label is not terminated within ${MAX_LABEL_BYTES + 1} bytes`
    );
  }
  identity.label = utf8Text.decode(window.subarray(0, nul));
  input.seek(labelStart + nul + 1);
}
__name(readHeader, "readHeader");
function readLink(input, frameAt) {
  const start = input.varint();
  const sectors = input.varint();
  if (sectors === 0) throw new TfsFormatError(frameAt, "a link to a zero-length extension");
  return { start, sectors };
}
__name(readLink, "readLink");
function readAvailable(input, { where, frameAt }, pending, log) {
  if (pending) {
    throw new TfsFormatError(
      frameAt,
      `a new record starts while ${pending.total - pending.collected} byte(s) of the previous one are missing`
    );
  }
  const total = input.varint();
  const segment = input.varint();
  if (segment > total || segment + 1 > input.remaining()) {
    throw new TfsFormatError(
      frameAt,
      `a record segment of ${segment} byte(s) (record ${total}) does not fit in its extension`
    );
  }
  const diskOffset = where + input.tell();
  const record = {
    total,
    chunks: [Uint8Array.from(input.bytes(segment))],
    collected: segment,
    diskOffset
  };
  return completeIfWhole(record, log);
}
__name(readAvailable, "readAvailable");
function readExtended(input, frameAt, pending, log) {
  if (!pending) throw new TfsFormatError(frameAt, "a record continuation with no record started");
  const segment = input.varint();
  if (segment > pending.total - pending.collected) {
    throw new TfsFormatError(
      frameAt,
      `a continuation of ${segment} byte(s) exceeds the ${pending.total - pending.collected} byte(s) the record still needs`
    );
  }
  pending.chunks.push(Uint8Array.from(input.bytes(segment)));
  pending.collected += segment;
  return completeIfWhole(pending, log);
}
__name(readExtended, "readExtended");
function completeIfWhole(record, log) {
  if (record.collected < record.total) return record;
  log.records.push({ bytes: Buffer.concat(record.chunks), diskOffset: record.diskOffset });
  return void 0;
}
__name(completeIfWhole, "completeIfWhole");

// src/image/tuple-codec.ts
var ValueType = {
  buffer: 0,
  // symbols (as keys), legacy untyped buffers, the null value
  tuple: 1,
  vector: 2,
  integer: 3,
  string: 4
};
var IMMEDIATE_BIT = 128;
var TYPE_SHIFT = 4;
var TYPE_MASK = 7;
var EXTENDED_BIT = 8;
var LENGTH_MASK = 7;
var SHORT_LENGTH_LIMIT = 8;
var MAX_NESTING = 2048;
var utf82 = new TextEncoder();
var utf8Text2 = new TextDecoder("utf-8");
function renderHeader(out, header) {
  const { immediate, type, length } = header;
  const first = (immediate ? IMMEDIATE_BIT : 0) | type << TYPE_SHIFT;
  if (length < SHORT_LENGTH_LIMIT) {
    out.writeU8(first | length);
    return;
  }
  const groups = [];
  let rest = length;
  while (rest >= SHORT_LENGTH_LIMIT) {
    groups.unshift(rest % 128 | (groups.length > 0 ? 128 : 0));
    rest = Math.floor(rest / 128);
  }
  out.writeU8(first | EXTENDED_BIT | rest);
  for (const group of groups) out.writeU8(group);
}
__name(renderHeader, "renderHeader");
function parseHeader(input) {
  const first = input.u8();
  let length = first & LENGTH_MASK;
  if (first & EXTENDED_BIT) {
    let byte;
    let groups = 0;
    do {
      byte = input.u8();
      length = length * 128 + (byte & 127);
      if (++groups > 8) throw new VarintError(input.tell() - groups, "header length too long");
    } while (byte & 128);
  }
  return {
    immediate: (first & IMMEDIATE_BIT) !== 0,
    type: first >> TYPE_SHIFT & TYPE_MASK,
    length
  };
}
__name(parseHeader, "parseHeader");
function sortByName(entries) {
  const keyed = Array.from(entries, (entry) => ({ bytes: Buffer.from(entry[0], "utf8"), entry }));
  keyed.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  return keyed.map(({ entry }) => entry);
}
__name(sortByName, "sortByName");
var TupleEncoder = class {
  static {
    __name(this, "TupleEncoder");
  }
  #symbols = /* @__PURE__ */ new Map();
  #lastIndex = 0;
  /** Number of dictionary entries handed out so far. */
  get dictionarySize() {
    return this.#lastIndex;
  }
  /** Appends `value` to `out`. Tuple keys are written sorted by their UTF-8 bytes. */
  encodeValue(out, value) {
    if (typeof value === "string") {
      const bytes = utf82.encode(value);
      renderHeader(out, { immediate: true, type: ValueType.string, length: bytes.length });
      out.writeBytes(bytes);
    } else if (typeof value === "number") {
      this.#encodeInteger(out, value);
    } else if (value === null) {
      renderHeader(out, { immediate: true, type: ValueType.buffer, length: 1 });
      out.writeU8(0);
    } else if (Array.isArray(value)) {
      renderHeader(out, { immediate: true, type: ValueType.vector, length: value.length });
      this.#lastIndex++;
      for (const element of value) this.encodeValue(out, element);
    } else {
      this.#encodeTuple(out, value);
    }
  }
  #encodeTuple(out, tuple) {
    renderHeader(out, { immediate: true, type: ValueType.tuple, length: tuple.size });
    this.#lastIndex++;
    for (const [key, value] of sortByName(tuple)) {
      this.#encodeSymbol(out, key);
      this.encodeValue(out, value);
    }
  }
  #encodeSymbol(out, name) {
    const index = this.#symbols.get(name);
    if (index !== void 0) {
      renderHeader(out, { immediate: false, type: ValueType.buffer, length: index });
      return;
    }
    const bytes = utf82.encode(name);
    renderHeader(out, { immediate: true, type: ValueType.buffer, length: bytes.length });
    out.writeBytes(bytes);
    this.#symbols.set(name, ++this.#lastIndex);
  }
  /**
   * Integers are type 3 like the C writers (kernel and mkfs), not decimal strings like ops:
   * shorter, and what the kernel itself writes when it updates extents at run time.
   */
  #encodeInteger(out, value) {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`Cannot encode ${value} as a TFS integer.`);
    renderHeader(out, { immediate: true, type: ValueType.integer, length: value < 0 ? 1 : 0 });
    out.writeVarint(Math.abs(value));
  }
};
var TupleDecoder = class {
  static {
    __name(this, "TupleDecoder");
  }
  #dictionary = [];
  #recordStart = 0;
  /** The root tuple (index 1), once the first record has been decoded. */
  get root() {
    const first = this.#dictionary[0];
    return first instanceof Map ? first : void 0;
  }
  /**
   * Decodes one whole record. `diskOffset` is where the record starts on disk (for error
   * messages). Throws `TfsFormatError` for anything malformed.
   */
  decodeRecord(record, diskOffset = 0) {
    const input = new ByteCursor(record);
    this.#recordStart = diskOffset;
    try {
      const value = this.#decodeValue(input, 0);
      if (value === void 0) this.#fail(input, "a record that deletes nothing");
      if (input.remaining() > 0)
        this.#fail(input, `${input.remaining()} stray byte(s) after the record's value`);
      return value;
    } catch (error) {
      if (error instanceof ByteRangeError || error instanceof VarintError) {
        throw new TfsFormatError(
          diskOffset + input.tell(),
          "a record ends in the middle of a value",
          {
            cause: error
          }
        );
      }
      throw error;
    }
  }
  /** Returns undefined for the "delete this attribute" marker. */
  #decodeValue(input, depth) {
    if (depth > MAX_NESTING) this.#fail(input, `values nested deeper than ${MAX_NESTING}`);
    const header = parseHeader(input);
    switch (header.type) {
      case ValueType.tuple:
        return this.#decodeTuple(input, header, depth);
      case ValueType.vector:
        return this.#decodeVector(input, header, depth);
      case ValueType.integer:
        return this.#decodeInteger(input, header);
      case ValueType.string:
        if (!header.immediate) return this.#lookupText(input, header.length);
        return utf8Text2.decode(input.bytes(header.length));
      case ValueType.buffer:
        return this.#decodeBuffer(input, header);
      default:
        return this.#fail(input, `unknown value type ${header.type}`);
    }
  }
  #decodeTuple(input, header, depth) {
    const tuple = header.immediate ? this.#record(/* @__PURE__ */ new Map()) : this.#lookupTuple(input);
    for (let i = 0; i < header.length; i++) {
      const key = this.#decodeSymbol(input);
      const value = this.#decodeValue(input, depth + 1);
      if (value === void 0) tuple.delete(key);
      else tuple.set(key, value);
    }
    return tuple;
  }
  #decodeVector(input, header, depth) {
    const vector = header.immediate ? this.#record([]) : this.#lookupVector(input);
    for (let i = 0; i < header.length; i++) {
      const value = this.#decodeValue(input, depth + 1);
      if (value !== void 0) vector[i] = value;
    }
    return vector;
  }
  #decodeInteger(input, header) {
    if (!header.immediate) this.#fail(input, "an integer written as a reference");
    const magnitude = input.varint();
    return header.length === 0 ? magnitude : -magnitude;
  }
  /**
   * Type 0 as a value: length 0 deletes the attribute (returned as undefined), a single 0x00
   * is the null flag, anything else is legacy untyped text.
   */
  #decodeBuffer(input, header) {
    if (!header.immediate) return this.#lookupText(input, header.length);
    if (header.length === 0) return void 0;
    const bytes = input.bytes(header.length);
    if (header.length === 1 && bytes[0] === 0) return null;
    return utf8Text2.decode(bytes);
  }
  #decodeSymbol(input) {
    const header = parseHeader(input);
    if (header.type !== ValueType.buffer) this.#fail(input, `a tuple key of type ${header.type}`);
    if (!header.immediate) return this.#lookupText(input, header.length);
    return this.#record(utf8Text2.decode(input.bytes(header.length)));
  }
  #record(entry) {
    this.#dictionary.push(entry);
    return entry;
  }
  #lookup(input, index) {
    const entry = this.#dictionary[index - 1];
    if (entry === void 0) {
      this.#fail(
        input,
        `reference to dictionary entry ${index}, but only ${this.#dictionary.length} exist`
      );
    }
    return entry;
  }
  #lookupText(input, index) {
    const entry = this.#lookup(input, index);
    if (typeof entry !== "string") this.#fail(input, `dictionary entry ${index} is not a symbol`);
    return entry;
  }
  #lookupTuple(input) {
    const index = input.varint();
    const entry = this.#lookup(input, index);
    if (!(entry instanceof Map)) this.#fail(input, `dictionary entry ${index} is not a tuple`);
    return entry;
  }
  #lookupVector(input) {
    const index = input.varint();
    const entry = this.#lookup(input, index);
    if (!Array.isArray(entry)) this.#fail(input, `dictionary entry ${index} is not a vector`);
    return entry;
  }
  #fail(input, problem) {
    throw new TfsFormatError(this.#recordStart + input.tell(), problem);
  }
};

// src/image/tfs-reader.ts
var READ_CHUNK_BYTES = 1024 * 1024;
async function readTfs(handle, offsetBytes, sizeBytes) {
  const readAt2 = /* @__PURE__ */ __name((offset, length) => readBytes(handle, offsetBytes + offset, length), "readAt");
  const log = await readLog(readAt2, sizeBytes, offsetBytes);
  const decoder = new TupleDecoder();
  for (const record of log.records) decoder.decodeRecord(record.bytes, record.diskOffset);
  const root = decoder.root;
  if (root === void 0) throw new TfsFormatError(offsetBytes, "the log holds no root tuple");
  if (!(root.get("children") instanceof Map)) {
    throw new TfsFormatError(offsetBytes, 'the root tuple has no "children" directory');
  }
  const { uuid, label, extensions } = log;
  return { handle, offsetBytes, sizeBytes, uuid, label, root, extensions };
}
__name(readTfs, "readTfs");
function formatUuid(uuid) {
  const hex = Buffer.from(uuid).toString("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20)
  ].join("-");
}
__name(formatUuid, "formatUuid");
function listTfsEntries(volume) {
  const entries = [];
  const visit = /* @__PURE__ */ __name((dir, prefix) => {
    const children = dir.get("children");
    for (const [name, node] of sortByName(children)) {
      if (!(node instanceof Map)) continue;
      const path2 = `${prefix}/${name}`;
      entries.push(describeNode(volume, node, path2));
      if (node.get("children") instanceof Map) visit(node, path2);
    }
  }, "visit");
  visit(volume.root, "");
  return entries;
}
__name(listTfsEntries, "listTfsEntries");
function describeNode(volume, node, path2) {
  if (node.get("children") instanceof Map) return { path: path2, kind: "directory" };
  const target = node.get("linktarget");
  if (typeof target === "string") return { path: path2, kind: "symlink", target };
  return { path: path2, kind: "file", sizeBytes: fileLength(volume, node) };
}
__name(describeNode, "describeNode");
function fileLength(volume, node) {
  const value = node.get("filelength");
  return value === void 0 ? 0 : toCount(value, "filelength", volume.offsetBytes);
}
__name(fileLength, "fileLength");
function toCount(value, what, offset) {
  const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number < 0) {
    throw new TfsFormatError(offset, `${what} is ${JSON.stringify(value)}, not a count`);
  }
  return number;
}
__name(toCount, "toCount");
async function readBytes(handle, offset, length) {
  const buffer = new Uint8Array(length);
  return buffer.subarray(0, await readFully(handle, buffer, 0, length, offset));
}
__name(readBytes, "readBytes");

// src/image/inspect.ts
async function inspectImage(path2) {
  const handle = await open2(path2, "r").catch((error) => {
    throw new UserError(`Cannot open image ${path2}: ${error.message}.`, { cause: error });
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new UserError(`${path2} is not a file: give the path of a disk image (.img).`);
    }
    const sizeBytes = info.size;
    const first = Buffer.alloc(MBR_BYTES);
    await handle.read(first, 0, MBR_BYTES, 0);
    const mbr = decodeMbr(first);
    if (!mbr.hasSignature) {
      const root2 = await readTfs(handle, 0, sizeBytes);
      return { path: path2, sizeBytes, partitioned: false, partitions: [], root: describeRoot(root2) };
    }
    const { boot, root } = locatePartitions(mbr, path2);
    const esp = await readEsp(handle, mbr);
    const bootVolume = await readTfs(handle, boot.startLba * MBR_BYTES, boot.sectors * MBR_BYTES);
    const rootOffset = root.startLba * MBR_BYTES;
    const rootVolume = await readTfs(handle, rootOffset, sizeBytes - rootOffset);
    return {
      path: path2,
      sizeBytes,
      partitioned: true,
      partitions: mbr.partitions,
      ...bootOf(path2, mbr, esp),
      ...esp === void 0 ? {} : { esp },
      bootfs: describe(bootVolume),
      root: describeRoot(rootVolume)
    };
  } finally {
    await handle.close();
  }
}
__name(inspectImage, "inspectImage");
function locatePartitions(mbr, path2) {
  const byIndex = /* @__PURE__ */ __name((index) => mbr.partitions.find((entry) => entry.index === index), "byIndex");
  const shift = byIndex(0)?.type === PartitionType.esp ? 1 : 0;
  const boot = byIndex(shift);
  const root = byIndex(shift + 1);
  if (boot === void 0 || root === void 0) {
    throw new UserError(
      `${path2} has a boot signature but no bootfs and root partitions in its MBR; it is not a Nanos image.`
    );
  }
  return { boot, root };
}
__name(locatePartitions, "locatePartitions");
function bootOf(path2, mbr, esp) {
  try {
    const loaders = describeBootLoaders(path2, mbr, esp);
    return { boot: { mode: loaders.bootMode, arch: loaders.arch } };
  } catch (error) {
    if (error instanceof UserError) return {};
    throw error;
  }
}
__name(bootOf, "bootOf");
function describe(volume) {
  return {
    offsetBytes: volume.offsetBytes,
    sizeBytes: volume.sizeBytes,
    uuid: formatUuid(volume.uuid),
    label: volume.label,
    entries: listTfsEntries(volume)
  };
}
__name(describe, "describe");
function describeRoot(volume) {
  const manifest = /* @__PURE__ */ new Map();
  for (const [key, value] of volume.root)
    if (key !== "children") manifest.set(key, toManifestValue(value));
  return { ...describe(volume), manifest };
}
__name(describeRoot, "describeRoot");
function toManifestValue(value) {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(toManifestValue);
  return new Map([...value].map(([key, inner]) => [key, toManifestValue(inner)]));
}
__name(toManifestValue, "toManifestValue");
function renderEntryLine(entry) {
  if (entry.kind === "file") return `${String(entry.sizeBytes).padStart(12)}  ${entry.path}`;
  if (entry.kind === "symlink") return `${"link".padStart(12)}  ${entry.path} -> ${entry.target}`;
  return `${"dir".padStart(12)}  ${entry.path}/`;
}
__name(renderEntryLine, "renderEntryLine");
var NAME_NEEDS_QUOTES = /[\s()[\]:|/"\\#]/;
var VALUE_NEEDS_QUOTES = /[\s()[\]"\\]|^#/;
function renderManifestText(tuple) {
  const lines = sortByName(tuple).map(
    ([key, value]) => `  ${renderName(key)}:${renderValue(value)}`
  );
  return lines.length === 0 ? "()" : `(
${lines.join("\n")}
)`;
}
__name(renderManifestText, "renderManifestText");
function renderValue(value) {
  if (typeof value === "string") return quoteIf(value, VALUE_NEEDS_QUOTES);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(" ")}]`;
  return `(${sortByName(value).map(([key, inner]) => `${renderName(key)}:${renderValue(inner)}`).join(" ")})`;
}
__name(renderValue, "renderValue");
function renderName(name) {
  return quoteIf(name, NAME_NEEDS_QUOTES);
}
__name(renderName, "renderName");
function quoteIf(text, needsQuotes) {
  if (text !== "" && !needsQuotes.test(text)) return text;
  return `"${text.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}
__name(quoteIf, "quoteIf");

// src/cloud/publish.ts
function imageFromBuild(image) {
  return {
    path: image.path,
    name: image.name,
    sha256: image.sha256,
    sizeBytes: image.sizeBytes,
    arch: image.arch,
    bootMode: image.bootMode,
    klibs: image.klibs,
    kernelVersion: image.kernelVersion
  };
}
__name(imageFromBuild, "imageFromBuild");
function loaderText(loaders) {
  return loaders.bootMode === "bios" ? "BIOS boot loader, x86_64 only" : `UEFI loader ${UEFI_LOADER_PATHS[loaders.arch]}`;
}
__name(loaderText, "loaderText");
async function imageFromFile(file, options) {
  const inspection = await inspectImage(file);
  if (!inspection.partitioned || inspection.bootfs === void 0) {
    throw new UserError(
      `${file} is not a bootable nanoship image (no partition table or boot filesystem); build it with nanoship build.`
    );
  }
  const loaders = await readBootLoaders(file);
  if (options.arch !== void 0 && options.arch !== loaders.arch) {
    throw new UserError(
      `${file} is an ${loaders.arch} image (${loaderText(loaders)}), but --arch is ${options.arch}. Publishing takes the architecture from the image: drop --arch, or publish an image built with --arch ${options.arch}.`
    );
  }
  const klibs = inspection.bootfs.entries.filter((entry) => entry.kind === "file" && entry.path.startsWith("/klib/")).map((entry) => entry.path.slice("/klib/".length));
  return {
    path: file,
    name: options.name ?? path.basename(file).replace(/\.img$/, ""),
    sha256: await sha256File(file),
    sizeBytes: inspection.sizeBytes,
    arch: loaders.arch,
    bootMode: loaders.bootMode,
    klibs,
    kernelVersion: "unknown"
  };
}
__name(imageFromFile, "imageFromFile");
async function publishImage(plan, image, deps) {
  const context = { provenance: plan.provenance, channel: plan.channel };
  const jobs = {
    aws: /* @__PURE__ */ __name(async () => {
      const { publishToAws } = await import("./aws-5RDF2ZGE.mjs");
      return publishToAws(image, plan.aws, context, deps);
    }, "aws"),
    gcp: /* @__PURE__ */ __name(async () => {
      const { publishToGcp } = await import("./gcp-A6R5MKYW.mjs");
      return publishToGcp(image, plan.gcp, context, deps);
    }, "gcp")
  };
  const settled = await Promise.allSettled(plan.targets.map((cloud) => jobs[cloud]()));
  const published = {};
  const failures = [];
  plan.targets.forEach((cloud, i) => {
    const outcome = settled[i];
    if (outcome.status === "fulfilled") Object.assign(published, { [cloud]: outcome.value });
    else failures.push(errorMessage(outcome.reason));
  });
  if (failures.length === 1)
    throw settled.find((s) => s.status === "rejected").reason;
  if (failures.length > 1) throw new UserError(failures.join(" Also: "));
  return published;
}
__name(publishImage, "publishImage");
async function deleteResources(resources, deps, gcpEndpoints = {}) {
  const aws = resources.filter((r) => r.cloud === "aws");
  const gcp = resources.filter((r) => r.cloud === "gcp");
  const work = [];
  if (aws.length > 0) {
    work.push(import("./aws-5RDF2ZGE.mjs").then((m) => m.deleteAwsResources(aws, deps)));
  }
  if (gcp.length > 0) {
    work.push(import("./gcp-A6R5MKYW.mjs").then((m) => m.deleteGcpResources(gcp, deps, gcpEndpoints)));
  }
  for (const outcome of await Promise.allSettled(work)) {
    if (outcome.status === "rejected") {
      deps.logger.warning(`Cleaning up cloud resources failed: ${errorMessage(outcome.reason)}`);
    }
  }
}
__name(deleteResources, "deleteResources");

export {
  writeFat,
  ESP_BYTES,
  planEsp,
  readBootLoaders,
  SECTOR_BYTES,
  LOG_EXTENSION_SECTORS,
  LOG_EXTENSION_BYTES,
  checkLabel,
  encodeInitialExtension,
  encodeLogExtensions,
  sortByName,
  TupleEncoder,
  formatUuid,
  inspectImage,
  renderEntryLine,
  renderManifestText,
  imageFromBuild,
  imageFromFile,
  publishImage,
  deleteResources
};
