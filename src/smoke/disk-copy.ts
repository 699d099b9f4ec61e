import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, open, rm } from 'node:fs/promises';
import { sha256File } from '../file-digest.js';

/** Chunk for copying and hashing; all-zero chunks are skipped so the copy stays sparse. */
const COPY_CHUNK_BYTES = 1024 * 1024;
const ZERO_CHUNK = Buffer.alloc(COPY_CHUNK_BYTES);

export interface DiskCopy {
  path: string;
  /** sha256 of the source image, computed while copying. */
  sourceSha256: string;
}

/**
 * Makes the throwaway copy QEMU boots (Nanos writes to its disk while it runs, so the image
 * itself is never handed to QEMU). A copy-on-write clone is tried first (instant on btrfs, XFS,
 * APFS-like filesystems); otherwise the image is streamed chunk by chunk, leaving all-zero
 * chunks as holes so a mostly empty multi-GiB image costs no disk space. Either way the source
 * is hashed once. On failure the partial copy is removed.
 */
export async function makeDiskCopy(source: string, destination: string): Promise<DiskCopy> {
  try {
    if (await tryReflink(source, destination)) {
      return { path: destination, sourceSha256: await sha256File(source) };
    }
    return { path: destination, sourceSha256: await sparseCopy(source, destination) };
  } catch (error) {
    await rm(destination, { force: true });
    throw error;
  }
}

async function tryReflink(source: string, destination: string): Promise<boolean> {
  try {
    await copyFile(source, destination, constants.COPYFILE_FICLONE_FORCE);
    return true;
  } catch {
    return false;
  }
}

/** Copies `source` to `destination` with holes for zero chunks; returns the source's sha256. */
async function sparseCopy(source: string, destination: string): Promise<string> {
  const hash = createHash('sha256');
  const input = await open(source, 'r');
  const output = await open(destination, 'wx');
  try {
    const chunk = Buffer.alloc(COPY_CHUNK_BYTES);
    let position = 0;
    for (;;) {
      const { bytesRead } = await input.read(chunk, 0, COPY_CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      const data = chunk.subarray(0, bytesRead);
      hash.update(data);
      if (!isAllZero(data)) await output.write(data, 0, bytesRead, position);
      position += bytesRead;
    }
    await output.truncate(position);
    return hash.digest('hex');
  } finally {
    await Promise.all([input.close(), output.close()]);
  }
}

function isAllZero(data: Buffer): boolean {
  return data.equals(ZERO_CHUNK.subarray(0, data.length)); // memcmp, fast on large chunks
}
