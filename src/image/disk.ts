/**
 * Assembles a whole bootable disk image (nanos-image-format.md §1.1, §1.6, §2.10):
 *
 * | region | offset                  | size                                               |
 * |--------|-------------------------|----------------------------------------------------|
 * | MBR    | 0                       | 512: stage1 of boot.img, or the boot stub; partition table filled in |
 * | stage2 | 512                     | S2, read from the stage1 region record (0 with the stub) |
 * | klog   | 512 + S2                | 4 KiB of zeros (the kernel's crash record)         |
 * | ESP    | klog + 4 KiB            | 33 MiB FAT32 with the UEFI loader (UEFI images only) |
 * | bootfs | after klog, or the ESP  | 12 MiB: TFS with `kernel` and `klib/*`             |
 * | root   | bootfs + 12 MiB         | TFS with the manifest and files, then free space   |
 *
 * Which loaders an image carries: boot.img alone boots through BIOS (x86 default); boot.img
 * plus the UEFI loader is a hybrid that boots through either (x86 `uefi`); the UEFI loader
 * alone, behind the boot stub, boots through UEFI only (arm64, which has no BIOS). The MBR
 * lists ESP, bootfs and root in that order when there is an ESP, else bootfs and root: the
 * order Nanos' mkfs writes and the kernel, stage2 and the UEFI loader expect.
 *
 * Everything is planned first (both filesystems' layouts, the ESP, the final size, the MBR),
 * then the image is written front to back through one `ImageSink` into a temporary file that
 * is renamed over the output only when complete.
 */
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { mkdir, type OpenFile, open, rename, rm, stat, unlink } from '../files.js';
import type { KernelArch } from '../kernel/types.js';
import { type Logger, silentLogger } from '../log.js';
import { encodeBootStub, readBootImage } from './boot-record.js';
import type { FatPlan } from './fat-writer.js';
import { ImageSink, stagingBytesFor } from './image-sink.js';
import {
  KLOG_AREA_BYTES,
  MBR_BYTES,
  type PartitionSpec,
  PartitionType,
  writePartitionTable,
} from './mbr.js';
import { planTfs, type TfsPlan, writeTfs } from './tfs.js';
import { checkLabel } from './tfs-log.js';
import { emptyDirectory, insertNode, type RootFilesystem } from './tree.js';
import { formatUuid } from './uuid.js';

/** The bootfs partition is always 12 MiB, as in ops and mkfs; stage2 expects a small TFS. */
export const BOOTFS_BYTES = 12 * 1024 * 1024;
/**
 * Free space after the root filesystem's data. The kernel needs free sectors to grow
 * its log and to store files the program writes; ops leaves none, mkfs at least 512 KiB. We
 * keep at least 1 MiB and round the image up to a whole MiB. Clouds give more on their own:
 * the kernel uses the whole disk, not the partition size.
 */
const FREE_SPACE_BYTES = 1024 * 1024;
const SIZE_ROUNDING_BYTES = 1024 * 1024;

/**
 * The firmware an image boots with: `bios` (boot.img only), `uefi` (an ESP behind the boot
 * stub) or `hybrid` (boot.img and an ESP).
 */
export type BootMode = 'bios' | 'uefi' | 'hybrid';

export interface ImageInput {
  /** Nanos `boot.img` (stage1 + stage2), the BIOS loader; absent: the image boots through UEFI only. */
  bootImg?: string;
  /** The release's UEFI loader (`bootx64.efi` / `bootaa64.efi`); present: the image has an ESP. */
  uefiLoader?: { arch: KernelArch; path: string };
  /** Nanos `kernel.img`, stored as bootfs `/kernel`. */
  kernelImg: string;
  /** Kernel libraries stored as bootfs `/klib/<name>`. */
  klibs: { name: string; path: string }[];
  root: RootFilesystem;
  /** Root filesystem UUID; derived from the root metadata when absent. */
  uuid?: Uint8Array;
  /** Root filesystem label (at most 31 bytes); empty by default. */
  label?: string;
  /** Smallest total image size in bytes (like ops' `BaseVolumeSz`). */
  minSizeBytes?: number;
}

export interface ImageInfo {
  path: string;
  sizeBytes: number;
  sha256: string;
  bootMode: BootMode;
  /** Where the EFI System Partition starts (UEFI and hybrid images). */
  espOffsetBytes?: number;
  bootfsOffsetBytes: number;
  rootOffsetBytes: number;
  /** Root filesystem bytes in use (metadata and file data), without free space. */
  rootUsedBytes: number;
  rootUuid: string;
  /** Regular files in the root filesystem. */
  files: number;
  metadataBytes: number;
}

/** The planned image: every offset known before a byte is written. */
interface DiskPlan {
  mbr: Uint8Array;
  /** The rest of boot.img; empty behind the boot stub. */
  stage2: Uint8Array;
  esp?: FatPlan;
  boot: TfsPlan;
  root: TfsPlan;
  bootfsOffsetBytes: number;
  rootOffsetBytes: number;
  sizeBytes: number;
}

