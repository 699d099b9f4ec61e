#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

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
  static {
    __name(this, "TarFormatError");
  }
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
__name(decodeTarHeader, "decodeTarHeader");
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
__name(tarChecksums, "tarChecksums");
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
__name(decodeTarNumber, "decodeTarNumber");
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
__name(decodePaxRecords, "decodePaxRecords");
function decodeString(bytes) {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString("utf8");
}
__name(decodeString, "decodeString");
function field(block, name) {
  const [offset, size] = TAR_HEADER_FIELDS[name];
  return block.subarray(offset, offset + size);
}
__name(field, "field");
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
__name(toEntryType, "toEntryType");

export {
  TAR_BLOCK_BYTES,
  TAR_HEADER_FIELDS,
  TarFormatError,
  decodeTarHeader,
  tarChecksums,
  decodePaxRecords,
  decodeString
};
