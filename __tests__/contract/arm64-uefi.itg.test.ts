/**
 * Contract tests of arm64 and UEFI images through the shipped CLI (`node dist/cli/nanoship.mjs`),
 * as a user runs it. Nothing here imports src/.
 *
 * Always: an arm64 image built from a stand-in aarch64 kernel folder is a UEFI-only image with
 * BOOTAA64.EFI in its ESP and reproducible bytes; a program of the wrong architecture and a
 * kernel folder of the wrong architecture are refused with one message and no image left.
 *
 * With a real aarch64 Nanos release folder (NANOS_KERNEL_DIR_AARCH64: kernel.img, bootaa64.efi,
 * klibs/), qemu-system-aarch64, AAVMF and the cross tools (go, aarch64-linux-gnu-gcc): the kernel
 * is downloaded from a local mirror as the `-virt` archive, and an arm64 Go server and a dynamic
 * arm64 C program are built and boot under TCG through UEFI. With a real x86 release folder
 * (NANOS_KERNEL_DIR, with bootx64.efi) and OVMF: a `--uefi` image boots through UEFI by default
 * and through BIOS when asked. Each part says why when it is skipped.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { buildElf } from '../image/elf-fixture.js';
import {
  makeTempDir,
  md5,
  type ReleaseServer,
  startReleaseServer,
  writeReleaseFiles,
} from '../kernel/fixtures.js';
import { runCli } from './shipped.js';
import { realKernelDir } from './stand-ins.js';

jest.setTimeout(300_000);

const temp = makeTempDir('nanoship-contract-arm64-');
const work = path.join(temp.dir, 'work');
mkdirSync(work);

const cli = (args: string[]) =>
  runCli(args, { cwd: work, env: { XDG_CACHE_HOME: path.join(temp.dir, 'cache') } });

function onPath(binary: string): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v "$1"', 'sh', binary], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** What a part needs that this machine lacks, or undefined when it has everything. */
function lacking(needs: Record<string, boolean>): string | undefined {
  const missing = Object.entries(needs)
    .filter(([, present]) => !present)
    .map(([what]) => what);
  return missing.length > 0 ? missing.join(', ') : undefined;
}

/** A static aarch64 executable's headers: all the image builder reads of a program. */
const arm64Elf = () => buildElf({ machine: 183, type: 2, noDynamic: true });

afterAll(() => temp.remove());

describe('arm64 images from a stand-in aarch64 kernel folder', () => {
  let kernelDir: string;
  let program: string;
  beforeAll(() => {
    kernelDir = path.join(temp.dir, 'kernel-aarch64');
    mkdirSync(kernelDir);
    writeReleaseFiles(kernelDir, { bootImg: false });
    writeFileSync(path.join(kernelDir, 'bootaa64.efi'), Buffer.alloc(128 * 1024, 0xa6));
    program = path.join(work, 'tiny-arm64');
    writeFileSync(program, arm64Elf(), { mode: 0o755 });
  });

  const build = (output: string, extra: string[] = []) =>
    cli([
      'build',
      program,
      '--arch',
      'aarch64',
      '--kernel-dir',
      kernelDir,
      '--output',
      output,
      '--json',
      ...extra,
    ]);

  test('build makes a UEFI-only aarch64 image that inspect describes, byte for byte again', async () => {
    const first = await build(path.join(work, 'a.img'));
    expect(first.stderr).not.toContain('bug');
    expect(first.code).toBe(0);
    const image = JSON.parse(first.stdout);
    expect(image).toMatchObject({ arch: 'aarch64', bootMode: 'uefi' });
    const bytes = readFileSync(image.path);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(image.sha256);

    const inspected = await cli(['inspect', image.path]);
    expect(inspected.code).toBe(0);
    expect(inspected.stdout).toContain('boots with: UEFI, aarch64');
    expect(inspected.stdout).toMatch(
      /EFI System Partition at \d+ \(\d+ bytes\): EFI\/BOOT\/BOOTAA64\.EFI \(131072 bytes\)/,
    );

    const second = await build(path.join(work, 'b.img'));
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).sha256).toBe(image.sha256);
  });

  test('an x86-64 program with --arch aarch64 is refused naming both, and no image is left', async () => {
    const x86 = path.join(work, 'x86-program');
    execFileSync('cc', ['-O1', '-o', x86, '-x', 'c', '-'], { input: 'int main(void){return 0;}' });
    const output = path.join(work, 'wrong.img');
    const refused = await cli([
      'build',
      x86,
      '--arch',
      'aarch64',
      '--kernel-dir',
      kernelDir,
      '--output',
      output,
    ]);
    expect(refused.code).toBe(1);
    const errors = refused.stderr.split('\n').filter((line) => line.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('is built for x86_64 but arch is aarch64');
    expect(errors[0]).toContain('GOARCH=arm64');
    expect(existsSync(output)).toBe(false);
  });

  test('an aarch64 kernel folder used for an x86 build is refused naming both', async () => {
    const tagged = path.join(temp.dir, 'kernel-aarch64-elf');
    mkdirSync(tagged);
    writeReleaseFiles(tagged);
    writeFileSync(path.join(tagged, 'kernel.img'), arm64Elf());
    const refused = await cli(['build', program, '--kernel-dir', tagged, '--output', 'x.img']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `the kernel directory ${tagged} holds a kernel built for aarch64, but arch is x86_64`,
    );
  });
});

