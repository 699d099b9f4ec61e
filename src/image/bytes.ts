/**
 * Byte-level helpers shared by every on-disk codec (ELF, TFS, MBR): one cursor that reads and
 * writes fixed-width integers at a position, and the TFS varint pair.
 *
 * Field code says *what* it reads (`cursor.u32le()`), never *where*: the cursor keeps the
 * position, and a read past the end throws `ByteRangeError` (a typed error naming the offset),
 * so a truncated input can never turn into a crash or a silent garbage value.
 */

/** A read or seek beyond the end of the bytes; names where and how much was wanted. */
export class ByteRangeError extends Error {
  override name = 'ByteRangeError';

  constructor(
    readonly offset: number,
    readonly wanted: number,
    readonly available: number,
  ) {
    super(
      `Wanted ${wanted} byte(s) at offset ${offset}, but only ${Math.max(0, available - offset)} remain (size ${available}).`,
    );
  }
}

/** A TFS varint that is longer than any 53-bit number or stops in the middle. */
export class VarintError extends Error {
  override name = 'VarintError';

  constructor(
    readonly offset: number,
    reason: string,
  ) {
    super(`Bad varint at offset ${offset}: ${reason}.`);
  }
}

const INITIAL_WRITE_CAPACITY = 256;
/** 8 groups of 7 bits hold 56 bits: enough for every safe integer, so a 9th byte is corrupt. */
const MAX_VARINT_BYTES = 8;

/**
 * A position over a byte array for reading and writing little- and big-endian integers.
 * A cursor made with `ByteCursor.forWriting()` grows as it is written; one made over existing
 * bytes has a fixed size and refuses to read or write past it.
 */
export class ByteCursor {
  #bytes: Uint8Array;
  #view: DataView;
  #position = 0;
  /** Highest offset written or given; `toBytes()` returns everything below it. */
  #end: number;
  readonly #growable: boolean;

