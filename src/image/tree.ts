/**
 * The in-memory model of what goes into an image: a directory tree whose files point at
 * their bytes (a host file, streamed when the image is written, or a small buffer), plus the
 * manifest keys that sit beside `children` in the root tuple.
 *
 * Manifest building (`manifest.ts`) fills this model; the TFS writer turns it into bytes.
 * Nothing here touches the disk.
 */
import { UserError } from '../errors.js';

/** A manifest value as the kernel reads it: a string, a vector, or a tuple. */
export type Value = string | Value[] | Tuple;
/** A tuple keeps its keys in a Map so that any file name is a safe key. */
export type Tuple = Map<string, Value>;

export type FileSource =
  | { kind: 'host'; path: string; size: number }
  | { kind: 'bytes'; bytes: Uint8Array };

export interface FsDirectory {
  kind: 'directory';
  children: Map<string, FsNode>;
}
export interface FsFile {
  kind: 'file';
  source: FileSource;
}
export interface FsSymlink {
  kind: 'symlink';
  target: string;
}
export type FsNode = FsDirectory | FsFile | FsSymlink;

/** The root filesystem of an image: the file tree and the other manifest keys. */
export interface RootFilesystem {
  tree: FsDirectory;
  /** Root-tuple keys other than `children` (program, arguments, environment, …). */
  manifest: Tuple;
}

export function emptyDirectory(): FsDirectory {
  return { kind: 'directory', children: new Map() };
}

/** Splits an absolute image path into its names; refuses `.`/`..`/empty names. */
export function splitImagePath(imagePath: string): string[] {
  if (!imagePath.startsWith('/')) {
    throw new UserError(`Image path "${imagePath}" must be absolute (start with "/").`);
  }
  const names = imagePath.split('/').filter((name) => name !== '');
  for (const name of names) {
    if (name === '.' || name === '..') {
      throw new UserError(`Image path "${imagePath}" must not contain "." or ".." components.`);
    }
    if (Buffer.byteLength(name) > 255) {
      throw new UserError(`Image path "${imagePath}" has a name longer than 255 bytes.`);
    }
  }
  return names;
}

/**
 * Finds or creates the directory at `imagePath` (like `mkdir -p`). A file or symlink in the
 * way is an error naming the path.
 */
export function ensureDirectory(root: FsDirectory, imagePath: string): FsDirectory {
  let dir = root;
  let walked = '';
  for (const name of splitImagePath(imagePath)) {
    walked += `/${name}`;
    const existing = dir.children.get(name);
    if (existing === undefined) {
      const created = emptyDirectory();
      dir.children.set(name, created);
      dir = created;
    } else if (existing.kind === 'directory') {
      dir = existing;
    } else {
      throw new UserError(
        `Cannot create directory ${walked} in the image: a ${existing.kind} is already there.`,
      );
    }
  }
  return dir;
}

/**
 * Places `node` at `imagePath`, creating parent directories. A later entry for the same path
 * replaces an earlier file or symlink (so config files override defaults), but never a
 * directory with content.
 */
export function insertNode(root: FsDirectory, imagePath: string, node: FsNode): void {
  const names = splitImagePath(imagePath);
  const leaf = names.pop();
  if (leaf === undefined) throw new UserError('Cannot place a file at the image root "/".');
  const parent = ensureDirectory(root, `/${names.join('/')}`);
  const existing = parent.children.get(leaf);
  if (existing?.kind === 'directory' && node.kind !== 'directory') {
    throw new UserError(
      `Cannot place a ${node.kind} at ${imagePath}: a directory is already there.`,
    );
  }
  if (existing?.kind === 'directory' && node.kind === 'directory') {
    for (const [name, child] of node.children) existing.children.set(name, child);
    return;
  }
  parent.children.set(leaf, node);
}

/** Finds the node at `imagePath`, or undefined. Does not follow symlinks. */
export function lookupNode(root: FsDirectory, imagePath: string): FsNode | undefined {
  let node: FsNode = root;
  for (const name of splitImagePath(imagePath)) {
    if (node.kind !== 'directory') return undefined;
    const child = node.children.get(name);
    if (child === undefined) return undefined;
    node = child;
  }
  return node;
}
