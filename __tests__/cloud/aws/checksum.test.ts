// The LINEAR aggregate checksum, held against one computed by the system's own tools:
// sha256sum over each padded block, the binary digests concatenated in index order, hashed
// again, base64 (the algorithm of the EBS model, coldsnap and ops).
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { EBS_BLOCK_BYTES } from '../../../src/cloud/aws/blocks.js';
import { BlockDigests, blockDigest, checksumText } from '../../../src/cloud/aws/checksum.js';
import { makeTempDir } from './fixtures.js';

const hasTools = ['sha256sum', 'xxd', 'base64'].every((tool) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

/** base64(sha256(d0 ‖ d1 ‖ …)) of the block files, by the shell's tools alone. */
function aggregateByTools(files: string[]): string {
  const script =
    'for f in "$@"; do sha256sum "$f" | cut -d" " -f1 | xxd -r -p; done | sha256sum | cut -d" " -f1 | xxd -r -p | base64';
  return execFileSync('sh', ['-c', script, 'sh', ...files], { encoding: 'utf8' }).trim();
}

describe('LINEAR aggregate', () => {
  (hasTools ? test : test.skip)(
    'matches sha256sum over the binary block digests in index order',
    () => {
      // Three blocks: data, zeros, and a partial last block padded with zeros.
      const blocks = [
        randomBytes(EBS_BLOCK_BYTES),
        Buffer.alloc(EBS_BLOCK_BYTES),
        Buffer.concat([randomBytes(1000), Buffer.alloc(EBS_BLOCK_BYTES - 1000)]),
      ];
      const files = blocks.map((block, i) => {
        const file = path.join(temp.dir, `block-${i}`);
        writeFileSync(file, block);
        return file;
      });
      const digests = new BlockDigests();
      // Finished out of order, as parallel uploads do.
      for (const i of [2, 0, 1]) digests.set(i, blockDigest(blocks[i]!));

      expect(checksumText(digests.aggregate())).toBe(aggregateByTools(files));
      expect(digests.count).toBe(3);
    },
  );

  if (!hasTools) {
    test('needs sha256sum, xxd and base64 for the fixture', () => {
      console.warn('skipped the LINEAR fixture test: sha256sum, xxd or base64 is missing');
    });
  }

  test('is over the binary digests, not their base64 text', () => {
    const block = Buffer.alloc(EBS_BLOCK_BYTES, 7);
    const digests = new BlockDigests();
    digests.set(0, blockDigest(block));
    const overText = createHash('sha256')
      .update(checksumText(blockDigest(block)))
      .digest();
    expect(digests.aggregate().equals(overText)).toBe(false);
  });

  test('a block written twice counts once, with its last digest', () => {
    const digests = new BlockDigests();
    digests.set(5, blockDigest(Buffer.from('first')));
    digests.set(5, blockDigest(Buffer.from('second')));
    const once = new BlockDigests();
    once.set(5, blockDigest(Buffer.from('second')));
    expect(digests.count).toBe(1);
    expect(digests.aggregate().equals(once.aggregate())).toBe(true);
  });

  test('refuses a digest that is not 32 bytes', () => {
    expect(() => new BlockDigests().set(1, Buffer.alloc(31))).toThrow(
      'block 1: a SHA-256 digest has 32 bytes, got 31',
    );
  });
});
