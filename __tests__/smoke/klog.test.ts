import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { KLOG_AREA_BYTES } from '../../src/image/mbr.js';
import {
  clearKlog,
  decodeDebugExitStatus,
  decodeKlog,
  describeKernelExitCode,
  encodeKlog,
  type KlogRecord,
  klogOffset,
  readKlogAt,
} from '../../src/smoke/klog.js';
import { programExitCode } from '../../src/smoke/watch.js';

/** A record laid out byte by byte as in format spec §1.4 (not through encodeKlog). */
function specRecord(bootId: bigint, exitCode: number, messages: string): Buffer {
  const area = Buffer.alloc(KLOG_AREA_BYTES);
  area.write('KLOG', 0, 'latin1'); // magic
  area.writeBigUInt64LE(bootId, 4); // boot id
  area.writeInt32LE(exitCode, 12); // exit code, signed
  area.write(messages, 16, 'utf8'); // console tail, NUL-terminated (rest is zero)
  return area;
}

/** A disk shaped like a Nanos image built from the cited boot.img: bootfs at LBA 103. */
function nanosLikeDisk(area: Buffer, firstLba = 103): Buffer {
  const disk = Buffer.alloc(firstLba * 512 + 4096, 0xcc);
  disk.fill(0, 0x1be, 0x1fe);
  disk[0x1be + 4] = 0x83; // a Nanos boot filesystem entry
  disk.writeUInt32LE(firstLba, 0x1be + 8);
  disk.writeUInt32LE(8, 0x1be + 12);
  disk[0x1fe] = 0x55;
  disk[0x1ff] = 0xaa;
  area.copy(disk, firstLba * 512 - 4096);
  return disk;
}

describe('decodeKlog', () => {
  test('decodes a record laid out as in the spec', () => {
    const record = decodeKlog(
      specRecord(42n, 3, '[0.591227] NET: no network interface found\nexiting with 3\n'),
    );
    expect(record).toEqual({
      bootId: 42n,
      exitCode: 3,
      messages: '[0.591227] NET: no network interface found\nexiting with 3\n',
    });
  });

  test.each([
    { name: 'all zeros (builders reserve the area)', area: Buffer.alloc(KLOG_AREA_BYTES) },
    { name: 'wrong magic', area: Buffer.concat([Buffer.from('KLOF'), Buffer.alloc(4092)]) },
    { name: 'too short', area: Buffer.from('KLOG') },
  ])('returns undefined for $name', ({ area }) => {
    expect(decodeKlog(area)).toBeUndefined();
  });

  test('reads a negative exit code as signed and messages without a NUL to the end', () => {
    const area = specRecord(0n, -1, '');
    area.fill(0x41, 16);
    const record = decodeKlog(area);
    expect(record?.exitCode).toBe(-1);
    expect(record?.messages).toBe('A'.repeat(4080));
  });

  test('encodeKlog writes the same bytes as the spec layout', () => {
    const messages = 'program exited\n';
    expect(encodeKlog({ bootId: 9n, exitCode: 11, messages })).toEqual(
      specRecord(9n, 11, messages),
    );
  });
});

/** The record in a disk's klog area, found the way runSmoke finds it. */
async function readKlogFromImage(path: string): Promise<KlogRecord | undefined> {
  const offset = await klogOffset(path);
  return offset === undefined ? undefined : readKlogAt(path, offset);
}

describe('klog area in a disk image', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nanoship-klog-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('is found 4096 bytes before the first partition (0xBE00 for LBA 103)', async () => {
    const path = join(dir, 'offset.img');
    await writeFile(path, nanosLikeDisk(Buffer.alloc(KLOG_AREA_BYTES)));
    expect(await klogOffset(path)).toBe(0xbe00);
    expect(await readKlogFromImage(path)).toBeUndefined();
  });

  test('reads the record a kernel left', async () => {
    const path = join(dir, 'record.img');
    await writeFile(path, nanosLikeDisk(specRecord(1n, 127, 'halt\n')));
    expect(await readKlogFromImage(path)).toEqual({
      bootId: 1n,
      exitCode: 127,
      messages: 'halt\n',
    });
  });

  test('a disk without the MBR signature has no klog area', async () => {
    const path = join(dir, 'raw.img');
    await writeFile(path, Buffer.alloc(64 * 1024));
    expect(await klogOffset(path)).toBeUndefined();
    expect(await readKlogFromImage(path)).toBeUndefined();
  });

  test('clearKlog zeroes a record and leaves every other byte alone', async () => {
    const path = join(dir, 'clear.img');
    const disk = nanosLikeDisk(specRecord(1n, 3, 'x'));
    await writeFile(path, disk);
    expect(await clearKlog(path, 0xbe00)).toBe(true);
    const after = await readFile(path);
    expect(after.subarray(0xbe00, 0xbe00 + 4096)).toEqual(Buffer.alloc(4096));
    expect(after.subarray(0, 0xbe00)).toEqual(disk.subarray(0, 0xbe00));
    expect(after.subarray(0xce00)).toEqual(disk.subarray(0xce00));
    expect(await clearKlog(path, 0xbe00)).toBe(false);
  });
});

describe('exit status', () => {
  test.each([
    { status: 1, code: 0 },
    { status: 7, code: 3 },
    { status: 23, code: 11 }, // SIGSEGV
    { status: 255, code: 127 }, // halt
    { status: 0, code: undefined },
    { status: 2, code: undefined },
  ])('QEMU status $status from isa-debug-exit is program code $code', ({ status, code }) => {
    expect(decodeDebugExitStatus(status)).toBe(code);
  });

  test.each([
    { name: 'debug-exit status wins', status: 7, record: undefined, want: 3 },
    { name: 'power-off without a record is 0', status: 0, record: undefined, want: 0 },
    { name: 'power-off with a record is its code', status: 0, record: 3, want: 3 },
    { name: 'any other status carries no code', status: 2, record: 3, want: undefined },
  ])('programExitCode: $name', ({ status, record, want }) => {
    const klog = record === undefined ? undefined : { bootId: 0n, exitCode: record, messages: '' };
    expect(programExitCode(status, klog)).toBe(want);
  });

  test('names the kernel reserved codes', () => {
    expect(describeKernelExitCode(0x7f)).toBe('kernel halt or panic');
    expect(describeKernelExitCode(0x7e)).toBe('kernel fault');
    expect(describeKernelExitCode(3)).toBeUndefined();
  });
});
