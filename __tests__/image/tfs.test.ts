import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ImageSink } from '../../src/image/image-sink.js';
import { planTfs, writeTfs } from '../../src/image/tfs.js';
import {
  fileLength,
  formatUuid,
  listTfsEntries,
  lookupTfsNode,
  readTfs,
  readTfsFile,
} from '../../src/image/tfs-reader.js';
import { emptyDirectory, insertNode, type RootFilesystem } from '../../src/image/tree.js';
import type { TfsTuple } from '../../src/image/tuple-codec.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-tfs-'));
});
afterAll(async () => {
  if (!process.env.KEEP) await rm(dir, { recursive: true, force: true });
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
      expect(listTfsEntries(volume.root)).toEqual([
        { path: '/etc', kind: 'directory' },
        { path: '/etc/empty', kind: 'file', sizeBytes: 0 },
        { path: '/etc/link', kind: 'symlink', target: '/prog' },
        { path: '/prog', kind: 'file', sizeBytes: 11 },
        { path: '/var', kind: 'directory' },
        { path: '/var/log', kind: 'directory' },
      ]);
      const prog = lookupTfsNode(volume.root, '/prog')!;
      expect(fileLength(prog)).toBe(11);
      expect((await readAll(volume, prog)).toString()).toBe('hello world');
    } finally {
      await handle.close();
    }
  });
});
