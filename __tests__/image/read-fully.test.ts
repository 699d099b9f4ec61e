import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFully } from '../../src/image/read-fully.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-read-fully-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readFully', () => {
  test('reads at a position into an offset, and fewer bytes only at the end of the file', async () => {
    const path = join(dir, 'ten');
    await writeFile(path, '0123456789');
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(8, '.');
      expect(await readFully(handle, buffer, 2, 4, 3)).toBe(4);
      expect(buffer.toString()).toBe('..3456..');
      expect(await readFully(handle, buffer, 0, 8, 6)).toBe(4);
      expect(buffer.subarray(0, 4).toString()).toBe('6789');
      expect(await readFully(handle, buffer, 0, 8, 10)).toBe(0);
    } finally {
      await handle.close();
    }
  });
});
