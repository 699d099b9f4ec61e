#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

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

export {
  ByteRangeError,
  VarintError,
  ByteCursor
};
