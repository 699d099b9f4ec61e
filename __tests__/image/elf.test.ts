import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { assertArchitecture, type ElfInfo, readElf } from '../../src/image/elf.js';
import { buildElf } from './elf-fixture.js';

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-elf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fileWith(bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, `f${counter++}`);
  await writeFile(path, bytes);
  return path;
}

async function errorOf(bytes: Uint8Array | string): Promise<string> {
  const path = await fileWith(bytes);
  try {
    await readElf(path);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message.replace(path, 'FILE');
  }
  throw new Error('expected readElf to refuse the file');
}

const DYNAMIC_PROGRAM = {
  interpreter: '/lib64/ld-linux-x86-64.so.2',
  needed: ['libm.so.6', 'libc.so.6'],
  rpath: '$ORIGIN/lib:/opt/lib',
};

describe('valid files', () => {
  test.each([
    {
      name: 'a 64-bit little-endian dynamic x86-64 program',
      spec: DYNAMIC_PROGRAM,
      want: {
        elfClass: 64,
        byteOrder: 'little',
        machine: 62,
        machineName: 'x86_64',
        type: 'shared',
        interpreter: '/lib64/ld-linux-x86-64.so.2',
        needed: ['libm.so.6', 'libc.so.6'],
        rpath: ['$ORIGIN/lib', '/opt/lib'],
        runpath: [],
        isStatic: false,
      },
    },
    {
      name: 'a 64-bit big-endian aarch64 library with RUNPATH and SONAME',
      spec: {
        little: false,
        machine: 183,
        needed: ['libc.so.6'],
        runpath: '/x',
        soname: 'libz.so.1',
      },
      want: {
        elfClass: 64,
        byteOrder: 'big',
        machine: 183,
        machineName: 'aarch64',
        type: 'shared',
        needed: ['libc.so.6'],
        rpath: [],
        runpath: ['/x'],
        soname: 'libz.so.1',
        isStatic: false,
      },
    },
    {
      name: 'a 32-bit i386 executable',
      spec: {
        elfClass: 32 as const,
        type: 2,
        interpreter: '/lib/ld-linux.so.2',
        needed: ['libc.so.6'],
      },
      want: {
        elfClass: 32,
        byteOrder: 'little',
        machine: 3,
        machineName: 'i386',
        type: 'executable',
        interpreter: '/lib/ld-linux.so.2',
        needed: ['libc.so.6'],
        rpath: [],
        runpath: [],
        isStatic: false,
      },
    },
    {
      name: 'a static program without a dynamic section',
      spec: { type: 2, noDynamic: true },
      want: { type: 'executable', needed: [], rpath: [], runpath: [], isStatic: true },
    },
    {
      name: 'a static-pie program (dynamic section, no interpreter, no needed)',
      spec: {},
      want: { type: 'shared', needed: [], isStatic: true },
    },
    {
      name: 'an unknown machine',
      spec: { machine: 999 },
      want: { machine: 999, machineName: 'machine 999' },
    },
  ])('reads $name', async ({ spec, want }) => {
    const info = await readElf(await fileWith(buildElf(spec)));
    expect(info).toMatchObject(want);
    if (!('interpreter' in want)) expect(info.interpreter).toBeUndefined();
  });
});

