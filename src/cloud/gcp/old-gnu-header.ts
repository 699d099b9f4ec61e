/**
 * The one tar header nanoship writes: an old-GNU header (`tar --format=oldgnu`), which is what
 * Compute Engine's image import reads. POSIX ustar/pax archives (what the `tar` npm package
 * writes) are refused by the import, so the header is written here, field by field, from the
 * same layout table the kernel archive reader decodes with (src/kernel/tar-header.ts).
 *
 * With the values below, the bytes equal GNU tar's for the same entry:
 * `tar --format=oldgnu --numeric-owner --owner=0 --group=0 --mtime=@0 --mode=0644`.
 */
import { TAR_BLOCK_BYTES, TAR_HEADER_FIELDS, tarChecksums } from '../../kernel/tar-header.js';

/** Old GNU's magic and version together: "ustar " then " \0" (POSIX has "ustar\0" "00"). */
export const OLD_GNU_MAGIC = 'ustar ';
export const OLD_GNU_VERSION = ' \0';

/** The largest size an 11-digit octal field holds: 8 GiB − 1. Above it GNU writes base-256. */
export const MAX_OCTAL_SIZE = 0o77777777777;

/** typeflag '0': a regular file. */
const REGULAR_FILE = '0';

export interface TarEntry {
  name: string;
  size: number;
  /** Permission bits; 0644 unless given. */
  mode?: number;
  /** Seconds since the epoch; 0 unless given, so the bytes depend on the content only. */
  mtime?: number;
}

type FieldName = keyof typeof TAR_HEADER_FIELDS;

/**
 * Encodes the header block of one regular file. Throws for a name that does not fit the
 * 100-byte field (old GNU would need a long-name entry, which nanoship never writes) or a
 * number no field can hold.
 */
export function encodeOldGnuHeader(entry: TarEntry): Buffer {
  const block = Buffer.alloc(TAR_BLOCK_BYTES);
  const put = (field: FieldName, bytes: Buffer) => {
    const [offset, width] = TAR_HEADER_FIELDS[field];
    if (bytes.length > width) {
      throw new Error(`tar field ${field} is ${width} bytes, ${bytes.length} given`);
    }
    bytes.copy(block, offset);
  };
  const name = Buffer.from(entry.name, 'utf8');
  if (name.length === 0 || name.length > TAR_HEADER_FIELDS.name[1]) {
    throw new Error(`tar entry name must be 1–100 bytes, got "${entry.name}"`);
  }
  put('name', name); // NUL-padded by the zeroed block
  put('mode', encodeTarNumber(entry.mode ?? 0o644, TAR_HEADER_FIELDS.mode[1]));
  put('uid', encodeTarNumber(0, TAR_HEADER_FIELDS.uid[1]));
  put('gid', encodeTarNumber(0, TAR_HEADER_FIELDS.gid[1]));
  put('size', encodeTarNumber(entry.size, TAR_HEADER_FIELDS.size[1]));
  put('mtime', encodeTarNumber(entry.mtime ?? 0, TAR_HEADER_FIELDS.mtime[1]));
  put('typeflag', Buffer.from(REGULAR_FILE));
  // linkname: empty
  put('magic', Buffer.from(OLD_GNU_MAGIC, 'latin1'));
  put('version', Buffer.from(OLD_GNU_VERSION, 'latin1'));
  // uname, gname: empty (numeric owner); devmajor, devminor: empty (not a device);
  // the last 155 bytes (GNU: atime, ctime, sparse map): empty
  put('checksum', encodeChecksum(tarChecksums(block)[0]));
  return block;
}

/**
 * A numeric field: octal digits zero-padded to `width − 1` and a closing NUL, or, when the
 * value needs more digits than that, GNU's base-256 form (top bit of byte 0 set, the value
 * big-endian in the rest). Every reader nanoship cares about (GNU tar, bsdtar, Google's import,
 * src/kernel/tar-header.ts) decodes both.
 */
export function encodeTarNumber(value: number, width: number): Buffer {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`tar numbers are whole and non-negative, got ${value}`);
  }
  const octal = value.toString(8);
  if (octal.length <= width - 1) return Buffer.from(`${octal.padStart(width - 1, '0')}\0`);
  const bytes = Buffer.alloc(width);
  let rest = BigInt(value);
  for (let i = width - 1; i >= 1; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  if (rest !== 0n) throw new Error(`${value} does not fit a ${width}-byte tar field`);
  bytes[0] = 0x80;
  return bytes;
}

/** The checksum field as tar writes it: six octal digits, a NUL and a space. */
function encodeChecksum(sum: number): Buffer {
  return Buffer.from(`${sum.toString(8).padStart(6, '0')}\0 `);
}
