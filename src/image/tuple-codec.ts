/**
 * TFS value encoding, version 5 (nanos-image-format.md §2.3): how tuples, vectors, strings,
 * integers and symbols become the bytes of a log record, and back.
 *
 * Every value starts with a one-byte header:
 *
 * | bit 7 | bits 6–4 | bit 3 | bits 2–0 |
 * |-------|----------|-------|----------|
 * | I: 1 = immediate (new object), 0 = dictionary reference | T: type | X: length continues | L: length (or its top bits) |
 *
 * With X set, the length continues in big-endian 7-bit groups (bit 7 set on all but the last).
 *
 * The dictionary is shared by every record of one filesystem: each immediate symbol (tuple
 * key), tuple and vector takes the next index, starting at 1, in the order its header appears;
 * strings and integers never do. A tuple takes its index *before* its entries are read. The
 * encoder and decoder below therefore number in exactly the same places.
 */
import { ByteCursor, ByteRangeError, VarintError } from './bytes.js';
import { TfsFormatError } from './tfs-format-error.js';

/**
 * A decoded or to-be-encoded TFS value. Integers are `number` (the kernel writes extent
 * numbers and `filelength` as type-3 integers); `null` is the "present flag" null value (a
 * one-byte 0x00 buffer, e.g. `uninited`).
 */
export type TfsValue = string | number | null | TfsValue[] | TfsTuple;
/** Keys are symbols; a Map keeps any file name a safe key. */
export type TfsTuple = Map<string, TfsValue>;

/** Value types, bits 6–4 of the header. */
const ValueType = {
  buffer: 0, // symbols (as keys), legacy untyped buffers, the null value
  tuple: 1,
  vector: 2,
  integer: 3,
  string: 4,
} as const;

export interface ValueHeader {
  immediate: boolean;
  type: number;
  /** Byte length, entry count, dictionary index or sign, depending on type and I. */
  length: number;
}

const IMMEDIATE_BIT = 0x80;
const TYPE_SHIFT = 4;
const TYPE_MASK = 0x7;
const EXTENDED_BIT = 0x08;
const LENGTH_MASK = 0x7;
const SHORT_LENGTH_LIMIT = 8;
/** Deepest value nesting the decoder follows (a directory is two levels); stops runaway input. */
const MAX_NESTING = 2048;

const utf8 = new TextEncoder();
const utf8Text = new TextDecoder('utf-8');

/** Writes a value header in its shortest form (the one the kernel writes). */
export function renderHeader(out: ByteCursor, header: ValueHeader): void {
  const { immediate, type, length } = header;
  const first = (immediate ? IMMEDIATE_BIT : 0) | (type << TYPE_SHIFT);
  if (length < SHORT_LENGTH_LIMIT) {
    out.writeU8(first | length);
    return;
  }
  const groups: number[] = [];
  let rest = length;
  while (rest >= SHORT_LENGTH_LIMIT) {
    groups.unshift((rest % 128) | (groups.length > 0 ? 0x80 : 0));
    rest = Math.floor(rest / 128);
  }
  out.writeU8(first | EXTENDED_BIT | rest);
  for (const group of groups) out.writeU8(group);
}

/** Reads a value header (inverse of `renderHeader`; accepts non-minimal lengths too). */
export function parseHeader(input: ByteCursor): ValueHeader {
  const first = input.u8();
  let length = first & LENGTH_MASK;
  if (first & EXTENDED_BIT) {
    let byte: number;
    let groups = 0;
    do {
      byte = input.u8();
      length = length * 128 + (byte & 0x7f);
      if (++groups > 8) throw new VarintError(input.tell() - groups, 'header length too long');
    } while (byte & 0x80);
  }
  return {
    immediate: (first & IMMEDIATE_BIT) !== 0,
    type: (first >> TYPE_SHIFT) & TYPE_MASK,
    length,
  };
}

