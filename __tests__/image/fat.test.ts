// The FAT32 writer and reader: the ESP's bytes where Nanos puts them, read back by our own
// reader, and checked by dosfstools' fsck.fat and extracted with mtools when those are
// installed (apt-get install dosfstools mtools; the tests that need them say so and skip).
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ESP_BYTES, NANOS_ESP_GEOMETRY, planEsp, UEFI_LOADER_PATHS } from '../../src/image/esp.js';
import {
  decodeBootSector,
  decodeDirectorySlot,
  encodeShortName,
  encodeTimestamp,
  shortNameChecksum,
} from '../../src/image/fat.js';
import { FatFormatError, readFat } from '../../src/image/fat-reader.js';
import { FatBuilder, type FatPlan, writeFat } from '../../src/image/fat-writer.js';
import { ImageSink } from '../../src/image/image-sink.js';
import { sha256, writePatternFile } from './image-fixtures.js';

const run = promisify(execFile);
const SECTOR = 512;

function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const fsckFat = ['fsck.fat', '/usr/sbin/fsck.fat', '/sbin/fsck.fat'].find(hasTool);
const haveMtools = hasTool('mcopy') && hasTool('mdir');
const withFsck = fsckFat ? test : test.skip;
const withMtools = haveMtools ? test : test.skip;
if (!fsckFat) console.warn('skipping the fsck.fat checks: dosfstools is not installed');
if (!haveMtools) console.warn('skipping the mtools checks: mtools is not installed');

let dir: string;
let loader: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-fat-'));
  // The size of the x86-64 loader of Nanos 0.1.55: not a whole number of sectors.
  loader = join(dir, 'bootx64.efi');
  await writePatternFile(loader, 158_436, 7);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a planned volume into a file of its own (offset 0) and returns path and sha256. */
async function writeVolume(plan: FatPlan, name: string) {
  const path = join(dir, name);
  const handle = await open(path, 'w+');
  const sink = new ImageSink(handle);
  await writeFat(plan, sink);
  const digest = await sink.finish(plan.geometry.partitionBytes);
  await handle.close();
  return { path, digest };
}

async function readVolume(path: string) {
  const handle = await open(path, 'r');
  return { handle, volume: await readFat(handle, 0, ESP_BYTES) };
}

const espOf = (arch: 'x86_64' | 'aarch64', path = loader, sizeBytes = 158_436) =>
  planEsp({ arch, path, sizeBytes });