const realArmDir = process.env.NANOS_KERNEL_DIR_AARCH64;
const armMissing = lacking({
  'NANOS_KERNEL_DIR_AARCH64 (a real aarch64 release folder)':
    realArmDir !== undefined && existsSync(path.join(realArmDir, 'kernel.img')),
  'bootaa64.efi in it':
    realArmDir !== undefined && existsSync(path.join(realArmDir, 'bootaa64.efi')),
  'qemu-system-aarch64': onPath('qemu-system-aarch64'),
  'AAVMF (qemu-efi-aarch64)': existsSync('/usr/share/AAVMF/AAVMF_CODE.fd'),
  go: onPath('go'),
  'aarch64-linux-gnu-gcc': onPath('aarch64-linux-gnu-gcc'),
});
if (armMissing) console.warn(`skipping arm64 boots on a real kernel: missing ${armMissing}`);

(armMissing ? describe.skip : describe)('arm64 on a real aarch64 Nanos kernel', () => {
  const VERSION = '0.1.98';
  let server: ReleaseServer;
  let archive: Buffer;
  let kernelArgs: string[];

  beforeAll(async () => {
    // The real release folder served as the -virt archive of a mirror, as ops downloads it.
    const tarball = path.join(temp.dir, 'virt.tar.gz');
    execFileSync('tar', [
      '-C',
      realArmDir!,
      '-czf',
      tarball,
      'kernel.img',
      'bootaa64.efi',
      'klibs',
    ]);
    archive = readFileSync(tarball);
    server = await startReleaseServer();
    const name = `${VERSION}/nanos-release-linux-${VERSION}-virt`;
    server.route(`${name}.tar.gz`, { status: 200, body: archive });
    server.route(`${name}.md5`, { status: 200, body: `${md5(archive)}\n` });
    kernelArgs = ['--kernel-version', VERSION, '--kernel-base-url', server.baseUrl];
  });
  afterAll(async () => {
    await server?.close();
  });

  test('the -virt release downloads and verifies', async () => {
    const fetched = await cli(['kernel', '--arch', 'aarch64', ...kernelArgs, '--json']);
    expect(fetched.code).toBe(0);
    const toolchain = JSON.parse(fetched.stdout);
    expect(toolchain).toMatchObject({ version: VERSION, source: 'download' });
    expect(readFileSync(toolchain.kernelImg)).toEqual(
      readFileSync(path.join(realArmDir!, 'kernel.img')),
    );
    expect(server.requests.some((url) => url.endsWith('-virt.tar.gz'))).toBe(true);
  });

  test('an arm64 Go server builds, boots through UEFI and answers HTTP', async () => {
    const source = path.join(work, 'go-server');
    mkdirSync(source, { recursive: true });
    writeFileSync(path.join(source, 'go.mod'), 'module example.com/server\n\ngo 1.19\n');
    writeFileSync(
      path.join(source, 'main.go'),
      'package main\n\nimport (\n\t"fmt"\n\t"net/http"\n\t"runtime"\n)\n\nfunc main() {\n' +
        '\thttp.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, "hello from %s\\n", runtime.GOARCH) })\n' +
        '\tfmt.Println("listening")\n\thttp.ListenAndServe(":8080", nil)\n}\n',
    );
    const program = path.join(work, 'server-arm64');
    execFileSync('go', ['build', '-trimpath', '-o', program, '.'], {
      cwd: source,
      env: { ...process.env, CGO_ENABLED: '0', GOARCH: 'arm64', GOFLAGS: '-mod=mod' },
    });
    const built = await cli(['build', program, '--arch', 'aarch64', ...kernelArgs, '--json']);
    expect(built.code).toBe(0);
    const image = JSON.parse(built.stdout);
    expect(image).toMatchObject({ arch: 'aarch64', bootMode: 'uefi', kernelVersion: VERSION });

    const ran = await cli([
      'run',
      image.path,
      '--probe',
      'http://:8080/',
      '--expect-body',
      '^hello from arm64$',
      '--timeout',
      '120',
      '--json',
    ]);
    expect(ran.stderr).not.toContain('error');
    expect(JSON.parse(ran.stdout)).toMatchObject({
      verdict: 'pass',
      arch: 'aarch64',
      firmware: 'uefi',
      accel: 'tcg',
      imageSha256After: image.sha256,
    });
    expect(ran.code).toBe(0);
  });

  test('a dynamic arm64 C program finds its libraries in the cross sysroot and exits as expected', async () => {
    const program = path.join(work, 'cosine-arm64');
    execFileSync('aarch64-linux-gnu-gcc', ['-O1', '-o', program, '-x', 'c', '-', '-lm'], {
      input:
        '#include <math.h>\n#include <stdio.h>\n#include <stdlib.h>\n' +
        'int main(int c, char **v) { printf("cos(%s) = %.6f\\n", v[1], cos(atof(v[1]))); return 3; }\n',
    });
    // Relative: with a target root, an absolute program path would be looked up inside it.
    const built = await cli([
      'build',
      './cosine-arm64',
      '--arch',
      'aarch64',
      ...kernelArgs,
      '--target-root',
      '/usr/aarch64-linux-gnu',
      '--arg',
      '0.5',
      '--json',
    ]);
    expect(built.stderr).not.toMatch(/error/i);
    expect(built.code).toBe(0);
    const image = JSON.parse(built.stdout);
    expect(image.libraries.map((library: { imagePath: string }) => library.imagePath)).toEqual(
      expect.arrayContaining(['/lib/ld-linux-aarch64.so.1', '/lib/libc.so.6', '/lib/libm.so.6']),
    );
    const ran = await cli([
      'run',
      image.path,
      '--expect-exit',
      '3',
      '--expect-output',
      String.raw`cos\(0\.5\) = 0\.877583`,
      '--json',
    ]);
    expect(JSON.parse(ran.stdout)).toMatchObject({ verdict: 'pass', exitCode: 3, arch: 'aarch64' });
    expect(ran.code).toBe(0);
  });
});