/**
 * Returns `entries` sorted by their names' UTF-8 bytes, so the order never depends on insertion
 * or locale (and differs from JavaScript's UTF-16 order beyond U+FFFF). Each name is encoded
 * once, not on every comparison, which made planning a 20,000-file directory take seconds.
 */
export function sortByName<T>(entries: Iterable<[string, T]>): [string, T][] {
  // Buffer.from encodes as TextEncoder does (lone surrogates become U+FFFD), but short
  // strings about three times faster.
  const keyed = Array.from(entries, (entry) => ({ bytes: Buffer.from(entry[0], 'utf8'), entry }));
  keyed.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  return keyed.map(({ entry }) => entry);
}

/**
 * Encodes values into log records, numbering symbols, tuples and vectors exactly as the
 * kernel's decoder will. One encoder per filesystem: its dictionary spans every record.
 */
export class TupleEncoder {
  readonly #symbols = new Map<string, number>();
  #lastIndex = 0;

  /** Number of dictionary entries handed out so far. */
  get dictionarySize(): number {
    return this.#lastIndex;
  }

  /** Appends `value` to `out`. Tuple keys are written sorted by their UTF-8 bytes. */
  encodeValue(out: ByteCursor, value: TfsValue): void {
    if (typeof value === 'string') {
      const bytes = utf8.encode(value);
      renderHeader(out, { immediate: true, type: ValueType.string, length: bytes.length });
      out.writeBytes(bytes);
    } else if (typeof value === 'number') {
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

  #encodeTuple(out: ByteCursor, tuple: TfsTuple): void {
    renderHeader(out, { immediate: true, type: ValueType.tuple, length: tuple.size });
    this.#lastIndex++;
    for (const [key, value] of sortByName(tuple)) {
      this.#encodeSymbol(out, key);
      this.encodeValue(out, value);
    }
  }

  #encodeSymbol(out: ByteCursor, name: string): void {
    const index = this.#symbols.get(name);
    if (index !== undefined) {
      renderHeader(out, { immediate: false, type: ValueType.buffer, length: index });
      return;
    }
    const bytes = utf8.encode(name);
    renderHeader(out, { immediate: true, type: ValueType.buffer, length: bytes.length });
    out.writeBytes(bytes);
    this.#symbols.set(name, ++this.#lastIndex);
  }

  /**
   * Integers are type 3 like the C writers (kernel and mkfs), not decimal strings like ops:
   * shorter, and what the kernel itself writes when it updates extents at run time.
   */
  #encodeInteger(out: ByteCursor, value: number): void {
    if (!Number.isSafeInteger(value))
      throw new RangeError(`Cannot encode ${value} as a TFS integer.`);
    renderHeader(out, { immediate: true, type: ValueType.integer, length: value < 0 ? 1 : 0 });
    out.writeVarint(Math.abs(value));
  }
}

/** One dictionary entry: a symbol's text, or a tuple/vector object that later records extend. */
type DictionaryEntry = string | TfsTuple | TfsValue[];

/**
 * Decodes log records against the filesystem's shared dictionary. The first value of the
 * first record is the root (dictionary index 1); later records that reference it merge into
 * the same Map, so `root` always shows the current state.
 */
export class TupleDecoder {
  readonly #dictionary: DictionaryEntry[] = [];
  #recordStart = 0;

  /** The root tuple (index 1), once the first record has been decoded. */
  get root(): TfsTuple | undefined {
    const first = this.#dictionary[0];
    return first instanceof Map ? first : undefined;
  }

