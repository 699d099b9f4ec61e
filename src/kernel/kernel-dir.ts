import path from 'node:path';
import { UserError } from '../errors.js';
import { sha256File } from '../file-digest.js';
import { readdirEntries, readFile, writeFile } from '../files.js';
import { isDirectory, isFile } from '../fs-checks.js';
import { matchesArchitecture, readElf } from '../image/elf.js';
import type { KernelArch, Toolchain } from './types.js';

/** The files of a kernel release directory (format spec §4.2). */
const KERNEL_IMG = 'kernel.img';
const BOOT_IMG = 'boot.img';
const KLIBS_DIR = 'klibs';
const UEFI_LOADERS: Record<KernelArch, string> = { x86_64: 'bootx64.efi', aarch64: 'bootaa64.efi' };

/** Written into each cached kernel so a cache hit still knows the archive's URL and digest. */
const PROVENANCE_FILE = '.nanoship-kernel.json';

const BUILD_HINT =
  'build Nanos from source (git clone https://github.com/nanovms/nanos && cd nanos && make release; add PLATFORM=virt for aarch64) and point --kernel-dir at the resulting release/ folder';

/** Where a kernel directory's content came from; stored beside the files. */
export interface Provenance {
  version: string;
  url: string;
  sha256: string;
}

/** The files found in a kernel directory, and the required ones that are not there. */
export interface KernelDirContents
  extends Pick<Toolchain, 'dir' | 'kernelImg' | 'bootImg' | 'uefiLoader' | 'klibsDir' | 'klibs'> {
  /** Required files (kernel.img, and boot.img on x86_64) that are missing, in that order. */
  missing: string[];
}

/**
 * The paths and klib names found in `dir`, and which required files are missing. Each caller
 * words a missing file itself: a bad archive, a damaged cache and a wrong --kernel-dir call for
 * different fixes.
 */
export async function describeKernelDir(dir: string, arch: KernelArch): Promise<KernelDirContents> {
  const kernelImg = path.join(dir, KERNEL_IMG);
  const bootImg = path.join(dir, BOOT_IMG);
  const uefiLoader = path.join(dir, UEFI_LOADERS[arch]);
  const klibsDir = path.join(dir, KLIBS_DIR);
  // Asked all at once: this runs at the start of every build, and each answer is a round trip.
  const [klibs, hasKernelImg, hasBootImg, hasUefiLoader] = await Promise.all([
    listFiles(klibsDir),
    isFile(kernelImg),
    arch === 'x86_64' && isFile(bootImg),
    isFile(uefiLoader),
  ]);
  const present: Record<string, boolean> = { [KERNEL_IMG]: hasKernelImg, [BOOT_IMG]: hasBootImg };
  return {
    dir,
    kernelImg,
    bootImg: hasBootImg ? bootImg : undefined,
    uefiLoader: hasUefiLoader ? uefiLoader : undefined,
    klibsDir: klibs === undefined ? undefined : klibsDir,
    klibs: klibs ?? [],
    missing: requiredFiles(arch).filter((name) => !present[name]),
  };
}

/**
 * Uses a self-built or mirrored kernel directory: it must hold kernel.img and, on x86_64,
 * boot.img; klibs/ and the UEFI loader are optional. No digest: nothing in a build reads it,
 * and hashing kernel.img costs a small build a few ms; `nanoship kernel` shows it
 * (`withLocalDigest`).
 */
export async function useLocalKernel(localDir: string, arch: KernelArch): Promise<Toolchain> {
  const dir = path.resolve(localDir);
  if (!(await isDirectory(dir))) {
    throw new UserError(
      `the kernel directory ${dir} (--kernel-dir / input kernel-dir) does not exist; ${BUILD_HINT}`,
    );
  }
  const { missing, ...files } = await describeKernelDir(dir, arch);
  if (missing[0] !== undefined) {
    throw new UserError(
      `the kernel directory ${dir} has no ${missing[0]}; it needs ${requiredFiles(arch).join(' and ')} (klibs/ optional): ${BUILD_HINT}`,
    );
  }
  await assertKernelArch(files.kernelImg, dir, arch);
  return { ...files, version: 'local', source: 'local' };
}

/** A local kernel's toolchain with the sha256 of its kernel.img, for showing it. */
export async function withLocalDigest(toolchain: Toolchain): Promise<Toolchain> {
  if (toolchain.source !== 'local' || toolchain.sha256 !== undefined) return toolchain;
  return { ...toolchain, sha256: await sha256File(toolchain.kernelImg) };
}

/**
 * Refuses a kernel.img built for the other architecture (an x86 release folder passed with
 * --arch aarch64 would otherwise fail later, on a missing loader that is not the real cause).
 * A kernel.img that is not ELF at all is left to the boot to judge.
 */
async function assertKernelArch(kernelImg: string, dir: string, arch: KernelArch): Promise<void> {
  const elf = await readElf(kernelImg).catch(() => undefined);
  if (elf === undefined || matchesArchitecture(elf, arch)) return;
  throw new UserError(
    `the kernel directory ${dir} holds a kernel built for ${elf.machineName}, but arch is ${arch}: point --kernel-dir (input kernel-dir) at an ${arch} kernel, or set arch (--arch, input arch) to the kernel's.`,
  );
}

/** Records where a kernel directory came from, before it goes into the cache. */
export async function writeProvenance(dir: string, provenance: Provenance): Promise<void> {
  await writeFile(path.join(dir, PROVENANCE_FILE), `${JSON.stringify(provenance, null, 2)}\n`);
}

/** The provenance of a cached kernel directory, or undefined when it has none (or it is unreadable). */
export async function readProvenance(dir: string): Promise<Provenance | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path.join(dir, PROVENANCE_FILE), 'utf8'));
    const p = parsed as Partial<Provenance>;
    return typeof p.url === 'string' &&
      typeof p.sha256 === 'string' &&
      typeof p.version === 'string'
      ? { version: p.version, url: p.url, sha256: p.sha256 }
      : undefined;
  } catch {
    return undefined;
  }
}

function requiredFiles(arch: KernelArch): string[] {
  // aarch64 boots through UEFI only and ships no boot.img (format spec §4.2).
  return arch === 'x86_64' ? [KERNEL_IMG, BOOT_IMG] : [KERNEL_IMG];
}

/** The regular files in `dir`, sorted; undefined when `dir` is not a readable directory. */
async function listFiles(dir: string): Promise<string[] | undefined> {
  if (!(await isDirectory(dir))) return undefined;
  const entries = await readdirEntries(dir);
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}
