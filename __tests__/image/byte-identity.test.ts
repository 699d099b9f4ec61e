// Images stay byte-identical to what the writer made before issue 12: each tree below is built
// with the current sink and with the reference one (previous-image-sink.ts, as of 9090d43), and
// the two files, their reported sha256 and the sha256 of the bytes on disk must all agree. Real
// programs (static, dynamic, Go, the real kernel) get the same in byte-identity.itg.test.ts.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type ImageInput, writeImage } from '../../src/image/disk.js';
import { emptyDirectory, insertNode, type RootFilesystem } from '../../src/image/tree.js';
import { sha256, writePatternFile, writeToolchain } from './image-fixtures.js';
import { loadPreviousWriter, type PreviousWriter } from './previous-writer.js';

const MiB = 1024 * 1024;
/**
 * The reference sink's buffer size. The current one stages 256 KiB to 1 MiB (these small
 * trees get 256 KiB), whose edges all fall on 1 MiB ones too: zero runs and files are laid
 * across them.
 */
const SLOT_BYTES = MiB;
let dir: string;
let toolchain: Awaited<ReturnType<typeof writeToolchain>>;
let previous: PreviousWriter;

beforeAll(async () => {
  previous = await loadPreviousWriter();
  dir = await mkdtemp(join(tmpdir(), 'nanoship-identity-'));
  toolchain = await writeToolchain(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A host file of `size` pattern bytes. */
async function host(name: string, size: number, seed: number) {
  const path = join(dir, name);
  await writePatternFile(path, size, seed);
  return { kind: 'file' as const, source: { kind: 'host' as const, path, size } };
}

/** A host file made of `parts`: numbers are runs of zeros, strings runs of that text. */
async function hostFrom(name: string, parts: (number | string)[]) {
  const bytes = Buffer.concat(
    parts.map((part) =>
      typeof part === 'number' ? Buffer.alloc(part) : Buffer.from(part.repeat(97)),
    ),
  );
  const path = join(dir, name);
  await writeFile(path, bytes);
  return { kind: 'file' as const, source: { kind: 'host' as const, path, size: bytes.length } };
}

const text = (value: string) => ({
  kind: 'file' as const,
  source: { kind: 'bytes' as const, bytes: Buffer.from(value) },
});

function rootWith(manifest: [string, string][] = [['program', '/app']]): RootFilesystem {
  return { tree: emptyDirectory(), manifest: new Map(manifest) };
}

/** Builds `input` with both writers; returns what each reported and wrote. */
async function buildBoth(name: string, input: ImageInput) {
  const current = await writeImage(input, join(dir, `${name}.img`));
  const before = await previous.writeImage(input, join(dir, `${name}.previous.img`));
  const [bytes, previousBytes] = await Promise.all([readFile(current.path), readFile(before.path)]);
  return { current, before, bytes, previousBytes };
}

const cases: [string, () => Promise<Partial<ImageInput> & { root: RootFilesystem }>][] = [
  [
    'a static program with the usual /etc files',
    async () => {
      const root = rootWith();
      insertNode(root.tree, '/app', await host('static', 2.5 * MiB + 123, 11));
      insertNode(root.tree, '/etc/resolv.conf', text('nameserver 8.8.8.8\n'));
      insertNode(root.tree, '/etc/passwd', text('root:x:0:0:root:/root:/bin/nologin\n'));
      return { root };
    },
  ],
  [
    'a dynamic program with its libraries and links',
    async () => {
      const root = rootWith();
      insertNode(root.tree, '/app', await host('dynamic', 300_001, 12));
      insertNode(root.tree, '/lib64/ld-linux-x86-64.so.2', await host('ld', 210_000, 13));
      insertNode(root.tree, '/lib/x86_64-linux-gnu/libc.so.6', await host('libc', 2 * MiB, 14));
      insertNode(root.tree, '/lib/x86_64-linux-gnu/libm.so.6', await host('libm', 917_000, 15));
      insertNode(root.tree, '/lib/libgreet.so', { kind: 'symlink', target: 'libgreet.so.1' });
      insertNode(root.tree, '/lib/libgreet.so.1', await host('greet', 16_000, 16));
      return { root };
    },
  ],
  [
    'a file bigger than all the slot buffers together, and a minimum size',
    async () => {
      const root = rootWith();
      insertNode(root.tree, '/app', await host('small-app', 4097, 17));
      insertNode(root.tree, '/data/big.bin', await host('big', 40 * MiB + 7, 18));
      return { root, minSizeBytes: 64 * MiB + 3 * 512 };
    },
  ],
  [
    'files with holes, zero runs across slot edges, all-zero and empty files',
    async () => {
      const root = rootWith();
      insertNode(
        root.tree,
        '/app',
        await hostFrom('gappy', ['x', SLOT_BYTES + 3000, 'y', 2 * SLOT_BYTES - 5000, 'z', 4096]),
      );
      insertNode(root.tree, '/zeros', await hostFrom('zeros', [2 * SLOT_BYTES + 512]));
      insertNode(root.tree, '/empty', await hostFrom('empty', []));
      insertNode(root.tree, '/one-block', await hostFrom('one-block', [4096, 'q']));
      return { root };
    },
  ],
  [
    'nested directories with many files of every size, a label and a uuid',
    async () => {
      const root = rootWith([
        ['program', '/srv/bin/app'],
        ['cwd', '/srv'],
      ]);
      insertNode(root.tree, '/srv/bin/app', await host('nested-app', 700_000, 19));
      for (let i = 0; i < 120; i++) {
        const size = (i * 7919) % 50_000;
        const path = `/srv/d${i % 4}/e${i % 7}/f${i}`;
        insertNode(
          root.tree,
          path,
          i % 3 === 0 ? text(path.repeat(i)) : await host(`f${i}`, size, 20 + i),
        );
      }
      insertNode(root.tree, '/srv/empty-dir', emptyDirectory());
      const uuid = Uint8Array.from({ length: 16 }, (_, i) => 255 - i);
      return { root, label: 'data', uuid };
    },
  ],
];

describe('the current sink against the reference one', () => {
  test.each(cases)('%s: same bytes, same sha256', async (name, make) => {
    const { root, ...options } = await make();
    const input: ImageInput = { ...toolchain, ...options, root };
    const { current, before, bytes, previousBytes } = await buildBoth(
      name.split(' ').slice(0, 3).join('-'),
      input,
    );
    expect(current.sizeBytes).toBe(before.sizeBytes);
    expect(current.sha256).toBe(before.sha256);
    expect(sha256(bytes)).toBe(current.sha256);
    expect(bytes.equals(previousBytes)).toBe(true);
  });
});
