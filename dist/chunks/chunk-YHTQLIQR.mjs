#!/usr/bin/env node
import {
  ByteCursor,
  ByteRangeError,
  VarintError
} from "./chunk-AS4ERZIM.mjs";
import {
  UserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/image/uuid.ts
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

export {
  TfsFormatError,
  SECTOR_BYTES,
  LOG_EXTENSION_SECTORS,
  LOG_EXTENSION_BYTES,
  checkLabel,
  encodeInitialExtension,
  encodeLogExtensions,
  readLog,
  sortByName,
  TupleEncoder,
  TupleDecoder,
  formatUuid
};
