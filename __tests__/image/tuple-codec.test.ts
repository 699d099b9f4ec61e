import { describe, expect, test } from '@jest/globals';
import { ByteCursor } from '../../src/image/bytes.js';
import { TfsFormatError } from '../../src/image/tfs-format-error.js';
import {
  parseHeader,
  renderHeader,
  sortByName,
  type TfsTuple,
  type TfsValue,
  TupleDecoder,
  TupleEncoder,
} from '../../src/image/tuple-codec.js';

/** Hex with optional spaces and "quoted text" segments, as the format spec writes bytes. */
function bytesOf(spec: string): Uint8Array {
  const parts = spec.match(/"[^"]*"|[0-9a-fA-F]{2}/g) ?? [];
  return Buffer.concat(
    parts.map((part) =>
      part.startsWith('"') ? Buffer.from(part.slice(1, -1)) : Buffer.from(part, 'hex'),
    ),
  );
}
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const tuple = (entries: Record<string, TfsValue>): TfsTuple => new Map(Object.entries(entries));

function encode(value: TfsValue, encoder = new TupleEncoder()): Uint8Array {
  const out = ByteCursor.forWriting();
  encoder.encodeValue(out, value);
  return out.toBytes();
}

describe('value headers (format §2.3)', () => {
  test.each([
    { name: 'empty tuple', header: { immediate: true, type: 1, length: 0 }, bytes: '90' },
    { name: 'symbol of 7 bytes', header: { immediate: true, type: 0, length: 7 }, bytes: '87' },
    { name: 'symbol of 8 bytes', header: { immediate: true, type: 0, length: 8 }, bytes: '8808' },
    { name: 'string of 14 bytes', header: { immediate: true, type: 4, length: 14 }, bytes: 'c80e' },
    {
      name: 'string of 165 bytes',
      header: { immediate: true, type: 4, length: 165 },
      bytes: 'c925',
    },
    {
      name: 'symbol reference 25',
      header: { immediate: false, type: 0, length: 25 },
      bytes: '0819',
    },
    {
      name: 'tuple reference, 1 entry',
      header: { immediate: false, type: 1, length: 1 },
      bytes: '11',
    },
    { name: 'positive integer', header: { immediate: true, type: 3, length: 0 }, bytes: 'b0' },
  ])('$name is $bytes', ({ header, bytes }) => {
    const out = ByteCursor.forWriting();
    renderHeader(out, header);
    expect(hex(out.toBytes())).toBe(bytes);
    expect(parseHeader(new ByteCursor(Buffer.from(bytes, 'hex')))).toEqual(header);
  });

  test('a long length takes several groups and reads back', () => {
    const out = ByteCursor.forWriting();
    renderHeader(out, { immediate: true, type: 4, length: 70000 });
    expect(parseHeader(new ByteCursor(out.toBytes())).length).toBe(70000);
  });
});

describe('encoding values (format §2.8 vectors)', () => {
  test('a vector of strings', () => {
    expect(hex(encode(['prog', 'a1', 'a 2']))).toBe(hex(bytesOf('A3 C4 "prog" C2 "a1" C3 "a 2"')));
  });

  test('integers are type 3 with a big-endian varint', () => {
    expect(hex(encode(3073))).toBe('b09801');
    expect(hex(encode(70000))).toBe('b084a270');
    expect(hex(encode(-5))).toBe('b105');
  });

  test('the bootfs root tuple, one record', () => {
    const kernel = tuple({
      extents: tuple({ '0': tuple({ offset: 3073, length: 137, allocated: 137 }) }),
      filelength: 70000,
    });
    const root = tuple({ children: tuple({ kernel }) });
    const expected = bytesOf(`91 88 08 "children" 91 86 "kernel" 92
      87 "extents" 91 81 "0" 93 88 09 "allocated" B0 81 09 86 "length" B0 81 09 86 "offset" B0 98 01
      88 0a "filelength" B0 84 A2 70`);
    expect(hex(encode(root))).toBe(hex(expected));
  });

  test('a repeated key is a reference to its symbol', () => {
    const encoder = new TupleEncoder();
    const value = tuple({ a: tuple({ a: 't' }) });
    expect(hex(encode(value, encoder))).toBe(hex(bytesOf('91 81 "a" 91 02 C1 "t"')));
    expect(encoder.dictionarySize).toBe(3);
  });

  test('keys are written sorted by their UTF-8 bytes, whatever the insertion order', () => {
    const one = encode(tuple({ é: '1', z: '2', A: '3' }));
    const two = encode(tuple({ A: '3', z: '2', é: '1' }));
    expect(hex(one)).toBe(hex(two));
    expect(hex(one)).toBe(hex(bytesOf('93 81 "A" C1 "3" 81 "z" C1 "2" 82 c3a9 C1 "1"')));
  });

  test('keys beyond U+FFFF sort by UTF-8 bytes, not by UTF-16 code units', () => {
    // UTF-16 puts the emoji (surrogate D83D) before U+FF5E; UTF-8 puts F0 after EF.
    expect(['\u{1F600}', '\uFF5E'].sort()).toEqual(['\u{1F600}', '\uFF5E']);
    expect(hex(encode(tuple({ '\u{1F600}': '1', '\uFF5E': '2' })))).toBe(
      hex(bytesOf('92 83 efbd9e C1 "2" 84 f09f9880 C1 "1"')),
    );
  });

  test('null is the one-byte flag buffer', () => {
    expect(hex(encode(tuple({ uninited: null })))).toBe(hex(bytesOf('91 88 08 "uninited" 81 00')));
  });
});