describe('the ESP Nanos boots from', () => {
  test('puts the loader at EFI/BOOT/BOOTX64.EFI, reads back byte for byte', async () => {
    const { path } = await writeVolume(espOf('x86_64'), 'x86.esp');
    const { handle, volume } = await readVolume(path);
    try {
      expect(volume.entries).toEqual([
        { path: 'EFI', kind: 'directory' },
        { path: 'EFI/BOOT', kind: 'directory' },
        { path: 'EFI/BOOT/BOOTX64.EFI', kind: 'file', sizeBytes: 158_436 },
      ]);
      expect(volume.label).toBe('NO NAME');
      expect(sha256(await volume.readFile('EFI/BOOT/BOOTX64.EFI'))).toBe(
        sha256(await readFile(loader)),
      );
    } finally {
      await handle.close();
    }
  });

  test('an arm64 ESP holds EFI/BOOT/BOOTAA64.EFI instead', async () => {
    const { path } = await writeVolume(espOf('aarch64'), 'arm.esp');
    const { handle, volume } = await readVolume(path);
    await handle.close();
    expect(volume.entries.map((entry) => entry.path)).toEqual([
      'EFI',
      'EFI/BOOT',
      UEFI_LOADER_PATHS.aarch64,
    ]);
  });

  test('has the geometry of Nanos mkfs: same BPB fields, directories and loader at the same offsets', async () => {
    const plan = espOf('x86_64');
    const { path } = await writeVolume(plan, 'layout.esp');
    const bytes = await readFile(path);
    expect(bytes.length).toBe(33 * 1024 * 1024);
    // Jump, then the BIOS parameter block exactly as in nanos-image-format.md §1.6.
    expect(bytes.subarray(0, 3).toString('hex')).toBe('eb5890');
    expect(bytes.subarray(0x0b, 0x5a).toString('hex')).toBe(
      [
        '0002',
        '01',
        '2000',
        '02',
        '0000',
        '0000',
        'f8',
        '0000',
        '2000',
        '4000',
        '00000000',
        'cc060100',
        '06020000',
        '0000',
        '0000',
        '02000000',
        '0100',
        '0600',
        '00'.repeat(12),
        '80',
        '00',
        '29',
        '9ef943df',
        Buffer.from('NO NAME    FAT32   ').toString('hex'),
      ].join(''),
    );
    expect(bytes.subarray(0x1fe, 0x200).toString('hex')).toBe('55aa');
    expect(bytes.subarray(0xc00, 0xe00)).toEqual(bytes.subarray(0, 0x200)); // backup boot sector
    // Root at 0x85800 (cluster 2), EFI at 0x85A00 (3), EFI/BOOT at 0x85C00 (4), loader at 0x85E00 (5).
    expect(bytes.subarray(0x85800, 0x8580b).toString('latin1')).toBe('EFI        ');
    expect(bytes.readUInt16LE(0x85800 + 0x1a)).toBe(3);
    expect(bytes.subarray(0x85a40, 0x85a4b).toString('latin1')).toBe('BOOT       ');
    expect(bytes.readUInt16LE(0x85a40 + 0x1a)).toBe(4);
    expect(bytes.subarray(0x85c40, 0x85c4b).toString('latin1')).toBe('BOOTX64 EFI');
    expect(bytes.readUInt16LE(0x85c40 + 0x1a)).toBe(5);
    expect(bytes.readUInt32LE(0x85c40 + 0x1c)).toBe(158_436);
    const loaderBytes = await readFile(loader);
    expect(sha256(bytes.subarray(0x85e00, 0x85e00 + loaderBytes.length))).toBe(sha256(loaderBytes));
  });

  test('both FATs hold the same chain, exactly as long as each file, and FSInfo counts the rest', async () => {
    const plan = espOf('x86_64');
    const { path } = await writeVolume(plan, 'fat.esp');
    const bytes = await readFile(path);
    const fat1 = bytes.subarray(32 * SECTOR, (32 + 518) * SECTOR);
    const fat2 = bytes.subarray((32 + 518) * SECTOR, (32 + 2 * 518) * SECTOR);
    expect(fat2).toEqual(fat1);
    const entry = (cluster: number) => fat1.readUInt32LE(cluster * 4);
    expect([0, 1, 2, 3, 4].map(entry)).toEqual([
      0x0ffffff8, 0x0fffffff, 0x0fffffff, 0x0fffffff, 0x0fffffff,
    ]);
    const loaderClusters = Math.ceil(158_436 / SECTOR); // 310
    for (let cluster = 5; cluster < 5 + loaderClusters - 1; cluster++) {
      expect(entry(cluster)).toBe(cluster + 1);
    }
    expect(entry(5 + loaderClusters - 1)).toBe(0x0fffffff);
    expect(entry(5 + loaderClusters)).toBe(0);
    const clusters = 67_276 - 32 - 2 * 518; // 66 208
    const used = 3 + loaderClusters;
    expect(bytes.readUInt32LE(SECTOR + 488)).toBe(clusters - used); // free clusters
    expect(bytes.readUInt32LE(SECTOR + 492)).toBe(2 + used); // next free cluster
    expect(bytes.subarray(7 * SECTOR, 8 * SECTOR)).toEqual(bytes.subarray(SECTOR, 2 * SECTOR));
    expect(plan).toMatchObject({
      clusterCount: clusters,
      usedClusters: used,
      dataStartSector: 1068,
    });
  });

  test('the same loader gives the same bytes; another loader another digest', async () => {
    const first = await writeVolume(espOf('x86_64'), 'again-1.esp');
    const second = await writeVolume(espOf('x86_64'), 'again-2.esp');
    expect(second.digest).toBe(first.digest);
    expect(sha256(await readFile(second.path))).toBe(first.digest);
    const other = join(dir, 'other.efi');
    await writePatternFile(other, 158_436, 8);
    const third = await writeVolume(espOf('x86_64', other), 'again-3.esp');
    expect(third.digest).not.toBe(first.digest);
  });

  withFsck('fsck.fat finds nothing to repair', async () => {
    for (const arch of ['x86_64', 'aarch64'] as const) {
      const { path } = await writeVolume(espOf(arch), `fsck-${arch}.esp`);
      const { stdout } = await run(fsckFat!, ['-n', '-v', path]);
      // fsck.fat -n exits 0 either way; what it would repair is printed.
      expect(stdout).not.toMatch(/differ|wrong|invalid|dirty bit|orphan|leave as it is/i);
      expect(stdout).toMatch(/: 3 files, \d+\/66208 clusters\n$/);
    }
  });

  withMtools('mtools lists EFI/BOOT and extracts the same loader bytes', async () => {
    const { path } = await writeVolume(espOf('aarch64'), 'mtools.esp');
    const env = { ...process.env, MTOOLS_SKIP_CHECK: '1' };
    const { stdout } = await run('mdir', ['-i', path, '-b', '::/EFI/BOOT'], { env });
    expect(stdout.trim()).toBe('::/EFI/BOOT/BOOTAA64.EFI');
    const extracted = join(dir, 'extracted.efi');
    await run('mcopy', ['-i', path, '::/EFI/BOOT/BOOTAA64.EFI', extracted], { env });
    expect(sha256(await readFile(extracted))).toBe(sha256(await readFile(loader)));
  });
});

