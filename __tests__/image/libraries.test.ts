// Library discovery on synthetic ELF files inside a sysroot: no compiler needed.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readElf } from '../../src/image/elf.js';
import { discoverLibraries } from '../../src/image/libraries.js';
import { buildElf } from './elf-fixture.js';

const INTERPRETER = '/lib64/ld-linux-x86-64.so.2';
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'nanoship-libraries-'));
  await mkdir(join(root, 'lib64'));
  await mkdir(join(root, 'usr/lib'), { recursive: true });
  await writeFile(join(root, 'static'), buildElf({ type: 2, noDynamic: true }));
  await writeFile(join(root, 'arm'), buildElf({ type: 2, noDynamic: true, machine: 183 }));
  await writeFile(
    join(root, 'server'),
    buildElf({ type: 2, interpreter: INTERPRETER, needed: ['libc.so.6'] }),
  );
  await writeFile(
    join(root, 'needs-missing'),
    buildElf({ type: 2, interpreter: INTERPRETER, needed: ['libmissing.so.1'] }),
  );
  await writeFile(
    join(root, 'arm-dynamic'),
    buildElf({
      type: 2,
      machine: 183,
      interpreter: '/lib/ld-linux-aarch64.so.1',
      needed: ['libc.so.6'],
    }),
  );
  await mkdir(join(root, 'aarch64-sysroot/lib'), { recursive: true });
  await writeFile(
    join(root, 'aarch64-sysroot/lib/ld-linux-aarch64.so.1'),
    buildElf({ type: 3, machine: 183 }),
  );
  await writeFile(
    join(root, 'aarch64-sysroot/lib/libc.so.6'),
    buildElf({ type: 3, machine: 183, soname: 'libc.so.6' }),
  );
  await writeFile(join(root, 'lib64/ld-linux-x86-64.so.2'), buildElf({ type: 3 }));
  await writeFile(join(root, 'usr/lib/libc.so.6'), buildElf({ type: 3, soname: 'libc.so.6' }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('discoverLibraries', () => {
  test('finds the interpreter and a needed library in the default directories', async () => {
    const libraries = await discoverLibraries(join(root, 'server'), {
      arch: 'x86_64',
      targetRoot: root,
      programImagePath: '/server',
    });
    expect(libraries).toEqual([
      {
        imagePath: INTERPRETER,
        hostPath: join(root, 'lib64/ld-linux-x86-64.so.2'),
        neededBy: '/server',
      },
      {
        imagePath: '/usr/lib/libc.so.6',
        hostPath: join(root, 'usr/lib/libc.so.6'),
        neededBy: '/server',
      },
    ]);
  });

  test('uses the program ELF facts it is given instead of reading the program again', async () => {
    const programElf = await readElf(join(root, 'static'));
    const absent = join(root, 'not-there');
    expect(await discoverLibraries(absent, { arch: 'x86_64', programElf })).toEqual([]);
  });

  test('still checks the architecture of the program ELF facts it is given', async () => {
    const programElf = await readElf(join(root, 'arm'));
    await expect(discoverLibraries('./arm', { arch: 'x86_64', programElf })).rejects.toThrow(
      'program ./arm is built for aarch64 but arch is x86_64',
    );
  });

  test('names the default directories, in the loader order, when a library is missing', async () => {
    await expect(
      discoverLibraries(join(root, 'needs-missing'), {
        arch: 'x86_64',
        targetRoot: root,
        programImagePath: '/needs-missing',
      }),
    ).rejects.toThrow(
      `Cannot find shared library libmissing.so.1, needed by /needs-missing (${join(root, 'needs-missing')}). ` +
        `Searched inside TargetRoot ${root}: /lib64, /lib/x86_64-linux-gnu, /usr/lib, /usr/lib64, /usr/lib/x86_64-linux-gnu, /lib.`,
    );
  });

  test('an aarch64 program takes its loader and libc from an aarch64 sysroot laid out like /usr/aarch64-linux-gnu', async () => {
    const sysroot = join(root, 'aarch64-sysroot');
    const libraries = await discoverLibraries(join(root, 'arm-dynamic'), {
      arch: 'aarch64',
      targetRoot: sysroot,
      programImagePath: '/arm-dynamic',
    });
    expect(libraries.map((library) => [library.imagePath, library.hostPath])).toEqual([
      ['/lib/ld-linux-aarch64.so.1', join(sysroot, 'lib/ld-linux-aarch64.so.1')],
      ['/lib/libc.so.6', join(sysroot, 'lib/libc.so.6')],
    ]);
  });

  test('a sysroot without the aarch64 loader: the message says how to point at the right one', async () => {
    // An empty sysroot rather than none: the host may have an aarch64 loader of its own.
    const empty = join(root, 'empty-sysroot');
    await mkdir(empty, { recursive: true });
    const error = await discoverLibraries(join(root, 'arm-dynamic'), {
      arch: 'aarch64',
      targetRoot: empty,
      programImagePath: '/arm-dynamic',
    }).catch((caught: Error) => caught);
    expect((error as Error).message).toMatch(
      /^Cannot find shared library \/lib\/ld-linux-aarch64\.so\.1, needed by \/arm-dynamic .* point --target-root \(input target-root, config\.json TargetRoot\) at a sysroot that has it \(an aarch64 program built on an x86_64 host: \/usr\/aarch64-linux-gnu, package libc6-arm64-cross\)\.$/,
    );
  });
});
