/**
 * The TFS metadata log (nanos-image-format.md §2.1): a chain of *extensions*, each starting
 * with a header and holding *frames* that carry encoded records (tuple-codec.ts) and links to
 * the next extension.
 *
 * Extension header, in order:
 *
 * | field   | encoding              | value                                         |
 * |---------|-----------------------|-----------------------------------------------|
 * | magic   | 6 bytes               | `NVMTFS`                                      |
 * | version | TFS varint            | 5                                             |
 * | size    | TFS varint            | sectors: 1 for the initial extension, else 1024 |
 * | uuid    | 16 bytes              | initial extension (sector 0) only             |
 * | label   | UTF-8 + one 0x00      | initial extension only, at most 31 bytes      |
 *
 * Frames: END_OF_LOG; TUPLE_AVAILABLE total seg bytes…; TUPLE_EXTENDED seg bytes…;
 * END_OF_SEGMENT (ignored); LOG_EXTENSION_LINK startSector lengthSectors.
 */
import { ByteCursor, ByteRangeError, VarintError } from './bytes.js';
import { TfsFormatError } from './tfs-format-error.js';

export const SECTOR_BYTES = 512;
/** The size both Nanos writers use for every extension after sector 0 (ops rejects others). */
export const LOG_EXTENSION_SECTORS = 1024;
export const LOG_EXTENSION_BYTES = LOG_EXTENSION_SECTORS * SECTOR_BYTES;
const TFS_VERSION = 5;
const UUID_BYTES = 16;
/** The kernel reads the label into a 32-byte buffer including its NUL. */
const MAX_LABEL_BYTES = 31;

const MAGIC = new TextEncoder().encode('NVMTFS');
const utf8 = new TextEncoder();
const utf8Text = new TextDecoder('utf-8');

const Frame = {
  endOfLog: 0x01,
  tupleAvailable: 0x02,
  tupleExtended: 0x03,
  endOfSegment: 0x04,
  extensionLink: 0x05,
} as const;

/**
 * Room kept free at the end of an extension for a link frame (1 + two 10-byte varints) and
 * for a record frame header (same size): the kernel's writer keeps the same reserve.
 */
const LINK_RESERVE_BYTES = 21;
const FRAME_HEADER_RESERVE_BYTES = 21;
/** Below this many usable bytes a segment is not worth starting; link onward instead. */
const MIN_SEGMENT_BYTES = 32;

/** A run of sectors, relative to the start of the filesystem. */
export interface SectorRange {
  start: number;
  sectors: number;
}

/** Writes an extension header; `identity` only for the initial extension at sector 0. */
function writeHeader(
  out: ByteCursor,
  sectors: number,
  identity?: { uuid: Uint8Array; label: string },
): void {
  out.writeBytes(MAGIC).writeVarint(TFS_VERSION).writeVarint(sectors);
  if (identity === undefined) return;
  out.writeBytes(identity.uuid).writeBytes(utf8.encode(identity.label)).writeU8(0);
}

function writeLink(out: ByteCursor, link: SectorRange): void {
  out.writeU8(Frame.extensionLink).writeVarint(link.start).writeVarint(link.sectors);
}

/** Checks a label against the kernel's limit (31 UTF-8 bytes, no NUL); throws a RangeError. */
export function checkLabel(label: string): void {
  const length = utf8.encode(label).length;
  if (length > MAX_LABEL_BYTES || label.includes('\0')) {
    throw new RangeError(
      `A TFS label holds at most ${MAX_LABEL_BYTES} bytes and no NUL; "${label}" has ${length}.`,
    );
  }
}

/**
 * Encodes the one-sector initial extension: header with uuid and label, then a link to the
 * first real extension. Returns exactly one sector.
 */
export function encodeInitialExtension(
  uuid: Uint8Array,
  label: string,
  link: SectorRange,
): Uint8Array {
  if (uuid.length !== UUID_BYTES) throw new RangeError(`A TFS uuid is ${UUID_BYTES} bytes.`);
  checkLabel(label);
  const out = new ByteCursor(new Uint8Array(SECTOR_BYTES));
  writeHeader(out, 1, { uuid, label });
  writeLink(out, link);
  return out.toBytes();
}

