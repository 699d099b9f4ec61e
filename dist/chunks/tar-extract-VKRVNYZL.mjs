#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  UserError,
  errorMessage
} from "./chunk-CO3PDPGD.mjs";

// src/kernel/tar-extract.ts
import { createReadStream } from "node:fs";
import { link, mkdir, open, symlink } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";

// src/kernel/byte-reader.ts
var TruncatedError = class extends Error {
  name = "TruncatedError";
  constructor(what) {
    super(`the archive ends in the middle of ${what}`);
  }
};
var ByteReader = class {
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

// src/kernel/tar-header.ts
var TAR_BLOCK_BYTES = 512;
var TAR_HEADER_FIELDS = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  checksum: [148, 8],
  typeflag: [156, 1],
  linkname: [157, 100],
  magic: [257, 6],
  // "ustar\0" (POSIX) or "ustar " (GNU, whose version field is " \0")
  version: [263, 2],
  uname: [265, 32],
  gname: [297, 32],
  devmajor: [329, 8],
  devminor: [337, 8],
  prefix: [345, 155]
  // POSIX only: GNU uses these bytes for atime/ctime
};
var TarFormatError = class extends Error {
  name = "TarFormatError";
};
function decodeTarHeader(block) {
  if (block.every((byte) => byte === 0)) return null;
  const stored = decodeTarNumber(field(block, "checksum"));
  if (!tarChecksums(block).includes(stored)) {
    throw new TarFormatError(
      `header checksum ${stored} does not match the header (is the file still compressed, or cut short?)`
    );
  }
  const magic = decodeString(field(block, "magic"));
  if (magic !== "ustar" && magic !== "ustar ") {
    throw new TarFormatError(`unknown header magic '${magic}' (not a ustar or GNU tar archive)`);
  }
  const name = decodeString(field(block, "name"));
  const prefix = magic === "ustar" ? decodeString(field(block, "prefix")) : "";
  const typeflag = decodeString(field(block, "typeflag"));
  return {
    name: prefix === "" ? name : `${prefix}/${name}`,
    mode: decodeTarNumber(field(block, "mode")),
    size: decodeTarNumber(field(block, "size")),
    type: toEntryType(typeflag),
    linkname: decodeString(field(block, "linkname")),
    typeflag
  };
}
function tarChecksums(block) {
  const [offset, size] = TAR_HEADER_FIELDS.checksum;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < TAR_BLOCK_BYTES; i++) {
    const byte = i >= offset && i < offset + size ? 32 : block[i] ?? 0;
    unsigned += byte;
    signed += byte >= 128 ? byte - 256 : byte;
  }
  return [unsigned, signed];
}
function decodeTarNumber(bytes) {
  if (bytes.length > 0 && (bytes[0] & 128) !== 0) {
    let value = bytes[0] & 127;
    for (let i = 1; i < bytes.length; i++) value = value * 256 + bytes[i];
    return value;
  }
  const text = decodeString(bytes).trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`numeric field '${text}' is not octal`);
  return Number.parseInt(text, 8);
}
function decodePaxRecords(body) {
  const records = /* @__PURE__ */ new Map();
  const text = Buffer.from(body).toString("utf8");
  let at = 0;
  while (at < text.length && text[at] !== "\0") {
    const space = text.indexOf(" ", at);
    const length = Number.parseInt(text.slice(at, space), 10);
    if (space < 0 || !Number.isInteger(length) || length <= space - at) {
      throw new TarFormatError(`malformed pax record at byte ${at}`);
    }
    const record = text.slice(space + 1, at + length - 1);
    const equals = record.indexOf("=");
    if (equals < 0) throw new TarFormatError(`malformed pax record at byte ${at}`);
    records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}
function decodeString(bytes) {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString("utf8");
}
function field(block, name) {
  const [offset, size] = TAR_HEADER_FIELDS[name];
  return block.subarray(offset, offset + size);
}
function toEntryType(typeflag) {
  switch (typeflag) {
    case "":
    case "0":
    case "7":
      return "file";
    case "5":
      return "directory";
    case "2":
      return "symlink";
    case "1":
      return "hardlink";
    case "L":
      return "gnu-long-name";
    case "K":
      return "gnu-long-link";
    case "x":
      return "pax-header";
    case "g":
      return "pax-global-header";
    default:
      return "other";
  }
}

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
async function skipData(reader, size, padFor = size) {
  let left = size + padding(padFor);
  while (left > 0) {
    const slice = await reader.readSome(Math.min(left, COPY_SLICE_BYTES));
    if (slice === void 0) throw new TruncatedError("entry data");
    left -= slice.length;
  }
}
async function readExtension(reader, size) {
  if (size > MAX_EXTENSION_BYTES) {
    throw new TarFormatError(`an extended header of ${size} bytes is implausibly large`);
  }
  const body = await reader.readExactly(size, "an extended header");
  await skipData(reader, 0, size);
  return body;
}
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
function checkSymlinkTarget(entry) {
  const target = entry.linkname;
  if (target.startsWith("/") || target.includes("\\") || target.split("/").includes("..")) {
    throw new UserError(
      `the kernel archive holds a symlink '${entry.name}' -> '${target}' that points outside its folder; refusing to extract it (the archive is not a Nanos release)`
    );
  }
}
function padding(size) {
  return (TAR_BLOCK_BYTES - size % TAR_BLOCK_BYTES) % TAR_BLOCK_BYTES;
}
function isDamage(error) {
  if (error instanceof TarFormatError || error instanceof TruncatedError) return true;
  const code = error?.code;
  return typeof code === "string" && code.startsWith("Z_");
}
export {
  extractTarGz
};
