import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  mkdir,
  mkdtemp,
  open,
  readdir,
  readFile,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { BOOTFS_BYTES, type ImageInput, writeImage } from '../../src/image/disk.js';
import { inspectImage } from '../../src/image/inspect.js';
import { KLOG_AREA_BYTES } from '../../src/image/mbr.js';
import { lookupTfsNode, readTfs, type TfsEntry } from '../../src/image/tfs-reader.js';
import {
  emptyDirectory,
  type FsDirectory,
  type FsNode,
  insertNode,
  type RootFilesystem,
} from '../../src/image/tree.js';
import type { TfsTuple } from '../../src/image/tuple-codec.js';
import {
  hashTfsFile,
  sha256,
  syntheticBootImage,
  writePatternFile,
  writeToolchain,
} from './image-fixtures.js';

const MiB = 1024 * 1024;
/** Write-only for everyone, root included: reading it fails with EACCES. */
const WRITE_ONLY_SYSFS_FILE = '/sys/bus/pci/rescan';

/**
 * Makes a regular file this process cannot read and returns its path: a mode-000 boot.img, or
 * for root (who reads those anyway) a write-only sysfs attribute. Undefined when neither works.
 */
const unreadableFile = ((): ((path: string) => Promise<string>) | undefined => {
  if (process.getuid?.() !== 0) {
    return async (path) => {
      await writeFile(path, syntheticBootImage(), { mode: 0o000 });
      return path;
    };
  }
  if (existsSync(WRITE_ONLY_SYSFS_FILE)) return async () => WRITE_ONLY_SYSFS_FILE;
  console.warn(`skipping the unreadable boot.img test: root, and no ${WRITE_ONLY_SYSFS_FILE}`);
  return undefined;
})();
let dir: string;
let toolchain: Awaited<ReturnType<typeof writeToolchain>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-disk-'));
  toolchain = await writeToolchain(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const text = (value: string) => ({
  kind: 'file' as const,
  source: { kind: 'bytes' as const, bytes: Buffer.from(value) },
});

/** A tree with the awkward cases: unicode, deep, empty files and dirs, symlinks, many files. */
function awkwardTree(): FsDirectory {
  const tree = emptyDirectory();
  insertNode(tree, '/etc/resolv.conf', text('nameserver 8.8.8.8\n'));
  insertNode(tree, '/etc/empty', text(''));
  insertNode(tree, '/var/empty-dir', emptyDirectory());
  insertNode(tree, '/héllo wörld ☃/"quoted" name:colon', text('unicode\n'));
  insertNode(tree, '/lib/libx.so', { kind: 'symlink', target: 'libx.so.1' });
  insertNode(tree, '/lib/libx.so.1', text('ELF-ish'));
  insertNode(tree, '/abs-link', { kind: 'symlink', target: '/etc/resolv.conf' });
  const deep = `/${Array.from({ length: 40 }, (_, i) => `d${i}`).join('/')}`;
  insertNode(tree, `${deep}/leaf`, text('deep'));
  for (let i = 0; i < 300; i++)
    insertNode(tree, `/many/sub${i % 7}/file-${i}`, text(`content ${i}\n`.repeat(i)));
  return tree;
}

function imageInput(root: RootFilesystem, extra: Partial<ImageInput> = {}): ImageInput {
  return { ...toolchain, root, ...extra };
}

/** The entries a reader should list for `tree`, computed from the model. */
function expectedEntries(tree: FsDirectory, prefix = ''): TfsEntry[] {
  const names = [...tree.children.keys()].sort((a, b) =>
    Buffer.compare(Buffer.from(a), Buffer.from(b)),
  );
  return names.flatMap((name): TfsEntry[] => {
    const node = tree.children.get(name) as FsNode;
    const path = `${prefix}/${name}`;
    if (node.kind === 'directory')
      return [{ path, kind: 'directory' }, ...expectedEntries(node, path)];
    if (node.kind === 'symlink') return [{ path, kind: 'symlink', target: node.target }];
    const sizeBytes = node.source.kind === 'bytes' ? node.source.bytes.length : node.source.size;
    return [{ path, kind: 'file', sizeBytes }];
  });
}

async function fileHashes(tree: FsDirectory, prefix = ''): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const [name, node] of tree.children) {
    const path = `${prefix}/${name}`;
    if (node.kind === 'directory')
      for (const [p, h] of await fileHashes(node, path)) hashes.set(p, h);
    else if (node.kind === 'file') {
      const bytes =
        node.source.kind === 'bytes' ? node.source.bytes : await readFile(node.source.path);
      hashes.set(path, sha256(bytes));
    }
  }
  return hashes;
}

