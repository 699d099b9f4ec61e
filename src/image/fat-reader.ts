/**
 * Reads a FAT32 volume from an open file: its boot sector, FAT #1 and directory tree, long
 * names included. Serves `inspectImage` (the ESP of an image, ours or one from Nanos' mkfs or
 * ops) and the tests, which read back what the writer wrote. Every cluster number and chain is
 * checked against the volume, so a damaged volume gives a `FatFormatError`, never a hang.
 */

import { UserError } from '../errors.js';
import type { ReadableFile } from '../files.js';
import {
  Attribute,
  DIRECTORY_ENTRY_BYTES,
  decodeBootSector,
  decodeDirectorySlot,
  END_OF_CHAIN_MIN,
  FAT_SECTOR_BYTES,
  FAT32_ENTRY_MASK,
  FIRST_DATA_CLUSTER,
  FREE_CLUSTER,
  type ShortEntry,
  shortEntryName,
  shortNameChecksum,
} from './fat.js';
import { readFully } from './read-fully.js';

/** A FAT as big as this covers a 2 TiB volume of 4 KiB clusters; anything larger is damage. */
const MAX_FAT_BYTES = 512 * 1024 * 1024;

export class FatFormatError extends UserError {
  override name = 'FatFormatError';

  constructor(
    readonly offset: number,
    problem: string,
  ) {
    super(
      `Not a valid FAT32 filesystem: ${problem} (volume at byte offset ${offset}). ` +
        'Check that the file is a complete disk image.',
    );
  }
}

export type FatEntry =
  | { path: string; kind: 'directory' }
  | { path: string; kind: 'file'; sizeBytes: number };

export interface FatVolume {
  offsetBytes: number;
  volumeId: number;
  /** The boot sector's label, trailing spaces removed (`NO NAME` when none was set). */
  label: string;
  clusterBytes: number;
  /** Every directory and file below the root, parents before children, in directory order. */
  entries: FatEntry[];
  /** The bytes of the file at `path` (as listed in `entries`). */
  readFile(path: string): Promise<Uint8Array>;
}

interface Layout {
  handle: ReadableFile;
  offsetBytes: number;
  clusterBytes: number;
  dataStartBytes: number;
  clusterCount: number;
  fat: DataView;
}

/**
 * Reads the FAT32 volume at `offsetBytes` of `handle` that may reach `sizeBytes` (its
 * partition). Throws a FatFormatError for anything that is not a consistent FAT32 volume.
 */
export async function readFat(
  handle: ReadableFile,
  offsetBytes: number,
  sizeBytes: number,
): Promise<FatVolume> {
  const error = (problem: string) => new FatFormatError(offsetBytes, problem);
  const decoded = decodeBootSector(await readAt(handle, offsetBytes, FAT_SECTOR_BYTES));
  if (!decoded.ok) throw error(decoded.problem);
  const boot = decoded.boot;
  if (![512, 1024, 2048, 4096].includes(boot.bytesPerSector) || boot.sectorsPerCluster === 0) {
    throw error(`${boot.bytesPerSector}-byte sectors, ${boot.sectorsPerCluster} per cluster`);
  }
  const sector = boot.bytesPerSector;
  if (boot.totalSectors * sector > sizeBytes) {
    throw error(`it claims ${boot.totalSectors * sector} bytes, its partition has ${sizeBytes}`);
  }
  const dataStartSectors = boot.reservedSectors + boot.fatCount * boot.sectorsPerFat;
  const clusterCount = Math.floor((boot.totalSectors - dataStartSectors) / boot.sectorsPerCluster);
  const fatBytes = Math.min(boot.sectorsPerFat * sector, (clusterCount + FIRST_DATA_CLUSTER) * 4);
  if (clusterCount <= 0 || fatBytes > MAX_FAT_BYTES || boot.fatCount === 0) {
    throw error(`its FAT region (${boot.fatCount} × ${boot.sectorsPerFat} sectors) does not fit`);
  }
  const fat = await readAt(handle, offsetBytes + boot.reservedSectors * sector, fatBytes);
  const layout: Layout = {
    handle,
    offsetBytes,
    clusterBytes: boot.sectorsPerCluster * sector,
    dataStartBytes: dataStartSectors * sector,
    clusterCount,
    fat: new DataView(fat.buffer, fat.byteOffset, fat.byteLength),
  };
  const files = new Map<string, { firstCluster: number; sizeBytes: number }>();
  const entries: FatEntry[] = [];
  await listDirectory(layout, boot.rootCluster, '', entries, files, new Set());
  return {
    offsetBytes,
    volumeId: boot.volumeId,
    label: boot.volumeLabel.trimEnd(),
    clusterBytes: layout.clusterBytes,
    entries,
    readFile: async (path) => {
      const file = files.get(path);
      if (file === undefined) throw new UserError(`There is no file ${path} in the FAT volume.`);
      return readChain(layout, file.firstCluster, file.sizeBytes);
    },
  };
}

