// UEFI layouts of the disk writer: an x86 hybrid (boot.img + ESP) and an arm64 UEFI-only image
// (boot stub + ESP). The MBR entries are compared with the bytes Nanos' mkfs writes for the
// same layout (`mkfs -b boot.img -u bootx64.efi`, and `-b boot-stub.img -u bootaa64.efi`).
import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { readBootLoaders } from '../../src/image/boot-loaders.js';
import { encodeBootStub } from '../../src/image/boot-record.js';
import { BOOTFS_BYTES, type ImageInput, writeImage } from '../../src/image/disk.js';
import { ESP_BYTES } from '../../src/image/esp.js';
import { readFat } from '../../src/image/fat-reader.js';
import { inspectImage } from '../../src/image/inspect.js';
import { decodeMbr, KLOG_AREA_BYTES } from '../../src/image/mbr.js';
import { emptyDirectory, insertNode, type RootFilesystem } from '../../src/image/tree.js';
import { sha256, syntheticBootImage, writePatternFile } from './image-fixtures.js';

const SECTOR = 512;
/** stage2 of the boot.img built from Nanos b9c3671d: 0xBC00 bytes, so bootfs is at LBA 103 without an ESP. */
const NANOS_STAGE2_BYTES = 0xbc00;

let dir: string;
let kernelImg: string;
let loaderX64: string;
let loaderAa64: string;
let bootImg: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-disk-uefi-'));
  kernelImg = join(dir, 'kernel.img');
  loaderX64 = join(dir, 'bootx64.efi');
  loaderAa64 = join(dir, 'bootaa64.efi');
  bootImg = join(dir, 'boot.img');
  await writePatternFile(kernelImg, 300_000, 1);
  await writePatternFile(loaderX64, 158_436, 2);
  await writePatternFile(loaderAa64, 128_112, 3);
  const handle = await open(bootImg, 'w');
  await handle.write(syntheticBootImage(NANOS_STAGE2_BYTES));
  await handle.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function root(): RootFilesystem {
  const tree = emptyDirectory();
  insertNode(tree, '/hello', { kind: 'file', source: { kind: 'bytes', bytes: Buffer.from('hi') } });
  return { tree, manifest: new Map([['program', '/hello']]) };
}

function input(overrides: Partial<ImageInput>): ImageInput {
  return { kernelImg, klibs: [], root: root(), ...overrides };
}

const entryHex = (bytes: Buffer, index: number) =>
  bytes.subarray(0x1be + index * 16, 0x1be + (index + 1) * 16).toString('hex');

describe('an x86 hybrid image (boot.img and an ESP)', () => {
  let info: Awaited<ReturnType<typeof writeImage>>;
  let bytes: Buffer;
  beforeAll(async () => {
    info = await writeImage(
      input({ bootImg, uefiLoader: { arch: 'x86_64', path: loaderX64 } }),
      join(dir, 'hybrid.img'),
    );
    bytes = await readFile(info.path);
  });

  test('puts the ESP after the klog area and bootfs after the ESP', () => {
    const klog = 512 + NANOS_STAGE2_BYTES;
    expect(info).toMatchObject({
      bootMode: 'hybrid',
      espOffsetBytes: klog + KLOG_AREA_BYTES,
      bootfsOffsetBytes: klog + KLOG_AREA_BYTES + ESP_BYTES,
      rootOffsetBytes: klog + KLOG_AREA_BYTES + ESP_BYTES + BOOTFS_BYTES,
    });
    expect(bytes.subarray(klog, klog + KLOG_AREA_BYTES).every((byte) => byte === 0)).toBe(true);
  });

  test('MBR entries ESP, bootfs, root: the bytes Nanos mkfs -u writes (LBA 103, 67 687, 92 263)', () => {
    expect(entryHex(bytes, 0)).toBe('80012900ef361904' + '67000000' + '00080100');
    expect(entryHex(bytes, 1)).toBe('80361a0483bd1f05' + '67080100' + '00600000');
    // Root: the same start (CHS and LBA 92 263); its size follows each image's length.
    expect(entryHex(bytes, 2).slice(0, 10)).toBe('80bd200583');
    expect(bytes.readUInt32LE(0x1be + 2 * 16 + 8)).toBe(92_263);
    expect(bytes.readUInt32LE(0x1be + 2 * 16 + 12)).toBe(
      (info.sizeBytes - info.rootOffsetBytes) / SECTOR,
    );
    expect(entryHex(bytes, 3)).toBe('00'.repeat(16));
    // stage1 code and region record are boot.img's.
    expect(bytes.subarray(0, 0x1be)).toEqual(
      syntheticBootImage(NANOS_STAGE2_BYTES).subarray(0, 0x1be),
    );
  });

  test('the ESP holds EFI/BOOT/BOOTX64.EFI with the loader bytes; inspect shows it', async () => {
    const handle = await open(info.path, 'r');
    try {
      const esp = await readFat(handle, info.espOffsetBytes!, ESP_BYTES);
      expect(sha256(await esp.readFile('EFI/BOOT/BOOTX64.EFI'))).toBe(
        sha256(await readFile(loaderX64)),
      );
    } finally {
      await handle.close();
    }
    const inspection = await inspectImage(info.path);
    expect(inspection.boot).toEqual({ mode: 'hybrid', arch: 'x86_64' });
    expect(inspection.esp).toMatchObject({
      offsetBytes: info.espOffsetBytes,
      sizeBytes: ESP_BYTES,
      entries: [
        { path: 'EFI', kind: 'directory' },
        { path: 'EFI/BOOT', kind: 'directory' },
        { path: 'EFI/BOOT/BOOTX64.EFI', kind: 'file', sizeBytes: 158_436 },
      ],
    });
    expect(inspection.bootfs?.offsetBytes).toBe(info.bootfsOffsetBytes);
    expect(inspection.root.manifest.get('program')).toBe('/hello');
    expect(await readBootLoaders(info.path)).toMatchObject({ bootMode: 'hybrid', arch: 'x86_64' });
  });
});

