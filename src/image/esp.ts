/**
 * The EFI System Partition of a UEFI-bootable Nanos image (nanos-image-format.md §1.6): a
 * FAT32 volume holding the kernel release's UEFI loader at the path UEFI firmware boots from
 * removable media and disks without boot entries, `EFI/BOOT/BOOTX64.EFI` (x86-64) or
 * `EFI/BOOT/BOOTAA64.EFI` (arm64). The loader (Nanos' src/boot/uefi.c) then finds the disk
 * whose MBR has a bootfs entry and loads `kernel` from that TFS; nothing else is on the ESP.
 *
 * The geometry is that of Nanos' mkfs and ops (both write the same FAT32 volume): a 33 MiB
 * partition, the smallest that holds the 65 525 clusters FAT32 needs with one-sector
 * clusters, of which the volume claims 67 276 sectors; 32 reserved sectors, two FATs of 518
 * sectors, the root directory at cluster 2, `EFI` at 3, `EFI/BOOT` at 4 and the loader from
 * cluster 5 on, which puts its first byte 0x85E00 into the partition as in their images.
 *
 * Unlike those writers (which copy one captured mkfs.fat volume and patch it), ours writes the
 * second FAT, the backup FSInfo, a chain exactly as long as the loader and true free-cluster
 * counts, so `fsck.fat` finds nothing to repair; firmware reads either.
 */
import type { KernelArch } from '../kernel/types.js';
import { FatBuilder, type FatGeometry, type FatPlan } from './fat-writer.js';

/** The ESP's partition size, as Nanos' mkfs (UEFI_PART_SIZE) and ops make it. */
export const ESP_BYTES = 33 * 1024 * 1024;

/** FAT32 layout of Nanos' ESP (see the file comment). */
export const NANOS_ESP_GEOMETRY: FatGeometry = {
  partitionBytes: ESP_BYTES,
  totalSectors: 67_276,
  sectorsPerFat: 518,
  reservedSectors: 32,
  sectorsPerCluster: 1,
  sectorsPerTrack: 32,
  heads: 64,
  // Nanos' volume serial number: fixed, like everything else in a reproducible image.
  volumeId: 0xdf43f99e,
  oemName: 'NANOSHIP',
};

/**
 * Where UEFI firmware looks for a boot loader on a disk without boot entries (UEFI
 * specification §3.5.1.1, "removable media boot behavior", used by every cloud's firmware).
 */
export const UEFI_LOADER_PATHS: Record<KernelArch, string> = {
  x86_64: 'EFI/BOOT/BOOTX64.EFI',
  aarch64: 'EFI/BOOT/BOOTAA64.EFI',
};

/** The UEFI loader to put on the ESP: the release's `bootx64.efi` or `bootaa64.efi`. */
export interface UefiLoader {
  arch: KernelArch;
  path: string;
  sizeBytes: number;
}

/** Lays out the ESP holding `loader`. Pure: the loader's bytes are streamed when written. */
export function planEsp(loader: UefiLoader): FatPlan {
  return new FatBuilder(NANOS_ESP_GEOMETRY)
    .file(UEFI_LOADER_PATHS[loader.arch], {
      kind: 'host',
      path: loader.path,
      size: loader.sizeBytes,
    })
    .plan();
}
