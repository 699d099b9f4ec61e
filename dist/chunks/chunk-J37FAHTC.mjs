#!/usr/bin/env node
import {
  ByteCursor,
  ByteRangeError,
  MBR_BYTES,
  PartitionType,
  UEFI_LOADER_PATHS,
  VarintError,
  decodeMbr,
  describeBootLoaders,
  readBootLoaders,
  readEsp,
  sha256File
} from "./chunk-COVSWCVJ.mjs";
import {
  open
} from "./chunk-LBVLAXKG.mjs";
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
const path = process.getBuiltinModule("node:path");

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
async function readLog(readAt, sizeBytes, diskOffset = 0) {
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
    const bytes = await readAt(next.start * SECTOR_BYTES, next.sectors * SECTOR_BYTES);
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
  const handle = await open(path2, "r").catch((error) => {
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
  return loaders.mode === "bios" ? "BIOS boot loader, x86_64 only" : `UEFI loader ${UEFI_LOADER_PATHS[loaders.arch]}`;
}
__name(loaderText, "loaderText");
async function bootOfFile(file) {
  const { bootMode, arch } = await readBootLoaders(file);
  return { mode: bootMode, arch };
}
__name(bootOfFile, "bootOfFile");
async function imageFromFile(file, options) {
  const inspection = await inspectImage(file);
  if (!inspection.partitioned || inspection.bootfs === void 0) {
    throw new UserError(
      `${file} is not a bootable nanoship image (no partition table or boot filesystem); build it with nanoship build.`
    );
  }
  const loaders = inspection.boot ?? await bootOfFile(file);
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
    bootMode: loaders.mode,
    klibs,
    kernelVersion: "unknown"
  };
}
__name(imageFromFile, "imageFromFile");
async function publishImage(plan, image, deps) {
  const context = { provenance: plan.provenance, channel: plan.channel };
  const jobs = {
    aws: /* @__PURE__ */ __name(async () => {
      const { publishToAws } = await import("./aws-OMYCWAD6.mjs");
      return publishToAws(image, plan.aws, context, deps);
    }, "aws"),
    gcp: /* @__PURE__ */ __name(async () => {
      const { publishToGcp } = await import("./gcp-SKE4X3Y2.mjs");
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
    work.push(import("./aws-OMYCWAD6.mjs").then((m) => m.deleteAwsResources(aws, deps)));
  }
  if (gcp.length > 0) {
    work.push(import("./gcp-SKE4X3Y2.mjs").then((m) => m.deleteGcpResources(gcp, deps, gcpEndpoints)));
  }
  for (const outcome of await Promise.allSettled(work)) {
    if (outcome.status === "rejected") {
      deps.logger.warning(`Cleaning up cloud resources failed: ${errorMessage(outcome.reason)}`);
    }
  }
}
__name(deleteResources, "deleteResources");

export {
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