describe('an arm64 image (boot stub and an ESP)', () => {
  let info: Awaited<ReturnType<typeof writeImage>>;
  let bytes: Buffer;
  beforeAll(async () => {
    info = await writeImage(
      input({ uefiLoader: { arch: 'aarch64', path: loaderAa64 } }),
      join(dir, 'arm.img'),
    );
    bytes = await readFile(info.path);
  });

  test('the first sector is the boot stub: zeros, a region record with no stage2, 55 AA', () => {
    const stub = Buffer.from(encodeBootStub());
    const nonZero = [...stub.entries()].filter(([, byte]) => byte !== 0);
    // As Nanos' platform/virt/mbr.hex: 80 at 0x1AB (base 0x8000), 0C at 0x1BA (type 12), 55 AA.
    expect(nonZero).toEqual([
      [0x1ab, 0x80],
      [0x1ba, 0x0c],
      [0x1fe, 0x55],
      [0x1ff, 0xaa],
    ]);
    expect(bytes.subarray(0, 0x1be)).toEqual(stub.subarray(0, 0x1be));
    expect(decodeMbr(bytes).region).toEqual({ base: 0x8000, length: 0, type: 12 });
  });

  test('klog at 512, ESP at LBA 9: MBR entries as Nanos mkfs -b boot-stub.img -u bootaa64.efi writes them', () => {
    expect(info).toMatchObject({ bootMode: 'uefi', espOffsetBytes: 512 + KLOG_AREA_BYTES });
    expect(entryHex(bytes, 0)).toBe('80000a00ef343904' + '09000000' + '00080100');
    expect(entryHex(bytes, 1)).toBe('80343a0483bb3f05' + '09080100' + '00600000');
    expect(entryHex(bytes, 2).slice(0, 10)).toBe('80bc010583');
    expect(bytes.readUInt32LE(0x1be + 2 * 16 + 8)).toBe(92_169);
  });

  test('the ESP holds EFI/BOOT/BOOTAA64.EFI; inspect and the loader check say uefi, aarch64', async () => {
    const inspection = await inspectImage(info.path);
    expect(inspection.boot).toEqual({ mode: 'uefi', arch: 'aarch64' });
    expect(inspection.esp?.entries.at(-1)).toEqual({
      path: 'EFI/BOOT/BOOTAA64.EFI',
      kind: 'file',
      sizeBytes: 128_112,
    });
    expect(await readBootLoaders(info.path)).toMatchObject({ bootMode: 'uefi', arch: 'aarch64' });
  });

  test('the same inputs give the same bytes', async () => {
    const again = await writeImage(
      input({ uefiLoader: { arch: 'aarch64', path: loaderAa64 } }),
      join(dir, 'arm-again.img'),
    );
    expect(again.sha256).toBe(info.sha256);
    expect(sha256(await readFile(again.path))).toBe(info.sha256);
  });
});

describe('bad inputs', () => {
  test('neither boot.img nor a UEFI loader is a UserError', async () => {
    await expect(writeImage(input({}), join(dir, 'none.img'))).rejects.toThrow(
      /needs a boot loader: the BIOS one \(boot\.img\) or the UEFI one/,
    );
  });

  test('a missing UEFI loader is a UserError naming it', async () => {
    const missing = join(dir, 'nope', 'bootaa64.efi');
    const error = await writeImage(
      input({ uefiLoader: { arch: 'aarch64', path: missing } }),
      join(dir, 'missing.img'),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toContain(`Cannot read the UEFI loader at ${missing}`);
  });

  test('a BIOS-only image says bios and has no ESP', async () => {
    const info = await writeImage(input({ bootImg }), join(dir, 'bios.img'));
    expect(info.bootMode).toBe('bios');
    expect(info.espOffsetBytes).toBeUndefined();
    const inspection = await inspectImage(info.path);
    expect(inspection.boot).toEqual({ mode: 'bios', arch: 'x86_64' });
    expect(inspection.esp).toBeUndefined();
  });
});
