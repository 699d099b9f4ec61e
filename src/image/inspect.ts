/**
 * Reads an image back: the partition table, the ESP's files, the bootfs files, the root
 * manifest and the root file tree. Serves `nanoship inspect`, the job summary and the tests (the packer reads its
 * own output). Also accepts a raw TFS (a volume, no MBR), as Nanos' `dump` does.
 */

import { UserError } from '../errors.js';
import { open } from '../files.js';
import type { KernelArch } from '../kernel/types.js';
import { describeBootLoaders, type EspContents, readEsp } from './boot-loaders.js';
import type { BootMode } from './disk.js';
import { decodeMbr, MBR_BYTES, type Mbr, PartitionType } from './mbr.js';
import { listTfsEntries, readTfs, type TfsEntry, type TfsVolume } from './tfs-reader.js';
import type { Tuple, Value } from './tree.js';
import type { TfsTuple, TfsValue } from './tuple-codec.js';
import { formatUuid } from './uuid.js';

export interface InspectedFilesystem {
  offsetBytes: number;
  sizeBytes: number;
  uuid: string;
  label: string;
  entries: TfsEntry[];
}

export interface ImageInspection {
  path: string;
  sizeBytes: number;
  /** False for a raw TFS without a partition table. */
  partitioned: boolean;
  partitions: Mbr['partitions'];
  /** How the image boots, when it has a loader nanoship knows (partitioned images only). */
  boot?: { mode: BootMode; arch: KernelArch };
  /** The EFI System Partition and its files (UEFI and hybrid images). */
  esp?: EspContents;
  bootfs?: InspectedFilesystem;
  root: InspectedFilesystem & {
    /** The root tuple without `children`; integers shown as decimal text, null as "". */
    manifest: Tuple;
  };
}

/**
 * Inspects the image at `path`. Throws `UserError` when the file cannot be read or is not a
 * regular file, has no root partition, or holds no valid TFS (`TfsFormatError` names the offset).
 */
export async function inspectImage(path: string): Promise<ImageInspection> {
  const handle = await open(path, 'r').catch((error: Error) => {
    throw new UserError(`Cannot open image ${path}: ${error.message}.`, { cause: error });
  });
  try {
    const info = await handle.stat();
    // A directory opens fine on Linux; only reading it fails, with a bare EISDIR.
    if (!info.isFile()) {
      throw new UserError(`${path} is not a file: give the path of a disk image (.img).`);
    }
    const sizeBytes = info.size;
    const first = Buffer.alloc(MBR_BYTES);
    await handle.read(first, 0, MBR_BYTES, 0);
    const mbr = decodeMbr(first);
    if (!mbr.hasSignature) {
      const root = await readTfs(handle, 0, sizeBytes);
      return { path, sizeBytes, partitioned: false, partitions: [], root: describeRoot(root) };
    }
    const { boot, root } = locatePartitions(mbr, path);
    const esp = await readEsp(handle, mbr);
    const bootVolume = await readTfs(handle, boot.startLba * MBR_BYTES, boot.sectors * MBR_BYTES);
    // Like the kernel, the root filesystem reaches to the end of the disk, not of its entry.
    const rootOffset = root.startLba * MBR_BYTES;
    const rootVolume = await readTfs(handle, rootOffset, sizeBytes - rootOffset);
    return {
      path,
      sizeBytes,
      partitioned: true,
      partitions: mbr.partitions,
      ...bootOf(path, mbr, esp),
      ...(esp === undefined ? {} : { esp }),
      bootfs: describe(bootVolume),
      root: describeRoot(rootVolume),
    };
  } finally {
    await handle.close();
  }
}

/** Nanos' rule (storage.h): an ESP in entry 0 shifts bootfs and root to entries 1 and 2. */
function locatePartitions(mbr: Mbr, path: string) {
  const byIndex = (index: number) => mbr.partitions.find((entry) => entry.index === index);
  const shift = byIndex(0)?.type === PartitionType.esp ? 1 : 0;
  const boot = byIndex(shift);
  const root = byIndex(shift + 1);
  if (boot === undefined || root === undefined) {
    throw new UserError(
      `${path} has a boot signature but no bootfs and root partitions in its MBR; it is not a Nanos image.`,
    );
  }
  return { boot, root };
}

/** Boot mode and architecture; none when the image has no loader nanoship knows. */
function bootOf(path: string, mbr: Mbr, esp: EspContents | undefined) {
  try {
    const loaders = describeBootLoaders(path, mbr, esp);
    return { boot: { mode: loaders.bootMode, arch: loaders.arch } };
  } catch (error) {
    if (error instanceof UserError) return {};
    throw error;
  }
}

function describe(volume: TfsVolume): InspectedFilesystem {
  return {
    offsetBytes: volume.offsetBytes,
    sizeBytes: volume.sizeBytes,
    uuid: formatUuid(volume.uuid),
    label: volume.label,
    entries: listTfsEntries(volume),
  };
}

function describeRoot(volume: TfsVolume): ImageInspection['root'] {
  const manifest: Tuple = new Map();
  for (const [key, value] of volume.root)
    if (key !== 'children') manifest.set(key, toManifestValue(value));
  return { ...describe(volume), manifest };
}

function toManifestValue(value: TfsValue): Value {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toManifestValue);
  return new Map([...(value as TfsTuple)].map(([key, inner]) => [key, toManifestValue(inner)]));
}
