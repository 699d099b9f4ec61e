/**
 * Inputs for image tests, built by the tests themselves: a synthetic stage1/stage2 boot.img,
 * deterministic host files written in chunks, and trees with the awkward cases.
 */
import { createHash } from 'node:crypto';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MBR_BYTES } from '../../src/image/mbr.js';
import type { TfsVolume } from '../../src/image/tfs-reader.js';
import { readTfsFile } from '../../src/image/tfs-reader.js';
import type { TfsTuple } from '../../src/image/tuple-codec.js';

/** A boot.img shaped like Nanos': stage1 code, region record (type 12, length S2), 55 AA, stage2. */
export function syntheticBootImage(
  stage2Bytes = 3 * 512,
  regionType = 12,
  signature = true,
): Buffer {
  const image = Buffer.alloc(MBR_BYTES + stage2Bytes, 0x90);
  image.fill(0, 0x1aa, 0x200);
  image.writeBigUInt64LE(0x8000n, 0x1aa);
  image.writeBigUInt64LE(BigInt(stage2Bytes), 0x1b2);
  image.writeUInt32LE(regionType, 0x1ba);
  if (signature) image.writeUInt16LE(0xaa55, 0x1fe);
  return image;
}

/** Byte `i` of pattern file `seed`: cheap, deterministic, not all zeros, differs per seed. */
function patternChunk(seed: number, start: number, length: number): Buffer {
  const chunk = Buffer.alloc(length);
  for (let i = 0; i < length; i++)
    chunk[i] = ((start + i) * 31 + seed * 7 + ((start + i) >> 9)) & 0xff;
  return chunk;
}

/** Writes a `size`-byte pattern file in 1 MiB chunks (never whole in memory); returns its sha256. */
export async function writePatternFile(path: string, size: number, seed: number): Promise<string> {
  const hash = createHash('sha256');
  const handle = await open(path, 'w');
  try {
    for (let done = 0; done < size; ) {
      const chunk = patternChunk(seed, done, Math.min(1024 * 1024, size - done));
      hash.update(chunk);
      await handle.write(chunk, 0, chunk.length, done);
      done += chunk.length;
    }
  } finally {
    await handle.close();
  }
  return hash.digest('hex');
}

/** sha256 of a file read back from a TFS, streamed. */
export async function hashTfsFile(volume: TfsVolume, node: TfsTuple): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of readTfsFile(volume, node)) hash.update(chunk);
  return hash.digest('hex');
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Writes small kernel/klib stand-ins and a boot.img into `dir`. */
export async function writeToolchain(dir: string) {
  const bootImg = join(dir, 'boot.img');
  const kernelImg = join(dir, 'kernel.img');
  const klib = join(dir, 'strace');
  await writeFile(bootImg, syntheticBootImage());
  await writePatternFile(kernelImg, 300_000, 1);
  await writePatternFile(klib, 20_000, 2);
  return { bootImg, kernelImg, klibs: [{ name: 'strace', path: klib }] };
}
