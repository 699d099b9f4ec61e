#!/usr/bin/env node
import {
  MBR_BYTES,
  PartitionType,
  REGION_TYPE_STAGE2,
  decodeMbr
} from "./chunk-HCBQV7ZK.mjs";
import {
  open
} from "./chunk-A2KG4ATD.mjs";
import {
  readFully
} from "./chunk-ZBWKTN27.mjs";
import {
  UEFI_LOADER_PATHS
} from "./chunk-NRA3RA25.mjs";
import {
  Attribute,
  DIRECTORY_ENTRY_BYTES,
  END_OF_CHAIN_MIN,
  FAT32_ENTRY_MASK,
  FAT_SECTOR_BYTES,
  FIRST_DATA_CLUSTER,
  FREE_CLUSTER,
  decodeBootSector,
  decodeDirectorySlot,
  shortEntryName,
  shortNameChecksum
} from "./chunk-4XZ7R34B.mjs";
import {
  UserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

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
function decodeLongName(units) {
  const end = units.indexOf(0);
  return String.fromCharCode(...end === -1 ? units : units.slice(0, end));
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
  readEsp,
  describeBootLoaders,
  readBootLoaders
};
