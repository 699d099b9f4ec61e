/** Inputs the benchmarks build from: static C programs, padded programs, mkfs manifests. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderManifestText } from '../src/image/inspect.js';
import type { FsDirectory, RootFilesystem, Tuple } from '../src/image/tree.js';

const run = promisify(execFile);
const PAD_CHUNK_BYTES = 1024 * 1024;

/** Compiles one C file into a static x86-64 program. */
export async function compileStatic(source: string, output: string): Promise<void> {
  await run('cc', ['-static', '-O2', '-o', output, source]);
}

/**
 * Copies the static program `base` to `output` and appends pseudorandom bytes until the file
 * is `totalBytes` long. The result is still a valid ELF (the loader ignores trailing bytes),
 * and random bytes have no zero blocks, so no builder can skip them as holes. Streams in
 * 1 MiB chunks.
 */
export async function padProgram(base: string, output: string, totalBytes: number) {
  await copyFile(base, output);
  const file = await open(output, 'r+');
  try {
    let size = (await file.stat()).size;
    while (size < totalBytes) {
      const chunk = randomBytes(Math.min(PAD_CHUNK_BYTES, totalBytes - size));
      const { bytesWritten } = await file.write(chunk, 0, chunk.length, size);
      size += bytesWritten;
    }
  } finally {
    await file.close();
  }
}

/**
 * Writes the text manifest Nanos' mkfs reads for the same tree nanoship packs: host files as
 * `contents:(host:…)`, in-memory files (resolv.conf, passwd, hostname) written out under
 * `dir` first. Returns the manifest's path.
 */
export async function writeMkfsManifest(root: RootFilesystem, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const counter = { next: 0 };
  const children = await mkfsChildren(root.tree, dir, counter);
  const manifest = join(dir, 'manifest.txt');
  await writeFile(
    manifest,
    renderManifestText(new Map([['children', children], ...root.manifest])),
  );
  return manifest;
}

async function mkfsChildren(
  directory: FsDirectory,
  dir: string,
  counter: { next: number },
): Promise<Tuple> {
  const children: Tuple = new Map();
  for (const [name, node] of directory.children) {
    if (node.kind === 'directory') {
      children.set(name, new Map([['children', await mkfsChildren(node, dir, counter)]]));
    } else if (node.kind === 'symlink') {
      children.set(name, new Map([['linktarget', node.target]]));
    } else {
      let host: string;
      if (node.source.kind === 'host') host = node.source.path;
      else {
        host = join(dir, `file-${counter.next++}`);
        await writeFile(host, node.source.bytes);
      }
      children.set(name, new Map([['contents', new Map([['host', host]])]]));
    }
  }
  return children;
}
