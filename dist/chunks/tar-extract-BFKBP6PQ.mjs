#!/usr/bin/env node
import {
  TAR_BLOCK_BYTES,
  TarFormatError,
  decodePaxRecords,
  decodeString,
  decodeTarHeader
} from "./chunk-BZUI2UBX.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/kernel/tar-extract.ts
const { createReadStream } = process.getBuiltinModule("node:fs");
const { link, mkdir, open, symlink } = process.getBuiltinModule("node:fs/promises");
const path = process.getBuiltinModule("node:path");
const { pipeline } = process.getBuiltinModule("node:stream/promises");

// src/kernel/byte-reader.ts
var TruncatedError = class extends Error {
  static {
    __name(this, "TruncatedError");
  }
  name = "TruncatedError";
  constructor(what) {
    super(`the archive ends in the middle of ${what}`);
  }
};
var ByteReader = class {
  static {
    __name(this, "ByteReader");
  }
  chunks;
  buffered = new Uint8Array(0);
  constructor(source) {
    this.chunks = source[Symbol.asyncIterator]();
  }
  /** Up to `max` bytes (at least one), or undefined at the end of the stream. */
  async readSome(max) {
    if (this.buffered.length === 0) {
      const next = await this.chunks.next();
      if (next.done) return void 0;
      this.buffered = next.value;
    }
    const slice = this.buffered.subarray(0, max);
    this.buffered = this.buffered.subarray(slice.length);
    return slice;
  }
  /** Exactly `size` bytes; throws TruncatedError naming `what` when the stream ends first. */
  async readExactly(size, what) {
    const out = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const slice = await this.readSome(size - filled);
      if (slice === void 0) throw new TruncatedError(what);
      out.set(slice, filled);
      filled += slice.length;
    }
    return out;
  }
};

// src/kernel/tar-extract.ts
var MAX_EXTENSION_BYTES = 1024 * 1024;
var COPY_SLICE_BYTES = 64 * 1024;
async function extractTarGz(archive, destDir, label) {
  const { createGunzip } = await import("node:zlib");
  try {
    await pipeline(
      createReadStream(archive),
      createGunzip(),
      async (source) => {
        await extractEntries(new ByteReader(source), destDir);
      }
    );
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (isDamage(error)) {
      throw new UserError(
        `archive is truncated or corrupt: ${label}: ${errorMessage(error)}; run again, and if it repeats, the copy on the server is damaged: check --kernel-base-url (input kernel-base-url)`,
        { cause: error }
      );
    }
    throw error;
  }
}
__name(extractTarGz, "extractTarGz");
async function extractEntries(reader, destDir) {
  let pending = {};
  for (; ; ) {
    const header = decodeTarHeader(await reader.readExactly(TAR_BLOCK_BYTES, "a header"));
    if (header === null) break;
    const size = pending.size ?? header.size;
    if (header.type === "gnu-long-name" || header.type === "gnu-long-link") {
      const text = decodeString(await readExtension(reader, header.size));
      pending = header.type === "gnu-long-name" ? { ...pending, name: text } : { ...pending, linkname: text };
      continue;
    }
    if (header.type === "pax-header" || header.type === "pax-global-header") {
      const records = decodePaxRecords(await readExtension(reader, header.size));
      if (header.type === "pax-header") pending = { ...pending, ...paxNames(records) };
      continue;
    }
    const entry = {
      ...header,
      size,
      name: pending.name ?? header.name,
      linkname: pending.linkname ?? header.linkname
    };
    pending = {};
    await extractEntry(reader, entry, destDir);
  }
  while (await reader.readSome(COPY_SLICE_BYTES) !== void 0) {
  }
}
__name(extractEntries, "extractEntries");
async function extractEntry(reader, entry, destDir) {
  const target = safeEntryPath(destDir, entry.name);
  switch (entry.type) {
    case "file":
      await mkdir(path.dirname(target), { recursive: true });
      await copyData(reader, entry, target);
      return;
    case "directory":
      await mkdir(target, { recursive: true });
      break;
    case "symlink":
      checkSymlinkTarget(entry);
      await mkdir(path.dirname(target), { recursive: true });
      await symlink(entry.linkname, target);
      break;
    case "hardlink":
      await mkdir(path.dirname(target), { recursive: true });
      await link(safeEntryPath(destDir, entry.linkname), target);
      break;
    default:
      throw new UserError(
        `the kernel archive holds '${entry.name}' of tar type '${entry.typeflag}', which nanoship does not extract (only files, directories and links)`
      );
  }
  await skipData(reader, entry.size);
}
__name(extractEntry, "extractEntry");
async function copyData(reader, entry, target) {
  const file = await open(target, "w", entry.mode & 493 || 420);
  try {
    let left = entry.size;
    while (left > 0) {
      const slice = await reader.readSome(Math.min(left, COPY_SLICE_BYTES));
      if (slice === void 0) throw new TruncatedError(`the data of '${entry.name}'`);
      await file.write(slice);
      left -= slice.length;
    }
  } finally {
    await file.close();
  }
  await skipData(reader, 0, entry.size);
}
__name(copyData, "copyData");
async function skipData(reader, size, padFor = size) {
  let left = size + padding(padFor);
  while (left > 0) {
    const slice = await reader.readSome(Math.min(left, COPY_SLICE_BYTES));
    if (slice === void 0) throw new TruncatedError("entry data");
    left -= slice.length;
  }
}
__name(skipData, "skipData");
async function readExtension(reader, size) {
  if (size > MAX_EXTENSION_BYTES) {
    throw new TarFormatError(`an extended header of ${size} bytes is implausibly large`);
  }
  const body = await reader.readExactly(size, "an extended header");
  await skipData(reader, 0, size);
  return body;
}
__name(readExtension, "readExtension");
function paxNames(records) {
  const names = {};
  const name = records.get("path");
  const linkname = records.get("linkpath");
  const size = records.get("size");
  if (name !== void 0) names.name = name;
  if (linkname !== void 0) names.linkname = linkname;
  if (size !== void 0) names.size = Number.parseInt(size, 10);
  return names;
}
__name(paxNames, "paxNames");
function safeEntryPath(root, name) {
  const parts = name.split("/").filter((part) => part !== "" && part !== ".");
  const unsafe = name.startsWith("/") || /^[A-Za-z]:/.test(name) || name.includes("\\") || name.includes("\0") || parts.includes("..");
  if (unsafe) {
    throw new UserError(
      `the kernel archive holds an entry named '${name}', which would be written outside the extraction folder; refusing to extract it (the archive is not a Nanos release)`
    );
  }
  return path.join(root, ...parts);
}
__name(safeEntryPath, "safeEntryPath");
function checkSymlinkTarget(entry) {
  const target = entry.linkname;
  if (target.startsWith("/") || target.includes("\\") || target.split("/").includes("..")) {
    throw new UserError(
      `the kernel archive holds a symlink '${entry.name}' -> '${target}' that points outside its folder; refusing to extract it (the archive is not a Nanos release)`
    );
  }
}
__name(checkSymlinkTarget, "checkSymlinkTarget");
function padding(size) {
  return (TAR_BLOCK_BYTES - size % TAR_BLOCK_BYTES) % TAR_BLOCK_BYTES;
}
__name(padding, "padding");
function isDamage(error) {
  if (error instanceof TarFormatError || error instanceof TruncatedError) return true;
  const code = error?.code;
  return typeof code === "string" && code.startsWith("Z_");
}
__name(isDamage, "isDamage");
export {
  extractTarGz
};
