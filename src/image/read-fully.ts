import type { ReadableFile } from '../files.js';

/**
 * Reads `length` bytes at file `position` into `buffer` from `offset` on, retrying short reads
 * (a read may return fewer bytes than asked without being at the end). Returns the bytes read:
 * fewer than `length` only when the file ends first.
 */
export async function readFully(
  input: ReadableFile,
  buffer: Uint8Array,
  offset: number,
  length: number,
  position: number,
): Promise<number> {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await input.read(buffer, offset + got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}