/**
 * Splits `records` into frames over 1024-sector extensions. Extension `i` (0-based) lives at
 * sector `extensionStart(i)`; it is asked for only when extension `i` is needed, so the number
 * of returned extensions tells the caller how many to reserve. Each result holds only the
 * used bytes; the rest of the extension must be zeros. The last one ends with END_OF_LOG.
 */
export function encodeLogExtensions(
  records: Uint8Array[],
  extensionStart: (index: number) => number,
): Uint8Array[] {
  const extensions: ByteCursor[] = [];
  let out = startExtension(extensions);
  for (const record of records) {
    let written = 0;
    while (written < record.length) {
      const room =
        LOG_EXTENSION_BYTES - out.length - LINK_RESERVE_BYTES - FRAME_HEADER_RESERVE_BYTES;
      if (room < MIN_SEGMENT_BYTES) {
        writeLink(out, {
          start: extensionStart(extensions.length),
          sectors: LOG_EXTENSION_SECTORS,
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

function startExtension(extensions: ByteCursor[]): ByteCursor {
  const out = ByteCursor.forWriting(4096);
  writeHeader(out, LOG_EXTENSION_SECTORS);
  extensions.push(out);
  return out;
}

/** Reads `length` bytes at `offset` (relative to the filesystem start); fewer at end of file. */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

/** One complete record and where its first byte is on disk (for error messages). */
export interface LogRecord {
  bytes: Uint8Array;
  diskOffset: number;
}

export interface TfsLog {
  uuid: Uint8Array;
  label: string;
  /** Extensions in chain order, the initial one first. */
  extensions: SectorRange[];
  records: LogRecord[];
}

/** A record being collected over several frames. */
interface PendingRecord {
  total: number;
  chunks: Uint8Array[];
  collected: number;
  diskOffset: number;
}

/**
 * Follows the log from sector 0 through every link and returns the complete records in
 * order. `sizeBytes` bounds every link; `diskOffset` (the filesystem's offset in its file) only
 * makes error offsets absolute. Throws `TfsFormatError` for a bad magic or version, a link
 * outside the filesystem or back into the chain, a frame that does not fit, an unknown frame
 * code, or a log that ends inside a record.
 */
export async function readLog(readAt: ReadAt, sizeBytes: number, diskOffset = 0): Promise<TfsLog> {
  const fsSectors = Math.floor(sizeBytes / SECTOR_BYTES);
  const log: TfsLog = { uuid: new Uint8Array(), label: '', extensions: [], records: [] };
  const state = { pending: undefined as PendingRecord | undefined };
  let next: SectorRange | undefined = { start: 0, sectors: 1 };
  while (next !== undefined) {
    const where = diskOffset + next.start * SECTOR_BYTES;
    if (next.start + next.sectors > fsSectors) {
      throw new TfsFormatError(
        where,
        `a log extension (sectors ${next.start}+${next.sectors}) lies beyond the filesystem's ${fsSectors} sectors`,
      );
    }
    if (log.extensions.some((seen) => seen.start === next!.start)) {
      throw new TfsFormatError(where, `the log links back to sector ${next.start} (a loop)`);
    }
    log.extensions.push(next);
    const bytes = await readAt(next.start * SECTOR_BYTES, next.sectors * SECTOR_BYTES);
    if (bytes.length < next.sectors * SECTOR_BYTES) {
      throw new TfsFormatError(where + bytes.length, 'the file ends inside a log extension');
    }
    const initial = log.extensions.length === 1;
    next = readExtension(new ByteCursor(bytes), { where, initial }, log, state);
  }
  return log;
}

/** Reads one extension's header and frames; returns the link to follow, if any. */
function readExtension(
  input: ByteCursor,
  { where, initial }: { where: number; initial: boolean },
  log: TfsLog,
  state: { pending: PendingRecord | undefined },
): SectorRange | undefined {
  try {
    readHeader(input, where, initial ? log : undefined);
    for (;;) {
      const frameAt = where + input.tell();
      const frame = input.u8();
      switch (frame) {
        case Frame.endOfLog:
          if (state.pending) throw new TfsFormatError(frameAt, 'the log ends inside a record');
          return undefined;
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
        'a log extension ends without END_OF_LOG or a link',
        { cause: error },
      );
    }
    throw error;
  }
}

/** Checks magic and version; for the initial extension (`identity` given) reads uuid and label. */
function readHeader(input: ByteCursor, where: number, identity: TfsLog | undefined): void {
  const magic = input.bytes(MAGIC.length);
  if (!magic.every((byte, i) => byte === MAGIC[i])) {
    throw new TfsFormatError(
      where,
      `bad magic ${JSON.stringify(utf8Text.decode(magic))}, expected "NVMTFS"`,
    );
  }
  const version = input.varint();
  if (version !== TFS_VERSION) {
    throw new TfsFormatError(
      where + MAGIC.length,
      `TFS version ${version}; only version ${TFS_VERSION} is supported`,
    );
  }
  input.varint(); // size in sectors: informational, the link that led here is authoritative
  if (identity === undefined) return;
  identity.uuid = Uint8Array.from(input.bytes(UUID_BYTES));
  const labelStart = input.tell();
  const window = input.bytes(Math.min(input.remaining(), MAX_LABEL_BYTES + 1));
  const nul = window.indexOf(0);
  if (nul < 0) {
    throw new TfsFormatError(
      where + labelStart,
      `the label is not terminated within ${MAX_LABEL_BYTES + 1} bytes`,
    );
  }
  identity.label = utf8Text.decode(window.subarray(0, nul));
  input.seek(labelStart + nul + 1);
}

function readLink(input: ByteCursor, frameAt: number): SectorRange {
  const start = input.varint();
  const sectors = input.varint();
  if (sectors === 0) throw new TfsFormatError(frameAt, 'a link to a zero-length extension');
  return { start, sectors };
}

function readAvailable(
  input: ByteCursor,
  { where, frameAt }: { where: number; frameAt: number },
  pending: PendingRecord | undefined,
  log: TfsLog,
): PendingRecord | undefined {
  if (pending) {
    throw new TfsFormatError(
      frameAt,
      `a new record starts while ${pending.total - pending.collected} byte(s) of the previous one are missing`,
    );
  }
  const total = input.varint();
  const segment = input.varint();
  if (segment > total || segment + 1 > input.remaining()) {
    throw new TfsFormatError(
      frameAt,
      `a record segment of ${segment} byte(s) (record ${total}) does not fit in its extension`,
    );
  }
  const diskOffset = where + input.tell();
  const record = {
    total,
    chunks: [Uint8Array.from(input.bytes(segment))],
    collected: segment,
    diskOffset,
  };
  return completeIfWhole(record, log);
}

function readExtended(
  input: ByteCursor,
  frameAt: number,
  pending: PendingRecord | undefined,
  log: TfsLog,
): PendingRecord | undefined {
  if (!pending) throw new TfsFormatError(frameAt, 'a record continuation with no record started');
  const segment = input.varint();
  if (segment > pending.total - pending.collected) {
    throw new TfsFormatError(
      frameAt,
      `a continuation of ${segment} byte(s) exceeds the ${pending.total - pending.collected} byte(s) the record still needs`,
    );
  }
  pending.chunks.push(Uint8Array.from(input.bytes(segment)));
  pending.collected += segment;
  return completeIfWhole(pending, log);
}

function completeIfWhole(record: PendingRecord, log: TfsLog): PendingRecord | undefined {
  if (record.collected < record.total) return record;
  log.records.push({ bytes: Buffer.concat(record.chunks), diskOffset: record.diskOffset });
  return undefined;
}
