/**
 * A FAT32 writer for small, write-once volumes such as the EFI System Partition. A builder:
 *
 *   const fat = new FatBuilder(NANOS_ESP_GEOMETRY);
 *   fat.file('EFI/BOOT/BOOTX64.EFI', { kind: 'host', path: loader, size });
 *   await writeFat(fat.plan(), sink);
 *
 * `plan()` lays out the whole volume before a byte is written (like the TFS writer), because
 * the FAT, the FSInfo counts and every directory entry's first cluster depend on where the
 * files go; `writeFat` then streams it front to back through a `ByteSink`:
 *
 * | sectors                          | content                                           |
 * |----------------------------------|---------------------------------------------------|
 * | 0, 1                             | boot sector, FSInfo                               |
 * | 6, 7                             | their backups (where the boot sector says)        |
 * | reserved … +sectorsPerFat        | FAT #1                                            |
 * | … +sectorsPerFat                 | FAT #2, the same bytes: FATs are mirrored          |
 * | data start …                     | clusters from 2: every directory, then every file |
 * | … to the end of the partition    | zeros (free clusters)                             |
 *
 * Every directory and file is contiguous, in tree order (directories before files), so the
 * same tree always gives the same bytes. Names must be upper-case 8.3 names (UEFI's
 * `EFI/BOOT/BOOTX64.EFI` is): no long-name entries are written. All timestamps are one fixed
 * value (`stamp`), never the clock.
 */
import { UserError } from '../errors.js';
import {
  Attribute,
  DIRECTORY_ENTRY_BYTES,
  END_OF_CHAIN,
  encodeBootSector,
  encodeFsInfo,
  encodeShortEntry,
  encodeShortName,
  encodeTimestamp,
  FAT_SECTOR_BYTES,
  type FatTimestamp,
  FIRST_DATA_CLUSTER,
  MEDIA_FIXED_DISK,
  MIN_FAT32_CLUSTERS,
} from './fat.js';
import type { ByteSink } from './image-sink.js';
import type { FileSource } from './tree.js';

/** Where the volume's structures go, and how big it is. */
export interface FatGeometry {
  /** Bytes of the partition the volume lives in; the writer fills all of them. */
  partitionBytes: number;
  /** Sectors the volume claims in its boot sector (at most the partition's). */
  totalSectors: number;
  sectorsPerFat: number;
  /** Sectors before FAT #1; the boot sector, FSInfo and their backups (sectors 0, 1, 6, 7) among them. */
  reservedSectors: number;
  sectorsPerCluster: number;
  /** CHS hints in the BPB; nothing uses them on a disk addressed by LBA. */
  sectorsPerTrack: number;
  heads: number;
  volumeId: number;
  oemName: string;
}

const FAT_COUNT = 2;
const FSINFO_SECTOR = 1;
const BACKUP_BOOT_SECTOR = 6;
/** FAT32 keeps FSInfo right after each boot sector copy. */
const BACKUP_FSINFO_SECTOR = BACKUP_BOOT_SECTOR + 1;
const FAT_ENTRY_BYTES = 4;
/** FAT[0] holds the media byte in its low 8 bits, the other bits set. */
const MEDIA_ENTRY = 0x0fffff00 | MEDIA_FIXED_DISK;
/** FAT[1]: end-of-chain value with the "clean shutdown" and "no I/O error" bits set. */
const CLEAN_ENTRY = END_OF_CHAIN;
/** No volume label: what a FAT32 volume carries when none was set. */
const NO_LABEL = 'NO NAME';
/** The FAT epoch, 1980-01-01 00:00:00: fixed, so that the same tree gives the same bytes. */
export const FAT_EPOCH = encodeTimestamp(1980, 1, 1);

interface PlannedDirectory {
  kind: 'directory';
  path: string;
  name?: Uint8Array;
  children: PlannedNode[];
  parent?: PlannedDirectory;
  firstCluster: number;
  clusters: number;
}
interface PlannedFile {
  kind: 'file';
  path: string;
  name: Uint8Array;
  source: FileSource;
  sizeBytes: number;
  firstCluster: number;
  clusters: number;
}
type PlannedNode = PlannedDirectory | PlannedFile;

