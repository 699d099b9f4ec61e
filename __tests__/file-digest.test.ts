import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { sha256File } from '../src/file-digest.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-digest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

test.each([
  ['an empty file', 0],
  ['a file smaller than one read', 1000],
  ['a file of several reads ending mid-read', 3 * 256 * 1024 + 17],
])('%s hashes like its bytes', async (_, size) => {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 9)) & 0xff;
  const path = join(dir, `f${size}`);
  await writeFile(path, bytes);
  expect(await sha256File(path)).toBe(createHash('sha256').update(bytes).digest('hex'));
});

test('a missing file rejects with the path in the error', async () => {
  await expect(sha256File(join(dir, 'missing'))).rejects.toThrow(/missing/);
});