describe('a general FAT32 volume', () => {
  test('nested directories, an empty file, a multi-cluster directory and files read back', async () => {
    const builder = new FatBuilder(NANOS_ESP_GEOMETRY);
    const names = Array.from({ length: 20 }, (_, i) => `F${i}.TXT`);
    for (const name of names)
      builder.file(`MANY/${name}`, { kind: 'bytes', bytes: Buffer.from(name) });
    builder.file('A/B/C/EMPTY', { kind: 'bytes', bytes: new Uint8Array() });
    builder.file('A/DATA.BIN', { kind: 'bytes', bytes: Buffer.alloc(1500, 7) });
    const { path } = await writeVolume(builder.plan(), 'general.fat');
    const { handle, volume } = await readVolume(path);
    try {
      expect(volume.entries).toEqual([
        { path: 'MANY', kind: 'directory' },
        ...names.map((name) => ({ path: `MANY/${name}`, kind: 'file', sizeBytes: name.length })),
        { path: 'A', kind: 'directory' },
        { path: 'A/B', kind: 'directory' },
        { path: 'A/B/C', kind: 'directory' },
        { path: 'A/B/C/EMPTY', kind: 'file', sizeBytes: 0 },
        { path: 'A/DATA.BIN', kind: 'file', sizeBytes: 1500 },
      ]);
      expect(Buffer.from(await volume.readFile('MANY/F19.TXT')).toString()).toBe('F19.TXT');
      expect(await volume.readFile('A/B/C/EMPTY')).toEqual(new Uint8Array());
      expect(await volume.readFile('A/DATA.BIN')).toEqual(new Uint8Array(Buffer.alloc(1500, 7)));
    } finally {
      await handle.close();
    }
    if (fsckFat) await run(fsckFat, ['-n', path]);
  });

  test.each([
    { name: 'bootx64.efi', why: 'lower case' },
    { name: 'TOOLONGNAME.EFI', why: 'a base longer than 8' },
    { name: 'A.EFIX', why: 'an extension longer than 3' },
    { name: 'A B', why: 'a space' },
    { name: '', why: 'nothing' },
  ])('refuses $name ($why): only upper-case 8.3 names are written', ({ name }) => {
    expect(encodeShortName(name)).toBeUndefined();
    expect(() =>
      new FatBuilder(NANOS_ESP_GEOMETRY).file(`EFI/${name}`, {
        kind: 'bytes',
        bytes: new Uint8Array(1),
      }),
    ).toThrow(RangeError);
  });

  test('refuses a path used twice and a file used as a directory', () => {
    const builder = new FatBuilder(NANOS_ESP_GEOMETRY).file('A/B', {
      kind: 'bytes',
      bytes: new Uint8Array(1),
    });
    expect(() => builder.file('A/B', { kind: 'bytes', bytes: new Uint8Array(1) })).toThrow(
      /already/,
    );
    expect(() => builder.file('A/B/C', { kind: 'bytes', bytes: new Uint8Array(1) })).toThrow(
      /not a directory/,
    );
  });

  test('files bigger than the volume are a UserError naming them', () => {
    const builder = new FatBuilder(NANOS_ESP_GEOMETRY).file('EFI/BOOT/BOOTX64.EFI', {
      kind: 'host',
      path: '/nowhere/huge.efi',
      size: 40 * 1024 * 1024,
    });
    expect(() => builder.plan()).toThrow(/EFI\/BOOT\/BOOTX64\.EFI 41943040 bytes/);
  });

  test('refuses a geometry with too few clusters for FAT32', () => {
    expect(() => new FatBuilder({ ...NANOS_ESP_GEOMETRY, totalSectors: 60_000 })).toThrow(
      /FAT32 needs 65525/,
    );
  });
});

