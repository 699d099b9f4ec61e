/**
 * Assembles a whole bootable disk image (nanos-image-format.md §1.1, §2.10), x86-64 BIOS
 * layout without an ESP:
 *
 * | region | offset                | size                     |
 * |--------|-----------------------|--------------------------|
 * | stage1 | 0                     | 512, partition table filled in |
 * | stage2 | 512                   | S2, read from the stage1 region record |
 * | klog   | 512 + S2              | 4 KiB of zeros (the kernel's crash record) |
 * | bootfs | 512 + S2 + 4 KiB      | 12 MiB: TFS with `kernel` and `klib/*` |
 * | root   | bootfs + 12 MiB       | TFS with the manifest and files, then free space |
 *
 * Everything is planned first (both filesystems' layouts, the final size, the MBR), then the
 * image is written front to back through one `ImageSink` into a temporary file that is renamed
 * over the output only when complete.
 */
import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import { ImageSink } from './image-sink.js';
import {
  decodeMbr,
  KLOG_AREA_BYTES,
  MBR_BYTES,
  PartitionType,
  REGION_TYPE_STAGE2,
  writePartitionTable,
} from './mbr.js';
import { planTfs, type TfsPlan, writeTfs } from './tfs.js';
import { checkLabel } from './tfs-log.js';
import { formatUuid } from './tfs-reader.js';
import { emptyDirectory, insertNode, type RootFilesystem } from './tree.js';

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
/** stage1 reads stage2 in 128-sector chunks into low memory; no real boot.img comes near this. */
const MAX_BOOT_IMG_BYTES = 1024 * 1024;

export interface ImageInput {
  /** Nanos `boot.img` (stage1 + stage2). */
  bootImg: string;
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
  stage2: Uint8Array;
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
 * for a `boot.img` that is not a Nanos stage1, a kernel and klibs too big for the 12 MiB
 * bootfs, an unreadable file, or a host file that changed size while being written.
 */
export async function writeImage(
  input: ImageInput,
  outputPath: string,
  logger: Logger = silentLogger,
): Promise<ImageInfo> {
  const plan = await planDisk(input);
  logger.debug(
    `Image layout: bootfs at ${plan.bootfsOffsetBytes}, root at ${plan.rootOffsetBytes}, ` +
      `${plan.root.files.length} files, ${plan.root.metadataBytes} bytes of metadata, total ${plan.sizeBytes} bytes.`,
  );
  const sha256 = await writeAtomically(outputPath, (sink) => writeDisk(plan, sink), plan.sizeBytes);
  return {
    path: outputPath,
    sizeBytes: plan.sizeBytes,
    sha256,
    bootfsOffsetBytes: plan.bootfsOffsetBytes,
    rootOffsetBytes: plan.rootOffsetBytes,
    rootUsedBytes: plan.root.sizeBytes,
    rootUuid: formatUuid(plan.root.uuid),
    files: plan.root.files.length,
    metadataBytes: plan.root.metadataBytes,
  };
}

async function planDisk(input: ImageInput): Promise<DiskPlan> {
  checkSize('minSizeBytes', input.minSizeBytes);
  checkRootLabel(input.label ?? '');
  const [bootImg, bootTree] = await Promise.all([
    readBootImage(input.bootImg),
    bootFilesystem(input.kernelImg, input.klibs),
  ]);
  const boot = planTfs(bootTree);
  if (boot.sizeBytes > BOOTFS_BYTES) throw bootfsTooBig(input, boot);
  const root = planTfs(input.root, { uuid: input.uuid, label: input.label ?? '' });
  const bootfsOffsetBytes = bootImg.length + KLOG_AREA_BYTES;
  const rootOffsetBytes = bootfsOffsetBytes + BOOTFS_BYTES;
  const sizeBytes = Math.max(
    roundUp(rootOffsetBytes + root.sizeBytes + FREE_SPACE_BYTES, SIZE_ROUNDING_BYTES),
    roundUp(input.minSizeBytes ?? 0, MBR_BYTES),
  );
  const mbr = writePartitionTable(bootImg, [
    { type: PartitionType.nanos, offsetBytes: bootfsOffsetBytes, sizeBytes: BOOTFS_BYTES },
    {
      type: PartitionType.nanos,
      offsetBytes: rootOffsetBytes,
      sizeBytes: sizeBytes - rootOffsetBytes,
    },
  ]);
  const stage2 = bootImg.subarray(MBR_BYTES);
  return { mbr, stage2, boot, root, bootfsOffsetBytes, rootOffsetBytes, sizeBytes };
}

async function writeDisk(plan: DiskPlan, sink: ImageSink): Promise<void> {
  await sink.write(plan.mbr);
  await sink.write(plan.stage2);
  await sink.writeZeros(KLOG_AREA_BYTES);
  await writeTfs(plan.boot, sink);
  await sink.writeZeros(plan.rootOffsetBytes - sink.position);
  await writeTfs(plan.root, sink);
}

/**
 * Reads and checks `boot.img`: at least one sector, the `55 AA` signature, a stage1 region
 * record of type 12 whose length is exactly the rest of the file.
 */
async function readBootImage(path: string): Promise<Uint8Array> {
  const bytes = await readBootFile(path);
  const mbr = decodeMbr(bytes);
  if (!mbr.hasSignature)
    throw notStage1(path, 'its first sector does not end with the 55 AA boot signature');
  if (mbr.region.type !== REGION_TYPE_STAGE2) {
    throw notStage1(
      path,
      `its stage1 region record has type ${mbr.region.type}, expected ${REGION_TYPE_STAGE2}`,
    );
  }
  if (mbr.region.length !== bytes.length - MBR_BYTES) {
    throw notStage1(
      path,
      `its stage1 says stage2 has ${mbr.region.length} bytes, but ${bytes.length - MBR_BYTES} follow it`,
    );
  }
  return bytes;
}

/**
 * Reads `boot.img` whole through one open handle, after checking that it is a regular file of
 * a plausible size; failing to open or read it is a `UserError` like `statFile`'s.
 */
async function readBootFile(path: string): Promise<Uint8Array> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size < MBR_BYTES || info.size > MAX_BOOT_IMG_BYTES) {
      throw notStage1(
        path,
        `it has ${info.size} bytes, expected 512 bytes of stage1 plus stage2 (under 1 MiB)`,
      );
    }
    return new Uint8Array(await handle.readFile());
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw cannotRead(path, 'boot.img', error);
  } finally {
    await handle?.close();
  }
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
): Promise<string> {
  const temporary = join(
    dirname(outputPath),
    `.${basename(outputPath)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  let handle: FileHandle | undefined;
  let sink: ImageSink | undefined;
  try {
    handle = await openOutput(temporary, outputPath);
    sink = new ImageSink(handle);
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

async function openOutput(temporary: string, outputPath: string): Promise<FileHandle> {
  try {
    // The default output (.nanoship/<name>.img) usually lives in a folder nobody made yet.
    await mkdir(dirname(outputPath), { recursive: true });
    return await open(temporary, 'wx');
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

function notStage1(path: string, reason: string): UserError {
  return new UserError(
    `${path} is not a Nanos boot.img: ${reason}. Use the boot.img shipped with the same kernel release.`,
  );
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