/** A contiguous run of clusters and what goes in it. */
export type ClusterRun =
  | { cluster: number; kind: 'bytes'; bytes: Uint8Array }
  | { cluster: number; kind: 'file'; path: string; source: FileSource; sizeBytes: number };

/** A whole volume, laid out. */
export interface FatPlan {
  geometry: FatGeometry;
  bootSector: Uint8Array;
  fsInfo: Uint8Array;
  /** The used part of one FAT (entries 0 … last used cluster); the rest of it is zeros. */
  fat: Uint8Array;
  /** In cluster order, each run right after the previous one. */
  runs: ClusterRun[];
  /** Sector where cluster 2 starts. */
  dataStartSector: number;
  clusterCount: number;
  usedClusters: number;
}

export class FatBuilder {
  readonly #geometry: FatGeometry;
  readonly #stamp: FatTimestamp;
  readonly #root: PlannedDirectory = {
    kind: 'directory',
    path: '',
    children: [],
    firstCluster: 0,
    clusters: 0,
  };

  /** `stamp` is every entry's timestamp (default the FAT epoch). Checks the geometry. */
  constructor(geometry: FatGeometry, stamp: FatTimestamp = FAT_EPOCH) {
    checkGeometry(geometry);
    this.#geometry = geometry;
    this.#stamp = stamp;
  }

  /**
   * Adds a file at `path` (`A/B/C.EXT`, upper-case 8.3 names), creating its directories.
   * A name that is not 8.3, or a path taken already, is a bug in the caller: RangeError.
   */
  file(path: string, source: FileSource): this {
    const names = path.split('/');
    const fileName = names.pop()!;
    let directory = this.#root;
    for (const name of names) directory = this.#directory(directory, name);
    if (find(directory, fileName) !== undefined)
      throw new RangeError(`${path} is already in the volume.`);
    directory.children.push({
      kind: 'file',
      path,
      name: shortName(fileName),
      source,
      sizeBytes: source.kind === 'host' ? source.size : source.bytes.length,
      firstCluster: 0,
      clusters: 0,
    });
    return this;
  }

  /**
   * Places every directory and file and encodes the metadata. Throws a UserError when the
   * files do not fit in the volume.
   */
  plan(): FatPlan {
    const geometry = this.#geometry;
    const clusterBytes = geometry.sectorsPerCluster * FAT_SECTOR_BYTES;
    const dataStartSector = geometry.reservedSectors + FAT_COUNT * geometry.sectorsPerFat;
    const clusterCount = Math.floor(
      (geometry.totalSectors - dataStartSector) / geometry.sectorsPerCluster,
    );
    const nodes = [...walk(this.#root)];
    const directories = nodes.filter((node) => node.kind === 'directory');
    const files = nodes.filter((node) => node.kind === 'file');
    let next = FIRST_DATA_CLUSTER;
    for (const node of [...directories, ...files]) {
      const bytes =
        node.kind === 'file'
          ? node.sizeBytes
          : Math.max(1, directorySlots(node)) * DIRECTORY_ENTRY_BYTES;
      node.clusters = Math.ceil(bytes / clusterBytes);
      node.firstCluster = node.clusters === 0 ? 0 : next;
      next += node.clusters;
    }
    const usedClusters = next - FIRST_DATA_CLUSTER;
    if (usedClusters > clusterCount)
      throw tooSmall(files, usedClusters, clusterCount, clusterBytes);
    const runs: ClusterRun[] = [
      ...directories.map((directory) => ({
        cluster: directory.firstCluster,
        kind: 'bytes' as const,
        bytes: this.#encodeDirectory(directory, clusterBytes),
      })),
      ...files
        .filter((file) => file.clusters > 0)
        .map((file) => ({
          cluster: file.firstCluster,
          kind: 'file' as const,
          path: file.path,
          source: file.source,
          sizeBytes: file.sizeBytes,
        })),
    ];
    return {
      geometry,
      bootSector: encodeBootSector({
        oemName: geometry.oemName,
        bytesPerSector: FAT_SECTOR_BYTES,
        sectorsPerCluster: geometry.sectorsPerCluster,
        reservedSectors: geometry.reservedSectors,
        fatCount: FAT_COUNT,
        media: MEDIA_FIXED_DISK,
        sectorsPerTrack: geometry.sectorsPerTrack,
        heads: geometry.heads,
        hiddenSectors: 0,
        totalSectors: geometry.totalSectors,
        sectorsPerFat: geometry.sectorsPerFat,
        rootCluster: this.#root.firstCluster,
        fsInfoSector: FSINFO_SECTOR,
        backupBootSector: BACKUP_BOOT_SECTOR,
        volumeId: geometry.volumeId,
        volumeLabel: NO_LABEL,
      }),
      fsInfo: encodeFsInfo(clusterCount - usedClusters, next),
      fat: encodeFat([...directories, ...files], next),
      runs,
      dataStartSector,
      clusterCount,
      usedClusters,
    };
  }

  #directory(parent: PlannedDirectory, name: string): PlannedDirectory {
    const found = find(parent, name);
    if (found?.kind === 'directory') return found;
    const path = parent.path === '' ? name : `${parent.path}/${name}`;
    if (found !== undefined) throw new RangeError(`${path} is a file, not a directory.`);
    const directory: PlannedDirectory = {
      kind: 'directory',
      path,
      name: shortName(name),
      children: [],
      parent,
      firstCluster: 0,
      clusters: 0,
    };
    parent.children.push(directory);
    return directory;
  }

  /** `.` and `..` (except in the root), then one entry per child, padded to whole clusters. */
  #encodeDirectory(directory: PlannedDirectory, clusterBytes: number): Uint8Array {
    const bytes = new Uint8Array(directory.clusters * clusterBytes);
    const entries: Uint8Array[] = [];
    const entry = (name: Uint8Array, attributes: number, firstCluster: number, sizeBytes = 0) =>
      encodeShortEntry({ name, attributes, caseFlags: 0, firstCluster, sizeBytes }, this.#stamp);
    if (directory.parent !== undefined) {
      entries.push(entry(dotName('.'), Attribute.directory, directory.firstCluster));
      // `..` of a directory in the root points at cluster 0, not at the root's cluster.
      const parentCluster =
        directory.parent.parent === undefined ? 0 : directory.parent.firstCluster;
      entries.push(entry(dotName('..'), Attribute.directory, parentCluster));
    }
    for (const child of directory.children) {
      entries.push(
        child.kind === 'directory'
          ? entry(child.name!, Attribute.directory, child.firstCluster)
          : entry(child.name, Attribute.archive, child.firstCluster, child.sizeBytes),
      );
    }
    for (const [i, encoded] of entries.entries()) bytes.set(encoded, i * DIRECTORY_ENTRY_BYTES);
    return bytes;
  }
}

