/**
 * Finds the shared libraries a program needs by reading ELF files, never by running the
 * program (running an untrusted binary on the runner is unsafe, and impossible across
 * architectures). It follows the dynamic loader's rules closely enough that every library the
 * loader will open at start-up is in the image at the path where it will look (format §3.4):
 *
 *   const libraries = await discoverLibraries('./server', { arch: 'x86_64', programImagePath: '/server' });
 *   // [{ imagePath: '/lib/x86_64-linux-gnu/libc.so.6', hostPath: '/usr/lib/x86_64-linux-gnu/libc.so.6', neededBy: '/server' }, …]
 *
 * Libraries opened later with dlopen() are not seen; add them with Files or Dirs.
 */
import { basename, dirname, posix, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import {
  assertArchitecture,
  type ElfArchitecture,
  type ElfInfo,
  matchesArchitecture,
  readElf,
} from './elf.js';
import { isInside, resolveHostFile } from './sysroot.js';

export interface Library {
  /** The real host file to copy (every symlink resolved). */
  hostPath: string;
  /** Where the loader looks for it in the image. */
  imagePath: string;
  /** Image path of the first object that needs it (the program, or another library). */
  neededBy: string;
}

export interface LibraryOptions {
  arch: ElfArchitecture;
  /** A sysroot: every library is looked up inside it, absolute symlinks re-resolved inside it. */
  targetRoot?: string;
  /** LD_LIBRARY_PATH of the program in the image (config Env), already split on ':'. */
  ldLibraryPath?: string[];
  /** The program's path in the image, for `$ORIGIN`; default: its absolute host path. */
  programImagePath?: string;
  /** The program's ELF facts when the caller has read them already; read here otherwise. */
  programElf?: ElfInfo;
  logger?: Logger;
}

/** Where the loader looks last, per architecture (ops' list, plus /lib for musl sysroots). */
const DEFAULT_LIBRARY_DIRS: Record<ElfArchitecture, readonly string[]> = {
  x86_64: [
    '/lib64',
    '/lib/x86_64-linux-gnu',
    '/usr/lib',
    '/usr/lib64',
    '/usr/lib/x86_64-linux-gnu',
    '/lib',
  ],
  aarch64: [
    '/lib64',
    '/lib/aarch64-linux-gnu',
    '/usr/lib',
    '/usr/lib64',
    '/usr/lib/aarch64-linux-gnu',
    '/lib',
  ],
};

/** An ELF object already placed: where it is in the image and where its bytes are on the host. */
interface LoadedObject {
  imagePath: string;
  /** The path it was found at on the host, before symlinks (its directory is `$ORIGIN`). */
  hostLookupPath: string;
  hostPath: string;
  elf: ElfInfo;
}

/** A directory to search: its image path and how to find a name in it on the host. */
interface SearchDir {
  imageDir: string;
  /** Host directory, for `$ORIGIN` entries of objects outside the sysroot; else looked up by image path. */
  hostDir?: string;
  /** Where the entry came from, for the "not found" message. */
  origin: string;
}

/**
 * Returns every shared library `programPath` needs, transitively, sorted by image path, with
 * the interpreter at exactly its PT_INTERP path. Checks the program's architecture against
 * `arch`. A static program gives []. Throws a UserError naming the library, the object that
 * needs it and the directories searched when one cannot be found.
 */
export async function discoverLibraries(
  programPath: string,
  options: LibraryOptions,
): Promise<Library[]> {
  const logger = options.logger ?? silentLogger;
  const hostPath = resolve(programPath);
  const elf = options.programElf ?? (await readElf(hostPath));
  assertArchitecture(elf, options.arch, `program ${programPath}`);
  if (elf.isStatic) return [];
  const program: LoadedObject = {
    imagePath: options.programImagePath ?? hostPath,
    hostLookupPath: hostPath,
    hostPath,
    elf,
  };
  const found = new Map<string, Library>();
  const byName = new Map<string, LoadedObject>();
  const queue: LoadedObject[] = [];
  const add = (object: LoadedObject, neededBy: string, names: string[]) => {
    for (const name of names) if (name !== '') byName.set(name, object);
    if (found.has(object.imagePath)) return;
    found.set(object.imagePath, {
      hostPath: object.hostPath,
      imagePath: object.imagePath,
      neededBy,
    });
    logger.debug(`library ${object.imagePath} (from ${object.hostPath}) needed by ${neededBy}`);
    queue.push(object);
  };
  if (elf.interpreter !== undefined) {
    const interpreter = await findInterpreter(program, elf.interpreter, options);
    add(interpreter, program.imagePath, [basename(elf.interpreter), interpreter.elf.soname ?? '']);
  }
  queue.push(program);
  while (queue.length > 0) {
    const object = queue.shift()!;
    for (const name of object.elf.needed) {
      const known = byName.get(name);
      if (known !== undefined) continue;
      const library = await findLibrary(name, object, program, options);
      add(library, object.imagePath, [name]);
    }
  }
  return [...found.values()].sort((a, b) =>
    a.imagePath < b.imagePath ? -1 : a.imagePath > b.imagePath ? 1 : 0,
  );
}

/** The directories the loader searches for the needs of `object`, in order. */
function searchDirs(
  object: LoadedObject,
  program: LoadedObject,
  options: LibraryOptions,
): SearchDir[] {
  const expand = (entries: string[], from: LoadedObject, kind: string) =>
    entries.map((entry) => expandEntry(entry, from, options, `${kind} of ${from.imagePath}`));
  const ldLibraryPath = (options.ldLibraryPath ?? []).map((dir) => ({
    imageDir: posix.resolve('/', dir),
    origin: 'LD_LIBRARY_PATH',
  }));
  const defaults = defaultDirs(options.arch);
  if (object.elf.runpath.length > 0) {
    return [...ldLibraryPath, ...expand(object.elf.runpath, object, 'DT_RUNPATH'), ...defaults];
  }
  // Without RUNPATH the loader uses the object's RPATH, then the executable's (when it has no RUNPATH).
  const rpaths = expand(object.elf.rpath, object, 'DT_RPATH');
  if (object !== program && program.elf.runpath.length === 0) {
    rpaths.push(...expand(program.elf.rpath, program, 'DT_RPATH'));
  }
  return [...rpaths, ...ldLibraryPath, ...defaults];
}

/** The loader's default directories for `arch`, searched last. */
function defaultDirs(arch: ElfArchitecture): SearchDir[] {
  return DEFAULT_LIBRARY_DIRS[arch].map((dir) => ({ imageDir: dir, origin: 'default' }));
}

/** Expands `$ORIGIN` / `${ORIGIN}` to the object's directory, in the image and on the host. */
function expandEntry(
  entry: string,
  object: LoadedObject,
  options: LibraryOptions,
  origin: string,
): SearchDir {
  const pattern = /\$(?:ORIGIN\b|\{ORIGIN\})/g;
  if (!pattern.test(entry)) return { imageDir: posix.resolve('/', entry), origin };
  const imageDir = posix.resolve('/', entry.replace(pattern, dirname(object.imagePath)));
  const hostDir = posix.resolve(entry.replace(pattern, dirname(object.hostLookupPath)));
  const root = options.targetRoot;
  // Inside the sysroot, the image path is the better key: it re-resolves links inside the root.
  if (root !== undefined && isInside(resolve(root), object.hostLookupPath))
    return { imageDir, origin };
  return { imageDir, hostDir, origin };
}

/** Looks `name` up in each search dir; the first ELF of the right machine wins. */
async function findLibrary(
  name: string,
  object: LoadedObject,
  program: LoadedObject,
  options: LibraryOptions,
): Promise<LoadedObject> {
  const dirs: SearchDir[] = name.includes('/')
    ? [{ imageDir: posix.dirname(posix.resolve('/', name)), origin: 'DT_NEEDED path' }]
    : searchDirs(object, program, options);
  const skipped: string[] = [];
  const fileName = posix.basename(name);
  for (const dir of dirs) {
    const candidate = await tryCandidate(dir, fileName, options, skipped);
    if (candidate !== undefined) return candidate;
  }
  throw notFoundError(name, object, dirs, skipped, options);
}

async function tryCandidate(
  dir: SearchDir,
  fileName: string,
  options: LibraryOptions,
  skipped: string[],
): Promise<LoadedObject | undefined> {
  const imagePath = posix.join(dir.imageDir, fileName);
  const hostLookupPath =
    dir.hostDir !== undefined
      ? posix.join(dir.hostDir, fileName)
      : withRoot(imagePath, options.targetRoot);
  const hostPath =
    dir.hostDir !== undefined
      ? await resolveHostFile(hostLookupPath, undefined)
      : await resolveHostFile(imagePath, options.targetRoot);
  if (hostPath === undefined) return undefined;
  let elf: ElfInfo;
  try {
    elf = await readElf(hostPath);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    skipped.push(`${hostLookupPath} (not a readable ELF file)`);
    return undefined;
  }
  if (!matchesArchitecture(elf, options.arch)) {
    skipped.push(`${hostLookupPath} (${elf.elfClass}-bit ${elf.machineName})`);
    return undefined;
  }
  return { imagePath, hostLookupPath, hostPath, elf };
}

/** The interpreter goes at exactly its PT_INTERP path; its bytes come from there or, failing that, by name. */
async function findInterpreter(
  program: LoadedObject,
  interpreter: string,
  options: LibraryOptions,
): Promise<LoadedObject> {
  const skipped: string[] = [];
  const exact = await tryCandidate(
    { imageDir: posix.dirname(interpreter), origin: 'PT_INTERP' },
    posix.basename(interpreter),
    options,
    skipped,
  );
  if (exact !== undefined) return exact;
  const dirs = defaultDirs(options.arch);
  for (const dir of dirs) {
    const byName = await tryCandidate(dir, posix.basename(interpreter), options, skipped);
    if (byName !== undefined) return { ...byName, imagePath: posix.resolve('/', interpreter) };
  }
  throw notFoundError(
    interpreter,
    program,
    [{ imageDir: posix.dirname(interpreter), origin: 'PT_INTERP' }, ...dirs],
    skipped,
    options,
  );
}

function withRoot(imagePath: string, root: string | undefined): string {
  return root === undefined ? imagePath : posix.join(resolve(root), imagePath);
}

function notFoundError(
  name: string,
  object: LoadedObject,
  dirs: SearchDir[],
  skipped: string[],
  options: LibraryOptions,
): UserError {
  const where = options.targetRoot === undefined ? '' : ` inside TargetRoot ${options.targetRoot}`;
  const searched = [...new Set(dirs.map((dir) => dir.hostDir ?? dir.imageDir))].join(', ');
  const skippedText =
    skipped.length === 0 ? '' : ` Skipped (wrong kind of file): ${skipped.join(', ')}.`;
  return new UserError(
    `Cannot find shared library ${name}, needed by ${object.imagePath} (${object.hostPath}). ` +
      `Searched${where}: ${searched}.${skippedText} Install it for ${options.arch}, add its directory ` +
      `to Env LD_LIBRARY_PATH in the config, or point --target-root (input target-root, config.json TargetRoot) at a sysroot that has it${SYSROOT_EXAMPLES[options.arch]}.`,
  );
}

/**
 * Where Debian and Ubuntu's cross-compilation packages put each architecture's libraries: a
 * program built for another CPU than the runner's finds them there, not in the host's /lib.
 */
const SYSROOT_EXAMPLES: Record<ElfArchitecture, string> = {
  x86_64:
    ' (an x86_64 program built on an arm64 host: /usr/x86_64-linux-gnu, package libc6-amd64-cross)',
  aarch64:
    ' (an aarch64 program built on an x86_64 host: /usr/aarch64-linux-gnu, package libc6-arm64-cross)',
};