describe('decoding the C mkfs records of format §2.8', () => {
  const records = [
    '91 88 08 "children" 91 86 "kernel" 90',
    '11 05 87 "extents" 90',
    '11 07 81 "0" 93 86 "offset" B0 98 01 86 "length" B0 81 09 88 09 "allocated" B0 81 09',
    '11 05 88 0a "filelength" B0 84 A2 70',
  ].map(bytesOf);

  test('the records merge into one root tuple', () => {
    const decoder = new TupleDecoder();
    for (const record of records) decoder.decodeRecord(record);
    const kernel = (decoder.root!.get('children') as TfsTuple).get('kernel') as TfsTuple;
    expect(kernel.get('filelength')).toBe(70000);
    const extent = (kernel.get('extents') as TfsTuple).get('0') as TfsTuple;
    expect(Object.fromEntries(extent)).toEqual({ offset: 3073, length: 137, allocated: 137 });
  });

  test('a symbol reference decodes to the earlier text', () => {
    const decoder = new TupleDecoder();
    decoder.decodeRecord(records[0]!);
    decoder.decodeRecord(bytesOf('11 01 02 C1 "x"'));
    expect(decoder.root?.get('children')).toBe('x');
  });

  test('a zero-length buffer deletes the attribute', () => {
    const decoder = new TupleDecoder();
    decoder.decodeRecord(bytesOf('91 81 "a" C1 "t"'));
    decoder.decodeRecord(bytesOf('11 01 02 80'));
    expect(decoder.root?.has('a')).toBe(false);
  });
});

describe('round trips', () => {
  test('nested values, unicode and long strings come back equal', () => {
    const value = tuple({
      program: '/bin/ünï',
      arguments: ['x', 'y z', ''],
      environment: tuple({ PATH: '/bin', LONG: 'v'.repeat(5000) }),
      numbers: [0, 1, -2, 2 ** 40],
      flag: null,
      empty: tuple({}),
    });
    const decoder = new TupleDecoder();
    expect(decoder.decodeRecord(encode(value))).toEqual(value);
  });
});

describe('malformed records give TfsFormatError', () => {
  test.each([
    { name: 'a truncated tuple', bytes: '92 81 "a" C1' },
    { name: 'a reference to a missing symbol', bytes: '91 07 C1 "x"' },
    { name: 'a reference to a missing tuple', bytes: '11 05 81 "a" C1 "x"' },
    { name: 'a key that is a string', bytes: '91 C1 "a" C1 "x"' },
    { name: 'an unknown value type', bytes: '91 81 "a" F0' },
    { name: 'a referenced integer', bytes: '91 81 "a" 30 05' },
    { name: 'stray bytes after the value', bytes: '90 00' },
    { name: 'a huge count with no entries', bytes: '9f ff ff ff 7f' },
    { name: 'an endless varint', bytes: `B0 ${'ff '.repeat(20)}` },
  ])('$name', ({ bytes }) => {
    expect(() => new TupleDecoder().decodeRecord(bytesOf(bytes), 1000)).toThrow(TfsFormatError);
  });

  test('deep nesting stops at a limit instead of overflowing the stack', () => {
    const deep = Buffer.alloc(100_000, 0xa1);
    expect(() => new TupleDecoder().decodeRecord(deep)).toThrow(/nested deeper/);
  });

  test('the message names the disk offset', () => {
    expect(() => new TupleDecoder().decodeRecord(bytesOf('91 07'), 4096)).toThrow(/offset 409\d/);
  });
});

describe('sortByName', () => {
  test('orders by UTF-8 bytes: ASCII, then Latin, then BMP, then beyond U+FFFF', () => {
    const names = ['\u{1F600}', '\uFF5E', 'é', 'z', 'A', 'Z', 'a', ''];
    const sorted = sortByName(names.map((name, i): [string, number] => [name, i]));
    expect(sorted.map(([name]) => name)).toEqual([
      '',
      'A',
      'Z',
      'a',
      'z',
      'é',
      '\uFF5E',
      '\u{1F600}',
    ]);
    expect(sorted.map(([, value]) => value)).toEqual([7, 4, 5, 6, 3, 2, 1, 0]);
  });

  test('takes a Map and leaves it as it was', () => {
    const map = new Map([
      ['b', 1],
      ['a', 2],
    ]);
    expect(sortByName(map)).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    expect([...map.keys()]).toEqual(['b', 'a']);
  });
});
