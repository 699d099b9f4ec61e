/**
 * Copies host files and directories into the image model, the way ops does for `Files`,
 * `Dirs` and `MapDirs` (format §3.3 steps 9–11): files become host-file nodes (only stat'ed,
 * never read here), symlinks stay symlinks with their raw target, broken links are skipped.
 * Directories are walked in sorted name order so that the same tree always gives the same image.
 */

import { join, posix } from 'node:path';
import { UserError } from '../errors.js';
import { type Dirent, lstat, readdirEntries, readlink, type Stats, stat } from '../files.js';
import type { Logger } from '../log.js';
import { ensureDirectory, type FsDirectory, insertNode } from './tree.js';

/** Where an entry came from, for messages: `Files`, `--file`, `Dirs`, `MapDirs "data/*"`. */
type Origin = string;

/**
 * Adds one host file at `imagePath`. Throws a UserError naming the path and `origin` when it
 * is missing or is not a regular file (after following symlinks). `info` is the file's stat
 * result when the caller has it already, so the file is not stat'ed twice.
 */
export async function addHostFile(
  root: FsDirectory,
  hostPath: string,
  imagePath: string,
  origin: Origin,
  info?: Stats,
): Promise<void> {
  const stats = info ?? (await statOrExplain(hostPath, origin));
  if (!stats.isFile()) {
    const kind = stats.isDirectory()
      ? 'a directory (add directories with Dirs or --dir)'
      : 'not a regular file';
    throw new UserError(`${hostPath} (from ${origin}) is ${kind}.`);
  }
  insertNode(root, imagePath, {
    kind: 'file',
    source: { kind: 'host', path: hostPath, size: stats.size },
  });
}

/**
 * Adds the directory `hostDir` and everything under it at `imageDir` (ops `Dirs`): files,
 * directories (also empty ones), symlinks kept as links; broken symlinks are skipped with a
 * debug line.
 */
export async function addHostDirectory(
  root: FsDirectory,
  hostDir: string,
  imageDir: string,
  origin: Origin,
  logger: Logger,
): Promise<void> {
  const info = await statOrExplain(hostDir, origin);
  if (!info.isDirectory()) {
    await addHostFile(root, hostDir, imageDir, origin, info);
    return;
  }
  await walkDirectory(root, hostDir, imageDir, origin, logger);
}

/**
 * Adds a directory already known to be one, and what it holds. Each entry's kind comes from
 * its directory entry, so subdirectories are not stat'ed again (files are, for their size).
 */
async function walkDirectory(
  root: FsDirectory,
  hostDir: string,
  imageDir: string,
  origin: Origin,
  logger: Logger,
): Promise<void> {
  ensureDirectory(root, imageDir);
  for (const entry of await sortedEntries(hostDir, origin)) {
    const hostPath = join(hostDir, entry.name);
    const imagePath = posix.join(imageDir, entry.name);
    if (entry.isSymbolicLink()) await addHostSymlink(root, hostPath, imagePath, logger);
    else if (entry.isDirectory()) await walkDirectory(root, hostPath, imagePath, origin, logger);
    else if (entry.isFile()) await addHostFile(root, hostPath, imagePath, origin);
    else logger.debug(`skipping ${hostPath}: not a file, directory or symlink`);
  }
}

/**
 * Adds the entries under `dirname(hostPattern)` whose names match the glob
 * `basename(hostPattern)` at `imageDir/<relative dir>/<name>` (ops `MapDirs`). Matching
 * directories are created; the walk goes into every directory, matching or not.
 */
export async function addMappedDirectory(
  root: FsDirectory,
  hostPattern: string,
  imageDir: string,
  origin: Origin,
  logger: Logger,
): Promise<void> {
  const base = posix.dirname(hostPattern);
  const matches = globToRegExp(posix.basename(hostPattern));
  const info = await statOrExplain(base, origin);
  if (!info.isDirectory()) throw new UserError(`${base} (from ${origin}) is not a directory.`);
  const walk = async (hostDir: string, relative: string): Promise<void> => {
    for (const entry of await sortedEntries(hostDir, origin)) {
      const hostPath = join(hostDir, entry.name);
      const imagePath = posix.join(imageDir, relative, entry.name);
      const matched = matches.test(entry.name);
      if (entry.isSymbolicLink()) {
        if (matched) await addHostSymlink(root, hostPath, imagePath, logger);
      } else if (entry.isDirectory()) {
        if (matched) ensureDirectory(root, imagePath);
        await walk(hostPath, posix.join(relative, entry.name));
      } else if (entry.isFile() && matched) {
        await addHostFile(root, hostPath, imagePath, origin);
      }
    }
  };
  await walk(base, '');
}

/** Keeps a symlink as a link with its raw target; a link that leads nowhere is skipped. */
async function addHostSymlink(
  root: FsDirectory,
  hostPath: string,
  imagePath: string,
  logger: Logger,
): Promise<void> {
  const target = await stat(hostPath).catch(() => undefined);
  if (target === undefined) {
    logger.debug(`skipping broken symlink ${hostPath}`);
    return;
  }
  insertNode(root, imagePath, { kind: 'symlink', target: await readlink(hostPath) });
}

/**
 * Converts a Go `filepath.Match` pattern for one name (`*`, `?`, `[a-z]`, `[^x]`, `\` escapes)
 * into an anchored regular expression.
 */
export function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]!);
    else if (char === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) {
        throw new UserError(
          `MapDirs pattern "${pattern}" has an unclosed "[": close the set with "]", or write "\\[" for a literal "[".`,
        );
      }
      const body = pattern.slice(i + 1, close);
      const negated = body.startsWith('^');
      const members = (negated ? body.slice(1) : body).replace(/[\\[]/g, '\\$&');
      source += `[${negated ? '^' : ''}${members}]`;
      i = close;
    } else source += escapeRegExp(char);
  }
  return new RegExp(`^${source}$`, 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

async function sortedEntries(hostDir: string, origin: Origin): Promise<Dirent[]> {
  try {
    const entries = await readdirEntries(hostDir);
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    throw new UserError(
      `Cannot list directory ${hostDir} (from ${origin}): ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

async function statOrExplain(hostPath: string, origin: Origin): Promise<Stats> {
  try {
    return await stat(hostPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const broken = await lstat(hostPath).catch(() => undefined);
      const what = broken?.isSymbolicLink() ? 'is a broken symbolic link' : 'does not exist';
      throw new UserError(`${hostPath} (from ${origin}) ${what}.`, { cause: error });
    }
    throw new UserError(`Cannot read ${hostPath} (from ${origin}): ${(error as Error).message}`, {
      cause: error,
    });
  }
}
