/**
 * Finds the real host file behind a path as the program will see it, either on the host itself
 * or inside a sysroot (`TargetRoot`). Inside a sysroot the path is walked one name at a time, so
 * that absolute symlinks (`/lib64 -> /usr/lib64`, `libc.so.6 -> /lib/libc-2.31.so`) are
 * re-resolved inside the sysroot instead of escaping to the host, and `..` never climbs above it.
 */

import { isAbsolute, join, relative, sep } from 'node:path';
import { UserError } from '../errors.js';
import { lstat, readlink, realpath, stat } from '../files.js';

/** Linux gives up after 40 links in one lookup (ELOOP); so do we. */
const MAX_SYMLINK_HOPS = 40;

/**
 * Resolves `imagePath` (absolute, as seen by the program) to a real host path: inside `root`
 * when given, else on the host. Returns undefined when nothing is there or it is not a
 * regular file. Throws a UserError for a symlink loop or an unreadable directory.
 */
export async function resolveHostFile(
  imagePath: string,
  root: string | undefined,
): Promise<string | undefined> {
  const resolved =
    root === undefined
      ? await realpathOrUndefined(imagePath)
      : await resolveInRoot(root, imagePath);
  if (resolved === undefined) return undefined;
  const info = await stat(resolved).catch(() => undefined);
  return info?.isFile() ? resolved : undefined;
}

/**
 * Resolves `path` inside `root` as if `root` were `/`: every symlink met on the way is
 * followed, absolute targets from `root`. Returns the host path, or undefined if a name is
 * missing.
 */
export async function resolveInRoot(root: string, path: string): Promise<string | undefined> {
  let pending = splitNames(path);
  const resolved: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const name = pending.shift()!;
    if (name === '.') continue;
    if (name === '..') {
      resolved.pop();
      continue;
    }
    const candidate = join(root, ...resolved, name);
    const info = await lstatOrUndefined(candidate);
    if (info === undefined) return undefined;
    if (!info.isSymbolicLink()) {
      resolved.push(name);
      continue;
    }
    if (++hops > MAX_SYMLINK_HOPS) {
      throw new UserError(
        `Too many symbolic links (more than ${MAX_SYMLINK_HOPS}) while looking up ${path} inside TargetRoot ${root}: is there a link loop?`,
      );
    }
    const target = await readlink(candidate);
    if (target.startsWith('/')) resolved.length = 0;
    pending = [...splitNames(target), ...pending];
  }
  return join(root, ...resolved);
}

/** True when `hostPath` lies inside `root` (or is it). */
export function isInside(root: string, hostPath: string): boolean {
  const fromRoot = relative(root, hostPath);
  // Only a whole `..` name climbs out: a child may be called `..data`.
  const climbs = fromRoot === '..' || fromRoot.startsWith(`..${sep}`);
  return !climbs && !isAbsolute(fromRoot);
}

function splitNames(path: string): string[] {
  return path.split('/').filter((name) => name !== '');
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (error) {
    return notFound(error, path);
  }
}

async function realpathOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new UserError(
        `Too many symbolic links while looking up ${path}: is there a link loop?`,
        {
          cause: error,
        },
      );
    }
    return notFound(error, path);
  }
}

/** Missing names mean "not here, keep searching"; anything else is worth telling the user. */
function notFound(error: unknown, path: string): undefined {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
  throw new UserError(`Cannot look up ${path}: ${(error as Error).message}`, { cause: error });
}