describe('malformed files', () => {
  test.each([
    {
      name: 'an empty file',
      bytes: new Uint8Array(0),
      message:
        'FILE is not an ELF file (magic 7f 45 4c 46 expected, found an empty file). Give a compiled Linux program.',
    },
    {
      name: 'a shell script',
      bytes: '#!/bin/sh\necho hi\n',
      message:
        'FILE is not an ELF file (magic 7f 45 4c 46 expected, found 23 21 2f 62). It looks like a script: give the compiled program (or its interpreter) instead.',
    },
    {
      name: 'a macOS program',
      bytes: Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]),
      message:
        'FILE is not an ELF file (magic 7f 45 4c 46 expected, found cf fa ed fe). It looks like a macOS (Mach-O) program: build it for Linux.',
    },
    {
      name: 'only the magic',
      bytes: Uint8Array.from([0x7f, 0x45, 0x4c, 0x46]),
      message: 'FILE is truncated: the ELF identification needs 16 bytes, the file has 4.',
    },
    {
      name: 'a bad class byte',
      bytes: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 9, 1]), Buffer.alloc(58)]),
      message: 'FILE is a malformed ELF file: class byte 9 is neither 1 (32-bit) nor 2 (64-bit).',
    },
    {
      name: 'a header cut short',
      bytes: buildElf(DYNAMIC_PROGRAM).subarray(0, 40),
      message:
        'FILE is truncated: ELF header at offset 0 (64 bytes) extends past the end of the file (40 bytes).',
    },
    {
      name: 'a program header table cut short',
      bytes: buildElf(DYNAMIC_PROGRAM).subarray(0, 100),
      message:
        'FILE is truncated: program header table at offset 64 (168 bytes) extends past the end of the file (100 bytes).',
    },
  ])('$name is refused with a clear message', async ({ bytes, message }) => {
    expect(await errorOf(bytes)).toBe(message);
  });

  test('a directory is refused', async () => {
    const sub = join(dir, 'a-directory');
    await mkdir(sub);
    await expect(readElf(sub)).rejects.toThrow(`${sub} is a directory, not an ELF file.`);
  });

  test('a missing file is refused', async () => {
    await expect(readElf(join(dir, 'nope'))).rejects.toThrow(
      `${join(dir, 'nope')} does not exist.`,
    );
  });

  test('every truncation of a valid file is a UserError or a valid result', async () => {
    const full = buildElf({ ...DYNAMIC_PROGRAM, runpath: '/r', soname: 'libx.so' });
    for (let length = 0; length < full.length; length++) {
      await expectTypedOutcome(full.subarray(0, length), `truncated to ${length} bytes`);
    }
  });

  test.each([
    { name: '64-bit little-endian', spec: { ...DYNAMIC_PROGRAM, runpath: '/r' } },
    {
      name: '32-bit big-endian',
      spec: { ...DYNAMIC_PROGRAM, elfClass: 32 as const, little: false },
    },
  ])('every flipped byte of a $name file is a UserError or a valid result', async ({ spec }) => {
    const full = buildElf(spec);
    for (let at = 0; at < full.length; at++) {
      for (const mask of [0xff, 0x80, 0x01]) {
        const flipped = full.slice();
        flipped[at]! ^= mask;
        await expectTypedOutcome(flipped, `byte ${at} xor 0x${mask.toString(16)}`);
      }
    }
  });
});

describe('assertArchitecture', () => {
  const x86: ElfInfo = {
    elfClass: 64,
    byteOrder: 'little',
    machine: 62,
    machineName: 'x86_64',
    type: 'shared',
    needed: [],
    rpath: [],
    runpath: [],
    isStatic: true,
  };
  const arm: ElfInfo = { ...x86, machine: 183, machineName: 'aarch64' };
  const i386: ElfInfo = { ...x86, elfClass: 32, machine: 3, machineName: 'i386' };
  const x32: ElfInfo = { ...x86, elfClass: 32 };

  test('accepts a matching program', () => {
    expect(() => assertArchitecture(x86, 'x86_64', 'program ./x')).not.toThrow();
    expect(() => assertArchitecture(arm, 'aarch64', 'program ./x')).not.toThrow();
  });

  const toAarch64 =
    'build it for aarch64 Linux (Go: GOARCH=arm64; C: aarch64-linux-gnu-gcc; Rust: --target aarch64-unknown-linux-gnu)';
  const toX86 =
    'build it for x86_64 Linux (Go: GOARCH=amd64; C: x86_64-linux-gnu-gcc; Rust: --target x86_64-unknown-linux-gnu)';
  test.each([
    {
      elf: arm,
      arch: 'x86_64' as const,
      message: `program ./x is built for aarch64 but arch is x86_64: ${toX86}, or set arch (--arch, input arch) to aarch64.`,
    },
    {
      elf: x86,
      arch: 'aarch64' as const,
      message: `program ./x is built for x86_64 but arch is aarch64: ${toAarch64}, or set arch (--arch, input arch) to x86_64.`,
    },
    {
      elf: i386,
      arch: 'x86_64' as const,
      message: `program ./x is built for i386 but arch is x86_64: ${toX86}.`,
    },
    {
      elf: x32,
      arch: 'x86_64' as const,
      message: `program ./x is built for 32-bit x86_64 but arch is x86_64: ${toX86}.`,
    },
  ])('refuses a $elf.machineName program for arch $arch, naming both', ({ elf, arch, message }) => {
    expect(() => assertArchitecture(elf, arch, 'program ./x')).toThrow(new UserError(message));
  });
});

async function expectTypedOutcome(bytes: Uint8Array, label: string): Promise<void> {
  const path = await fileWith(bytes);
  try {
    const info = await readElf(path);
    expect(typeof info.machine).toBe('number');
  } catch (error) {
    if (!(error instanceof UserError)) {
      throw new Error(`${label}: expected a UserError, got ${String(error)}`);
    }
  } finally {
    await rm(path);
  }
}