  constructor(bytes: Uint8Array, options: { growable?: boolean } = {}) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#growable = options.growable ?? false;
    this.#end = this.#growable ? 0 : bytes.byteLength;
  }

  /** An empty cursor that grows as it is written. */
  static forWriting(initialCapacity = INITIAL_WRITE_CAPACITY): ByteCursor {
    return new ByteCursor(new Uint8Array(initialCapacity), { growable: true });
  }

  /** Number of valid bytes (fixed size, or the high-water mark of a growable cursor). */
  get length(): number {
    return this.#end;
  }

  /** Current position. */
  tell(): number {
    return this.#position;
  }

  /** Moves to `offset`; a fixed cursor refuses offsets beyond its end. */
  seek(offset: number): this {
    if (offset < 0 || (!this.#growable && offset > this.#end)) {
      throw new ByteRangeError(offset, 0, this.#end);
    }
    this.#position = offset;
    return this;
  }

  /** Moves `count` bytes forward (or backward when negative). */
  skip(count: number): this {
    return this.seek(this.#position + count);
  }

  /** Bytes left between the position and the end. */
  remaining(): number {
    return Math.max(0, this.#end - this.#position);
  }

  u8(): number {
    return this.#view.getUint8(this.#take(1));
  }
  u16le(): number {
    return this.#view.getUint16(this.#take(2), true);
  }
  u16be(): number {
    return this.#view.getUint16(this.#take(2), false);
  }
  u32le(): number {
    return this.#view.getUint32(this.#take(4), true);
  }
  u32be(): number {
    return this.#view.getUint32(this.#take(4), false);
  }
  /** A 64-bit little-endian integer as a bigint (no precision loss). */
  u64leBig(): bigint {
    return this.#view.getBigUint64(this.#take(8), true);
  }
  u64beBig(): bigint {
    return this.#view.getBigUint64(this.#take(8), false);
  }
  /** A 64-bit little-endian integer as a number; a value above 2^53 throws a `RangeError`. */
  u64le(): number {
    return toSafeNumber(this.u64leBig(), this.#position - 8);
  }
  u64be(): number {
    return toSafeNumber(this.u64beBig(), this.#position - 8);
  }

  /** The next `count` bytes as a view (no copy); copy it if the source may change. */
  bytes(count: number): Uint8Array {
    const start = this.#take(count);
    return this.#bytes.subarray(start, start + count);
  }

  /** A TFS varint (big-endian base-128, see `decodeVarint`). */
  varint(): number {
    const { value, length } = decodeVarint(this.#bytes.subarray(0, this.#end), this.#position);
    this.#position += length;
    return value;
  }

  writeU8(value: number): this {
    checkWidth(value, 8, 'writeU8');
    const at = this.#reserve(1);
    this.#view.setUint8(at, value);
    return this;
  }
  writeU16le(value: number): this {
    checkWidth(value, 16, 'writeU16le');
    const at = this.#reserve(2);
    this.#view.setUint16(at, value, true);
    return this;
  }
  writeU16be(value: number): this {
    checkWidth(value, 16, 'writeU16be');
    const at = this.#reserve(2);
    this.#view.setUint16(at, value, false);
    return this;
  }
  writeU32le(value: number): this {
    checkWidth(value, 32, 'writeU32le');
    const at = this.#reserve(4);
    this.#view.setUint32(at, value, true);
    return this;
  }
  writeU32be(value: number): this {
    checkWidth(value, 32, 'writeU32be');
    const at = this.#reserve(4);
    this.#view.setUint32(at, value, false);
    return this;
  }
  writeU64le(value: number | bigint): this {
    checkWidth(value, 64, 'writeU64le');
    const at = this.#reserve(8);
    this.#view.setBigUint64(at, BigInt(value), true);
    return this;
  }
  writeU64be(value: number | bigint): this {
    checkWidth(value, 64, 'writeU64be');
    const at = this.#reserve(8);
    this.#view.setBigUint64(at, BigInt(value), false);
    return this;
  }
  writeBytes(bytes: Uint8Array): this {
    const at = this.#reserve(bytes.byteLength);
    this.#bytes.set(bytes, at);
    return this;
  }
  writeVarint(value: number): this {
    return this.writeBytes(encodeVarint(value));
  }

  /** The bytes from offset 0 to the end, as a view (no copy). */
  toBytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#end);
  }

  /** Claims `count` bytes for reading at the position and advances past them. */
  #take(count: number): number {
    const start = this.#position;
    if (start + count > this.#end) throw new ByteRangeError(start, count, this.#end);
    this.#position = start + count;
    return start;
  }

  /**
   * Claims `count` bytes for writing at the position, growing if allowed. Callers take the
   * offset *before* touching `#view`/`#bytes`, because growing replaces both.
   */
  #reserve(count: number): number {
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

  #grow(needed: number): void {
    const grown = new Uint8Array(Math.max(needed, this.#bytes.byteLength * 2));
    grown.set(this.#bytes);
    this.#bytes = grown;
    this.#view = new DataView(grown.buffer);
  }
}

/**
 * Refuses a value a `bits`-wide unsigned field cannot hold. DataView would store it modulo
 * 2^bits, turning a caller's bug (say a sector count past 2^32) into a corrupt image.
 */
function checkWidth(value: number | bigint, bits: number, method: string): void {
  const fits =
    typeof value === 'bigint'
      ? value >= 0n && value < 1n << BigInt(bits)
      : Number.isInteger(value) && value >= 0 && value < 2 ** bits;
  if (!fits) {
    throw new RangeError(`${method}: ${value} is not a whole number from 0 to 2^${bits} - 1.`);
  }
}

function toSafeNumber(value: bigint, offset: number): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`64-bit value ${value} at offset ${offset} is larger than 2^53.`);
  }
  return Number(value);
}

/**
 * Encodes a non-negative integer as a TFS varint: 7-bit groups, most significant first, bit 7
 * set on every byte but the last (1024 → 88 00). This is *not* LEB128, which is least
 * significant first.
 */
export function encodeVarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`A TFS varint holds a non-negative safe integer, not ${value}.`);
  }
  const groups: number[] = [];
  let rest = value;
  do {
    groups.unshift(rest % 128);
    rest = Math.floor(rest / 128);
  } while (rest > 0);
  for (let i = 0; i < groups.length - 1; i++) groups[i]! |= 0x80;
  return Uint8Array.from(groups);
}

/**
 * Decodes the TFS varint at `offset` (inverse of `encodeVarint`). Returns the value and the
 * number of bytes it took. Throws `VarintError` when the bytes run out before the last group or
 * the varint is longer than any safe integer.
 */
export function decodeVarint(bytes: Uint8Array, offset = 0): { value: number; length: number } {
  let value = 0;
  for (let length = 1; length <= MAX_VARINT_BYTES; length++) {
    const at = offset + length - 1;
    if (at >= bytes.byteLength) throw new VarintError(offset, 'the bytes end inside it');
    const byte = bytes[at]!;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      if (!Number.isSafeInteger(value)) throw new VarintError(offset, 'value above 2^53');
      return { value, length };
    }
  }
  throw new VarintError(offset, `longer than ${MAX_VARINT_BYTES} bytes`);
}