/** Writes a planned volume at the sink's position, filling the whole partition. */
export async function writeFat(plan: FatPlan, sink: ByteSink): Promise<void> {
  const { geometry } = plan;
  const start = sink.position;
  const toSector = async (sector: number) => {
    const offset = start + sector * FAT_SECTOR_BYTES;
    if (sink.position > offset) throw new Error(`FAT writer at ${sink.position}, past ${offset}.`);
    await sink.writeZeros(offset - sink.position);
  };
  await sink.write(plan.bootSector);
  await sink.write(plan.fsInfo);
  await toSector(BACKUP_BOOT_SECTOR);
  await sink.write(plan.bootSector);
  await toSector(BACKUP_FSINFO_SECTOR);
  await sink.write(plan.fsInfo);
  for (let copy = 0; copy < FAT_COUNT; copy++) {
    await toSector(geometry.reservedSectors + copy * geometry.sectorsPerFat);
    await sink.write(plan.fat);
  }
  const clusterSectors = geometry.sectorsPerCluster;
  for (const run of plan.runs) {
    await toSector(plan.dataStartSector + (run.cluster - FIRST_DATA_CLUSTER) * clusterSectors);
    if (run.kind === 'bytes') await sink.write(run.bytes);
    else if (run.source.kind === 'host') await sink.writeHostFile(run.source.path, run.sizeBytes);
    else await sink.write(run.source.bytes);
  }
  const end = start + geometry.partitionBytes;
  if (sink.position > end)
    throw new Error(`FAT volume overran its partition by ${sink.position - end} bytes.`);
  await sink.writeZeros(end - sink.position);
}

