/** Inputs the benchmarks build from: static C and Go programs, random data files, mkfs manifests. */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { renderManifestText } from '../src/image/listing.js';
import type { FsDirectory, RootFilesystem, Tuple } from '../src/image/tree.js';

const run = promisify(execFile);
const PAD_CHUNK_BYTES = 1024 * 1024;

/** Compiles one C file into a static x86-64 program. */
export async function compileStatic(source: string, output: string): Promise<void> {
  await run('cc', ['-static', '-O2', '-o', output, source]);
}

/**
 * Builds one Go file into a static x86-64 program (CGO_ENABLED=0, no module needed). Throws
 * when `go` is missing; the caller falls back to a C program.
 */
export async function buildGo(source: string, output: string): Promise<void> {
  await run('go', ['build', '-trimpath', '-o', output, source], {
    env: { ...process.env, CGO_ENABLED: '0', GOOS: 'linux', GOARCH: 'amd64', GO111MODULE: 'off' },
  });
}

/**
 * Writes `totalBytes` pseudorandom bytes to `output`, in 1 MiB chunks. Random bytes have no
 * zero blocks, so no builder can skip them as holes.
 */
export async function writeRandomFile(output: string, totalBytes: number) {
  const file = await open(output, 'w');
  try {
    for (let size = 0; size < totalBytes; ) {
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