/**
 * Writes a bootable image to `outputPath` and returns its size, sha256 and layout. The same
 * inputs always give the same bytes. The output appears only when complete: a failure removes
 * the temporary file and leaves any earlier file at `outputPath` untouched. Throws `UserError`
 * for a `boot.img` that is not a Nanos stage1, neither a boot.img nor a UEFI loader, a kernel
 * and klibs too big for the 12 MiB bootfs, an unreadable file, or a host file that changed
 * size while being written.
 */
export async function writeImage(
  input: ImageInput,
  outputPath: string,
  logger: Logger = silentLogger,
): Promise<ImageInfo> {
  const plan = await planDisk(input);
  const espOffsetBytes = plan.esp && plan.bootfsOffsetBytes - plan.esp.geometry.partitionBytes;
  logger.debug(
    `Image layout: ${espOffsetBytes === undefined ? '' : `ESP at ${espOffsetBytes}, `}bootfs at ${plan.bootfsOffsetBytes}, root at ${plan.rootOffsetBytes}, ` +
      `${plan.root.files.length} files, ${plan.root.metadataBytes} bytes of metadata, total ${plan.sizeBytes} bytes.`,
  );
  // The bytes that pass through the staging buffers: both filesystems' content (the ESP adds
  // its loader, a few hundred KiB; the rest of the image is zero fill).
  const stagingBytes = stagingBytesFor(plan.boot.sizeBytes + plan.root.sizeBytes);
  const sha256 = await writeAtomically(
    outputPath,
    (sink) => writeDisk(plan, sink),
    plan.sizeBytes,
    stagingBytes,
  );
  return {
    path: outputPath,
    sizeBytes: plan.sizeBytes,
    sha256,
    bootMode: bootModeOf(input),
    ...(espOffsetBytes === undefined ? {} : { espOffsetBytes }),
    bootfsOffsetBytes: plan.bootfsOffsetBytes,
    rootOffsetBytes: plan.rootOffsetBytes,
    rootUsedBytes: plan.root.sizeBytes,
    rootUuid: formatUuid(plan.root.uuid),
    files: plan.root.files.length,
    metadataBytes: plan.root.metadataBytes,
  };
}

function bootModeOf(input: ImageInput): BootMode {
  if (input.uefiLoader === undefined) return 'bios';
  return input.bootImg === undefined ? 'uefi' : 'hybrid';
}

async function planDisk(input: ImageInput): Promise<DiskPlan> {
  checkSize('minSizeBytes', input.minSizeBytes);
  checkRootLabel(input.label ?? '');
  if (input.bootImg === undefined && input.uefiLoader === undefined) {
    throw new UserError(
      'An image needs a boot loader: the BIOS one (boot.img) or the UEFI one (bootx64.efi / bootaa64.efi) of the kernel release, or both.',
    );
  }
  const [bootImg, bootTree, esp] = await Promise.all([
    input.bootImg === undefined ? encodeBootStub() : readBootImage(input.bootImg),
    bootFilesystem(input.kernelImg, input.klibs),
    input.uefiLoader && planLoaderEsp(input.uefiLoader),
  ]);
  const boot = planTfs(bootTree);
  if (boot.sizeBytes > BOOTFS_BYTES) throw bootfsTooBig(input, boot);
  const root = planTfs(input.root, { uuid: input.uuid, label: input.label ?? '' });
  const firstPartitionBytes = bootImg.length + KLOG_AREA_BYTES;
  const bootfsOffsetBytes = firstPartitionBytes + (esp?.geometry.partitionBytes ?? 0);
  const rootOffsetBytes = bootfsOffsetBytes + BOOTFS_BYTES;
  const sizeBytes = Math.max(
    roundUp(rootOffsetBytes + root.sizeBytes + FREE_SPACE_BYTES, SIZE_ROUNDING_BYTES),
    roundUp(input.minSizeBytes ?? 0, MBR_BYTES),
  );
  const partitions: PartitionSpec[] = [
    { type: PartitionType.nanos, offsetBytes: bootfsOffsetBytes, sizeBytes: BOOTFS_BYTES },
    {
      type: PartitionType.nanos,
      offsetBytes: rootOffsetBytes,
      sizeBytes: sizeBytes - rootOffsetBytes,
    },
  ];
  if (esp) {
    partitions.unshift({
      type: PartitionType.esp,
      offsetBytes: firstPartitionBytes,
      sizeBytes: esp.geometry.partitionBytes,
    });
  }
  const mbr = writePartitionTable(bootImg, partitions);
  const stage2 = bootImg.subarray(MBR_BYTES);
  return { mbr, stage2, esp, boot, root, bootfsOffsetBytes, rootOffsetBytes, sizeBytes };
}

/**
 * Stats the UEFI loader and lays out the ESP that holds it. The FAT code is loaded here, on
 * demand: x86_64 images boot through BIOS by default, and loading it is start-up cost for them.
 */
