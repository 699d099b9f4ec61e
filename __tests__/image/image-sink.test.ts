import { createHash } from 'node:crypto';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import {
  ImageSink,
  MAX_STAGING_BYTES,
  MIN_STAGING_BYTES,
  stagingBytesFor,
} from '../../src/image/image-sink.js';
import { writePatternFile } from './image-fixtures.js';

const MiB = 1024 * 1024;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-sink-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Step = (sink: ImageSink) => Promise<void>;

/** Runs `steps` on a sink over a fresh file; returns the file's bytes, digest and blocks. */
async function sinkOutput(
  name: string,
  steps: Step[],
  sizeBytes?: number,
  stagingBytes = MAX_STAGING_BYTES,
) {
  const path = join(dir, name);
  const handle = await open(path, 'w+');
  try {
    const sink = new ImageSink(handle, stagingBytes);
    for (const step of steps) await step(sink);
    const sha256 = await sink.finish(sizeBytes ?? sink.position);
    await handle.close();
    return { bytes: await readFile(path), sha256, blocks: (await stat(path)).blocks };
  } finally {
    await handle.close().catch(() => {});
    await rm(path, { force: true });
  }
}

/** A host file of `size` pattern bytes, with its content. */
async function hostFile(name: string, size: number, seed: number) {
  const path = join(dir, name);
  await writePatternFile(path, size, seed);
  return { path, size, bytes: await readFile(path) };
}

const digest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each([
  ['256 KiB', MIN_STAGING_BYTES],
  ['1 MiB', MAX_STAGING_BYTES],
])('with %s staging buffers', (_, STAGING_BYTES) => {
  describe('host files through the staging buffers', () => {
    test.each([
      ['starting at 0', 0],
      ['starting mid-block', 100],
      ['starting a block before a buffer ends', STAGING_BYTES - 4096 + 7],
    ])('a file over several buffers, %s, lands byte for byte', async (_, prefixBytes) => {
      const file = await hostFile('multi', 3 * STAGING_BYTES + 12_345, 3);
      const prefix = Buffer.alloc(prefixBytes, 0xab);
      const out = await sinkOutput(
        'multi.img',
        [
          (sink) => sink.write(prefix),
          (sink) => sink.writeHostFile(file.path, file.size),
          (sink) => sink.write(Buffer.from('tail')),
        ],
        undefined,
        STAGING_BYTES,
      );
      const expected = Buffer.concat([prefix, file.bytes, Buffer.from('tail')]);
      expect(out.bytes.equals(expected)).toBe(true);
      expect(out.sha256).toBe(digest(expected));
    });

    test('a file right after zeros that fill a buffer exactly', async () => {
      const file = await hostFile('after-full', STAGING_BYTES + 1, 4);
      const out = await sinkOutput(
        'after-full.img',
        [
          (sink) => sink.write(Buffer.alloc(STAGING_BYTES - 100, 1)),
          (sink) => sink.writeZeros(100),
          (sink) => sink.writeHostFile(file.path, file.size),
        ],
        undefined,
        STAGING_BYTES,
      );
      const expected = Buffer.concat([
        Buffer.alloc(STAGING_BYTES - 100, 1),
        Buffer.alloc(100),
        file.bytes,
      ]);
      expect(out.sha256).toBe(digest(expected));
      expect(out.bytes.equals(expected)).toBe(true);
    });

    test('an empty file adds nothing', async () => {
      const file = await hostFile('empty', 0, 5);
      const out = await sinkOutput(
        'empty.img',
        [(sink) => sink.write(Buffer.from('x')), (sink) => sink.writeHostFile(file.path, 0)],
        undefined,
        STAGING_BYTES,
      );
      expect(out.bytes).toEqual(Buffer.from('x'));
    });

    test('zero blocks inside a host file and long zero runs become holes, yet are hashed', async () => {
      const path = join(dir, 'gappy');
      const content = Buffer.concat([
        Buffer.alloc(8192, 7),
        Buffer.alloc(3 * STAGING_BYTES),
        Buffer.alloc(4096, 9),
      ]);
      await writeFile(path, content);
      const out = await sinkOutput(
        'gappy.img',
        [
          (sink) => sink.writeZeros(5 * MiB + 3),
          (sink) => sink.writeHostFile(path, content.length),
        ],
        16 * MiB,
        STAGING_BYTES,
      );
      const expected = Buffer.concat([Buffer.alloc(5 * MiB + 3), content]);
      const padded = Buffer.concat([expected, Buffer.alloc(16 * MiB - expected.length)]);
      expect(out.sha256).toBe(digest(padded));
      expect(out.bytes.equals(padded)).toBe(true);
      // Only the blocks holding the two data runs take space (5 blocks; a little slack).
      expect(out.blocks * 512).toBeLessThanOrEqual(8 * 4096);
    });
  });

  describe('a host file that changed', () => {
    test.each([
      ['shrank below what was planned', 2 * STAGING_BYTES + 10],
      ['shrank within the first buffer', 1000],
      ['grew', 3 * STAGING_BYTES - 10],
    ])('%s: a UserError saying so', async (_, actualSize) => {
      const file = await hostFile('changed', actualSize, 6);
      const handle = await open(join(dir, 'changed.img'), 'w+');
      try {
        const sink = new ImageSink(handle, STAGING_BYTES);
        await sink.write(Buffer.from('start'));
        const planned = 3 * STAGING_BYTES - 100;
        const failure = sink.writeHostFile(file.path, planned);
        await expect(failure).rejects.toThrow(UserError);
        await expect(failure).rejects.toThrow(/changed while the image was being written/);
        await sink.settle();
      } finally {
        await handle.close();
      }
    });

    test('a file that cannot be opened', async () => {
      const handle = await open(join(dir, 'missing.img'), 'w+');
      try {
        const sink = new ImageSink(handle, STAGING_BYTES);
        await expect(sink.writeHostFile(join(dir, 'nope'), 10)).rejects.toThrow(
          /Cannot read .*nope to put it into the image/,
        );
      } finally {
        await handle.close();
      }
    });
  });
});

