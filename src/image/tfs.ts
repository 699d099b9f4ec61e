/**
 * The TFS writer: turns a `RootFilesystem` (tree.ts) into a Nanos filesystem, written strictly
 * in offset order through a `ByteSink`.
 *
 * Layout (like ops, nanos-image-format.md §2.2), all in 512-byte sectors:
 *
 * | sectors                 | content                                                      |
 * |-------------------------|--------------------------------------------------------------|
 * | 0                       | initial extension: header, uuid, label, link to sector 1     |
 * | 1 … N×1024              | N log extensions, chained, holding one record: the root tuple |
 * | 1 + N×1024 …            | file data, each file contiguous and sector padded, in tree order |
 *
 * N (usually 1) is found before anything is written, because the root tuple holds the
 * sectors of the file data that follows the log: planning first lets the whole filesystem be
 * written front to back without seeking.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import { ByteCursor } from './bytes.js';
import type { ByteSink } from './image-sink.js';
import {
  encodeInitialExtension,
  encodeLogExtensions,
  LOG_EXTENSION_BYTES,
  LOG_EXTENSION_SECTORS,
  SECTOR_BYTES,
} from './tfs-log.js';
import type { FileSource, FsDirectory, FsNode, RootFilesystem } from './tree.js';
import { sortByName, type TfsTuple, TupleEncoder } from './tuple-codec.js';

/**
 * The kernel's largest extent (MAX_EXTENT_SIZE, 32 MiB). Longer files get several extents,
 * as the C writers do; the kernel's own writes never make larger ones either.
 */
const MAX_EXTENT_SECTORS = 65_536;
/** The first log extension sits right after the one-sector initial extension. */
const FIRST_EXTENSION_SECTOR = 1;

export interface TfsOptions {
  /** 16 bytes; derived from the metadata when absent (see `deriveUuid`). */
  uuid?: Uint8Array;
  /** Volume label, at most 31 bytes; empty for boot and root filesystems. */
  label?: string;
}

/** A file's data as placed in the filesystem. */
export interface PlacedFile {
  path: string;
  source: FileSource;
  sizeBytes: number;
  startSector: number;
}

/** Everything needed to write a filesystem, computed before the first byte is written. */
export interface TfsPlan {
  uuid: Uint8Array;
  label: string;
  /** Bytes from the filesystem start to the end of the last file's data. */
  sizeBytes: number;
  /** Encoded metadata bytes (the root record), for reporting. */
  metadataBytes: number;
  files: PlacedFile[];
  /** Sector 0. */
  initialExtension: Uint8Array;
  /**
   * Used bytes of each log extension reserved after sector 0 (1024 sectors each); the rest of
   * each is zeros. The file data starts right after the last one.
   */
  extensions: Uint8Array[];
}

/** Size of a file source in bytes. */
function sourceSize(source: FileSource): number {
  return source.kind === 'host' ? source.size : source.bytes.length;
}

/**
 * Lays out `fs` as a TFS: encodes the root tuple (manifest keys plus `children`), places every
 * file's data and splits the metadata into log extensions. Pure: reads no files. Throws a
 * `UserError` when the manifest holds a `children` key of its own.
 */
export function planTfs(fs: RootFilesystem, options: TfsOptions = {}): TfsPlan {
  if (fs.manifest.has('children')) {
    throw new UserError('The manifest must not set "children": the file tree is the image\'s own.');
  }
  const label = options.label ?? '';
  const files = collectFiles(fs.tree);
  for (let extensionCount = 1; ; extensionCount++) {
    const dataStart = FIRST_EXTENSION_SECTOR + extensionCount * LOG_EXTENSION_SECTORS;
    const end = placeFiles(files, dataStart);
    const record = encodeRootRecord(fs, files);
    const extensions = encodeLogExtensions(
      [record],
      (index) => FIRST_EXTENSION_SECTOR + index * LOG_EXTENSION_SECTORS,
    );
    // Moving the data back only lengthens the record (its sector numbers grow), so the first
    // count that suffices is exactly the number of extensions the record fills.
    if (extensions.length > extensionCount) continue;
    const uuid = options.uuid ?? deriveUuid(label, record);
    return {
      uuid,
      label,
      sizeBytes: end * SECTOR_BYTES,
      metadataBytes: record.length,
      files,
      initialExtension: encodeInitialExtension(uuid, label, {
        start: FIRST_EXTENSION_SECTOR,
        sectors: LOG_EXTENSION_SECTORS,
      }),
      extensions,
    };
  }
}

/**
 * Writes a planned filesystem at the sink's current position: sector 0, the log extensions
 * (zero padded), then every file's data padded to a sector. Host files are streamed.
 */
