// Compiles small C programs and libraries with the machine's `cc`, then checks that the
// libraries found by reading ELF files are exactly the ones the real loader uses.
import { execFile } from 'node:child_process';
import {
  copyFile,
  mkdir,
  mkdtemp,
  realpath,
  rm,
  symlink,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { discoverLibraries, type Library } from '../../src/image/libraries.js';
import { buildElf } from './elf-fixture.js';

const run = promisify(execFile);
const INTERPRETER = '/lib64/ld-linux-x86-64.so.2';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-libs-'));
  await writeFile(
    join(dir, 'hello.c'),
    '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n',
  );
  await writeFile(
    join(dir, 'math.c'),
    '#include <math.h>\n#include <stdio.h>\nvolatile double x = 0.5;\nint main(void) { printf("%f\\n", cos(x)); return 0; }\n',
  );
  await writeFile(
    join(dir, 'greet.c'),
    'const char *greeting(void) { return "hi from libgreet"; }\n',
  );
  await writeFile(
    join(dir, 'greeter.c'),
    '#include <stdio.h>\nconst char *greeting(void);\nint main(void) { puts(greeting()); return 0; }\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cc(...args: string[]): Promise<void> {
  await run('cc', args, { cwd: dir });
}

/** What the real loader resolves, per `ldd` on a program the test compiled itself. */
async function lddPaths(program: string): Promise<Map<string, string>> {
  const { stdout } = await run('ldd', [program]);
  const paths = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^\s*(\S+) => (\S+) \(/.exec(line);
    if (match) paths.set(match[1]!, match[2]!);
  }
  return paths;
}

function imagePaths(libraries: Library[]): string[] {
  return libraries.map((library) => library.imagePath);
}

/** Builds app/bin/greeter linked to app/lib/libgreet.so.1 (a symlink to libgreet.so.1.0.0). */
async function buildGreeter(name: string, dtags: 'rpath' | 'runpath'): Promise<string> {
  const app = join(dir, name);
  await mkdir(join(app, 'lib'), { recursive: true });
  await mkdir(join(app, 'bin'), { recursive: true });
  await cc(
    '-shared',
    '-fPIC',
    '-Wl,-soname,libgreet.so.1',
    '-o',
    join(app, 'lib/libgreet.so.1.0.0'),
    'greet.c',
  );
  await symlink('libgreet.so.1.0.0', join(app, 'lib/libgreet.so.1'));
  await symlink('libgreet.so.1', join(app, 'lib/libgreet.so'));
  const tags = dtags === 'rpath' ? '-Wl,--disable-new-dtags' : '-Wl,--enable-new-dtags';
  const program = join(app, 'bin/greeter');
  await cc(
    '-o',
    program,
    'greeter.c',
    `-L${join(app, 'lib')}`,
    '-lgreet',
    '-Wl,-rpath,$ORIGIN/../lib',
    tags,
  );
  return program;
}

describe('a static program', () => {
  test.each([['-static'], ['-static-pie']])('built with %s needs no libraries', async (flag) => {
    const program = join(dir, `hello${flag}`);
    await cc(flag, '-o', program, 'hello.c');
    expect(await discoverLibraries(program, { arch: 'x86_64' })).toEqual([]);
  });
});

describe('a dynamic program', () => {
  test('linked with libc and libm gets exactly the libraries the loader uses', async () => {
    const program = join(dir, 'math');
    await cc('-o', program, 'math.c', '-lm');
    const loader = await lddPaths(program);
    const libraries = await discoverLibraries(program, {
      arch: 'x86_64',
      programImagePath: '/math',
    });

    expect(imagePaths(libraries)).toEqual(
      [INTERPRETER, loader.get('libc.so.6')!, loader.get('libm.so.6')!].sort(),
    );
    for (const library of libraries) {
      expect(library.hostPath).toBe(await realpath(library.imagePath));
      expect(library.neededBy).toBe('/math');
    }
  });

  test('the program architecture is checked against the kernel', async () => {
    const program = join(dir, 'hello-arch');
    await cc('-o', program, 'hello.c');
    await expect(discoverLibraries(program, { arch: 'aarch64' })).rejects.toThrow(
      `program ${program} is built for x86_64 but arch is aarch64`,
    );
  });
});

describe('$ORIGIN', () => {
  test.each([['rpath' as const], ['runpath' as const]])(
    'a library found through $ORIGIN/../lib in DT_%s lands beside the program in the image',
    async (dtags) => {
      const program = await buildGreeter(`app-${dtags}`, dtags);
      expect((await run(program)).stdout).toBe('hi from libgreet\n');
      const libraries = await discoverLibraries(program, {
        arch: 'x86_64',
        programImagePath: '/app/bin/greeter',
      });
      const greet = libraries.find((library) => library.imagePath === '/app/lib/libgreet.so.1');
      expect(greet).toEqual({
        imagePath: '/app/lib/libgreet.so.1',
        hostPath: await realpath(join(dir, `app-${dtags}/lib/libgreet.so.1.0.0`)),
        neededBy: '/app/bin/greeter',
      });
      expect(imagePaths(libraries)).toContain(INTERPRETER);
      expect(libraries).toHaveLength(3);
    },
  );

  test('LD_LIBRARY_PATH from the config is searched', async () => {
    const program = join(dir, 'greeter-ld');
    const lib = join(dir, 'app-rpath/lib');
    await cc('-o', program, 'greeter.c', `-L${lib}`, '-lgreet');
    const libraries = await discoverLibraries(program, { arch: 'x86_64', ldLibraryPath: [lib] });
    expect(
      libraries.find((library) => library.imagePath === `${lib}/libgreet.so.1`)?.hostPath,
    ).toBe(await realpath(`${lib}/libgreet.so.1.0.0`));
  });

  test('a missing library is an error naming it, who needs it and where it was looked for', async () => {
    const program = await buildGreeter('app-missing', 'rpath');
    await unlink(join(dir, 'app-missing/lib/libgreet.so.1'));
    const error = await discoverLibraries(program, {
      arch: 'x86_64',
      programImagePath: '/app/bin/greeter',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toContain(
      `Cannot find shared library libgreet.so.1, needed by /app/bin/greeter (${program}).`,
    );
    expect(message).toContain(
      `Searched: ${join(dir, 'app-missing/lib')}, /lib64, /lib/x86_64-linux-gnu,`,
    );
  });
});

describe('a sysroot (TargetRoot)', () => {
  test('libraries come from inside the root, absolute links re-resolved inside it, wrong machines skipped', async () => {
    const program = join(dir, 'math-sysroot');
    await cc('-o', program, 'math.c', '-lm');
    const root = join(dir, 'sysroot');
    const multiarch = join(root, 'usr/lib/x86_64-linux-gnu');
    await mkdir(multiarch, { recursive: true });
    await mkdir(join(root, 'lib64'));
    const loader = await lddPaths(program);
    await copyFile(await realpath(INTERPRETER), join(multiarch, 'ld-linux-x86-64.so.2'));
    await copyFile(await realpath(loader.get('libc.so.6')!), join(multiarch, 'libc.so.6'));
    await copyFile(await realpath(loader.get('libm.so.6')!), join(multiarch, 'libm-copy.so'));
    // Absolute links that would escape to the host if followed naively.
    await symlink(
      '/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2',
      join(root, 'lib64/ld-linux-x86-64.so.2'),
    );
    await symlink('/usr/lib/x86_64-linux-gnu/libm-copy.so', join(multiarch, 'libm.so.6'));
    await symlink('usr/lib', join(root, 'lib'));
    // A 32-bit libm earlier in the search order must be passed over.
    await writeFile(join(root, 'lib64/libm.so.6'), buildElf({ elfClass: 32, machine: 3 }));

    const libraries = await discoverLibraries(program, { arch: 'x86_64', targetRoot: root });

    const realRoot = await realpath(root);
    expect(libraries.map(({ imagePath, hostPath }) => ({ imagePath, hostPath }))).toEqual([
      {
        imagePath: '/lib/x86_64-linux-gnu/libc.so.6',
        hostPath: join(realRoot, 'usr/lib/x86_64-linux-gnu/libc.so.6'),
      },
      {
        imagePath: '/lib/x86_64-linux-gnu/libm.so.6',
        hostPath: join(realRoot, 'usr/lib/x86_64-linux-gnu/libm-copy.so'),
      },
      {
        imagePath: INTERPRETER,
        hostPath: join(realRoot, 'usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2'),
      },
    ]);
  });

  test('a library missing from the root is not taken from the host', async () => {
    const program = join(dir, 'math-empty-root');
    await cc('-o', program, 'math.c', '-lm');
    const root = join(dir, 'empty-root');
    await mkdir(join(root, 'lib64'), { recursive: true });
    await copyFile(await realpath(INTERPRETER), join(root, 'lib64/ld-linux-x86-64.so.2'));
    await expect(discoverLibraries(program, { arch: 'x86_64', targetRoot: root })).rejects.toThrow(
      `Cannot find shared library libm.so.6, needed by ${program} (${program}). Searched inside TargetRoot ${root}:`,
    );
  });
});