/** Lists a directory and, depth first, its subdirectories. `seen` stops directory loops. */
async function listDirectory(
  layout: Layout,
  firstCluster: number,
  path: string,
  entries: FatEntry[],
  files: Map<string, { firstCluster: number; sizeBytes: number }>,
  seen: Set<number>,
): Promise<void> {
  if (seen.has(firstCluster)) {
    throw new FatFormatError(layout.offsetBytes, `directory ${path || '/'} loops back on itself`);
  }
  seen.add(firstCluster);
  const bytes = await readChain(layout, firstCluster);
  for (const { name, entry } of directoryEntries(bytes, path, layout.offsetBytes)) {
    if (name === '.' || name === '..' || entry.attributes & Attribute.volumeLabel) continue;
    const childPath = path === '' ? name : `${path}/${name}`;
    if (entry.attributes & Attribute.directory) {
      entries.push({ path: childPath, kind: 'directory' });
      await listDirectory(layout, entry.firstCluster, childPath, entries, files, seen);
    } else {
      entries.push({ path: childPath, kind: 'file', sizeBytes: entry.sizeBytes });
      files.set(childPath, { firstCluster: entry.firstCluster, sizeBytes: entry.sizeBytes });
    }
  }
}

/** The entries in use of a directory's bytes, each with its long name when it has a valid one. */
function directoryEntries(
  bytes: Uint8Array,
  path: string,
  volumeOffset: number,
): { name: string; entry: ShortEntry }[] {
  const found: { name: string; entry: ShortEntry }[] = [];
  let long: { checksum: number; parts: number[][]; expected: number } | undefined;
  for (
    let offset = 0;
    offset + DIRECTORY_ENTRY_BYTES <= bytes.length;
    offset += DIRECTORY_ENTRY_BYTES
  ) {
    const slot = decodeDirectorySlot(bytes.subarray(offset, offset + DIRECTORY_ENTRY_BYTES));
    if (slot.kind === 'end') break;
    if (slot.kind === 'deleted') {
      long = undefined;
      continue;
    }
    if (slot.kind === 'long') {
      // Long-name parts come last part first; a part out of order orphans the name.
      if (slot.last) long = { checksum: slot.checksum, parts: [], expected: slot.order };
      if (long === undefined || slot.order !== long.expected || slot.checksum !== long.checksum) {
        long = undefined;
        continue;
      }
      long.parts.unshift(slot.chars);
      long.expected -= 1;
      continue;
    }
    const matches = long?.expected === 0 && long.checksum === shortNameChecksum(slot.entry.name);
    const name = matches ? decodeLongName(long!.parts.flat()) : shortEntryName(slot.entry);
    long = undefined;
    if (name === '' || name.includes('/')) {
      throw new FatFormatError(
        volumeOffset,
        `directory ${path || '/'} has an entry named "${name}"`,
      );
    }
    found.push({ name, entry: slot.entry });
  }
  return found;
}

/** UTF-16 code units up to the first NUL (the padding after it is 0xFFFF). */
function decodeLongName(units: number[]): string {
  const end = units.indexOf(0);
  return String.fromCharCode(...(end === -1 ? units : units.slice(0, end)));
}

/**
 * The bytes of the chain from `firstCluster`: all of it (a directory), or `sizeBytes` (a
 * file, whose chain must be at least that long).
 */
async function readChain(
  layout: Layout,
  firstCluster: number,
  sizeBytes?: number,
): Promise<Uint8Array> {
  const clusters = chain(layout, firstCluster, sizeBytes);
  const total = sizeBytes ?? clusters.length * layout.clusterBytes;
  const bytes = new Uint8Array(total);
  let done = 0;
  for (const cluster of clusters) {
    const length = Math.min(layout.clusterBytes, total - done);
    if (length <= 0) break;
    const offset =
      layout.offsetBytes +
      layout.dataStartBytes +
      (cluster - FIRST_DATA_CLUSTER) * layout.clusterBytes;
    bytes.set(await readAt(layout.handle, offset, length), done);
    done += length;
  }
  return bytes;
}

/** The cluster numbers of a chain, checked: in range, no loop, long enough for `sizeBytes`. */
function chain(layout: Layout, firstCluster: number, sizeBytes?: number): number[] {
  const error = (problem: string) => new FatFormatError(layout.offsetBytes, problem);
  if (sizeBytes === 0) return [];
  const lastCluster = layout.clusterCount + FIRST_DATA_CLUSTER - 1;
  const clusters: number[] = [];
  let cluster = firstCluster;
  for (;;) {
    if (cluster < FIRST_DATA_CLUSTER || cluster > lastCluster) {
      throw error(`a cluster chain reaches cluster ${cluster}, outside 2 … ${lastCluster}`);
    }
    if (clusters.length > layout.clusterCount)
      throw error(`the chain from cluster ${firstCluster} loops`);
    clusters.push(cluster);
    const next = layout.fat.getUint32(cluster * 4, true) & FAT32_ENTRY_MASK;
    if (next >= END_OF_CHAIN_MIN) break;
    if (next === FREE_CLUSTER)
      throw error(`the chain from cluster ${firstCluster} runs into a free cluster`);
    cluster = next;
  }
  if (sizeBytes !== undefined && clusters.length * layout.clusterBytes < sizeBytes) {
    throw error(`a ${sizeBytes}-byte file has a chain of only ${clusters.length} clusters`);
  }
  return clusters;
}

async function readAt(handle: ReadableFile, position: number, length: number): Promise<Uint8Array> {
  const buffer = Buffer.alloc(length);
  const got = await readFully(handle, buffer, 0, length, position);
  if (got < length) {
    throw new FatFormatError(position, `the file ends ${length - got} bytes early`);
  }
  return buffer;
}
