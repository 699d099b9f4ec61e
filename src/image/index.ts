/**
 * The image stage: a BuildPlan and a kernel toolchain → a bootable raw disk image.
 *
 *   const image = await buildImage(plan.build, toolchain, { arch: 'x86_64', logger });
 *   image.path; image.sha256; // same inputs → same bytes
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
  /** Root-tuple keys other than `children`. */
  manifest: Tuple;
  klibs: string[];
  libraries: Library[];
  kernelVersion: string;
}

function kernelPieces(plan: BuildPlan, toolchain: Toolchain) {
  const { kernelOverrides } = plan;
  const bootImg = kernelOverrides.bootImg ?? toolchain.bootImg;
  if (bootImg === undefined) {
    throw new UserError(
      `The kernel in ${toolchain.dir} has no boot.img, which a bootable x86_64 disk needs. Use a complete Nanos release or kernel directory.`,
    );
  }
  return {
    kernelImg: kernelOverrides.kernelImg ?? toolchain.kernelImg,
    bootImg,
    klibsDir: kernelOverrides.klibsDir ?? toolchain.klibsDir,
  };
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
  const pieces = kernelPieces(plan, toolchain);
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
    manifest: root.manifest,
    klibs: root.klibs,
    libraries: root.libraries,
    kernelVersion: toolchain.version,
  };
}
