// Builds root filesystems for programs compiled with `cc` inside the test: the shared
// libraries must land in the tree at the loader's paths, next to the config's own files.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { buildRootFilesystem, placeProgram } from '../../src/image/manifest.js';
import { lookupNode } from '../../src/image/tree.js';
import { parseConfig } from '../../src/plan/config.js';
import { listTree, minimalInput, plain } from './manifest-fixture.js';

const run = promisify(execFile);
let cwd: string;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'nanoship-manifest-itg-'));
  await writeFile(join(cwd, 'greet.c'), 'const char *greeting(void) { return "hi"; }\n');
  await writeFile(
    join(cwd, 'main.c'),
    '#include <math.h>\n#include <stdio.h>\nconst char *greeting(void);\nvolatile double x = 1;\n' +
      'int main(void) { printf("%s %f\\n", greeting(), sin(x)); return 0; }\n',
  );
  await mkdir(join(cwd, 'out/lib'), { recursive: true });
  await run('cc', ['-shared', '-fPIC', '-o', 'out/lib/libgreet.so', 'greet.c'], { cwd });
  await run(
    'cc',
    ['-o', 'out/app', 'main.c', '-Lout/lib', '-lgreet', '-lm', '-Wl,-rpath,$ORIGIN/lib'],
    { cwd },
  );
  await run('cc', ['-static', '-o', 'out/static-app', 'main.c', 'greet.c', '-lm'], { cwd });
  await writeFile(join(cwd, 'settings.ini'), 'a=1');
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

describe('a dynamic program from an ops config', () => {
  test('gets its libraries, the interpreter and the config files in one tree', async () => {
    const config = parseConfig(
      JSON.stringify({
        Program: './out/app',
        Args: ['-v'],
        Files: ['settings.ini'],
        Env: { A: 'b' },
      }),
      'config.json',
    );
    const program = await placeProgram(config.Program!, cwd);
    const rootfs = await buildRootFilesystem({
      ...minimalInput(program.hostPath, program.argv0, cwd),
      program,
      args: config.Args!,
      env: config.Env!,
      files: [{ host: 'settings.ini', image: '/settings.ini' }],
    });

    const { stdout } = await run('ldd', [join(cwd, 'out/app')]);
    const loaderPath = (name: string) =>
      new RegExp(`${name.replaceAll('.', '\\.')} => (\\S+)`).exec(stdout)![1]!;
    const expectedLibraries = [
      '/lib64/ld-linux-x86-64.so.2',
      loaderPath('libc.so.6'),
      loaderPath('libm.so.6'),
      '/out/lib/libgreet.so',
    ];
    expect(rootfs.libraries.map((library) => library.imagePath).sort()).toEqual(
      expectedLibraries.sort(),
    );
    for (const imagePath of expectedLibraries) {
      const node = lookupNode(rootfs.tree, imagePath);
      expect(node?.kind).toBe('file');
      if (node?.kind === 'file' && node.source.kind === 'host') {
        const hostPath = imagePath === '/out/lib/libgreet.so' ? join(cwd, imagePath) : imagePath;
        expect(node.source.path).toBe(await realpath(hostPath));
        expect(node.source.size).toBe((await stat(hostPath)).size);
      }
    }
    expect(listTree(rootfs.tree)).toContain(`/settings.ini host ${join(cwd, 'settings.ini')} (3)`);
    expect(plain(rootfs.manifest)).toMatchObject({
      program: '/out/app',
      arguments: ['./out/app', '-v'],
      environment: { A: 'b', USER: 'root' },
    });
  });

  test('a static build of the same program needs no libraries', async () => {
    const program = await placeProgram('out/static-app', cwd);
    const rootfs = await buildRootFilesystem(minimalInput(program.hostPath, program.argv0, cwd));
    expect(rootfs.libraries).toEqual([]);
    expect(lookupNode(rootfs.tree, '/lib64')).toBeUndefined();
    expect(lookupNode(rootfs.tree, '/out/static-app')?.kind).toBe('file');
  });
});
