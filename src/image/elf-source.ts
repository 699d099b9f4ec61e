/**
 * The low-level part of the ELF reader: an open file with its class and byte order, bounded
 * reads at an offset, and integer reads in the file's byte order. Shared by `elf.ts` (headers)
 * and `elf-dynamic.ts` (the dynamic section).
 */

import { UserError } from '../errors.js';
import type { ReadableFile } from '../files.js';
import type { ByteCursor } from './bytes.js';

export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;

/** Layout of one ELF class: sizes of the fixed records. */
export interface ClassLayout {
  headerBytes: number;
  phentBytes: number;
  dynEntryBytes: number;
}
export const LAYOUTS: Record<32 | 64, ClassLayout> = {
  32: { headerBytes: 52, phentBytes: 32, dynEntryBytes: 8 },
  64: { headerBytes: 64, phentBytes: 56, dynEntryBytes: 16 },
};

export interface ProgramHeader {
  type: number;
  offset: bigint;
  vaddr: bigint;
  filesz: bigint;
}

/** An open ELF file with its size, class and byte order. */
export interface ElfSource {
  handle: ReadableFile;
  path: string;
  size: number;
  elfClass: 32 | 64;
  little: boolean;
}

/** Reads exactly `length` bytes at `offset`, or throws a UserError naming `what` if the file ends first. */
export async function readAt(
  source: Pick<ElfSource, 'handle' | 'path' | 'size'>,
  offset: number | bigint,
  length: number | bigint,
  what: string,
): Promise<Uint8Array> {
  const end = BigInt(offset) + BigInt(length);
  if (end > BigInt(source.size)) {
    throw new UserError(
      `${source.path} is truncated: ${what} at offset ${offset} (${length} bytes) extends past the end of the file (${source.size} bytes).`,
    );
  }
  const bytes = new Uint8Array(Number(length));
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await source.handle.read(
      bytes,
      filled,
      bytes.length - filled,
      Number(offset) + filled,
    );
    if (bytesRead === 0) {
      throw new UserError(`${source.path} is truncated: it ended while reading the ${what}.`);
    }
    filled += bytesRead;
  }
  return bytes;
}

/** Integer reads in the file's byte order and class width. */
export function reader(cursor: ByteCursor, source: ElfSource) {
  const u16 = () => (source.little ? cursor.u16le() : cursor.u16be());
  const u32 = () => (source.little ? cursor.u32le() : cursor.u32be());
  const word = (): bigint =>
    source.elfClass === 32 ? BigInt(u32()) : source.little ? cursor.u64leBig() : cursor.u64beBig();
  return { u16, u32, word };
}
