import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { ImageSink } from '../../src/image/image-sink.js';
import { inspectImage } from '../../src/image/inspect.js';
import { renderManifestText } from '../../src/image/listing.js';
import { planTfs, writeTfs } from '../../src/image/tfs.js';
import { TfsFormatError } from '../../src/image/tfs-format-error.js';
import { emptyDirectory, insertNode, type Tuple, type Value } from '../../src/image/tree.js';
import { syntheticBootImage } from './image-fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-inspect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('renderManifestText', () => {
  test('the reference manifest shape of format §7.2', () => {
    const manifest: Tuple = new Map<string, Value>([
      ['program', '/prog'],
      ['arguments', ['prog', 'a 2']],
      [
        'environment',
        new Map([
          ['USER', 'root'],
          ['PWD', '/'],
        ]),
      ],
      ['klibs', 'bootfs'],
      ['debug_exit', 't'],
    ]);
    expect(renderManifestText(manifest)).toBe(
      [
        '(',
        '  arguments:[prog "a 2"]',
        '  debug_exit:t',
        '  environment:(PWD:/ USER:root)',
        '  klibs:bootfs',
        '  program:/prog',
        ')',
      ].join('\n'),
    );
  });

  test.each([
    { name: 'an empty value', value: '', text: '""' },
    {
      name: 'a value with a quote and a backslash',
      value: 'say "hi" \\o/',
      text: '"say \\"hi\\" \\\\o/"',
    },
    { name: 'a value with brackets', value: 'a(b)[c]', text: '"a(b)[c]"' },
    { name: 'a value starting with #', value: '#not-a-comment', text: '"#not-a-comment"' },
    { name: 'a path with a colon', value: '/a:b/c', text: '/a:b/c' },
    { name: 'a unicode value', value: 'wörld', text: 'wörld' },
  ])('$name', ({ value, text }) => {
    expect(renderManifestText(new Map([['k', value]]))).toBe(`(\n  k:${text}\n)`);
  });

  test.each([
    { name: 'a name with a slash', key: 'a/b', text: '"a/b"' },
    { name: 'a name with a colon', key: 'a:b', text: '"a:b"' },
    { name: 'a name with a space', key: 'a b', text: '"a b"' },
    { name: 'a dotted name', key: 'resolv.conf', text: 'resolv.conf' },
  ])('$name', ({ key, text }) => {
    expect(renderManifestText(new Map([[key, 'v']]))).toBe(`(\n  ${text}:v\n)`);
  });

  test('an empty manifest', () => {
    expect(renderManifestText(new Map())).toBe('()');
  });
});

describe('inspectImage', () => {
  test('reads a raw TFS volume without a partition table', async () => {
    const tree = emptyDirectory();
    insertNode(tree, '/data/x', {
      kind: 'file',
      source: { kind: 'bytes', bytes: Buffer.from('x') },
    });
    const plan = planTfs({ tree, manifest: new Map() }, { label: 'vol' });
    const path = join(dir, 'volume.raw');
    const handle = await open(path, 'w');
    const sink = new ImageSink(handle);
    await writeTfs(plan, sink);
    await sink.finish(plan.sizeBytes);
    await handle.close();
    const inspection = await inspectImage(path);
    expect(inspection.partitioned).toBe(false);
    expect(inspection.root.label).toBe('vol');
    expect(inspection.root.entries).toEqual([
      { path: '/data', kind: 'directory' },
      { path: '/data/x', kind: 'file', sizeBytes: 1 },
    ]);
  });

  test('a file that is not an image is a TfsFormatError', async () => {
    const path = join(dir, 'text.txt');
    await writeFile(path, 'hello\n'.repeat(200));
    await expect(inspectImage(path)).rejects.toThrow(TfsFormatError);
  });

  test('a boot sector without Nanos partitions is a UserError', async () => {
    const path = join(dir, 'boot-only.img');
    await writeFile(path, syntheticBootImage());
    await expect(inspectImage(path)).rejects.toThrow(/no bootfs and root partitions/);
  });

  test('a directory is a UserError asking for an image file', async () => {
    const inspection = inspectImage(dir);
    await expect(inspection).rejects.toThrow(UserError);
    await expect(inspectImage(dir)).rejects.toThrow(
      `${dir} is not a file: give the path of a disk image (.img).`,
    );
  });

  test('a missing file is a UserError naming it', async () => {
    await expect(inspectImage(join(dir, 'none.img'))).rejects.toThrow(UserError);
    await expect(inspectImage(join(dir, 'none.img'))).rejects.toThrow(/none\.img/);
  });
});
