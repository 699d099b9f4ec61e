/**
 * File access for the modules every build loads, through Node's callback API. Loading
 * `node:fs/promises` brings readline, the REPL history and the file watchers with it (4 ms in a
 * bare Node; less in a build, which shares the streams it also loads with `node:crypto`); the
 * callback API is part of Node's start already. The calls are the same system calls on the
 * same thread pool, and they fail with the same errors (code, syscall, path).
 *
 * Modules that only other commands load (smoke test, clouds, the Action) keep fs/promises.
 */
import fs, { type Dirent, type Stats } from 'node:fs';
import { promisify } from 'node:util';

export type { Dirent, Stats };

export const stat = promisify(fs.stat);
export const lstat = promisify(fs.lstat);
export const readlink = promisify(fs.readlink);
export const realpath = promisify(fs.realpath);
export const rename = promisify(fs.rename);
export const unlink = promisify(fs.unlink);
export const rm = promisify(fs.rm);
export const mkdtemp = promisify(fs.mkdtemp);
export const writeFile = promisify(fs.writeFile);

const mkdirAsync = promisify(fs.mkdir);
const readdirAsync = promisify(fs.readdir);
const readFileAsync = promisify(fs.readFile);
const openAsync = promisify(fs.open);
const readAsync = promisify(fs.read);
const writeAsync = promisify(fs.write);
const fstatAsync = promisify(fs.fstat);
const ftruncateAsync = promisify(fs.ftruncate);
const closeAsync = promisify(fs.close);

/** Copies a file or, with `recursive`, a whole tree (fs.cp). */
export function cp(source: string, destination: string, options: fs.CopyOptions): Promise<void> {
  return new Promise((resolve, reject) =>
    fs.cp(source, destination, options, (error) => (error ? reject(error) : resolve())),
  );
}

/** Creates `dir` and, when asked, its missing parents. */
export async function mkdir(dir: string, options?: { recursive?: boolean }): Promise<void> {
  await mkdirAsync(dir, options);
}

/** The entries of `dir` with their types. */
export function readdirEntries(dir: string): Promise<Dirent[]> {
  return readdirAsync(dir, { withFileTypes: true });
}

/** A whole file, as bytes or as UTF-8 text. */
export function readFile(path: string): Promise<Buffer>;
export function readFile(path: string, encoding: 'utf8'): Promise<string>;
export function readFile(path: string, encoding?: 'utf8'): Promise<Buffer | string> {
  return encoding === undefined ? readFileAsync(path) : readFileAsync(path, encoding);
}

/** What the image readers need of an open file: positioned reads. */
export interface ReadableFile {
  read(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number | null,
  ): Promise<{ bytesRead: number }>;
}

/** What the image writer needs of its output: positioned writes and the final length. */
export interface WritableFile {
  write(
    buffer: Uint8Array,
    offset: number,
    length: number,
    position: number,
  ): Promise<{ bytesWritten: number }>;
  truncate(length: number): Promise<void>;
}

/**
 * An open file descriptor with the FileHandle methods nanoship uses. It must be closed: unlike
 * a FileHandle, nothing closes it when it is collected.
 */
export class OpenFile implements ReadableFile, WritableFile {
  #closed = false;

  constructor(readonly fd: number) {}

  read(buffer: Uint8Array, offset: number, length: number, position: number | null) {
    return readAsync(this.fd, buffer, offset, length, position);
  }

  /** Writes at `position`, or at the current position when it is null or left out. */
  write(
    buffer: Uint8Array,
    offset = 0,
    length = buffer.byteLength - offset,
    position: number | null = null,
  ) {
    return writeAsync(this.fd, buffer, offset, length, position);
  }

  stat(): Promise<Stats> {
    return fstatAsync(this.fd);
  }

  truncate(length: number): Promise<void> {
    return ftruncateAsync(this.fd, length);
  }

  /** The rest of the file from the current position (the whole file, if nothing was read). */
  readFile(): Promise<Buffer> {
    return readFileAsync(this.fd);
  }

  /** Closes the descriptor once; a second call does nothing (the number may be reused). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await closeAsync(this.fd);
  }
}

/** Opens `path` with fs flags ('r', 'wx', …). */
export async function open(path: string, flags: string, mode?: number): Promise<OpenFile> {
  return new OpenFile(await openAsync(path, flags, mode));
}
