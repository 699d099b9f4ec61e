/**
 * What the fake's images.insert does with `rawDisk.source`, as strictly as Google's import is
 * documented to (cloud-publishing.md §4.1): the object must be gzip, holding an old-GNU tar
 * (magic "ustar " + version " \0") with exactly one regular file named disk.raw whose size is
 * a whole number of GiB, followed by the end-of-archive blocks. disk.raw is extracted to a
 * sparse file (zero blocks are skipped, not written), so tests can compare it with the image.
 * Stricter than Google in one point: GNU sparse entries (`tar -S`), which Google's import
 * takes, are refused here, since nanoship never writes them.
 *
 * Also the one CRC32C (Castagnoli) the fake uses, written here from the polynomial so that it
 * does not share code with the client library it checks.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { ByteReader } from '../../../src/kernel/byte-reader.js';
import {
  decodeTarHeader,
  TAR_BLOCK_BYTES,
  TAR_HEADER_FIELDS,
} from '../../../src/kernel/tar-header.js';

export const GIB = 2 ** 30;
const COPY_BYTES = 1024 * 1024;
const ZEROS = Buffer.alloc(COPY_BYTES);

const isZero = (bytes: Uint8Array) =>
  ZEROS.subarray(0, bytes.length).equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));

/** Why an import failed, worded like an operation error; `code` as Google's. */
export class ImportError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ExtractedDisk {
  /** disk.raw's size from its header. */
  bytes: number;
}

/**
 * Checks the archive at `archivePath` and writes its disk.raw to `diskPath` (sparse). Throws
 * ImportError with Google-like codes for anything an import would refuse.
 */
export async function importDiskArchive(
  archivePath: string,
  diskPath: string,
): Promise<ExtractedDisk> {
  const out = await open(diskPath, 'w');
  try {
    let bytes = 0;
    await pipeline(
      createReadStream(archivePath),
      createGunzip({ chunkSize: COPY_BYTES }),
      async (source) => {
        bytes = await readArchive(new ByteReader(source), out);
      },
    );
    return { bytes };
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(
      'INVALID_IMAGE_FILE',
      `The image file is not a valid gzip-compressed tar archive: ${(error as Error).message}`,
    );
  } finally {
    await out.close();
  }
}

async function readArchive(
  reader: ByteReader,
  out: Awaited<ReturnType<typeof open>>,
): Promise<number> {
  const block = await reader.readExactly(TAR_BLOCK_BYTES, 'the first header');
  const header = decodeTarHeader(block);
  if (header === null) throw new ImportError('INVALID_IMAGE_FILE', 'The archive is empty.');
  const magic = decodeRaw(block, 'magic');
  const version = decodeRaw(block, 'version');
  if (magic !== 'ustar ' || version !== ' \0') {
    throw new ImportError(
      'INVALID_IMAGE_FILE',
      `The archive is not in old GNU tar format (magic ${JSON.stringify(magic + version)}).`,
    );
  }
  if (header.name !== 'disk.raw' || header.type !== 'file') {
    throw new ImportError(
      'INVALID_IMAGE_FILE',
      `The archive must hold one regular file named disk.raw, found ${JSON.stringify(header.name)} (type ${header.typeflag}).`,
    );
  }
  if (header.size === 0 || header.size % GIB !== 0) {
    throw new ImportError(
      'INVALID_IMAGE_FILE',
      `disk.raw is ${header.size} bytes, which is not a whole number of GiB.`,
    );
  }
  await copySparse(reader, out, header.size);
  for (let i = 0; i < 2; i++) {
    const end = await reader.readExactly(TAR_BLOCK_BYTES, 'the end-of-archive blocks');
    if (decodeTarHeader(end) !== null) {
      throw new ImportError('INVALID_IMAGE_FILE', 'The archive holds more than disk.raw.');
    }
  }
  // GNU tar pads archives to a 10 KiB record with zeros; anything else is a second member.
  for (
    let rest = await reader.readSome(COPY_BYTES);
    rest;
    rest = await reader.readSome(COPY_BYTES)
  ) {
    if (!isZero(rest)) {
      throw new ImportError('INVALID_IMAGE_FILE', 'The archive has data after its end.');
    }
  }
  return header.size;
}

/** Copies `size` bytes, skipping all-zero blocks so the file stays sparse; sets its length. */
async function copySparse(
  reader: ByteReader,
  out: Awaited<ReturnType<typeof open>>,
  size: number,
): Promise<void> {
  let at = 0;
  while (at < size) {
    const slice = await reader.readSome(Math.min(COPY_BYTES, size - at));
    if (slice === undefined) {
      throw new ImportError('INVALID_IMAGE_FILE', `disk.raw ends after ${at} of ${size} bytes.`);
    }
    if (!isZero(slice)) await out.write(slice, 0, slice.length, at);
    at += slice.length;
  }
  await out.truncate(size);
}

function decodeRaw(block: Uint8Array, field: 'magic' | 'version'): string {
  const [offset, width] = TAR_HEADER_FIELDS[field];
  return Buffer.from(block.subarray(offset, offset + width)).toString('latin1');
}

/** CRC32C (Castagnoli, reflected polynomial 0x82F63B78), table-driven. */
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Feeds bytes into a running CRC32C; start with 0, read with `crc32cDigest`. */
export function crc32cUpdate(crc: number, bytes: Uint8Array): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC32C_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** The object resource's `crc32c`: base64 of the big-endian CRC. */
export function crc32cBase64(crc: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc >>> 0);
  return bytes.toString('base64');
}