describe('writing and reading back a whole image', () => {
  let root: RootFilesystem;
  let bigHash: string;
  let info: Awaited<ReturnType<typeof writeImage>>;
  const output = () => join(dir, 'round-trip.img');

  beforeAll(async () => {
    const bigPath = join(dir, 'big.bin');
    const bigSize = 40 * MiB + 123;
    bigHash = await writePatternFile(bigPath, bigSize, 9);
    const tree = awkwardTree();
    insertNode(tree, '/bin/big', {
      kind: 'file',
      source: { kind: 'host', path: bigPath, size: bigSize },
    });
    const manifest = new Map<string, string | string[] | Map<string, string>>([
      ['program', '/bin/big'],
      ['arguments', ['big', 'two words', '']],
      [
        'environment',
        new Map([
          ['PATH', '/bin'],
          ['EMPTY', ''],
        ]),
      ],
      ['klibs', 'bootfs'],
    ]);
    root = { tree, manifest };
    info = await writeImage(imageInput(root), output());
  });

  test('lists every file, directory and symlink with its size', async () => {
    const inspection = await inspectImage(output());
    expect(inspection.root.entries).toEqual(expectedEntries(root.tree));
    expect(inspection.bootfs?.entries).toEqual([
      { path: '/kernel', kind: 'file', sizeBytes: 300_000 },
      { path: '/klib', kind: 'directory' },
      { path: '/klib/strace', kind: 'file', sizeBytes: 20_000 },
    ]);
  });

  test('keeps the manifest', async () => {
    expect((await inspectImage(output())).root.manifest).toEqual(root.manifest);
  });

  test('every file reads back byte for byte, the 40 MiB one through several extents', async () => {
    const handle = await open(output(), 'r');
    try {
      const volume = await readTfs(
        handle,
        info.rootOffsetBytes,
        info.sizeBytes - info.rootOffsetBytes,
      );
      const hashes = await fileHashes(root.tree);
      hashes.set('/bin/big', bigHash);
      for (const [path, hash] of hashes) {
        expect([path, await hashTfsFile(volume, lookupTfsNode(volume.root, path)!)]).toEqual([
          path,
          hash,
        ]);
      }
      const extents = lookupTfsNode(volume.root, '/bin/big')!.get('extents') as TfsTuple;
      expect([...extents.keys()].sort()).toEqual(['0', '65536']);
    } finally {
      await handle.close();
    }
  });

  test('lays out boot.img, klog, a 12 MiB bootfs and the root; the MBR covers the file', async () => {
    const boot = syntheticBootImage();
    expect(info.bootfsOffsetBytes).toBe(boot.length + KLOG_AREA_BYTES);
    expect(info.rootOffsetBytes).toBe(info.bootfsOffsetBytes + BOOTFS_BYTES);
    const inspection = await inspectImage(output());
    expect(inspection.partitions.map((p) => [p.type, p.startLba * 512, p.sectors * 512])).toEqual([
      [0x83, info.bootfsOffsetBytes, BOOTFS_BYTES],
      [0x83, info.rootOffsetBytes, info.sizeBytes - info.rootOffsetBytes],
    ]);
    const bytes = await readFile(output());
    expect(bytes.subarray(512, boot.length)).toEqual(boot.subarray(512));
    expect(bytes.subarray(boot.length, boot.length + KLOG_AREA_BYTES).every((b) => b === 0)).toBe(
      true,
    );
  });

  test('leaves at least 1 MiB free, rounds to a MiB, and reports the sha256 of the bytes', async () => {
    expect(info.sizeBytes % MiB).toBe(0);
    expect(info.sizeBytes - info.rootOffsetBytes - info.rootUsedBytes).toBeGreaterThanOrEqual(MiB);
    expect((await stat(output())).size).toBe(info.sizeBytes);
    const hash = createHash('sha256');
    for await (const chunk of (await open(output(), 'r')).createReadStream()) hash.update(chunk);
    expect(hash.digest('hex')).toBe(info.sha256);
    expect(info.files).toBe(expectedEntries(root.tree).filter((e) => e.kind === 'file').length);
  });

  test('is sparse: the zero bootfs tail and free space take no blocks', async () => {
    const { blocks, size } = await stat(output());
    expect(blocks * 512).toBeLessThan(size - 10 * MiB);
  });
});

