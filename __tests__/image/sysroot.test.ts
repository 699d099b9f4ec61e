import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { isInside, resolveHostFile, resolveInRoot } from '../../src/image/sysroot.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'nanoship-sysroot-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

mkdirSync(path.join(root, '..data'));
writeFileSync(path.join(root, '..data', 'lib.so'), 'x');
symlinkSync('loop-b', path.join(root, 'loop-a'));
symlinkSync('loop-a', path.join(root, 'loop-b'));

describe('isInside', () => {
  test('counts a child whose name starts with ".." as inside', () => {
    expect(isInside(root, path.join(root, '..data', 'lib.so'))).toBe(true);
    expect(isInside(root, path.join(root, '..data'))).toBe(true);
  });

  test.each([
    { name: 'the root itself', hostPath: root, inside: true },
    { name: 'the parent', hostPath: path.dirname(root), inside: false },
    { name: 'a sibling', hostPath: `${root}-other/lib.so`, inside: false },
    { name: 'a path climbing out', hostPath: path.join(root, '..', 'x'), inside: false },
  ])('$name: $inside', ({ hostPath, inside }) => {
    expect(isInside(root, hostPath)).toBe(inside);
  });
});

describe('resolveInRoot', () => {
  test('finds a file under a "..data" directory', async () => {
    expect(await resolveInRoot(root, '/..data/lib.so')).toBe(path.join(root, '..data', 'lib.so'));
  });

  test('refuses a symbolic link loop, naming the path and the sysroot', async () => {
    await expect(resolveInRoot(root, '/loop-a/lib.so')).rejects.toThrow(
      `Too many symbolic links (more than 40) while looking up /loop-a/lib.so inside TargetRoot ${root}: is there a link loop?`,
    );
  });

  test('reports a name the system cannot look up instead of calling it missing', async () => {
    const long = `/${'n'.repeat(300)}`;
    await expect(resolveInRoot(root, long)).rejects.toThrow(
      `Cannot look up ${path.join(root, long)}: ENAMETOOLONG`,
    );
  });
});

describe('resolveHostFile without a sysroot', () => {
  test('refuses a symbolic link loop on the host', async () => {
    const looped = path.join(root, 'loop-a');
    await expect(resolveHostFile(looped, undefined)).rejects.toThrow(
      `Too many symbolic links while looking up ${looped}: is there a link loop?`,
    );
  });

  test('reports a name the system cannot look up', async () => {
    const long = path.join(root, 'n'.repeat(300));
    await expect(resolveHostFile(long, undefined)).rejects.toThrow(
      `Cannot look up ${long}: ENAMETOOLONG`,
    );
  });

  test('gives undefined for a missing file', async () => {
    expect(await resolveHostFile(path.join(root, 'missing'), undefined)).toBeUndefined();
  });
});