async function planLoaderEsp(loader: NonNullable<ImageInput['uefiLoader']>): Promise<FatPlan> {
  const [info, { planEsp }] = await Promise.all([
    statFile(loader.path, 'the UEFI loader'),
    import('./esp.js'),
  ]);
  return planEsp({ arch: loader.arch, path: loader.path, sizeBytes: info.size });
}

async function writeDisk(plan: DiskPlan, sink: ImageSink): Promise<void> {
  await sink.write(plan.mbr);
  await sink.write(plan.stage2);
  await sink.writeZeros(KLOG_AREA_BYTES);
  if (plan.esp) {
    const { writeFat } = await import('./fat-writer.js');
    await writeFat(plan.esp, sink);
  }
  await writeTfs(plan.boot, sink);
  await sink.writeZeros(plan.rootOffsetBytes - sink.position);
  await writeTfs(plan.root, sink);
}

/** The bootfs tree: `kernel`, plus `klib/<name>` for each klib. */
async function bootFilesystem(
  kernelImg: string,
  klibs: ImageInput['klibs'],
): Promise<RootFilesystem> {
  const tree = emptyDirectory();
  const [kernel, ...libs] = await Promise.all([
    statFile(kernelImg, 'kernel.img'),
    ...klibs.map((klib) => statFile(klib.path, `klib ${klib.name}`)),
  ]);
  insertNode(tree, '/kernel', {
    kind: 'file',
    source: { kind: 'host', path: kernelImg, size: kernel.size },
  });
  klibs.forEach((klib, i) => {
    insertNode(tree, `/klib/${klib.name}`, {
      kind: 'file',
      source: { kind: 'host', path: klib.path, size: libs[i].size },
    });
  });
  return { tree, manifest: new Map() };
}

function bootfsTooBig(input: ImageInput, boot: TfsPlan): UserError {
  const sizes = boot.files.map((file) => `${file.path} ${file.sizeBytes}`).join(', ');
  return new UserError(
    `The kernel and klibs need ${boot.sizeBytes} bytes of bootfs, but it holds ${BOOTFS_BYTES} (12 MiB): ` +
      `${sizes}. Drop klibs the program does not need (kernel: ${input.kernelImg}).`,
  );
}

/**
 * Runs `write` on a sink over a temporary file next to `outputPath`, then renames it into
 * place. On any failure the temporary file is removed and the error rethrown.
 *
 * An earlier image at `outputPath` is unlinked just before the rename instead of being renamed
 * over: ext4 (auto_da_alloc, its default) allocates and starts writing back every dirty block
 * of a file renamed over another before rename returns, which took ~300 ms for a 500 MB image;
 * unlink + rename took ~125 ms, the unlink freeing the old image. Only a crash between the two
 * leaves no image at the path, never a partial one.
 */
async function writeAtomically(
  outputPath: string,
  write: (sink: ImageSink) => Promise<void>,
  sizeBytes: number,
  stagingBytes: number,
): Promise<string> {
  const temporary = join(
    dirname(outputPath),
    `.${basename(outputPath)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let handle: OpenFile | undefined;
  let sink: ImageSink | undefined;
  try {
    handle = await openOutput(temporary, outputPath);
    sink = new ImageSink(handle, stagingBytes);
    await write(sink);
    const sha256 = await sink.finish(sizeBytes);
    await handle.close();
    handle = undefined;
    await unlink(outputPath).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(temporary, outputPath);
    return sha256;
  } catch (error) {
    await sink?.settle();
    await handle?.close().catch(() => {});
    // A failed cleanup must not hide the error that explains the failure.
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}

async function openOutput(temporary: string, outputPath: string): Promise<OpenFile> {
  try {
    return await open(temporary, 'wx').catch(async (error: NodeJS.ErrnoException) => {
      // The default output (.nanoship/<name>.img) lives in a folder nobody may have made yet;
      // made only then, so that a rebuild costs one call, not two.
      if (error.code !== 'ENOENT') throw error;
      await mkdir(dirname(outputPath), { recursive: true });
      return open(temporary, 'wx');
    });
  } catch (error) {
    throw new UserError(
      `Cannot write the image next to ${outputPath}: ${(error as Error).message}.`,
      {
        cause: error,
      },
    );
  }
}

async function statFile(path: string, what: string) {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    return info;
  } catch (error) {
    throw cannotRead(path, what, error);
  }
}

function cannotRead(path: string, what: string, error: unknown): UserError {
  return new UserError(`Cannot read ${what} at ${path}: ${(error as Error).message}.`, {
    cause: error,
  });
}

function checkSize(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new UserError(`${name} must be a whole number of bytes, not ${value}.`);
  }
}

function checkRootLabel(label: string): void {
  try {
    checkLabel(label);
  } catch (error) {
    throw new UserError(
      `The image label is not usable: ${(error as Error).message} Choose a shorter one.`,
      {
        cause: error,
      },
    );
  }
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}