describe('the records', () => {
  test.each([
    { date: [1980, 1, 1, 0, 0, 0], want: { date: 0x0021, time: 0 } },
    { date: [2107, 12, 31, 23, 59, 58], want: { date: 0xff9f, time: 0xbf7d } },
  ])('timestamp $date packs into FAT fields', ({ date, want }) => {
    const [year, month, day, hours, minutes, seconds] = date as number[];
    expect(encodeTimestamp(year!, month!, day!, hours, minutes, seconds)).toEqual(want);
  });

  test('timestamps outside 1980 … 2107 are refused', () => {
    expect(() => encodeTimestamp(1979, 12, 31)).toThrow(RangeError);
    expect(() => encodeTimestamp(2108, 1, 1)).toThrow(RangeError);
  });

  test('reads the long names Nanos mkfs writes ("Boot", "bootx64.efi") with their checksums', () => {
    // The long-name entry for "Boot" and its short entry, as in an ESP made by Nanos' mkfs.
    const long = Buffer.from(
      '4142006f006f0074000000' + '0f00dd' + 'ffffffffffffffffffffffff' + '0000' + 'ffffffff',
      'hex',
    );
    const short = Buffer.alloc(32);
    short.write('BOOT       ', 'latin1');
    short[0x0b] = 0x10;
    const slot = decodeDirectorySlot(long);
    expect(slot).toMatchObject({ kind: 'long', order: 1, last: true, checksum: 0xdd });
    expect(shortNameChecksum(short.subarray(0, 11))).toBe(0xdd);
  });

  test('a FAT12/16 boot sector or one without 55 AA is not FAT32', () => {
    expect(decodeBootSector(new Uint8Array(512))).toEqual({
      ok: false,
      problem: 'its boot sector does not end with 55 AA',
    });
    const fat16 = new Uint8Array(512);
    fat16[0x1fe] = 0x55;
    fat16[0x1ff] = 0xaa;
    fat16[0x16] = 9; // 16-bit FAT size
    expect(decodeBootSector(fat16)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/FAT16/),
    });
  });
});

describe('a damaged volume', () => {
  async function damaged(name: string, patch: (bytes: Buffer) => void) {
    const { path } = await writeVolume(espOf('x86_64'), `${name}.esp`);
    const bytes = await readFile(path);
    patch(bytes);
    await writeFile(path, bytes);
    const handle = await open(path, 'r');
    try {
      const volume = await readFat(handle, 0, ESP_BYTES);
      await volume.readFile('EFI/BOOT/BOOTX64.EFI');
      return undefined;
    } catch (error) {
      return error;
    } finally {
      await handle.close();
    }
  }
  const fatEntry = (cluster: number) => 32 * SECTOR + cluster * 4;

  test.each([
    {
      name: 'a chain that loops',
      patch: (b: Buffer) => b.writeUInt32LE(5, fatEntry(6)),
      message: /loops/,
    },
    {
      name: 'a chain into a free cluster',
      patch: (b: Buffer) => b.writeUInt32LE(0, fatEntry(10)),
      message: /free cluster/,
    },
    {
      name: 'a cluster beyond the volume',
      patch: (b: Buffer) => b.writeUInt32LE(0x0ffffff0, fatEntry(3)),
      message: /outside 2/,
    },
    {
      name: 'a file longer than its chain',
      patch: (b: Buffer) => b.writeUInt32LE(0x0fffffff, fatEntry(8)),
      message: /chain of only 4 clusters/,
    },
    {
      name: 'a directory that contains itself',
      patch: (b: Buffer) => b.writeUInt16LE(3, 0x85a40 + 0x1a),
      message: /loops back/,
    },
    {
      name: 'a volume larger than its partition',
      patch: (b: Buffer) => b.writeUInt32LE(200_000, 0x20),
      message: /claims/,
    },
  ])('$name is a FatFormatError', async ({ name, patch, message }) => {
    const error = await damaged(name.replaceAll(' ', '-'), patch);
    expect(error).toBeInstanceOf(FatFormatError);
    expect((error as Error).message).toMatch(message);
  });
});
