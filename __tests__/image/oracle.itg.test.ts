/**
 * Nanos' own tools as oracles for images we write (nanos-image-format.md §7.4):
 * - `dump` (NANOS_DUMP) must read our images, list the same tree and extract the same bytes;
 * - `mkfs` (NANOS_MKFS), fed our manifest rendered as text, must build an image whose `dump`
 *   output matches ours apart from UUID and extent offsets;
 * - with NANOS_KERNEL_DIR and qemu-system-x86_64, a C program packed by us boots.
 * Each part skips, saying why, when its tool is not configured.
 */

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { writeImage } from '../../src/image/disk.js';
import { renderManifestText } from '../../src/image/listing.js';
import {
  emptyDirectory,
  type FsDirectory,
  insertNode,
  type RootFilesystem,
  type Tuple,
  type Value,
} from '../../src/image/tree.js';
import { sha256, writePatternFile, writeToolchain } from './image-fixtures.js';

const run = promisify(execFile);
const dumpTool = process.env.NANOS_DUMP;
const mkfsTool = process.env.NANOS_MKFS;
const kernelDir = process.env.NANOS_KERNEL_DIR;
const MiB = 1024 * 1024;

const withDump = dumpTool && existsSync(dumpTool) ? describe : describe.skip;
const withMkfs = dumpTool && mkfsTool && existsSync(mkfsTool) ? describe : describe.skip;
const withKernel =
  kernelDir && existsSync(join(kernelDir, 'kernel.img')) ? describe : describe.skip;
if (!dumpTool)
  console.warn('skipping dump oracle tests: NANOS_DUMP (path to Nanos tools/dump) is not set');
if (!mkfsTool)
  console.warn('skipping mkfs comparison: NANOS_MKFS (path to Nanos tools/mkfs) is not set');
if (!kernelDir)
  console.warn('skipping the real-kernel boot of a packed image: NANOS_KERNEL_DIR is not set');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-oracle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes each file's bytes to a host file so the same tree can be given to mkfs. */
async function hostTree(spec: Record<string, string | { symlink: string } | { bigBytes: number }>) {
  const tree = emptyDirectory();
  const hostDir = join(dir, `host-${Object.keys(spec).length}`);
  await mkdir(hostDir, { recursive: true });
  let n = 0;
  for (const [path, content] of Object.entries(spec)) {
    if (typeof content === 'object' && 'symlink' in content) {
      insertNode(tree, path, { kind: 'symlink', target: content.symlink });
      continue;
    }
    const host = join(hostDir, `f${n++}`);
    if (typeof content === 'string') await writeFile(host, content);
    else await writePatternFile(host, content.bigBytes, n);
    insertNode(tree, path, {
      kind: 'file',
      source: { kind: 'host', path: host, size: (await stat(host)).size },
    });
  }
  return tree;
}

const awkwardSpec = {
  '/etc/resolv.conf': 'nameserver 8.8.8.8\n',
  '/etc/empty': '',
  '/héllo wörld/"quo:ted" ☃': 'unicode\n',
  '/lib/libx.so': { symlink: 'libx.so.1' },
  '/lib/libx.so.1': 'ELF-ish',
  '/a/b/c/d/e/f/g/h/i/j/leaf': 'deep',
  '/bin/big': { bigBytes: 33 * MiB + 77 },
};

function manifestOf(tree: FsDirectory): RootFilesystem {
  insertNode(tree, '/var/empty-dir', emptyDirectory());
  const manifest = new Map<string, Value>([
    ['program', '/bin/big'],
    ['arguments', ['big', 'two words']],
    ['environment', new Map([['USER', 'root']])],
  ]);
  return { tree, manifest };
}

/** Runs dump -d into a fresh folder; returns path → sha256 of every extracted regular file. */
async function dumpFiles(image: string): Promise<Map<string, string>> {
  const out = join(dir, `dump-${Math.random().toString(36).slice(2)}`);
  await run(dumpTool!, ['-d', out, image], { maxBuffer: 256 * MiB });
  const files = new Map<string, string>();
  const walk = async (folder: string, prefix: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) await walk(join(folder, entry.name), path);
      else if (entry.isFile()) files.set(path, sha256(await readFile(join(folder, entry.name))));
    }
  };
  await walk(out, '');
  await rm(out, { recursive: true, force: true });
  return files;
}

async function treeHashes(tree: FsDirectory, prefix = ''): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const [name, node] of tree.children) {
    const path = `${prefix}/${name}`;
    if (node.kind === 'directory')
      for (const [p, h] of await treeHashes(node, path)) hashes.set(p, h);
    else if (node.kind === 'file' && node.source.kind === 'host')
      hashes.set(path, sha256(await readFile(node.source.path)));
  }
  return hashes;
}