describe('staging buffers reused from one image to the next', () => {
  const STAGING_BYTES = MAX_STAGING_BYTES;

  test('sinks that finished, then settled, leave nothing shared between concurrent images', async () => {
    // finish() and then settle() both hand buffers back; a double hand-back would give two
    // concurrent sinks the same buffer, and their images would mix.
    const handle = await open(join(dir, 'first.img'), 'w+');
    try {
      const sink = new ImageSink(handle);
      await sink.write(Buffer.alloc(3 * STAGING_BYTES, 0x11));
      await sink.finish(sink.position);
      await sink.settle();
    } finally {
      await handle.close();
    }
    const a = await hostFile('concurrent-a', 4 * STAGING_BYTES + 99, 7);
    const b = await hostFile('concurrent-b', 4 * STAGING_BYTES + 77, 8);
    const [outA, outB] = await Promise.all([
      sinkOutput('a.img', [(sink) => sink.writeHostFile(a.path, a.size)]),
      sinkOutput('b.img', [(sink) => sink.writeHostFile(b.path, b.size)]),
    ]);
    expect(outA.bytes.equals(a.bytes)).toBe(true);
    expect(outB.bytes.equals(b.bytes)).toBe(true);
  });

  test('smaller sinks use only the start of longer pooled buffers', async () => {
    // The pool now holds 1 MiB buffers; 256 KiB sinks take them and must still cut their
    // chunks at 256 KiB, or the holes and offsets of their images would be wrong.
    const a = await hostFile('short-a', 5 * MIN_STAGING_BYTES + 4096 + 3, 9);
    const b = await hostFile('short-b', 3 * MIN_STAGING_BYTES + 11, 10);
    const withGap = (file: { path: string; size: number }): Step[] => [
      (sink) => sink.write(Buffer.from('head')),
      (sink) => sink.writeZeros(2 * MIN_STAGING_BYTES),
      (sink) => sink.writeHostFile(file.path, file.size),
    ];
    const [outA, outB] = await Promise.all([
      sinkOutput('short-a.img', withGap(a), undefined, MIN_STAGING_BYTES),
      sinkOutput('short-b.img', withGap(b), undefined, MIN_STAGING_BYTES),
    ]);
    const expected = (bytes: Buffer) =>
      Buffer.concat([Buffer.from('head'), Buffer.alloc(2 * MIN_STAGING_BYTES), bytes]);
    expect(outA.bytes.equals(expected(a.bytes))).toBe(true);
    expect(outB.bytes.equals(expected(b.bytes))).toBe(true);
    expect(outA.sha256).toBe(digest(expected(a.bytes)));
  });
});

describe('stagingBytesFor', () => {
  test.each([
    ['nothing', 0, MIN_STAGING_BYTES],
    ['a 6.5 MB program and the kernel', 8_300_000, MIN_STAGING_BYTES],
    ['a 50 MB file besides', 58_000_000, 512 * 1024],
    ['a 500 MB file besides', 510_000_000, MAX_STAGING_BYTES],
    ['many GB', 8e9, MAX_STAGING_BYTES],
  ])('%s: %i bytes of content get %i-byte buffers', (_, dataBytes, expected) => {
    expect(stagingBytesFor(dataBytes)).toBe(expected);
  });

  test('grows with the content and stays a whole number of 4 KiB blocks', () => {
    let previous = 0;
    for (let dataBytes = 0; dataBytes < 2e9; dataBytes = dataBytes * 1.5 + 4096) {
      const bytes = stagingBytesFor(dataBytes);
      expect(bytes).toBeGreaterThanOrEqual(previous);
      expect(bytes % 4096).toBe(0);
      previous = bytes;
    }
  });

  test('a sink refuses buffers that are not whole blocks', async () => {
    const handle = await open(join(dir, 'odd.img'), 'w+');
    try {
      expect(() => new ImageSink(handle, 100_000)).toThrow(/whole 4 KiB blocks/);
    } finally {
      await handle.close();
    }
  });
});
