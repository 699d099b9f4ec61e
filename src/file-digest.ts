/**
 * The sha256 of a file, read through one 256 KiB buffer: a kernel is a handful of reads, the
 * buffer stays in the CPU cache between the read and the hash, and no stream machinery is
 * loaded or allocated per chunk (this runs at the start of every build).
 */
import { createHash } from 'node:crypto';
import { open } from './files.js';

const READ_BYTES = 256 * 1024;

/** Returns the lowercase hex sha256 of `file`'s bytes. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  const input = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(READ_BYTES);
    for (;;) {
      const { bytesRead } = await input.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await input.close();
  }
  return hash.digest('hex');
}
