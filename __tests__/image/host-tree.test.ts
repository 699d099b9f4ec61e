import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import {
  addHostDirectory,
  addHostFile,
  addMappedDirectory,
  globToRegExp,
} from '../../src/image/host-tree.js';
import { emptyDirectory } from '../../src/image/tree.js';
import { recordingLogger, silentLogger } from '../../src/log.js';
import { listTree } from './manifest-fixture.js';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-host-tree-'));
  await mkdir(join(dir, 'site/a/b'), { recursive: true });
  await writeFile(join(dir, 'site/index.html'), '<html>');
  await writeFile(join(dir, 'site/a/b/deep.txt'), 'deep');
  await symlink('index.html', join(dir, 'site/home.html'));
  await symlink('nowhere', join(dir, 'site/broken'));
  await symlink('nowhere', join(dir, 'broken-link'));
  await writeFile(join(dir, 'single.txt'), '12345');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('addHostDirectory', () => {
  test('adds nested directories, files with their sizes and links, skipping broken links', async () => {
    const root = emptyDirectory();
    const logger = recordingLogger();
    await addHostDirectory(root, join(dir, 'site'), '/site', 'Dirs "site"', logger);
    expect(listTree(root)).toEqual([
      '/site dir',
      '/site/a dir',
      '/site/a/b dir',
      `/site/a/b/deep.txt host ${join(dir, 'site/a/b/deep.txt')} (4)`,
      '/site/home.html link -> index.html',
      `/site/index.html host ${join(dir, 'site/index.html')} (6)`,
    ]);
    expect(logger.lines).toContainEqual({
      level: 'debug',
      message: `skipping broken symlink ${join(dir, 'site/broken')}`,
    });
  });

  test('adds a file given as a directory entry as a file', async () => {
    const root = emptyDirectory();
    await addHostDirectory(root, join(dir, 'single.txt'), '/single.txt', 'Dirs', silentLogger);
    expect(listTree(root)).toEqual([`/single.txt host ${join(dir, 'single.txt')} (5)`]);
  });

  test('names a broken symbolic link given as the directory', async () => {
    const hostPath = join(dir, 'broken-link');
    await expect(
      addHostDirectory(emptyDirectory(), hostPath, '/x', 'Dirs "broken-link"', silentLogger),
    ).rejects.toThrow(`${hostPath} (from Dirs "broken-link") is a broken symbolic link.`);
  });

  const asRoot = process.getuid?.() === 0;
  // root reads every directory whatever its mode, so there is nothing to refuse.
  (asRoot ? test.skip : test)('names a directory it cannot list (skipped as root)', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o000);
    try {
      await expect(
        addHostDirectory(emptyDirectory(), locked, '/locked', 'Dirs "locked"', silentLogger),
      ).rejects.toThrow(`Cannot list directory ${locked} (from Dirs "locked"): EACCES`);
    } finally {
      await chmod(locked, 0o755);
    }
  });
});

describe('addHostFile', () => {
  test('names a broken symbolic link', async () => {
    const hostPath = join(dir, 'broken-link');
    const error = await addHostFile(emptyDirectory(), hostPath, '/x', 'Files').catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(`${hostPath} (from Files) is a broken symbolic link.`);
  });
});

describe('MapDirs patterns', () => {
  test('an unclosed "[" is a UserError saying how to write it', async () => {
    const expected =
      'MapDirs pattern "[ab" has an unclosed "[": close the set with "]", or write "\\[" for a literal "[".';
    expect(() => globToRegExp('[ab')).toThrow(expected);
    await expect(
      addMappedDirectory(emptyDirectory(), join(dir, 'site/[ab'), '/m', 'MapDirs', silentLogger),
    ).rejects.toThrow(expected);
  });
});
