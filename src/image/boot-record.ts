/**
 * What goes in front of the klog area: Nanos' `boot.img` (stage1 in the first sector, stage2
 * after it), which BIOS boots, or, on an image that boots through UEFI only, a one-sector
 * boot stub that nanoship writes itself.
 *
 * Why a stub at all: the arm64 release ships no boot.img (there is no BIOS on arm64), yet the
 * first sector still matters. The kernel, the UEFI loader and Nanos' tools treat a disk as
 * partitioned only when it ends with `55 AA` (storage.h: `partition_get`); without it the
 * kernel takes the disk for a raw volume, boots, and never finds its root filesystem. And
 * mkfs, ops and `dump` locate the first partition at 512 + stage2 length + 4 KiB, reading the
 * stage2 length from the stage1 region record, so the stub carries one that says "no stage2".
 * Nanos' own arm64 build makes the same sector from platform/virt/mbr.hex; ours is
 * byte-identical to it before the partition table is filled in.
 */

import { UserError } from '../errors.js';
import { type OpenFile, open } from '../files.js';
import { ByteCursor } from './bytes.js';
import { decodeMbr, MBR_BYTES, REGION_TYPE_STAGE2 } from './mbr.js';

/** stage1 reads stage2 in 128-sector chunks into low memory; no real boot.img comes near this. */
const MAX_BOOT_IMG_BYTES = 1024 * 1024;
const REGION_OFFSET = 0x1aa;
const SIGNATURE_OFFSET = 0x1fe;
const SIGNATURE = 0xaa55; // bytes 55 AA
/** Where stage1 loads stage2 on x86; the stub keeps the value Nanos' stub has, though unused. */
const STAGE2_LOAD_ADDRESS = 0x8000;

/**
 * The boot stub: zeros (no boot code: nothing boots this sector), the stage1 region record
 * with a stage2 of 0 bytes, and the signature. The partition table is filled in later.
 */
export function encodeBootStub(): Uint8Array {
  const sector = new Uint8Array(MBR_BYTES);
  const cursor = new ByteCursor(sector).seek(REGION_OFFSET);
  cursor.writeU64le(STAGE2_LOAD_ADDRESS); // region base: where stage2 would be loaded
  cursor.writeU64le(0); // region length: no stage2
  cursor.writeU32le(REGION_TYPE_STAGE2); // region type: the record describes stage2
  cursor.seek(SIGNATURE_OFFSET).writeU16le(SIGNATURE); // 55 AA: a partitioned disk
  return sector;
}

/**
 * Reads and checks `boot.img`: at least one sector, the `55 AA` signature, a stage1 region
 * record of type 12 whose length is exactly the rest of the file. Throws a UserError otherwise.
 */
export async function readBootImage(path: string): Promise<Uint8Array> {
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
 * a plausible size; failing to open or read it is a `UserError`.
 */
async function readBootFile(path: string): Promise<Uint8Array> {
  let handle: OpenFile | undefined;
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
    throw new UserError(`Cannot read boot.img at ${path}: ${(error as Error).message}.`, {
      cause: error,
    });
  } finally {
    await handle?.close();
  }
}

function notStage1(path: string, reason: string): UserError {
  return new UserError(
    `${path} is not a Nanos boot.img: ${reason}. Use the boot.img shipped with the same kernel release.`,
  );
}