describe('reproducibility', () => {
  function buildTree(reverse: boolean): RootFilesystem {
    const paths = Array.from({ length: 50 }, (_, i) => `/d${i % 5}/f${i}`);
    const tree = emptyDirectory();
    for (const path of reverse ? paths.reverse() : paths) insertNode(tree, path, text(path));
    const entries: [string, string][] = [
      ['program', '/d0/f0'],
      ['cwd', '/'],
    ];
    return { tree, manifest: new Map(reverse ? entries.reverse() : entries) };
  }

  test('the same inputs in any insertion order give the same sha256', async () => {
    const one = await writeImage(imageInput(buildTree(false)), join(dir, 'one.img'));
    const two = await writeImage(imageInput(buildTree(true)), join(dir, 'two.img'));
    expect(two.sha256).toBe(one.sha256);
    expect(two.rootUuid).toBe(one.rootUuid);
    expect(sha256(await readFile(join(dir, 'two.img')))).toBe(one.sha256);
  });

  test('a given uuid and label are used, and minSizeBytes pads the image', async () => {
    const uuid = Uint8Array.from({ length: 16 }, (_, i) => i);
    const info = await writeImage(
      imageInput(buildTree(false), { uuid, label: 'data', minSizeBytes: 64 * MiB + 100 }),
      join(dir, 'sized.img'),
    );
    expect(info.sizeBytes).toBe(64 * MiB + 512);
    expect(info.rootUuid).toBe('00010203-0405-0607-0809-0a0b0c0d0e0f');
    expect((await inspectImage(info.path)).root.label).toBe('data');
  });
});

