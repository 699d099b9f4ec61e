/**
 * Which machine the smoke test boots an image on: the guest architecture, the firmware and
 * the QEMU binary, all read from the image itself (boot-loaders.ts) so that `nanoship run` on
 * any image needs no flags: an arm64 image boots on `qemu-system-aarch64` with AAVMF, an x86
 * UEFI or hybrid image on `qemu-system-x86_64` with OVMF, a BIOS image with SeaBIOS. In direct
 * mode the architecture is the kernel's (its ELF machine).
 */
import { UserError } from '../errors.js';
import { readBootLoaders } from '../image/boot-loaders.js';
import { readElf } from '../image/elf.js';
import type { KernelArch } from '../kernel/types.js';
import { findUefiFirmware, type UefiFirmware } from './firmware.js';
import { QEMU_BINARIES } from './qemu.js';
import type { SmokeOptions } from './types.js';

export type Firmware = 'bios' | 'uefi';

export interface GuestMachine {
  arch: KernelArch;
  /** How a `disk` boot starts; absent in `direct` mode, where QEMU loads the kernel itself. */
  firmware?: Firmware;
  /** The UEFI firmware pair (its variable store is copied for each boot). */
  uefi?: UefiFirmware;
  /** The QEMU binary to run. */
  binary: string;
}

const KERNEL_MACHINES: Record<number, KernelArch> = { 62: 'x86_64', 183: 'aarch64' };

/**
 * Decides the guest machine for `options`. Throws a UserError for an image without a loader
 * nanoship knows, a firmware the image cannot boot with, a kernel of another architecture
 * than the image, or missing UEFI firmware (naming the package to install).
 */
export async function resolveGuestMachine(options: SmokeOptions): Promise<GuestMachine> {
  const binaryFor = (arch: KernelArch) => options.qemuBinary ?? QEMU_BINARIES[arch];
  // The test suite's Linux guests boot on the x86 q35 machine through SeaBIOS.
  if (options.linuxBoot !== undefined) {
    return { arch: 'x86_64', firmware: 'bios', binary: binaryFor('x86_64') };
  }
  if (options.bootMode === 'direct') {
    const arch = await kernelArch(options.kernelImg!);
    const loaders = await readBootLoaders(options.image).catch(() => undefined);
    if (loaders !== undefined && loaders.arch !== arch) {
      throw new UserError(
        `The kernel ${options.kernelImg} is an ${arch} kernel but ${options.image} is an ${loaders.arch} image: use the kernel the image was built with (--kernel-dir / --arch).`,
      );
    }
    return { arch, binary: binaryFor(arch) };
  }
  const loaders = await readBootLoaders(options.image);
  const firmware = chooseFirmware(options, loaders.bootMode);
  const uefi =
    firmware === 'uefi'
      ? (options.uefiFirmware ?? (await findUefiFirmware(loaders.arch)))
      : undefined;
  return { arch: loaders.arch, firmware, uefi, binary: binaryFor(loaders.arch) };
}

/**
 * UEFI for UEFI and hybrid images (the way clouds prefer to boot them), BIOS for BIOS images,
 * unless `options.firmware` asks for one the image has.
 */
function chooseFirmware(options: SmokeOptions, bootMode: 'bios' | 'uefi' | 'hybrid'): Firmware {
  const wanted = options.firmware ?? (bootMode === 'bios' ? 'bios' : 'uefi');
  if (wanted === 'bios' && bootMode === 'uefi') {
    throw new UserError(
      `${options.image} boots through UEFI only (it has no BIOS boot loader), so it cannot be booted with BIOS firmware.`,
    );
  }
  if (wanted === 'uefi' && bootMode === 'bios') {
    throw new UserError(
      `${options.image} has no EFI System Partition, so it cannot be booted with UEFI firmware; build it with uefi: true (--uefi).`,
    );
  }
  return wanted;
}

/** The architecture of a Nanos kernel.img, from its ELF header. */
async function kernelArch(kernelImg: string): Promise<KernelArch> {
  const elf = await readElf(kernelImg);
  const arch = elf.elfClass === 64 ? KERNEL_MACHINES[elf.machine] : undefined;
  if (arch === undefined) {
    throw new UserError(
      `${kernelImg} is built for ${elf.machineName}, not for x86_64 or aarch64: it is not a Nanos kernel.img.`,
    );
  }
  return arch;
}