withDump('Nanos dump reads our images', () => {
  test('the awkward tree: same files, same bytes, symlinks and manifest in the metadata', async () => {
    const root = manifestOf(await hostTree(awkwardSpec));
    const info = await writeImage(
      { ...(await writeToolchain(dir)), root },
      join(dir, 'awkward.img'),
    );
    const { stdout } = await run(dumpTool!, [info.path], { maxBuffer: 64 * MiB });
    expect(stdout).toContain(`UUID: ${info.rootUuid}`);
    expect(stdout).toContain('linktarget:libx.so.1');
    expect(stdout).toContain('program:/bin/big');
    expect(stdout).toMatch(/65536:\(allocated:2049\s+length:2049\s+offset:\d+\)/);
    expect(await dumpFiles(info.path)).toEqual(await treeHashes(root.tree));
  });

  test('metadata spread over several log extensions (9000 files)', async () => {
    const tree = emptyDirectory();
    for (let i = 0; i < 9000; i++) {
      insertNode(tree, `/data/g${i % 30}/a-rather-long-file-name-number-${i}`, {
        kind: 'file',
        source: { kind: 'bytes', bytes: Buffer.from(`${i}`) },
      });
    }
    const info = await writeImage(
      { ...(await writeToolchain(dir)), root: { tree, manifest: new Map() } },
      join(dir, 'many.img'),
    );
    expect(info.metadataBytes).toBeGreaterThan(512 * 1024);
    const files = await dumpFiles(info.path);
    expect(files.size).toBe(9000);
    expect(files.get('/data/g7/a-rather-long-file-name-number-8707')).toBe(
      sha256(Buffer.from('8707')),
    );
    // dump extracts 9000 files and each is read back: 5-10 s on a busy 2-core runner.
  }, 60_000);
});

/** The tree as an mkfs text manifest: files as contents:(host:…). */
function mkfsTuple(tree: FsDirectory): Tuple {
  const children: Tuple = new Map();
  for (const [name, node] of tree.children) {
    if (node.kind === 'directory') children.set(name, mkfsTuple(node));
    else if (node.kind === 'symlink') children.set(name, new Map([['linktarget', node.target]]));
    else if (node.source.kind === 'host')
      children.set(name, new Map([['contents', new Map([['host', node.source.path]])]]));
  }
  return new Map([['children', children]]);
}

/** dump's metadata text with what legitimately differs masked: UUID and extent offsets. */
function comparable(dump: string): string {
  return dump.replace(/^UUID: .*$/m, 'UUID: *').replace(/offset:\d+/g, 'offset:*');
}

withMkfs('Nanos mkfs given the same manifest', () => {
  test('builds an image that dump prints the same as ours', async () => {
    const toolchain = await writeToolchain(dir);
    const root = manifestOf(await hostTree(awkwardSpec));
    const ours = await writeImage({ ...toolchain, root }, join(dir, 'ours.img'));
    const text = renderManifestText(new Map([...mkfsTuple(root.tree), ...root.manifest]));
    const theirs = join(dir, 'mkfs.img');
    await writeFile(join(dir, 'manifest.txt'), text);
    await run('/bin/sh', [
      '-c',
      `"${mkfsTool}" -b "${toolchain.bootImg}" -k "${toolchain.kernelImg}" "${theirs}" < "${join(dir, 'manifest.txt')}"`,
    ]);
    const [a, b] = await Promise.all([run(dumpTool!, [ours.path]), run(dumpTool!, [theirs])]);
    expect(comparable(a.stdout)).toBe(comparable(b.stdout));
    expect(await dumpFiles(ours.path)).toEqual(await dumpFiles(theirs));
  });
});

withKernel('the real kernel boots an image we packed', () => {
  test('a static C program runs and its output reaches the console', async () => {
    const source = join(dir, 'hello.c');
    const program = join(dir, 'hello');
    await writeFile(
      source,
      '#include <stdio.h>\nint main(int c, char **v) { printf("packed by nanoship: %s\\n", v[1]); return 0; }\n',
    );
    await run('cc', ['-static', '-O1', '-o', program, source]);
    const tree = emptyDirectory();
    insertNode(tree, '/hello', {
      kind: 'file',
      source: { kind: 'host', path: program, size: (await stat(program)).size },
    });
    const manifest = new Map<string, Value>([
      ['program', '/hello'],
      ['arguments', ['hello', 'ok']],
      ['debug_exit', 't'],
      ['klibs', 'bootfs'],
    ]);
    const info = await writeImage(
      {
        bootImg: join(kernelDir!, 'boot.img'),
        kernelImg: join(kernelDir!, 'kernel.img'),
        klibs: [{ name: 'strace', path: join(kernelDir!, 'klibs', 'strace') }],
        root: { tree, manifest },
      },
      join(dir, 'boot.img'),
    );
    const qemu = [
      '-machine',
      'q35',
      '-m',
      '512M',
      '-display',
      'none',
      '-serial',
      'stdio',
      '-no-reboot',
      '-device',
      'isa-debug-exit',
      '-drive',
      `if=none,id=hd0,format=raw,file=${info.path}`,
      '-device',
      'virtio-scsi-pci,id=scsi0',
      '-device',
      'scsi-hd,bus=scsi0.0,drive=hd0',
    ];
    const result = await run('qemu-system-x86_64', qemu, { timeout: 120_000 }).catch(
      (error) => error,
    );
    expect(result.stdout).toContain('packed by nanoship: ok');
    // isa-debug-exit: QEMU exits with (code << 1) | 1, so a clean exit 0 is status 1.
    expect(result.code ?? 0).toBe(1);
  }, 180_000);
});