/** FAT entries 0 … `next` − 1: the two reserved ones, then one chain per directory and file. */
function encodeFat(nodes: PlannedNode[], next: number): Uint8Array {
  const fat = new Uint8Array(next * FAT_ENTRY_BYTES);
  const view = new DataView(fat.buffer);
  const set = (cluster: number, value: number) =>
    view.setUint32(cluster * FAT_ENTRY_BYTES, value, true);
  set(0, MEDIA_ENTRY);
  set(1, CLEAN_ENTRY);
  for (const node of nodes) {
    for (let i = 0; i < node.clusters; i++) {
      const cluster = node.firstCluster + i;
      set(cluster, i === node.clusters - 1 ? END_OF_CHAIN : cluster + 1);
    }
  }
  return fat;
}

/** Directories in pre-order (the root first), then every file, each in insertion order. */
function* walk(directory: PlannedDirectory): Generator<PlannedNode> {
  yield directory;
  for (const child of directory.children) {
    if (child.kind === 'directory') yield* walk(child);
    else yield child;
  }
}

function directorySlots(directory: PlannedDirectory): number {
  return directory.children.length + (directory.parent === undefined ? 0 : 2);
}

function find(directory: PlannedDirectory, name: string): PlannedNode | undefined {
  const wanted = shortName(name);
  return directory.children.find(
    (child) => child.name !== undefined && sameBytes(child.name, wanted),
  );
}

function shortName(name: string): Uint8Array {
  const encoded = encodeShortName(name);
  if (encoded === undefined) {
    throw new RangeError(
      `"${name}" is not an upper-case 8.3 name; the FAT writer writes no long names.`,
    );
  }
  return encoded;
}

function dotName(dots: '.' | '..'): Uint8Array {
  const bytes = new Uint8Array(11).fill(0x20);
  bytes.set(Buffer.from(dots, 'ascii'));
  return bytes;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function checkGeometry(geometry: FatGeometry): void {
  const dataStart = geometry.reservedSectors + FAT_COUNT * geometry.sectorsPerFat;
  const clusters = Math.floor((geometry.totalSectors - dataStart) / geometry.sectorsPerCluster);
  const problems = [
    geometry.reservedSectors <= BACKUP_FSINFO_SECTOR && 'too few reserved sectors for the backups',
    geometry.totalSectors * FAT_SECTOR_BYTES > geometry.partitionBytes &&
      'more sectors than the partition',
    clusters < MIN_FAT32_CLUSTERS && `${clusters} clusters (FAT32 needs ${MIN_FAT32_CLUSTERS})`,
    (clusters + FIRST_DATA_CLUSTER) * FAT_ENTRY_BYTES > geometry.sectorsPerFat * FAT_SECTOR_BYTES &&
      'a FAT too small for its clusters',
  ].filter((problem) => problem !== false);
  if (problems.length > 0) throw new RangeError(`Bad FAT32 geometry: ${problems.join(', ')}.`);
}

function tooSmall(
  files: PlannedNode[],
  usedClusters: number,
  clusterCount: number,
  clusterBytes: number,
): UserError {
  const sizes = files
    .map((file) => `${file.path} ${(file as PlannedFile).sizeBytes} bytes`)
    .join(', ');
  return new UserError(
    `The files do not fit in the ${clusterCount * clusterBytes}-byte FAT volume: they need ${usedClusters} clusters of ${clusterBytes} bytes, it has ${clusterCount} (${sizes}).`,
  );
}
