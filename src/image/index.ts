/**
 * The image stage: a BuildPlan and a kernel toolchain → a bootable raw disk image.
 *
 *   const image = await buildImage(plan.build, toolchain, { arch: 'aarch64', logger });
 *   image.path; image.sha256; // same inputs → same bytes
 *   image.bootMode;            // 'uefi' (aarch64), 'bios' or, with plan.build.uefi, 'hybrid' (x86_64)
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import type { KernelArch, Toolchain } from '../kernel/types.js';
import { type Logger, silentLogger } from '../log.js';
import type { BuildPlan } from '../plan/build-plan.js';
import { type ImageInfo, writeImage } from './disk.js';
import type { Library } from './libraries.js';
import { buildRootFilesystem } from './manifest.js';
import type { Tuple } from './tree.js';

/** What the image stage produced: the file, its digest, and what went into it. */
export interface Image extends ImageInfo {
  name: string;
  /** The CPU the image is for (its program, kernel and loaders). */
  arch: KernelArch;
  /** Root-tuple keys other than `children`. */
  manifest: Tuple;
  klibs: string[];
  libraries: Library[];
  kernelVersion: string;
}

/**
 * The loaders and kernel files of the release (or config.json's overrides) that the image
 * needs: x86_64 boots through BIOS with boot.img, and with `uefi` also through UEFI (a
 * hybrid); aarch64 has no BIOS and always boots through UEFI with bootaa64.efi.
 */
function kernelPieces(plan: BuildPlan, toolchain: Toolchain, arch: KernelArch) {
  const { kernelOverrides } = plan;
  const uefi = arch === 'aarch64' || plan.uefi;
  const bootImg = arch === 'x86_64' ? (kernelOverrides.bootImg ?? toolchain.bootImg) : undefined;
  if (arch === 'x86_64' && bootImg === undefined) {
    throw new UserError(
      `The kernel in ${toolchain.dir} has no boot.img, which a bootable x86_64 disk needs. Use a complete Nanos release or kernel directory.`,
    );
  }
  if (arch === 'aarch64' && kernelOverrides.bootImg !== undefined) {
    throw new UserError(
      `config.json Boot (${kernelOverrides.bootImg}) is a BIOS boot loader, but aarch64 images boot through UEFI only. Remove Boot from the config.`,
    );
  }
  const loaderPath = uefi ? (kernelOverrides.uefiLoader ?? toolchain.uefiLoader) : undefined;
  if (uefi && loaderPath === undefined) throw noUefiLoader(toolchain, arch);
  return {
    kernelImg: kernelOverrides.kernelImg ?? toolchain.kernelImg,
    bootImg,
    uefiLoader: loaderPath === undefined ? undefined : { arch, path: loaderPath },
    klibsDir: kernelOverrides.klibsDir ?? toolchain.klibsDir,
  };
}

function noUefiLoader(toolchain: Toolchain, arch: KernelArch): UserError {
  const file = arch === 'x86_64' ? 'bootx64.efi' : 'bootaa64.efi';
  const why =
    arch === 'x86_64'
      ? 'which a UEFI (uefi: true) x86_64 image needs'
      : 'which every aarch64 image needs: arm64 machines boot through UEFI only';
  return new UserError(
    `The kernel in ${toolchain.dir} has no ${file}, ${why}. Use a Nanos release archive that ships it (for aarch64 the -virt one), a kernel directory built with make release (PLATFORM=virt ARCH=aarch64 for aarch64), or set config.json UefiBoot to its path.`,
  );
}

function klibFiles(names: string[], klibsDir: string | undefined, toolchain: Toolchain) {
  return names.map((name) => {
    if (
      klibsDir === undefined ||
      (klibsDir === toolchain.klibsDir && !toolchain.klibs.includes(name))
    ) {
      throw new UserError(
        `Klib "${name}" is not in the kernel's klibs/ (${klibsDir ?? 'none'}); available: ${toolchain.klibs.join(', ') || 'none'}. Remove it from Klibs or use a kernel that ships it.`,
      );
    }
    return { name, path: path.join(klibsDir, name) };
  });
}

/**
 * Builds the image the plan describes with the given kernel. Writes the image atomically at
 * `plan.output` (nothing is left there if it fails) and returns its description.
 */
export async function buildImage(
  plan: BuildPlan,
  toolchain: Toolchain,
  options: { arch: KernelArch; logger?: Logger },
): Promise<Image> {
  const logger = options.logger ?? silentLogger;
  const pieces = kernelPieces(plan, toolchain, options.arch);
  const root = await buildRootFilesystem(
    { ...plan.manifest, nanosVersion: toolchain.version, arch: options.arch },
    { logger },
  );
  logger.info(
    `packing ${plan.manifest.program.argv0} with ${root.libraries.length} shared libraries into ${plan.output}`,
  );
  const info = await writeImage(
    {
      bootImg: pieces.bootImg,
      uefiLoader: pieces.uefiLoader,
      kernelImg: pieces.kernelImg,
      klibs: klibFiles(root.klibs, pieces.klibsDir, toolchain),
      root,
      minSizeBytes: plan.minSizeBytes,
    },
    plan.output,
    logger,
  );
  return {
    ...info,
    name: plan.imageName,
    arch: options.arch,
    manifest: root.manifest,
    klibs: root.klibs,
    libraries: root.libraries,
    kernelVersion: toolchain.version,
  };
}
