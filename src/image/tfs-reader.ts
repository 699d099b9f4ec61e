/**
 * Reads a TFS from an open file: follows the log (tfs-log.ts), decodes its records into the
 * root tuple (tuple-codec.ts), lists the tree and streams a file's bytes through its extents.
 * Serves `inspectImage` and the tests; accepts images from Nanos' C mkfs and from ops too
 * (numbers as integers or decimal strings).
 */
import type { ReadableFile } from '../files.js';
import { readFully } from './read-fully.js';
import { TfsFormatError } from './tfs-format-error.js';
import { readLog, SECTOR_BYTES, type SectorRange } from './tfs-log.js';
import { sortByName, type TfsTuple, type TfsValue, TupleDecoder } from './tuple-codec.js';

const READ_CHUNK_BYTES = 1024 * 1024;

export interface TfsVolume {
  handle: ReadableFile;
  /** Where the filesystem starts in the file, and how far it may reach. */
  offsetBytes: number;
  sizeBytes: number;
  uuid: Uint8Array;
  label: string;
  /** The root tuple: `children` plus, on a root filesystem, the manifest. */
  root: TfsTuple;
  extensions: SectorRange[];
}

export type TfsEntry =
  | { path: string; kind: 'directory' }
  | { path: string; kind: 'file'; sizeBytes: number }
  | { path: string; kind: 'symlink'; target: string };

/**
 * Reads the filesystem that starts at `offsetBytes` in `handle` and spans `sizeBytes`.
 * Throws `TfsFormatError` (a `UserError`) for anything that is not a valid TFS.
 */
export async function readTfs(
  handle: ReadableFile,
  offsetBytes: number,
  sizeBytes: number,
): Promise<TfsVolume> {
  const readAt = (offset: number, length: number) =>
    readBytes(handle, offsetBytes + offset, length);
  const log = await readLog(readAt, sizeBytes, offsetBytes);
  const decoder = new TupleDecoder();
  for (const record of log.records) decoder.decodeRecord(record.bytes, record.diskOffset);
  const root = decoder.root;
  if (root === undefined) throw new TfsFormatError(offsetBytes, 'the log holds no root tuple');
  if (!(root.get('children') instanceof Map)) {
    throw new TfsFormatError(offsetBytes, 'the root tuple has no "children" directory');
  }
  const { uuid, label, extensions } = log;
  return { handle, offsetBytes, sizeBytes, uuid, label, root, extensions };
}

/** Every entry below the volume's root, depth first, names sorted by UTF-8 bytes. */
export function listTfsEntries(volume: TfsVolume): TfsEntry[] {
  const entries: TfsEntry[] = [];
  const visit = (dir: TfsTuple, prefix: string) => {
    const children = dir.get('children') as TfsTuple;
    for (const [name, node] of sortByName(children)) {
      if (!(node instanceof Map)) continue;
      const path = `${prefix}/${name}`;
      entries.push(describeNode(volume, node, path));
      if (node.get('children') instanceof Map) visit(node, path);
    }
  };
  visit(volume.root, '');
  return entries;
}

function describeNode(volume: TfsVolume, node: TfsTuple, path: string): TfsEntry {
  if (node.get('children') instanceof Map) return { path, kind: 'directory' };
  const target = node.get('linktarget');
  if (typeof target === 'string') return { path, kind: 'symlink', target };
  return { path, kind: 'file', sizeBytes: fileLength(volume, node) };
}

/** The node at an absolute path (no symlinks followed), or undefined. */
export function lookupTfsNode(root: TfsTuple, path: string): TfsTuple | undefined {
  let node: TfsTuple = root;
  for (const name of path.split('/').filter((part) => part !== '')) {
    const child = (node.get('children') as TfsTuple | undefined)?.get(name);
    if (!(child instanceof Map)) return undefined;
    node = child;
  }
  return node;
}

/**
 * A file's length in bytes: its `filelength` (0 when absent). A bad one is a `TfsFormatError`
 * at the volume's offset, like the other problems found in the decoded tree.
 */
export function fileLength(volume: TfsVolume, node: TfsTuple): number {
  const value = node.get('filelength');
  return value === undefined ? 0 : toCount(value, 'filelength', volume.offsetBytes);
}

interface Extent {
  fileSector: number;
  offset: number;
  length: number;
  zeros: boolean;
}

/**
 * Streams a regular file's bytes in chunks of at most 1 MiB, following its extents; parts no
 * extent covers, and `uninited` extents, read as zeros. An extent reaching outside the
 * filesystem is a `TfsFormatError`.
 */
export async function* readTfsFile(volume: TfsVolume, node: TfsTuple): AsyncGenerator<Uint8Array> {
  const length = fileLength(volume, node);
  const extents = fileExtents(volume, node);
  let position = 0;
  while (position < length) {
    const sector = Math.floor(position / SECTOR_BYTES);
    const extent = extents.find((e) => sector >= e.fileSector && sector < e.fileSector + e.length);
    const next = extents.find((e) => e.fileSector > sector);
    const end = extent
      ? Math.min(length, (extent.fileSector + extent.length) * SECTOR_BYTES)
      : Math.min(length, next ? next.fileSector * SECTOR_BYTES : length);
    const count = Math.min(end - position, READ_CHUNK_BYTES);
    if (extent === undefined || extent.zeros) {
      yield new Uint8Array(count);
    } else {
      const diskSector = extent.offset + (sector - extent.fileSector);
      const at = volume.offsetBytes + diskSector * SECTOR_BYTES + (position % SECTOR_BYTES);
      const bytes = await readBytes(volume.handle, at, count);
      if (bytes.length < count)
        throw new TfsFormatError(at + bytes.length, 'the file ends inside file data');
      yield bytes;
    }
    position += count;
  }
}

function fileExtents(volume: TfsVolume, node: TfsTuple): Extent[] {
  const extents = node.get('extents');
  if (!(extents instanceof Map)) return [];
  const fsSectors = Math.floor(volume.sizeBytes / SECTOR_BYTES);
  const result: Extent[] = [];
  for (const [key, value] of extents) {
    if (!(value instanceof Map))
      throw new TfsFormatError(volume.offsetBytes, `extent "${key}" is not a tuple`);
    const extent = {
      fileSector: toCount(key, 'extent key', volume.offsetBytes),
      offset: toCount(value.get('offset'), 'extent offset', volume.offsetBytes),
      length: toCount(value.get('length'), 'extent length', volume.offsetBytes),
      zeros: value.has('uninited'),
    };
    if (extent.offset + extent.length > fsSectors) {
      throw new TfsFormatError(
        volume.offsetBytes + extent.offset * SECTOR_BYTES,
        `an extent (sectors ${extent.offset}+${extent.length}) lies beyond the filesystem's ${fsSectors} sectors`,
      );
    }
    result.push(extent);
  }
  return result.sort((a, b) => a.fileSector - b.fileSector);
}

/** A non-negative integer written as a type-3 integer (C) or a decimal string (ops). */
function toCount(value: TfsValue | undefined, what: string, offset: number): number {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0) {
    throw new TfsFormatError(offset, `${what} is ${JSON.stringify(value)}, not a count`);
  }
  return number;
}

/** Reads up to `length` bytes at `offset`; fewer only at the end of the file. */
async function readBytes(
  handle: ReadableFile,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  return buffer.subarray(0, await readFully(handle, buffer, 0, length, offset));
}
