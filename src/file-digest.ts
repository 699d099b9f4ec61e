/**
 * The sha256 of a file, streamed in 1 MiB reads: large enough that a kernel or an image is a
 * handful of reads (the 64 KiB default made hashing a 1.7 MB kernel cost ~15 ms of start-up),
 * small enough to never matter for memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const READ_BYTES = 1024 * 1024;

/** Returns the lowercase hex sha256 of `file`'s bytes. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: READ_BYTES })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}