export async function writeTfs(plan: TfsPlan, sink: ByteSink): Promise<void> {
  const start = sink.position;
  await sink.write(plan.initialExtension);
  await sink.writeZeros(SECTOR_BYTES - plan.initialExtension.length);
  for (const used of plan.extensions) {
    await sink.write(used);
    await sink.writeZeros(LOG_EXTENSION_BYTES - used.length);
  }
  for (const file of plan.files) {
    const offset = start + file.startSector * SECTOR_BYTES;
    if (sink.position !== offset)
      throw new Error(`TFS writer at ${sink.position}, expected ${offset}.`);
    if (file.source.kind === 'host') await sink.writeHostFile(file.source.path, file.sizeBytes);
    else await sink.write(file.source.bytes);
    await sink.writeZeros(padding(file.sizeBytes));
  }
  if (sink.position !== start + plan.sizeBytes) {
    throw new Error(`TFS writer ended at ${sink.position - start}, planned ${plan.sizeBytes}.`);
  }
}

/**
 * A UUID made from the label and the encoded root record (names, sizes, layout, manifest), so
 * the same inputs always give the same UUID without a second pass over file contents. Two
 * images that differ only in the bytes of equally sized files share a UUID; that is harmless
 * because the UUID only names a volume for `mounts`, and boot and root filesystems are found
 * through the partition table. Version/variant bits mark it as an RFC 9562 version-8 UUID.
 */
function deriveUuid(label: string, record: Uint8Array): Uint8Array {
  const digest = createHash('sha256').update('nanoship tfs uuid\0').update(label).update('\0');
  const uuid = Uint8Array.from(digest.update(record).digest().subarray(0, 16));
  uuid[6] = (uuid[6]! & 0x0f) | 0x80;
  uuid[8] = (uuid[8]! & 0x3f) | 0x80;
  return uuid;
}

function padding(sizeBytes: number): number {
  return (SECTOR_BYTES - (sizeBytes % SECTOR_BYTES)) % SECTOR_BYTES;
}

function sectorsOf(sizeBytes: number): number {
  return Math.ceil(sizeBytes / SECTOR_BYTES);
}

/** Every regular file in the tree, depth first with names sorted by their UTF-8 bytes. */
function collectFiles(dir: FsDirectory, prefix = ''): PlacedFile[] {
  const files: PlacedFile[] = [];
  for (const [name, node] of sortByName(dir.children)) {
    const path = `${prefix}/${name}`;
    if (node.kind === 'file') {
      files.push({ path, source: node.source, sizeBytes: sourceSize(node.source), startSector: 0 });
    } else if (node.kind === 'directory') {
      files.push(...collectFiles(node, path));
    }
  }
  return files;
}

/** Gives each file its start sector from `dataStart` on; returns the first sector after all. */
function placeFiles(files: PlacedFile[], dataStart: number): number {
  let next = dataStart;
  for (const file of files) {
    file.startSector = next;
    next += sectorsOf(file.sizeBytes);
  }
  return next;
}

/** Encodes the root tuple (manifest keys plus `children`) as one record. */
function encodeRootRecord(fs: RootFilesystem, files: PlacedFile[]): Uint8Array {
  const placed = new Map(files.map((file) => [file.path, file]));
  const root: TfsTuple = new Map(fs.manifest);
  root.set('children', childrenTuple(fs.tree, '', placed));
  const out = ByteCursor.forWriting(64 * 1024);
  new TupleEncoder().encodeValue(out, root);
  return out.toBytes();
}

function childrenTuple(
  dir: FsDirectory,
  prefix: string,
  placed: Map<string, PlacedFile>,
): TfsTuple {
  const children: TfsTuple = new Map();
  for (const [name, node] of dir.children) {
    const path = `${prefix}/${name}`;
    children.set(name, nodeTuple(node, path, placed));
  }
  return children;
}

function nodeTuple(node: FsNode, path: string, placed: Map<string, PlacedFile>): TfsTuple {
  switch (node.kind) {
    case 'directory':
      return new Map([['children', childrenTuple(node, path, placed)]]);
    case 'symlink':
      return new Map([['linktarget', node.target]]);
    case 'file': {
      const file = placed.get(path)!;
      return new Map<string, TfsTuple | number>([
        ['extents', extentsTuple(file)],
        ['filelength', file.sizeBytes],
      ]);
    }
  }
}

/** One extent per 32 MiB of file, keyed by its first file sector in decimal. */
function extentsTuple(file: PlacedFile): TfsTuple {
  const extents: TfsTuple = new Map();
  const sectors = sectorsOf(file.sizeBytes);
  for (let fileSector = 0; fileSector < sectors; fileSector += MAX_EXTENT_SECTORS) {
    const length = Math.min(MAX_EXTENT_SECTORS, sectors - fileSector);
    extents.set(
      String(fileSector),
      new Map([
        ['offset', file.startSector + fileSector],
        ['length', length],
        ['allocated', length],
      ]),
    );
  }
  return extents;
}
