#!/usr/bin/env node
import {
  TfsFormatError,
  TupleDecoder,
  formatUuid,
  readLog,
  sortByName
} from "./chunk-YHTQLIQR.mjs";
import {
  describeBootLoaders,
  readEsp
} from "./chunk-5ELQOUC3.mjs";
import {
  MBR_BYTES,
  PartitionType,
  decodeMbr
} from "./chunk-HCBQV7ZK.mjs";
import {
  open
} from "./chunk-A2KG4ATD.mjs";
import {
  readFully
} from "./chunk-ZBWKTN27.mjs";
import {
  UserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/image/tfs-reader.ts
var READ_CHUNK_BYTES = 1024 * 1024;
async function readTfs(handle, offsetBytes, sizeBytes) {
  const readAt = /* @__PURE__ */ __name((offset, length) => readBytes(handle, offsetBytes + offset, length), "readAt");
  const log = await readLog(readAt, sizeBytes, offsetBytes);
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
function listTfsEntries(volume) {
  const entries = [];
  const visit = /* @__PURE__ */ __name((dir, prefix) => {
    const children = dir.get("children");
    for (const [name, node] of sortByName(children)) {
      if (!(node instanceof Map)) continue;
      const path = `${prefix}/${name}`;
      entries.push(describeNode(volume, node, path));
      if (node.get("children") instanceof Map) visit(node, path);
    }
  }, "visit");
  visit(volume.root, "");
  return entries;
}
__name(listTfsEntries, "listTfsEntries");
function describeNode(volume, node, path) {
  if (node.get("children") instanceof Map) return { path, kind: "directory" };
  const target = node.get("linktarget");
  if (typeof target === "string") return { path, kind: "symlink", target };
  return { path, kind: "file", sizeBytes: fileLength(volume, node) };
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
async function inspectImage(path) {
  const handle = await open(path, "r").catch((error) => {
    throw new UserError(`Cannot open image ${path}: ${error.message}.`, { cause: error });
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      throw new UserError(`${path} is not a file: give the path of a disk image (.img).`);
    }
    const sizeBytes = info.size;
    const first = Buffer.alloc(MBR_BYTES);
    await handle.read(first, 0, MBR_BYTES, 0);
    const mbr = decodeMbr(first);
    if (!mbr.hasSignature) {
      const root2 = await readTfs(handle, 0, sizeBytes);
      return { path, sizeBytes, partitioned: false, partitions: [], root: describeRoot(root2) };
    }
    const { boot, root } = locatePartitions(mbr, path);
    const esp = await readEsp(handle, mbr);
    const bootVolume = await readTfs(handle, boot.startLba * MBR_BYTES, boot.sectors * MBR_BYTES);
    const rootOffset = root.startLba * MBR_BYTES;
    const rootVolume = await readTfs(handle, rootOffset, sizeBytes - rootOffset);
    return {
      path,
      sizeBytes,
      partitioned: true,
      partitions: mbr.partitions,
      ...bootOf(path, mbr, esp),
      ...esp === void 0 ? {} : { esp },
      bootfs: describe(bootVolume),
      root: describeRoot(rootVolume)
    };
  } finally {
    await handle.close();
  }
}
__name(inspectImage, "inspectImage");
function locatePartitions(mbr, path) {
  const byIndex = /* @__PURE__ */ __name((index) => mbr.partitions.find((entry) => entry.index === index), "byIndex");
  const shift = byIndex(0)?.type === PartitionType.esp ? 1 : 0;
  const boot = byIndex(shift);
  const root = byIndex(shift + 1);
  if (boot === void 0 || root === void 0) {
    throw new UserError(
      `${path} has a boot signature but no bootfs and root partitions in its MBR; it is not a Nanos image.`
    );
  }
  return { boot, root };
}
__name(locatePartitions, "locatePartitions");
function bootOf(path, mbr, esp) {
  try {
    const loaders = describeBootLoaders(path, mbr, esp);
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

export {
  inspectImage
};
