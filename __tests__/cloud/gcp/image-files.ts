/**
 * Image files for the GCP tests: random data (so gzip cannot hide a mistake) then zeros, and a
 * byte-for-byte check of an extracted disk.raw against the image padded with zeros.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImageToPublish } from '../../../src/cloud/types.js';

export const GIB = 2 ** 30;

/**
 * Writes an image file: `dataBytes` of random bytes (incompressible, so the gzip is as big
 * as the data) then zeros up to `sizeBytes`. Returns it as the pipeline would describe it.
 */
export async function writeImage(
  dir: string,
  name: string,
  dataBytes: number,
  sizeBytes = dataBytes,
  overrides: Partial<ImageToPublish> = {},
): Promise<ImageToPublish> {
  const file = path.join(dir, `${name}.img`);
  const data = randomBytes(dataBytes);
  await writeFile(file, data);
  const handle = await open(file, 'r+');
  await handle.truncate(sizeBytes);
  await handle.close();
  const hash = createHash('sha256').update(data);
  hash.update(Buffer.alloc(sizeBytes - dataBytes));
  return {
    path: file,
    name,
    sha256: hash.digest('hex'),
    sizeBytes,
    arch: 'x86_64',
    bootMode: 'bios',
    klibs: [],
    kernelVersion: '0.1.55',
    ...overrides,
  };
}

const COMPARE_BYTES = 8 * 2 ** 20;

/**
 * Checks that `disk` is `image` followed by zeros up to `paddedBytes`; returns a description
 * of the first difference, or undefined when they are the same.
 */
export async function compareWithPadded(
  disk: string,
  image: string,
  paddedBytes: number,
): Promise<string | undefined> {
  const { size } = await stat(disk);
  if (size !== paddedBytes) return `disk.raw is ${size} bytes, expected ${paddedBytes}`;
  const imageBytes = (await stat(image)).size;
  const [diskFile, imageFile] = await Promise.all([open(disk, 'r'), open(image, 'r')]);
  const got = Buffer.alloc(COMPARE_BYTES);
  const want = Buffer.alloc(COMPARE_BYTES);
  try {
    for (let offset = 0; offset < paddedBytes; offset += COMPARE_BYTES) {
      const length = Math.min(COMPARE_BYTES, paddedBytes - offset);
      await diskFile.read(got, 0, length, offset);
      want.fill(0);
      if (offset < imageBytes) {
        await imageFile.read(want, 0, Math.min(length, imageBytes - offset), offset);
      }
      if (!got.subarray(0, length).equals(want.subarray(0, length))) {
        return `disk.raw differs from the padded image within bytes ${offset}..${offset + length}`;
      }
    }
  } finally {
    await Promise.all([diskFile.close(), imageFile.close()]);
  }
  return undefined;
}