const x86Missing = lacking({
  'NANOS_KERNEL_DIR (a real x86 release folder)': realKernelDir !== undefined,
  'bootx64.efi in it':
    realKernelDir !== undefined && existsSync(path.join(realKernelDir, 'bootx64.efi')),
  'OVMF (ovmf)':
    existsSync('/usr/share/OVMF/OVMF_CODE_4M.fd') || existsSync('/usr/share/OVMF/OVMF_CODE.fd'),
});
if (x86Missing) console.warn(`skipping x86 UEFI boots on a real kernel: missing ${x86Missing}`);

(x86Missing ? describe.skip : describe)('x86 UEFI on a real Nanos kernel', () => {
  let image: { path: string; sha256: string; bootMode: string };
  beforeAll(async () => {
    const program = path.join(work, 'http-server');
    execFileSync('cc', [
      '-O2',
      '-static',
      '-o',
      program,
      path.join(import.meta.dirname, '..', 'smoke', 'fixtures', 'http-server.c'),
    ]);
    const built = await cli(['build', program, '--uefi', '--kernel-dir', realKernelDir!, '--json']);
    expect(built.stderr).not.toMatch(/error/i);
    expect(built.code).toBe(0);
    image = JSON.parse(built.stdout);
  });

  test.each([
    { firmware: [] as string[], through: 'uefi' },
    { firmware: ['--firmware', 'bios'], through: 'bios' },
  ])('the hybrid image boots through $through and answers HTTP', async ({ firmware, through }) => {
    expect(image.bootMode).toBe('hybrid');
    const ran = await cli([
      'run',
      image.path,
      ...firmware,
      '--accel',
      'tcg',
      '--probe',
      'http://:8080/',
      '--expect-body',
      'hello from nanos',
      '--json',
    ]);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      verdict: 'pass',
      arch: 'x86_64',
      firmware: through,
      imageSha256After: image.sha256,
    });
    expect(ran.code).toBe(0);
  });
});
