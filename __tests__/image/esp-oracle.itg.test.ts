/**
 * UEFI images next to the ones Nanos' own mkfs makes with `-u` (nanos-image-format.md §1.6,
 * §7.4), from the same manifest, kernel and loader:
 * - x86 (NANOS_KERNEL_DIR: boot.img, kernel.img, bootx64.efi): `mkfs -b boot.img -u bootx64.efi`;
 * - arm64 (NANOS_KERNEL_DIR_AARCH64: kernel.img, bootaa64.efi): `mkfs -b <our boot stub> -u
 *   bootaa64.efi`, which is how Nanos' own arm64 build calls it (platform/virt/Makefile).
 * Same MBR entries (the root's size aside), same stage1, same FAT32 geometry, the loader at the
 * same offset, and `dump` (NANOS_DUMP) reading both roots the same. Where the ESPs differ is
 * asserted too: mkfs leaves FAT #2 zero and its free count stale, which fsck.fat reports; ours
 * passes it. Each part skips, saying why, when its tool or kernel is not configured.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { encodeBootStub } from '../../src/image/boot-record.js';
import { writeImage } from '../../src/image/disk.js';
import { ESP_BYTES } from '../../src/image/esp.js';
import { readFat } from '../../src/image/fat-reader.js';
import { inspectImage } from '../../src/image/inspect.js';
import { emptyDirectory, insertNode, type Value } from '../../src/image/tree.js';
import type { KernelArch } from '../../src/kernel/types.js';
import { sha256 } from './image-fixtures.js';

const run = promisify(execFile);
const mkfsTool = process.env.NANOS_MKFS;
const dumpTool = process.env.NANOS_DUMP;
const kernelDirs: Record<KernelArch, string | undefined> = {
  x86_64: process.env.NANOS_KERNEL_DIR,
  aarch64: process.env.NANOS_KERNEL_DIR_AARCH64,
};
const LOADERS: Record<KernelArch, string> = { x86_64: 'bootx64.efi', aarch64: 'bootaa64.efi' };
const fsckFat = ['fsck.fat', '/usr/sbin/fsck.fat', '/sbin/fsck.fat'].find((tool) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

function usable(arch: KernelArch): boolean {
  const dir = kernelDirs[arch];
  return (
    mkfsTool !== undefined &&
    existsSync(mkfsTool) &&
    dir !== undefined &&
    existsSync(join(dir, 'kernel.img')) &&
    existsSync(join(dir, LOADERS[arch]))
  );
}
for (const arch of ['x86_64', 'aarch64'] as const) {
  if (!usable(arch)) {
    const variable = arch === 'x86_64' ? 'NANOS_KERNEL_DIR' : 'NANOS_KERNEL_DIR_AARCH64';
    console.warn(
      `skipping the ${arch} mkfs -u comparison: needs NANOS_MKFS and ${variable} with kernel.img and ${LOADERS[arch]}`,
    );
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-esp-oracle-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Our image and mkfs's of one small program, with the UEFI loader of `arch`. */
async function buildBoth(arch: KernelArch) {
  const kernelDir = kernelDirs[arch]!;
  const program = join(dir, `hello-${arch}`);
  await writeFile(program, `a program for ${arch}\n`.repeat(100));
  const tree = emptyDirectory();
  insertNode(tree, '/hello', {
    kind: 'file',
    source: { kind: 'host', path: program, size: (await stat(program)).size },
  });
  const manifest = new Map<string, Value>([
    ['program', '/hello'],
    ['arguments', ['hello']],
  ]);
  const loader = join(kernelDir, LOADERS[arch]);
  const bootImg = arch === 'x86_64' ? join(kernelDir, 'boot.img') : undefined;
  const ours = await writeImage(
    {
      bootImg,
      uefiLoader: { arch, path: loader },
      kernelImg: join(kernelDir, 'kernel.img'),
      klibs: [],
      root: { tree, manifest },
    },
    join(dir, `ours-${arch}.img`),
  );
  const stub = join(dir, 'boot-stub.img');
  await writeFile(stub, encodeBootStub());
  const theirs = join(dir, `mkfs-${arch}.img`);
  await writeFile(
    join(dir, 'manifest.txt'),
    `(children:(hello:(contents:(host:${program}))) program:/hello arguments:[hello])`,
  );
  await run('/bin/sh', [
    '-c',
    `"${mkfsTool}" -b "${bootImg ?? stub}" -u "${loader}" -k "${join(kernelDir, 'kernel.img')}" "${theirs}" < "${join(dir, 'manifest.txt')}"`,
  ]);
  return { ours, theirs, loader };
}