describe('bad inputs: a UserError and no output file', () => {
  const small = (): RootFilesystem => {
    const tree = emptyDirectory();
    insertNode(tree, '/prog', text('x'));
    return { tree, manifest: new Map([['program', '/prog']]) };
  };

  async function expectNoOutput(input: ImageInput, message: RegExp, name: string) {
    const output = join(dir, name);
    const failure = writeImage(input, output);
    await expect(failure).rejects.toThrow(UserError);
    await expect(writeImage(input, output)).rejects.toThrow(message);
    await expect(stat(output)).rejects.toThrow(/ENOENT/);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }

  test.each([
    { name: 'no 55 AA signature', boot: syntheticBootImage(1024, 12, false), message: /55 AA/ },
    {
      name: 'a region record of another type',
      boot: syntheticBootImage(1024, 7),
      message: /type 7/,
    },
    {
      name: 'a stage2 length that does not match',
      boot: syntheticBootImage(1024).subarray(0, 1024),
      message: /1024 bytes, but 512/,
    },
    { name: 'less than a sector', boot: Buffer.alloc(100), message: /100 bytes/ },
  ])('boot.img with $name', async ({ name, boot, message }) => {
    const bootImg = join(dir, `${name}.boot`);
    await writeFile(bootImg, boot);
    await expectNoOutput(imageInput(small(), { bootImg }), message, 'bad-boot.img');
  });

  test.each([
    {
      name: 'missing',
      make: async (_path: string) => {},
      message: /Cannot read boot\.img at .*missing\.boot: ENOENT/,
    },
    {
      name: 'a directory',
      make: (path: string) => mkdir(path),
      message: /Cannot read boot\.img at .*a directory\.boot: not a regular file\./,
    },
  ])('a boot.img that is $name', async ({ name, make, message }) => {
    const bootImg = join(dir, `${name}.boot`);
    await make(bootImg);
    await expectNoOutput(imageInput(small(), { bootImg }), message, 'unreadable-boot.img');
  });

  (unreadableFile === undefined ? test.skip : test)('a boot.img that cannot be read', async () => {
    const bootImg = await unreadableFile!(join(dir, 'mode-000.boot'));
    await expectNoOutput(
      imageInput(small(), { bootImg }),
      /Cannot read boot\.img at .*: EACCES/,
      'unreadable-boot.img',
    );
  });

  test('a kernel too big for the 12 MiB bootfs', async () => {
    const kernelImg = join(dir, 'huge-kernel');
    await writeFile(kernelImg, '');
    await truncate(kernelImg, 13 * MiB);
    await expectNoOutput(imageInput(small(), { kernelImg }), /12 MiB/, 'big-kernel.img');
  });

  test('a host file that changed size since it was planned', async () => {
    const path = join(dir, 'changing');
    await writeFile(path, 'now longer than planned');
    const root = small();
    insertNode(root.tree, '/changing', { kind: 'file', source: { kind: 'host', path, size: 5 } });
    await expectNoOutput(
      imageInput(root),
      /changed while the image was being written/,
      'changed.img',
    );
    insertNode(root.tree, '/changing', { kind: 'file', source: { kind: 'host', path, size: 500 } });
    await expectNoOutput(imageInput(root), /changed/, 'changed.img');
  });

  test('a missing host file', async () => {
    const root = small();
    insertNode(root.tree, '/gone', {
      kind: 'file',
      source: { kind: 'host', path: join(dir, 'nope'), size: 3 },
    });
    await expectNoOutput(imageInput(root), /nope/, 'missing.img');
  });

  test('a missing klib', async () => {
    const klibs = [{ name: 'ntp', path: join(dir, 'no-klib') }];
    await expectNoOutput(imageInput(small(), { klibs }), /klib ntp/, 'klib.img');
  });

  test('a failed build leaves an earlier image at the output untouched', async () => {
    const output = join(dir, 'keep.img');
    await writeFile(output, 'earlier image');
    const root = small();
    insertNode(root.tree, '/gone', {
      kind: 'file',
      source: { kind: 'host', path: join(dir, 'nope'), size: 3 },
    });
    await expect(writeImage(imageInput(root), output)).rejects.toThrow(UserError);
    expect(await readFile(output, 'utf8')).toBe('earlier image');
  });

  test('a successful build replaces an earlier image, and a folder there is an error', async () => {
    const output = join(dir, 'replaced.img');
    await writeFile(output, 'earlier image');
    const info = await writeImage(imageInput(small()), output);
    expect(sha256(await readFile(output))).toBe(info.sha256);
    expect((await readdir(dir)).filter((name) => name.includes('replaced.img.'))).toEqual([]);

    const folder = join(dir, 'folder.img');
    await mkdir(folder);
    await expect(writeImage(imageInput(small()), folder)).rejects.toThrow(/EISDIR|EPERM/);
    expect((await readdir(dir)).filter((name) => name.includes('folder.img.'))).toEqual([]);
  });

  test('a manifest that sets children', async () => {
    const root = small();
    root.manifest.set('children', 'x');
    await expectNoOutput(imageInput(root), /children/, 'children.img');
  });

  test('a label longer than 31 bytes', async () => {
    await expectNoOutput(imageInput(small(), { label: 'l'.repeat(32) }), /label/, 'label.img');
  });

  test('an output folder that cannot be created (a file is in the way)', async () => {
    await writeFile(join(dir, 'a-file'), 'not a folder');
    await expect(writeImage(imageInput(small()), join(dir, 'a-file', 'x.img'))).rejects.toThrow(
      /Cannot write the image next to .*a-file\/x\.img/,
    );
  });

  test('creates a missing output folder', async () => {
    const info = await writeImage(imageInput(small()), join(dir, 'new', 'deeper', 'x.img'));
    expect(info.path).toBe(join(dir, 'new', 'deeper', 'x.img'));
  });
});
