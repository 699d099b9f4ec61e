import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { extractTarGz } from '../../src/kernel/tar-extract.js';
import {
  makeReleaseArchive,
  makeTarGz,
  makeTempDir,
  octal,
  type TarEntrySpec,
} from './fixtures.js';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

/** Writes `archive`, extracts it into a fresh folder and returns that folder. */
async function extract(archive: Buffer): Promise<string> {
  const file = path.join(temp.dir, 'archive.tar.gz');
  writeFileSync(file, archive);
  const dest = path.join(temp.dir, 'out');
  mkdirSync(dest);
  await extractTarGz(file, dest, 'http://mirror/x.tar.gz');
  return dest;
}

describe('a release archive made by GNU tar', () => {
  test('extracts every file and the klibs folder', async () => {
    const dest = await extract(makeReleaseArchive(temp.dir));
    expect(readdirSync(dest).sort()).toEqual(['boot.img', 'bootx64.efi', 'kernel.img', 'klibs']);
    expect(readdirSync(path.join(dest, 'klibs')).sort()).toEqual(['ntp', 'tls']);
    expect(readFileSync(path.join(dest, 'klibs', 'tls'), 'utf8')).toBe('klib tls');
  });

  test.each(['gnu', 'pax', 'ustar'])('reads long names written in %s format', async (format) => {
    const src = path.join(temp.dir, 'src');
    const folder = format === 'ustar' ? 'd'.repeat(90) : 'd'.repeat(120);
    const longName = `${folder}/${'f'.repeat(format === 'ustar' ? 90 : 120)}`;
    mkdirSync(path.join(src, folder), { recursive: true });
    writeFileSync(path.join(src, longName), 'long');
    const out = path.join(temp.dir, 'long.tar.gz');
    execFileSync('tar', [`--format=${format}`, '-C', src, '-czf', out, folder]);
    const dest = await extract(readFileSync(out));
    expect(readFileSync(path.join(dest, longName), 'utf8')).toBe('long');
  });

  test('keeps a symlink that points inside its folder', async () => {
    const dest = await extract(
      makeTarGz([
        { name: 'kernel.img', data: 'k' },
        { name: 'current', type: 'symlink', linkname: 'kernel.img' },
      ]),
    );
    expect(readlinkSync(path.join(dest, 'current'))).toBe('kernel.img');
  });
});

describe('a hostile or damaged archive', () => {
  test.each<[string, TarEntrySpec[], string]>([
    ['a parent-directory entry', [{ name: '../escape', data: 'x' }], "entry named '../escape'"],
    [
      'a nested parent-directory entry',
      [{ name: 'klibs/../../escape', data: 'x' }],
      'outside the extraction folder',
    ],
    ['an absolute entry', [{ name: '/tmp/escape', data: 'x' }], "entry named '/tmp/escape'"],
    [
      'a symlink pointing up',
      [{ name: 'l', type: 'symlink', linkname: '../../etc' }],
      "symlink 'l' -> '../../etc'",
    ],
    [
      'an absolute symlink',
      [{ name: 'l', type: 'symlink', linkname: '/etc/passwd' }],
      'points outside its folder',
    ],
    [
      'a hardlink pointing up',
      [{ name: 'l', type: 'hardlink', linkname: '../x' }],
      "entry named '../x'",
    ],
  ])('refuses %s and writes nothing outside', async (_what, entries, message) => {
    const error = await extract(makeTarGz(entries)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain(message);
    expect(existsSync(path.join(temp.dir, 'escape'))).toBe(false);
  });

  test('refuses a FIFO, naming the entry and its tar type', async () => {
    await expect(
      extract(
        makeTarGz([
          { name: 'kernel.img', data: 'k' },
          { name: 'pipe', type: 'fifo' },
        ]),
      ),
    ).rejects.toThrow(
      new UserError(
        "the kernel archive holds 'pipe' of tar type '6', which nanoship does not extract (only files, directories and links)",
      ),
    );
  });

  test('reports a cut gzip stream as truncated or corrupt, naming the archive and what to do', async () => {
    const archive = makeReleaseArchive(temp.dir);
    const error = await extract(archive.subarray(0, archive.length - 40)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^archive is truncated or corrupt: http:\/\/mirror\/x\.tar\.gz: .*; run again, and if it repeats, the copy on the server is damaged: check --kernel-base-url \(input kernel-base-url\)$/,
    );
  });

  test.each<[string, TarEntrySpec, string]>([
    [
      'an oversized GNU long name',
      {
        name: '././@LongLink',
        type: 'gnu-long-name',
        fields: { size: octal(2 * 1024 * 1024, 12) },
      },
      'an extended header of 2097152 bytes is implausibly large',
    ],
    [
      'an unknown header magic',
      { name: 'kernel.img', fields: { magic: 'nottar' } },
      "unknown header magic 'nottar' (not a ustar or GNU tar archive)",
    ],
    [
      'a size that is not octal',
      { name: 'kernel.img', fields: { size: '0000000009z\0' } },
      "numeric field '0000000009z' is not octal",
    ],
    [
      'a pax record without a length',
      { name: 'PaxHeaders/kernel.img', type: 'pax-header', data: 'path=kernel.img\n' },
      'malformed pax record at byte 0',
    ],
    [
      'a pax record without a key',
      { name: 'PaxHeaders/kernel.img', type: 'pax-header', data: '11 novalue\n' },
      'malformed pax record at byte 0',
    ],
  ])('reports %s as corrupt, saying what is wrong', async (_what, entry, reason) => {
    const error = await extract(makeTarGz([entry])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `archive is truncated or corrupt: http://mirror/x.tar.gz: ${reason}; run again, and if it repeats, the copy on the server is damaged: check --kernel-base-url (input kernel-base-url)`,
    );
  });

  test('reports a tar stream that ends inside an entry as truncated', async () => {
    const full = makeTarGz([{ name: 'kernel.img', data: 'k'.repeat(3000) }]);
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const cut = gzipSync(gunzipSync(full).subarray(0, 1024));
    await expect(extract(cut)).rejects.toThrow(
      "archive is truncated or corrupt: http://mirror/x.tar.gz: the archive ends in the middle of the data of 'kernel.img'",
    );
  });

  test('reports a header with a bad checksum as corrupt', async () => {
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const tar = gunzipSync(makeTarGz([{ name: 'kernel.img', data: 'k' }]));
    tar[0] = 'j'.charCodeAt(0);
    await expect(extract(gzipSync(tar))).rejects.toThrow(/truncated or corrupt: .*header checksum/);
  });

  test('reports data that is not gzip as corrupt', async () => {
    await expect(extract(Buffer.from('<html>not found</html>'))).rejects.toThrow(
      'archive is truncated or corrupt',
    );
  });
});
