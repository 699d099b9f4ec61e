/**
 * Test helper (not shipped): what the shipped entries need around them when no Nanos kernel is
 * at hand (CI). A kernel folder whose boot.img is shaped like Nanos' (the image builder checks
 * it), so real images get built; and a `qemu-system-x86_64` placed first on PATH that runs the
 * real QEMU with every argument nanoship gave it plus a Linux test guest (`-kernel`, `-initrd`,
 * `-append`), so the smoke test boots a real guest in real QEMU through the product's own
 * command line, ports and verdict. With NANOS_KERNEL_DIR set, tests use the real kernel instead.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticBootImage, writePatternFile } from '../image/image-fixtures.js';
import { buildGuest, GUEST_APPEND, type GuestBehaviour, prepareGuestKit } from '../smoke/guest.js';

/** A real Nanos kernel folder, when the machine has one (kernel.img and boot.img). */
export const realKernelDir = (() => {
  const dir = process.env.NANOS_KERNEL_DIR;
  return dir && existsSync(path.join(dir, 'kernel.img')) && existsSync(path.join(dir, 'boot.img'))
    ? dir
    : undefined;
})();

/** Writes a kernel folder with stand-in kernel.img and klibs and a Nanos-shaped boot.img. */
export async function writeStandInKernel(dir: string): Promise<string> {
  await mkdir(path.join(dir, 'klibs'), { recursive: true });
  await writeFile(path.join(dir, 'boot.img'), syntheticBootImage());
  await writePatternFile(path.join(dir, 'kernel.img'), 300_000, 1);
  await writePatternFile(path.join(dir, 'klibs', 'ntp'), 20_000, 2);
  return dir;
}

/**
 * A folder holding `qemu-system-x86_64` that boots the Linux test guest with `behaviour` on the
 * machine nanoship asked for. Put it first on PATH.
 */
export async function linuxGuestQemu(dir: string, behaviour: GuestBehaviour): Promise<string> {
  const kit = await prepareGuestKit();
  await mkdir(dir, { recursive: true });
  const initrd = await buildGuest(kit, behaviour, dir);
  const real = execFileSync('sh', ['-c', 'command -v qemu-system-x86_64'], {
    encoding: 'utf8',
  }).trim();
  const bin = path.join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const quote = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;
  await writeFile(
    path.join(bin, 'qemu-system-x86_64'),
    `#!/bin/sh\nexec ${quote(real)} "$@" -kernel ${quote(kit.vmlinuz)} -initrd ${quote(initrd)} -append ${quote(GUEST_APPEND)}\n`,
    { mode: 0o755 },
  );
  return bin;
}

/** Compiles a C program into `dir`; returns its path. */
export function compileC(dir: string, name: string, source: string, flags: string[] = []): string {
  const file = path.join(dir, `${name}.c`);
  writeFileSync(file, source);
  const output = path.join(dir, name);
  execFileSync('cc', ['-O2', ...flags, '-o', output, file]);
  return output;
}
