import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ImageSink } from '../../src/image/image-sink.js';
import { planTfs, writeTfs } from '../../src/image/tfs.js';
import { TfsFormatError } from '../../src/image/tfs-format-error.js';
import {
  fileLength,
  listTfsEntries,
  lookupTfsNode,
  readTfs,
  readTfsFile,
} from '../../src/image/tfs-reader.js';
import { emptyDirectory, insertNode, type RootFilesystem } from '../../src/image/tree.js';
import type { TfsTuple } from '../../src/image/tuple-codec.js';
import { formatUuid } from '../../src/image/uuid.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-tfs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => ({ kind: 'bytes' as const, bytes: Buffer.from(text) });

async function writeRaw(fs: RootFilesystem, name: string, label = '') {
  const plan = planTfs(fs, { label });
  const path = join(dir, name);
  const handle = await open(path, 'w+');
  const sink = new ImageSink(handle);
  await writeTfs(plan, sink);
  const sha256 = await sink.finish(plan.sizeBytes);
  await handle.close();
  return { plan, path, sha256 };
}

async function readAll(volume: Awaited<ReturnType<typeof readTfs>>, node: TfsTuple) {
  const chunks: Uint8Array[] = [];
  for await (const chunk of readTfsFile(volume, node)) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('a small filesystem', () => {
  test('reads back its tree, manifest and file bytes', async () => {
    const tree = emptyDirectory();
    insertNode(tree, '/prog', { kind: 'file', source: bytes('hello world') });
    insertNode(tree, '/etc/empty', { kind: 'file', source: bytes('') });
    insertNode(tree, '/etc/link', { kind: 'symlink', target: '/prog' });
    insertNode(tree, '/var/log', { kind: 'directory', children: new Map() });
    const manifest = new Map<string, string | string[]>([
      ['program', '/prog'],
      ['arguments', ['prog', 'a b']],
    ]);
    const { path, plan } = await writeRaw({ tree, manifest }, 'small.tfs', 'vol');
    const handle = await open(path, 'r');
    try {
      const volume = await readTfs(handle, 0, plan.sizeBytes);
      expect(volume.label).toBe('vol');
      expect(formatUuid(volume.uuid)).toBe(formatUuid(plan.uuid));
      expect(volume.root.get('program')).toBe('/prog');
      expect(volume.root.get('arguments')).toEqual(['prog', 'a b']);
      expect(listTfsEntries(volume)).toEqual([
        { path: '/etc', kind: 'directory' },
        { path: '/etc/empty', kind: 'file', sizeBytes: 0 },
        { path: '/etc/link', kind: 'symlink', target: '/prog' },
        { path: '/prog', kind: 'file', sizeBytes: 11 },
        { path: '/var', kind: 'directory' },
        { path: '/var/log', kind: 'directory' },
      ]);
      const prog = lookupTfsNode(volume.root, '/prog')!;
      expect(fileLength(volume, prog)).toBe(11);
      expect((await readAll(volume, prog)).toString()).toBe('hello world');
    } finally {
      await handle.close();
    }
  });
});

describe('metadata larger than one log extension', () => {
  test('thousands of files spill into more extensions and read back', async () => {
    const tree = emptyDirectory();
    for (let i = 0; i < 9000; i++) {
      insertNode(tree, `/data/group-${i % 30}/a-rather-long-file-name-number-${i}.txt`, {
        kind: 'file',
        source: bytes(`${i}`),
      });
    }
    const { path, plan } = await writeRaw({ tree, manifest: new Map() }, 'many.tfs');
    expect(plan.extensions.length).toBeGreaterThanOrEqual(2);
    expect(plan.files[0]!.startSector).toBe(1 + plan.extensions.length * 1024);
    const handle = await open(path, 'r');
    try {
      const volume = await readTfs(handle, 0, plan.sizeBytes);
      expect(volume.extensions.length).toBe(1 + plan.extensions.length);
      const entries = listTfsEntries(volume).filter((e) => e.kind === 'file');
      expect(entries).toHaveLength(9000);
      const node = lookupTfsNode(
        volume.root,
        '/data/group-7/a-rather-long-file-name-number-8707.txt',
      )!;
      expect((await readAll(volume, node)).toString()).toBe('8707');
    } finally {
      await handle.close();
    }
  });
});

describe('errors name the byte offset in the whole file', () => {
  test('a bad filelength in a filesystem that starts 4096 bytes into the file', async () => {
    const tree = emptyDirectory();
    insertNode(tree, '/f', { kind: 'file', source: bytes('1234567') });
    const { path } = await writeRaw({ tree, manifest: new Map() }, 'bad-length.tfs');
    const volumeBytes = await readFile(path);
    // filelength 7 is the symbol, then a type-3 integer: header B0, varint 07; B1 makes it -7.
    const at = volumeBytes.indexOf(Buffer.from('filelength\xb0\x07', 'latin1'));
    expect(at).toBeGreaterThan(0);
    volumeBytes[at + 'filelength'.length] = 0xb1;
    const offsetBytes = 4096;
    await writeFile(path, Buffer.concat([Buffer.alloc(offsetBytes, 0xee), volumeBytes]));
    const handle = await open(path, 'r');
    try {
      const volume = await readTfs(handle, offsetBytes, volumeBytes.length);
      const message = /filelength is -7, not a count \(at byte offset 4096\)/;
      await expect(readAll(volume, lookupTfsNode(volume.root, '/f')!)).rejects.toThrow(message);
      expect(() => listTfsEntries(volume)).toThrow(message);
    } finally {
      await handle.close();
    }
  });
});

describe('reading damaged filesystems', () => {
  async function damaged(name: string, damage: (disk: Buffer) => Buffer) {
    const tree = emptyDirectory();
    insertNode(tree, '/f', { kind: 'file', source: bytes('x'.repeat(2000)) });
    const { path } = await writeRaw({ tree, manifest: new Map() }, `${name}.tfs`);
    const disk = damage(await readFile(path));
    await writeFile(path, disk);
    const handle = await open(path, 'r');
    try {
      const volume = await readTfs(handle, 0, disk.length);
      await readAll(volume, lookupTfsNode(volume.root, '/f')!);
    } finally {
      await handle.close();
    }
  }

  test.each([
    { name: 'all zeros', damage: (d: Buffer) => Buffer.alloc(d.length), message: /bad magic/ },
    {
      name: 'cut inside the log',
      damage: (d: Buffer) => d.subarray(0, 600),
      message: /beyond the filesystem/,
    },
    {
      name: 'cut inside file data',
      damage: (d: Buffer) => d.subarray(0, d.length - 1000),
      message: /extent/,
    },
    {
      name: 'a flipped record byte',
      damage: (d: Buffer) => {
        d[512 + 12] = 0x07; // the root tuple header becomes a reference to nothing
        return d;
      },
      message: /dictionary entry/,
    },
    {
      name: 'random bytes',
      damage: (d: Buffer) => Buffer.from(d.map((_, i) => (i * 131 + 7) & 0xff)),
      message: /magic/,
    },
  ])('$name gives TfsFormatError', async ({ name, damage, message }) => {
    const read = damaged(name, damage);
    await expect(read).rejects.toThrow(TfsFormatError);
    await expect(damaged(name, damage)).rejects.toThrow(message);
  });
});
