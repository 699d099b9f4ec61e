/** What the benchmark runs on, from the environment bench/run.ts prepares and the user sets. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The benchmark's sections, in the order they run. */
export const BENCH_SECTIONS = ['image', 'tarball', 'boot', 'upload'] as const;
export type BenchSection = (typeof BENCH_SECTIONS)[number];

export interface BenchConfig {
  /** The repository root (bench/fixtures lives under it). */
  root: string;
  /** A temporary folder removed by bench/run.ts afterwards. */
  work: string;
  /** The CLI bundled from the current source, as dist/cli/ would be. */
  cli: string;
  /** The bundled benchmark itself, which also runs as the measurer (bench/measurer.ts). */
  script: string;
  /** NANOS_KERNEL_DIR when it holds kernel.img and boot.img. */
  kernelDir?: string;
  /** NANOS_MKFS (Nanos' C mkfs) when that file exists; no path is guessed. */
  mkfs?: string;
  /** Sizes of the data file added to the program, one image per size (0: the program alone). */
  sizesMb: number[];
  runs: number;
  /** Boot rounds; 0 skips the boot section (image figures only). */
  boots: number;
  /** False when BENCH_TARBALL=0: skips the GCP tarball section. */
  tarball: boolean;
  /** MB of data in the 1 GiB disk.raw of each tarball run (BENCH_TARBALL_SIZES_MB). */
  tarballSizesMb: number[];
  /** The AWS snapshot upload section (BENCH_UPLOAD=0 skips it). */
  upload: boolean;
  /** The sections to run (BENCH_ONLY, comma-separated; default all), in the order printed. */
  sections: BenchSection[];
  /** Why a part is skipped, printed under its table. */
  missing: { kernel?: string; mkfs?: string };
}

function wholeNumber(
  raw: string | undefined,
  fallback: number,
  name: string,
  { allowZero = false } = {},
): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) {
    throw new Error(
      `${name} must be a ${allowZero ? 'non-negative' : 'positive'} whole number, got "${raw}"`,
    );
  }
  return value;
}

/** BENCH_ONLY as a list of sections; throws on a name that is not one. */
function sectionsFrom(raw: string | undefined): BenchSection[] {
  if (raw === undefined || raw.trim() === '') return [...BENCH_SECTIONS];
  const names = raw.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(BENCH_SECTIONS as readonly string[]).includes(name)) {
      throw new Error(`BENCH_ONLY names ${name}; the sections are ${BENCH_SECTIONS.join(', ')}`);
    }
  }
  return BENCH_SECTIONS.filter((section) => names.includes(section));
}

function required(name: string, env: NodeJS.ProcessEnv): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: run the benchmark with npm run bench`);
  return value;
}

/** Reads the configuration; throws on malformed numbers. */
export function readConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const missing: BenchConfig['missing'] = {};
  let kernelDir = env.NANOS_KERNEL_DIR || undefined;
  if (kernelDir === undefined) {
    missing.kernel = 'NANOS_KERNEL_DIR is not set (a Nanos kernel directory: kernel.img, boot.img)';
  } else if (!['kernel.img', 'boot.img'].every((f) => existsSync(join(kernelDir!, f)))) {
    missing.kernel = `NANOS_KERNEL_DIR=${kernelDir} lacks kernel.img or boot.img`;
    kernelDir = undefined;
  }
  let mkfs = env.NANOS_MKFS || undefined;
  if (mkfs === undefined) missing.mkfs = 'NANOS_MKFS is not set (path to Nanos tools/mkfs)';
  else if (!existsSync(mkfs)) {
    missing.mkfs = `NANOS_MKFS=${mkfs} does not exist`;
    mkfs = undefined;
  }
  const sizes = (env.BENCH_SIZES_MB ?? '0,50,500').split(',').filter((s) => s.trim() !== '');
  const tarballSizes = (env.BENCH_TARBALL_SIZES_MB ?? '50,500')
    .split(',')
    .filter((s) => s.trim() !== '');
  return {
    root: required('BENCH_ROOT', env),
    work: required('BENCH_WORK', env),
    cli: required('BENCH_CLI', env),
    script: required('BENCH_SCRIPT', env),
    kernelDir,
    mkfs,
    sizesMb: sizes.map((s) => wholeNumber(s.trim(), 0, 'BENCH_SIZES_MB', { allowZero: true })),
    runs: wholeNumber(env.BENCH_RUNS, 3, 'BENCH_RUNS'),
    boots: wholeNumber(env.BENCH_BOOTS, 15, 'BENCH_BOOTS', { allowZero: true }),
    tarball: env.BENCH_TARBALL !== '0',
    tarballSizesMb: tarballSizes.map((s) => wholeNumber(s.trim(), 0, 'BENCH_TARBALL_SIZES_MB')),
    upload: wholeNumber(env.BENCH_UPLOAD, 1, 'BENCH_UPLOAD', { allowZero: true }) !== 0,
    sections: sectionsFrom(env.BENCH_ONLY),
    missing,
  };
}
