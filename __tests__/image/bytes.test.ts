import { describe, expect, test } from '@jest/globals';
import {
  ByteCursor,
  ByteRangeError,
  decodeVarint,
  encodeVarint,
  VarintError,
} from '../../src/image/bytes.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('TFS varints', () => {
  test.each([
    { value: 0, bytes: '00' },
    { value: 5, bytes: '05' },
    { value: 127, bytes: '7f' },
    { value: 128, bytes: '8100' },
    { value: 137, bytes: '8109' },
    { value: 165, bytes: '8125' },
    { value: 1024, bytes: '8800' },
    { value: 3073, bytes: '9801' },
    { value: 70000, bytes: '84a270' },
    { value: Number.MAX_SAFE_INTEGER, bytes: '8fffffffffffff7f' },
  ])('$value is $bytes', ({ value, bytes }) => {
    expect(hex(encodeVarint(value))).toBe(bytes);
    expect(decodeVarint(Buffer.from(bytes, 'hex'))).toEqual({ value, length: bytes.length / 2 });
  });

  test('refuses negative and fractional values', () => {
    expect(() => encodeVarint(-1)).toThrow(RangeError);
    expect(() => encodeVarint(1.5)).toThrow(RangeError);
  });

  test('a varint cut short is a VarintError naming the offset', () => {
    expect(() => decodeVarint(Uint8Array.of(0, 0x88), 1)).toThrow(/offset 1/);
    expect(() => decodeVarint(Uint8Array.of(0x88))).toThrow(VarintError);
  });

  test('an endless varint is refused instead of looping', () => {
    expect(() => decodeVarint(new Uint8Array(64).fill(0xff))).toThrow(VarintError);
  });
});

describe('ByteCursor', () => {
  test('reads what it wrote, in both byte orders', () => {
    const cursor = ByteCursor.forWriting(2);
    cursor.writeU8(1).writeU16le(0x0203).writeU16be(0x0405).writeU32le(0x06070809);
    cursor
      .writeU32be(0x0a0b0c0d)
      .writeU64le(2 ** 40 + 7)
      .writeU64be(9n)
      .writeVarint(3073);
    cursor.writeBytes(Uint8Array.of(0xaa, 0xbb));
    const read = new ByteCursor(cursor.toBytes());
    expect(read.length).toBe(1 + 2 + 2 + 4 + 4 + 8 + 8 + 2 + 2);
    expect(read.u8()).toBe(1);
    expect(read.u16le()).toBe(0x0203);
    expect(read.u16be()).toBe(0x0405);
    expect(read.u32le()).toBe(0x06070809);
    expect(read.u32be()).toBe(0x0a0b0c0d);
    expect(read.u64le()).toBe(2 ** 40 + 7);
    expect(read.u64beBig()).toBe(9n);
    expect(read.varint()).toBe(3073);
    expect(hex(read.bytes(2))).toBe('aabb');
    expect(read.remaining()).toBe(0);
  });

  test('little-endian layout is byte-exact', () => {
    const cursor = ByteCursor.forWriting();
    cursor.writeU32le(0x0c).writeU16le(0xaa55);
    expect(hex(cursor.toBytes())).toBe('0c00000055aa');
  });

  test('seek and tell move over a fixed buffer', () => {
    const cursor = new ByteCursor(Uint8Array.of(1, 2, 3, 4));
    cursor.seek(2);
    expect(cursor.tell()).toBe(2);
    expect(cursor.u8()).toBe(3);
    cursor.skip(-3);
    expect(cursor.u8()).toBe(1);
  });

  test('reading past the end is a ByteRangeError naming the offset', () => {
    const cursor = new ByteCursor(Uint8Array.of(1, 2, 3));
    cursor.seek(2);
    expect(() => cursor.u32le()).toThrow(ByteRangeError);
    expect(() => cursor.u32le()).toThrow(/offset 2/);
    expect(() => cursor.seek(4)).toThrow(ByteRangeError);
  });

  test('a fixed cursor refuses writes past its end', () => {
    const cursor = new ByteCursor(new Uint8Array(2));
    expect(() => cursor.writeU32le(1)).toThrow(ByteRangeError);
  });

  test.each([
    { name: 'writeU8', write: (c: ByteCursor) => c.writeU8(256) },
    { name: 'writeU16le', write: (c: ByteCursor) => c.writeU16le(0x10000) },
    { name: 'writeU16be', write: (c: ByteCursor) => c.writeU16be(-1) },
    { name: 'writeU32le', write: (c: ByteCursor) => c.writeU32le(2 ** 32) },
    { name: 'writeU32be', write: (c: ByteCursor) => c.writeU32be(1.5) },
    { name: 'writeU64le', write: (c: ByteCursor) => c.writeU64le(2n ** 64n) },
    { name: 'writeU64be', write: (c: ByteCursor) => c.writeU64be(-1) },
  ])('$name refuses a value that does not fit instead of wrapping it', ({ write }) => {
    const cursor = ByteCursor.forWriting();
    expect(() => write(cursor)).toThrow(RangeError);
    expect(cursor.length).toBe(0); // nothing half-written
  });

  test('the largest value of each width is written', () => {
    const cursor = ByteCursor.forWriting();
    cursor
      .writeU8(0xff)
      .writeU16le(0xffff)
      .writeU32le(2 ** 32 - 1)
      .writeU64le(2n ** 64n - 1n);
    expect(hex(cursor.toBytes())).toBe('ff'.repeat(15));
  });

  test('a 64-bit value above 2^53 is refused as a number', () => {
    const cursor = new ByteCursor(new Uint8Array(8).fill(0xff));
    expect(() => cursor.u64le()).toThrow(RangeError);
  });
});
