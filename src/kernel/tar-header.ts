/**
 * The tar header codec (POSIX ustar and GNU): one 512-byte block per entry. Only decoding lives
 * here because nanoship only reads archives; the field table is exported so the test fixtures
 * write headers from the same layout.
 */

export const TAR_BLOCK_BYTES = 512;

/** Each header field as [offset, size] in bytes; the order is the on-disk order. */
export const TAR_HEADER_FIELDS = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  checksum: [148, 8],
  typeflag: [156, 1],
  linkname: [157, 100],
  magic: [257, 6], // "ustar\0" (POSIX) or "ustar " (GNU, whose version field is " \0")
  version: [263, 2],
  uname: [265, 32],
  gname: [297, 32],
  devmajor: [329, 8],
  devminor: [337, 8],
  prefix: [345, 155], // POSIX only: GNU uses these bytes for atime/ctime
} as const satisfies Record<string, readonly [number, number]>;

export type TarEntryType =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'hardlink'
  | 'gnu-long-name'
  | 'gnu-long-link'
  | 'pax-header'
  | 'pax-global-header'
  | 'other';

/** A decoded header; name and linkname may still be overridden by a GNU or pax extension. */
export interface TarHeader {
  name: string;
  mode: number;
  size: number;
  type: TarEntryType;
  linkname: string;
  /** The raw typeflag, for error messages about types nanoship does not extract. */
  typeflag: string;
}

/** Thrown for a header that cannot be a tar header; the caller adds which archive. */
export class TarFormatError extends Error {
  override name = 'TarFormatError';
}

/**
 * Decodes one header block. Returns null for an all-zero block (the end-of-archive marker);
 * throws TarFormatError for a bad checksum or an unknown magic, with a hint at the usual cause.
 */
export function decodeTarHeader(block: Uint8Array): TarHeader | null {
  if (block.every((byte) => byte === 0)) return null;
  const stored = decodeTarNumber(field(block, 'checksum'));
  if (!tarChecksums(block).includes(stored)) {
    throw new TarFormatError(
      `header checksum ${stored} does not match the header (is the file still compressed, or cut short?)`,
    );
  }
  const magic = decodeString(field(block, 'magic'));
  if (magic !== 'ustar' && magic !== 'ustar ') {
    throw new TarFormatError(`unknown header magic '${magic}' (not a ustar or GNU tar archive)`);
  }
  const name = decodeString(field(block, 'name'));
  const prefix = magic === 'ustar' ? decodeString(field(block, 'prefix')) : '';
  const typeflag = decodeString(field(block, 'typeflag'));
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    mode: decodeTarNumber(field(block, 'mode')),
    size: decodeTarNumber(field(block, 'size')),
    type: toEntryType(typeflag),
    linkname: decodeString(field(block, 'linkname')),
    typeflag,
  };
}

/**
 * The checksum of a header: the byte sum with the checksum field counted as spaces. Both the
 * unsigned sum (the standard) and the signed one (old Sun tar) are returned, since readers
 * accept either.
 */
export function tarChecksums(block: Uint8Array): [unsigned: number, signed: number] {
  const [offset, size] = TAR_HEADER_FIELDS.checksum;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < TAR_BLOCK_BYTES; i++) {
    const byte = i >= offset && i < offset + size ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte >= 0x80 ? byte - 0x100 : byte;
  }
  return [unsigned, signed];
}

/** Numeric fields are octal text, or big-endian base-256 when the top bit of byte 0 is set (GNU). */
function decodeTarNumber(bytes: Uint8Array): number {
  if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) {
    let value = bytes[0]! & 0x7f;
    for (let i = 1; i < bytes.length; i++) value = value * 256 + bytes[i]!;
    return value;
  }
  const text = decodeString(bytes).trim();
  if (text === '') return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`numeric field '${text}' is not octal`);
  return Number.parseInt(text, 8);
}

/**
 * Parses a pax extended header body: records "<length> <key>=<value>\n". Returns the keys
 * nanoship uses (path, linkpath, size) and ignores the rest (times, owners, xattrs).
 */
export function decodePaxRecords(body: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const text = Buffer.from(body).toString('utf8');
  let at = 0;
  while (at < text.length && text[at] !== '\0') {
    const space = text.indexOf(' ', at);
    const length = Number.parseInt(text.slice(at, space), 10);
    if (space < 0 || !Number.isInteger(length) || length <= space - at) {
      throw new TarFormatError(`malformed pax record at byte ${at}`);
    }
    const record = text.slice(space + 1, at + length - 1);
    const equals = record.indexOf('=');
    if (equals < 0) throw new TarFormatError(`malformed pax record at byte ${at}`);
    records.set(record.slice(0, equals), record.slice(equals + 1));
    at += length;
  }
  return records;
}

/** A NUL-terminated (or full-width) field as UTF-8 text. */
export function decodeString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

function field(block: Uint8Array, name: keyof typeof TAR_HEADER_FIELDS): Uint8Array {
  const [offset, size] = TAR_HEADER_FIELDS[name];
  return block.subarray(offset, offset + size);
}

function toEntryType(typeflag: string): TarEntryType {
  switch (typeflag) {
    case '':
    case '0':
    case '7': // contiguous file: a regular file everywhere that matters
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'hardlink';
    case 'L':
      return 'gnu-long-name';
    case 'K':
      return 'gnu-long-link';
    case 'x':
      return 'pax-header';
    case 'g':
      return 'pax-global-header';
    default:
      return 'other';
  }
}
