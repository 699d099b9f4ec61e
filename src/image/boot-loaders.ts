/**
 * Which firmware an image boots with, and for which CPU, read from the image itself: BIOS when
 * its first sector is stage1 with a stage2 behind it (a real boot.img, x86 only), UEFI when
 * MBR entry 0 is an EFI System Partition holding `EFI/BOOT/BOOTX64.EFI` or
 * `EFI/BOOT/BOOTAA64.EFI` (any letter case, as FAT names are). The smoke test picks its QEMU
 * and firmware from this, and publishing an image file takes its boot mode from it.
 *
 *   const loaders = await readBootLoaders('out/app.img');
 *   loaders.arch;     // 'aarch64'
 *   loaders.bootMode; // 'uefi'
 */

import { UserError } from '../errors.js';
import { open, type ReadableFile } from '../files.js';
import type { KernelArch } from '../kernel/types.js';
import type { BootMode } from './disk.js';
import { UEFI_LOADER_PATHS } from './esp.js';
import { type FatEntry, readFat } from './fat-reader.js';
import { decodeMbr, MBR_BYTES, type Mbr, PartitionType, REGION_TYPE_STAGE2 } from './mbr.js';

export interface EspContents {
  offsetBytes: number;
  sizeBytes: number;
  label: string;
  entries: FatEntry[];
}

export interface BootLoaders {
  bootMode: BootMode;
  /** The CPU the image's loaders are for. */
  arch: KernelArch;
  /** The ESP and what it holds (UEFI and hybrid images). */
  esp?: EspContents;
}

/** True when the first sector is stage1 with a stage2 after it: the image boots through BIOS. */
export function hasBiosLoader(mbr: Mbr): boolean {
  return mbr.hasSignature && mbr.region.type === REGION_TYPE_STAGE2 && mbr.region.length > 0;
}

/** The FAT volume in MBR entry 0 when that is an ESP (the layout Nanos' tools write). */
export async function readEsp(handle: ReadableFile, mbr: Mbr): Promise<EspContents | undefined> {
  const first = mbr.partitions.find((entry) => entry.index === 0);
  if (!mbr.hasSignature || first?.type !== PartitionType.esp) return undefined;
  const offsetBytes = first.startLba * MBR_BYTES;
  const sizeBytes = first.sectors * MBR_BYTES;
  const volume = await readFat(handle, offsetBytes, sizeBytes);
  return { offsetBytes, sizeBytes, label: volume.label, entries: volume.entries };
}

/** The architectures whose UEFI loader the ESP holds, in KERNEL_ARCHES order. */
export function uefiArches(esp: EspContents): KernelArch[] {
  const files = new Set(
    esp.entries.filter((entry) => entry.kind === 'file').map((entry) => entry.path.toUpperCase()),
  );
  return (Object.keys(UEFI_LOADER_PATHS) as KernelArch[]).filter((arch) =>
    files.has(UEFI_LOADER_PATHS[arch]),
  );
}

/**
 * Decides boot mode and architecture from the MBR and the ESP. Throws a UserError for an image
 * with no loader nanoship can boot, or with UEFI loaders for both architectures.
 */
export function describeBootLoaders(path: string, mbr: Mbr, esp?: EspContents): BootLoaders {
  const bios = hasBiosLoader(mbr);
  const arches = esp === undefined ? [] : uefiArches(esp);
  if (arches.length > 1) {
    throw new UserError(
      `${path} has UEFI loaders for ${arches.join(' and ')} in its EFI System Partition; a Nanos image has the one of its kernel. Build it again with nanoship build.`,
    );
  }
  const uefiArch = arches[0];
  if (uefiArch === undefined && !bios) {
    throw new UserError(
      `${path} has no boot loader nanoship knows: neither Nanos' BIOS stage1/stage2 (boot.img) nor ${Object.values(UEFI_LOADER_PATHS).join(' or ')} in an EFI System Partition. Build it with nanoship build.`,
    );
  }
  if (uefiArch === undefined) return { bootMode: 'bios', arch: 'x86_64' };
  if (bios && uefiArch !== 'x86_64') {
    throw new UserError(
      `${path} has an x86 BIOS loader next to an ${uefiArch} UEFI loader; build it again with nanoship build.`,
    );
  }
  return { bootMode: bios ? 'hybrid' : 'uefi', arch: uefiArch, esp };
}

/**
 * Reads the MBR and the ESP of the image at `path` and describes its loaders. Throws a
 * UserError for an unreadable file, one without an MBR, or one with no loader nanoship knows.
 */
export async function readBootLoaders(path: string): Promise<BootLoaders> {
  const handle = await open(path, 'r').catch((error: Error) => {
    throw new UserError(`Cannot open image ${path}: ${error.message}.`, { cause: error });
  });
  try {
    const sector = Buffer.alloc(MBR_BYTES);
    const { bytesRead } = await handle.read(sector, 0, MBR_BYTES, 0);
    const mbr = decodeMbr(sector);
    if (bytesRead < MBR_BYTES || !mbr.hasSignature) {
      throw new UserError(
        `${path} is not a bootable disk image (no MBR boot signature); build it with nanoship build.`,
      );
    }
    return describeBootLoaders(path, mbr, await readEsp(handle, mbr));
  } finally {
    await handle.close();
  }
}
