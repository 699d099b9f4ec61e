/**
 * UEFI firmware for the smoke test: EDK II builds for QEMU (OVMF for x86-64, AAVMF / "QEMU_EFI"
 * for arm64) as two flash images, the read-only code and a template of the variable store.
 * QEMU maps both as pflash; the variable store is written by the firmware while it boots, so
 * every boot gets a throwaway copy of the template and the installed file is never touched.
 *
 * Distributions install the pairs under different names; they are looked for in this order,
 * the first pair whose both files exist wins.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { isFile } from '../fs-checks.js';
import type { KernelArch } from '../kernel/types.js';

/** A firmware code image and the template of its variable store, which must match it in size. */
export interface UefiFirmware {
  code: string;
  vars: string;
}

/** Where QEMU's own bundled EDK II builds are installed (Homebrew on Apple silicon, then on Intel). */
const HOMEBREW_QEMU_SHARE = ['/opt/homebrew/share/qemu', '/usr/local/share/qemu'];

/** Candidate pairs per guest architecture, most common first. */
export const UEFI_FIRMWARE_CANDIDATES: Record<KernelArch, UefiFirmware[]> = {
  x86_64: [
    // Debian 12+, Ubuntu 22.04+: package ovmf (4 MiB flash).
    { code: '/usr/share/OVMF/OVMF_CODE_4M.fd', vars: '/usr/share/OVMF/OVMF_VARS_4M.fd' },
    // Older Debian and Ubuntu: package ovmf (2 MiB flash).
    { code: '/usr/share/OVMF/OVMF_CODE.fd', vars: '/usr/share/OVMF/OVMF_VARS.fd' },
    // Fedora, RHEL: package edk2-ovmf.
    { code: '/usr/share/edk2/ovmf/OVMF_CODE.fd', vars: '/usr/share/edk2/ovmf/OVMF_VARS.fd' },
    // Arch Linux: package edk2-ovmf.
    { code: '/usr/share/edk2/x64/OVMF_CODE.4m.fd', vars: '/usr/share/edk2/x64/OVMF_VARS.4m.fd' },
    // QEMU's own bundle (Fedora's qemu, source builds), then Homebrew's qemu.
    ...['/usr/share/qemu', ...HOMEBREW_QEMU_SHARE].map((dir) => ({
      code: join(dir, 'edk2-x86_64-code.fd'),
      vars: join(dir, 'edk2-i386-vars.fd'),
    })),
  ],
  aarch64: [
    // Debian, Ubuntu: package qemu-efi-aarch64 (64 MiB flash images).
    { code: '/usr/share/AAVMF/AAVMF_CODE.fd', vars: '/usr/share/AAVMF/AAVMF_VARS.fd' },
    // Fedora, RHEL: package edk2-aarch64.
    {
      code: '/usr/share/edk2/aarch64/QEMU_EFI-pflash.raw',
      vars: '/usr/share/edk2/aarch64/vars-template-pflash.raw',
    },
    // Arch Linux: package edk2-aarch64.
    { code: '/usr/share/edk2/aarch64/QEMU_CODE.fd', vars: '/usr/share/edk2/aarch64/QEMU_VARS.fd' },
    // QEMU's own bundle (Fedora's qemu, source builds), then Homebrew's qemu.
    ...['/usr/share/qemu', ...HOMEBREW_QEMU_SHARE].map((dir) => ({
      code: join(dir, 'edk2-aarch64-code.fd'),
      vars: join(dir, 'edk2-arm-vars.fd'),
    })),
  ],
};

/** The packages that install a pair, per platform, for the error when none is found. */
export const UEFI_FIRMWARE_PACKAGES: Record<KernelArch, string> = {
  x86_64:
    'Debian/Ubuntu: sudo apt-get install -y ovmf; Fedora: sudo dnf install edk2-ovmf; macOS: brew install qemu',
  aarch64:
    'Debian/Ubuntu: sudo apt-get install -y qemu-efi-aarch64; Fedora: sudo dnf install edk2-aarch64; macOS: brew install qemu',
};

/**
 * The first installed firmware pair for `arch` among `candidates`. Throws a UserError naming
 * the package to install (and the paths looked at) when there is none.
 */
export async function findUefiFirmware(
  arch: KernelArch,
  candidates: UefiFirmware[] = UEFI_FIRMWARE_CANDIDATES[arch],
): Promise<UefiFirmware> {
  const present = await Promise.all(
    candidates.map(async (pair) => (await isFile(pair.code)) && (await isFile(pair.vars))),
  );
  const found = candidates.find((_, i) => present[i]);
  if (found !== undefined) return found;
  const looked = candidates.map((pair) => pair.code).join(', ');
  throw new UserError(
    `The ${arch} image boots through UEFI, but no UEFI firmware for QEMU is installed (looked for ${looked} and the variable store next to each). Install it (${UEFI_FIRMWARE_PACKAGES[arch]}); the Action does this itself on GitHub-hosted runners.`,
  );
}

/**
 * Copies the variable store template to `path` for one boot. The copy is what QEMU writes;
 * it goes away with the smoke test's work folder.
 */
export async function copyFirmwareVars(firmware: UefiFirmware, path: string): Promise<string> {
  try {
    await copyFile(firmware.vars, path);
  } catch (error) {
    throw new UserError(
      `Cannot copy the UEFI variable store ${firmware.vars} for the smoke test: ${(error as Error).message}.`,
      { cause: error },
    );
  }
  return path;
}
