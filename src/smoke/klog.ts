import { open } from 'node:fs/promises';
import { decodeMbr, KLOG_AREA_BYTES, MBR_BYTES } from '../image/mbr.js';

/** Record layout, field by field in disk order. */
const KLOG = {
  magic: { offset: 0, bytes: 4 }, // ASCII "KLOG"
  bootId: { offset: 4, bytes: 8 }, // LE u64
  exitCode: { offset: 12, bytes: 4 }, // LE s32
  messages: { offset: 16, bytes: 4080 }, // last console lines, NUL-terminated
} as const;

const KLOG_MAGIC = 'KLOG';

export interface KlogRecord {
  bootId: bigint;
  exitCode: number;
  /** The console tail the kernel saved, up to the first NUL. */
  messages: string;
}

/** Decodes a klog area; undefined when it holds no record (no `KLOG` magic, e.g. all zeros). */
export function decodeKlog(area: Uint8Array): KlogRecord | undefined {
  if (area.length < KLOG.messages.offset) return undefined;
  const bytes = Buffer.from(area.buffer, area.byteOffset, area.byteLength);
  const magic = bytes.toString('latin1', KLOG.magic.offset, KLOG.magic.offset + KLOG.magic.bytes);
  if (magic !== KLOG_MAGIC) return undefined;
  const text = bytes.subarray(
    KLOG.messages.offset,
    Math.min(bytes.length, KLOG.messages.offset + KLOG.messages.bytes),
  );
  const end = text.indexOf(0);
  return {
    bootId: bytes.readBigUInt64LE(KLOG.bootId.offset),
    exitCode: bytes.readInt32LE(KLOG.exitCode.offset),
    messages: text.toString('utf8', 0, end === -1 ? text.length : end),
  };
}

/** Encodes a record the way the kernel lays it out (used by tests to build fixtures). */
export function encodeKlog(record: KlogRecord): Buffer {
  const area = Buffer.alloc(KLOG_AREA_BYTES);
  area.write(KLOG_MAGIC, KLOG.magic.offset, 'latin1');
  area.writeBigUInt64LE(record.bootId, KLOG.bootId.offset);
  area.writeInt32LE(record.exitCode, KLOG.exitCode.offset);
  const text = Buffer.from(record.messages, 'utf8').subarray(0, KLOG.messages.bytes - 1);
  text.copy(area, KLOG.messages.offset);
  return area;
}

/**
 * Byte offset of the klog area in a disk image: 4096 bytes before the first partition, whose
 * LBA is read from the MBR. Undefined when the disk has no MBR signature or no first partition.
 */
export async function klogOffset(imagePath: string): Promise<number | undefined> {
  const sector = await readAt(imagePath, 0, MBR_BYTES);
  if (sector.length < MBR_BYTES) return undefined;
  const mbr = decodeMbr(sector);
  const first = mbr.partitions.find((partition) => partition.index === 0);
  if (!mbr.hasSignature || first === undefined) return undefined;
  const offset = first.startLba * MBR_BYTES - KLOG_AREA_BYTES;
  return offset >= MBR_BYTES ? offset : undefined;
}

/**
 * Reads and decodes the klog area at `offset` (from `klogOffset`) of a disk; undefined when
 * there is no record. Reads only the area, so it is cheap to poll while the guest runs.
 */
export async function readKlogAt(
  diskPath: string,
  offset: number,
): Promise<KlogRecord | undefined> {
  return decodeKlog(await readAt(diskPath, offset, KLOG_AREA_BYTES));
}

/**
 * Zeroes the klog area at `offset` (from `klogOffset`) of a disk (the throwaway copy, never the
 * image) so that any record read after the run was written by this boot and not by an earlier
 * one. Returns whether there was a record to clear.
 */
export async function clearKlog(diskPath: string, offset: number): Promise<boolean> {
  const handle = await open(diskPath, 'r+');
  try {
    const area = Buffer.alloc(KLOG_AREA_BYTES);
    await handle.read(area, 0, KLOG_AREA_BYTES, offset);
    if (decodeKlog(area) === undefined) return false;
    await handle.write(Buffer.alloc(KLOG_AREA_BYTES), 0, KLOG_AREA_BYTES, offset);
    return true;
  } finally {
    await handle.close();
  }
}

/**
 * The program's exit code from QEMU's status when the image used `debug_exit`: QEMU's
 * `isa-debug-exit` device ends with `(code << 1) | 1`, so only odd statuses carry a code.
 */
export function decodeDebugExitStatus(status: number): number | undefined {
  return status % 2 === 1 ? status >> 1 : undefined;
}

/** What the kernel's reserved exit codes mean (format spec §5.2). */
export function describeKernelExitCode(code: number): string | undefined {
  if (code === 0x7f) return 'kernel halt or panic';
  if (code === 0x7e) return 'kernel fault';
  if (code === 0x7d) return 'gdb exit';
  return undefined;
}

async function readAt(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