  /**
   * Decodes one whole record. `diskOffset` is where the record starts on disk (for error
   * messages). Throws `TfsFormatError` for anything malformed.
   */
  decodeRecord(record: Uint8Array, diskOffset = 0): TfsValue {
    const input = new ByteCursor(record);
    this.#recordStart = diskOffset;
    try {
      const value = this.#decodeValue(input, 0);
      if (value === undefined) this.#fail(input, 'a record that deletes nothing');
      if (input.remaining() > 0)
        this.#fail(input, `${input.remaining()} stray byte(s) after the record's value`);
      return value;
    } catch (error) {
      if (error instanceof ByteRangeError || error instanceof VarintError) {
        throw new TfsFormatError(
          diskOffset + input.tell(),
          'a record ends in the middle of a value',
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  /** Returns undefined for the "delete this attribute" marker. */
  #decodeValue(input: ByteCursor, depth: number): TfsValue | undefined {
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
        return utf8Text.decode(input.bytes(header.length));
      case ValueType.buffer:
        return this.#decodeBuffer(input, header);
      default:
        return this.#fail(input, `unknown value type ${header.type}`);
    }
  }

  #decodeTuple(input: ByteCursor, header: ValueHeader, depth: number): TfsTuple {
    const tuple = header.immediate ? this.#record(new Map()) : this.#lookupTuple(input);
    for (let i = 0; i < header.length; i++) {
      const key = this.#decodeSymbol(input);
      const value = this.#decodeValue(input, depth + 1);
      if (value === undefined) tuple.delete(key);
      else tuple.set(key, value);
    }
    return tuple;
  }

  #decodeVector(input: ByteCursor, header: ValueHeader, depth: number): TfsValue[] {
    const vector = header.immediate ? this.#record([] as TfsValue[]) : this.#lookupVector(input);
    for (let i = 0; i < header.length; i++) {
      const value = this.#decodeValue(input, depth + 1);
      if (value !== undefined) vector[i] = value;
    }
    return vector;
  }

  #decodeInteger(input: ByteCursor, header: ValueHeader): number {
    if (!header.immediate) this.#fail(input, 'an integer written as a reference');
    const magnitude = input.varint();
    return header.length === 0 ? magnitude : -magnitude;
  }

  /**
   * Type 0 as a value: length 0 deletes the attribute (returned as undefined), a single 0x00
   * is the null flag, anything else is legacy untyped text.
   */
  #decodeBuffer(input: ByteCursor, header: ValueHeader): TfsValue | undefined {
    if (!header.immediate) return this.#lookupText(input, header.length);
    if (header.length === 0) return undefined;
    const bytes = input.bytes(header.length);
    if (header.length === 1 && bytes[0] === 0) return null;
    return utf8Text.decode(bytes);
  }

  #decodeSymbol(input: ByteCursor): string {
    const header = parseHeader(input);
    if (header.type !== ValueType.buffer) this.#fail(input, `a tuple key of type ${header.type}`);
    if (!header.immediate) return this.#lookupText(input, header.length);
    return this.#record(utf8Text.decode(input.bytes(header.length)));
  }

  #record<T extends DictionaryEntry>(entry: T): T {
    this.#dictionary.push(entry);
    return entry;
  }

  #lookup(input: ByteCursor, index: number): DictionaryEntry {
    const entry = this.#dictionary[index - 1];
    if (entry === undefined) {
      this.#fail(
        input,
        `reference to dictionary entry ${index}, but only ${this.#dictionary.length} exist`,
      );
    }
    return entry;
  }

  #lookupText(input: ByteCursor, index: number): string {
    const entry = this.#lookup(input, index);
    if (typeof entry !== 'string') this.#fail(input, `dictionary entry ${index} is not a symbol`);
    return entry;
  }

  #lookupTuple(input: ByteCursor): TfsTuple {
    const index = input.varint();
    const entry = this.#lookup(input, index);
    if (!(entry instanceof Map)) this.#fail(input, `dictionary entry ${index} is not a tuple`);
    return entry;
  }

  #lookupVector(input: ByteCursor): TfsValue[] {
    const index = input.varint();
    const entry = this.#lookup(input, index);
    if (!Array.isArray(entry)) this.#fail(input, `dictionary entry ${index} is not a vector`);
    return entry;
  }

  #fail(input: ByteCursor, problem: string): never {
    throw new TfsFormatError(this.#recordStart + input.tell(), problem);
  }
}