const entry = (bytes: Buffer, index: number) =>
  bytes.subarray(0x1be + index * 16, 0x1be + (index + 1) * 16);

for (const arch of ['x86_64', 'aarch64'] as const) {
  (usable(arch) ? describe : describe.skip)(`an ${arch} UEFI image next to mkfs -u`, () => {
    let both: Awaited<ReturnType<typeof buildBoth>>;
    let ours: Buffer;
    let theirs: Buffer;
    beforeAll(async () => {
      both = await buildBoth(arch);
      ours = await readFile(both.ours.path);
      theirs = await readFile(both.theirs);
    });

    test('the same first sector: stage1 (or stub), ESP and bootfs entries, the root start', () => {
      expect(ours.subarray(0, 0x1be)).toEqual(theirs.subarray(0, 0x1be));
      expect(entry(ours, 0)).toEqual(entry(theirs, 0));
      expect(entry(ours, 1)).toEqual(entry(theirs, 1));
      // Root: same status, CHS start, type and LBA; its end (CHS and sector count) follows
      // each image's size.
      expect(entry(ours, 2).subarray(0, 5)).toEqual(entry(theirs, 2).subarray(0, 5));
      expect(entry(ours, 2).subarray(8, 12)).toEqual(entry(theirs, 2).subarray(8, 12));
      expect(ours.subarray(0x1fe, 0x200)).toEqual(theirs.subarray(0x1fe, 0x200));
    });

    test('the same FAT32 geometry, and the loader at the same offset', () => {
      const esp = both.ours.espOffsetBytes!;
      expect(ours.subarray(esp + 0x0b, esp + 0x5a)).toEqual(
        theirs.subarray(esp + 0x0b, esp + 0x5a),
      );
      const loaderStart = esp + 0x85e00;
      const size = ours.readUInt32LE(esp + 0x85c40 + 0x1c);
      expect(sha256(ours.subarray(loaderStart, loaderStart + size))).toBe(
        sha256(theirs.subarray(loaderStart, loaderStart + size)),
      );
    });

    test('our FAT reader reads the ESP mkfs wrote (long names) and gets the same loader', async () => {
      const handle = await open(both.theirs, 'r');
      try {
        const volume = await readFat(handle, both.ours.espOffsetBytes!, ESP_BYTES);
        const file = volume.entries.find((e) => e.kind === 'file')!;
        expect(file.path.toUpperCase()).toBe(`EFI/BOOT/${LOADERS[arch].toUpperCase()}`);
        expect(sha256(await volume.readFile(file.path))).toBe(sha256(await readFile(both.loader)));
      } finally {
        await handle.close();
      }
      const inspection = await inspectImage(both.theirs);
      expect(inspection.boot).toEqual({
        mode: arch === 'x86_64' ? 'hybrid' : 'uefi',
        arch,
      });
    });

    (fsckFat ? test : test.skip)(
      'fsck.fat: our ESP is clean, mkfs leaves FAT #2 zero',
      async () => {
        const esp = both.ours.espOffsetBytes!;
        const cut = async (bytes: Buffer, name: string) => {
          const path = join(dir, name);
          await writeFile(path, bytes.subarray(esp, esp + ESP_BYTES));
          return path;
        };
        await run(fsckFat!, ['-n', await cut(ours, `ours-${arch}.esp`)]);
        const theirsCheck = await run(fsckFat!, [
          '-n',
          await cut(theirs, `mkfs-${arch}.esp`),
        ]).catch((error: { stdout: string }) => error);
        expect(theirsCheck.stdout).toMatch(/FATs differ/);
      },
    );

    (dumpTool ? test : test.skip)('dump prints both roots the same', async () => {
      const comparable = (text: string) =>
        text.replace(/^UUID: .*$/m, 'UUID: *').replace(/offset:\d+/g, 'offset:*');
      const [a, b] = await Promise.all([
        run(dumpTool!, [both.ours.path]),
        run(dumpTool!, [both.theirs]),
      ]);
      expect(a.stdout).toContain('program:/hello');
      expect(comparable(a.stdout)).toBe(comparable(b.stdout));
    });
  });
}
