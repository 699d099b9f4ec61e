/**
 * Image build benchmark: for programs of a few sizes, the in-process build (buildImage), the
 * whole `nanoship build` command, Nanos' C mkfs packing the same tree, and two plain copies of
 * the program's bytes (the physical floor), interleaved run by run and reported as medians.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildRootFilesystem } from '../src/image/manifest.js';
import { useLocalKernel } from '../src/kernel/kernel-dir.js';
import type { Toolchain } from '../src/kernel/types.js';
import { planBuild } from '../src/plan/build-plan.js';
import { cliOptionName, emptyOptions } from '../src/plan/options.js';
import type { BenchConfig } from './config.js';
import { compileStatic, padProgram, writeMkfsManifest } from './fixtures.js';
import {
  formatBytes,
  formatMs,
  formatRate,
  formatRatio,
  MB,
  median,
  renderTable,
  settleDisk,
} from './measure.js';
import { Measurer, type Request, streamCopy } from './measurer.js';
import { runProcess } from './processes.js';

/** Start-up figures are cheap: more runs make their medians steadier. */
const STARTUP_RUNS = 5;
const PROGRAM_NAME = 'app';

type Method = 'copyFile' | 'streamCopy' | 'imageCopy' | 'inProcess' | 'cli' | 'mkfs';

interface SizeResult {
  bytes: number;
  ms: Record<Method, number>;
  cliPeakRss?: number;
}

/** Runs the whole `nanoship build` command in a child Node, from `dir`. */
function cliBuild(config: BenchConfig, dir: string, name: string, output: string) {
  const args = [config.cli, 'build', name, '--kernel-dir', config.kernelDir!, '--output', output];
  const env = { ...process.env, XDG_CACHE_HOME: join(config.work, 'cache') };
  return runProcess(process.execPath, args, { env, cwd: dir });
}

/**
 * Reads files once so a method starts from the page cache. Done before every timed step, not
 * once: the host may page cold files out between steps (DAMON reclaim does on the CI VMs),
 * and a step that finds half its input on disk measures the disk, not the method.
 */
async function warmPageCache(paths: string[]): Promise<void> {
  for (const path of paths) await streamCopy(path, '/dev/null');
}

/**
 * Runs one timed step once, its `inputs` read into the page cache first; the output it wrote
 * is removed afterwards. The step reports its own time: the measurer's, or a child's.
 */
async function measure<T extends { ms: number }>(
  output: string,
  step: () => Promise<T>,
  inputs: string[] = [],
): Promise<T> {
  settleDisk();
  await warmPageCache(inputs);
  const result = await step();
  await rm(output, { force: true });
  return result;
}

/** A measurer request as a step for `measure`. */
function inMeasurer(measurer: Measurer, request: Request) {
  return async () => ({ ms: await measurer.time(request) });
}

async function benchSize(
  config: BenchConfig,
  kernel: Toolchain,
  measurer: Measurer,
  base: string,
  sizeMb: number,
) {
  const dir = join(config.work, `size-${sizeMb}`);
  await mkdir(dir, { recursive: true });
  const program = join(dir, PROGRAM_NAME);
  const output = join(dir, 'out.img');
  const bytes = sizeMb * MB;
  await padProgram(base, program, bytes);
  const manifest = config.mkfs && (await mkfsManifest(dir, kernel));
  const inputs = [program, kernel.kernelImg, kernel.bootImg!];
  const samples: Record<Method, number[]> = {
    copyFile: [],
    streamCopy: [],
    imageCopy: [],
    inProcess: [],
    cli: [],
    mkfs: [],
  };
  let cliPeakRss: number | undefined;
  const time = async (request: Request, from = inputs) =>
    (await measure(output, inMeasurer(measurer, request), from)).ms;
  const build = { method: 'build', dir, program: PROGRAM_NAME } as const;
  for (let run = 0; run < config.runs; run++) {
    samples.copyFile.push(await time({ method: 'copyFile', from: program, to: output }));
    samples.streamCopy.push(await time({ method: 'streamCopy', from: program, to: output }));
    samples.inProcess.push(await time({ ...build, output }));
    // The image is larger than the program (12 MiB bootfs, free space): its own plain copy is
    // the floor for writing it. Built once more, untimed, to have it to copy.
    const image = join(dir, 'image-source.img');
    await measurer.time({ ...build, output: image });
    samples.imageCopy.push(await time({ method: 'streamCopy', from: image, to: output }, [image]));
    await rm(image, { force: true });
    const child = await measure(output, () => cliBuild(config, dir, PROGRAM_NAME, output), inputs);
    samples.cli.push(child.ms);
    if (child.peakRssBytes !== undefined) {
      cliPeakRss = Math.max(cliPeakRss ?? 0, child.peakRssBytes);
    }
    if (config.mkfs && manifest) {
      const args = ['-b', kernel.bootImg!, '-k', kernel.kernelImg, output];
      const mkfs = () => runProcess(config.mkfs!, args, { stdinFile: manifest });
      samples.mkfs.push((await measure(output, mkfs, inputs)).ms);
    }
  }
  await rm(dir, { recursive: true, force: true });
  const ms = Object.fromEntries(
    Object.entries(samples).map(([method, values]) => [method, median(values)]),
  ) as Record<Method, number>;
  return { bytes, ms, cliPeakRss } satisfies SizeResult;
}

/** The mkfs manifest of the very tree the in-process build packs. */
async function mkfsManifest(dir: string, kernel: Toolchain): Promise<string> {
  const options = { ...emptyOptions(), program: PROGRAM_NAME };
  const plan = await planBuild(options, {}, { cwd: dir, namer: cliOptionName });
  const root = await buildRootFilesystem({
    ...plan.manifest,
    nanosVersion: kernel.version,
    arch: 'x86_64',
  });
  return writeMkfsManifest(root, join(dir, 'mkfs-input'));
}

/** The CLI's fixed cost: `--version`, and a whole build of the ~0.8 MB static program. */
async function benchStartup(config: BenchConfig, measurer: Measurer, dir: string, name: string) {
  const output = join(dir, 'tiny.img');
  const build = { method: 'build', dir, program: name, output } as const;
  const version: number[] = [];
  const cli: number[] = [];
  const inProcess: number[] = [];
  await measurer.time(build); // warms the JIT for the sizes after
  for (let run = 0; run < STARTUP_RUNS; run++) {
    version.push((await runProcess(process.execPath, [config.cli, '--version'])).ms);
    cli.push((await measure(output, () => cliBuild(config, dir, name, output))).ms);
    inProcess.push((await measure(output, inMeasurer(measurer, build))).ms);
  }
  const node = await runProcess(process.execPath, ['-e', '0']);
  return renderTable(
    `CLI fixed start-up cost (median of ${STARTUP_RUNS})`,
    ['what', 'ms'],
    [
      ['node -e 0 (bare Node start)', formatMs(node.ms)],
      ['nanoship --version', formatMs(median(version))],
      ['nanoship build, 0.8 MB static program', formatMs(median(cli))],
      ['in-process buildImage, same program', formatMs(median(inProcess))],
      ['fixed cost of the command (build − in-process)', formatMs(median(cli) - median(inProcess))],
    ],
  );
}

function sizeTables(config: BenchConfig, results: SizeResult[]): string {
  const mkfsNote = config.mkfs
    ? `mkfs: ${config.mkfs} -b boot.img -k kernel.img < manifest of the same tree (program, CA bundle, /etc files).`
    : `mkfs column skipped: ${config.missing.mkfs}.`;
  const times = renderTable(
    `Image build times, ms (median of ${config.runs}, run interleaved; page cache warm)`,
    [
      'program',
      'copyFile',
      'read+write',
      'image read+write',
      'in-process',
      'nanoship build',
      'Nanos mkfs',
    ],
    results.map((r) => [
      formatBytes(r.bytes),
      formatMs(r.ms.copyFile),
      formatMs(r.ms.streamCopy),
      formatMs(r.ms.imageCopy),
      formatMs(r.ms.inProcess),
      formatMs(r.ms.cli),
      formatMs(r.ms.mkfs),
    ]),
    [
      'copyFile: fs.copyFile of the program (kernel copy, no reflink); read+write: 1 MiB user-space loop.',
      'image read+write: the same loop over the built image (program + 12 MiB bootfs + free space).',
      'in-process: planBuild + buildImage, and both copies, in a child Node that never forks (see bench/measurer.ts);',
      'nanoship build: the bundled CLI in a child Node.',
      mkfsNote,
    ],
  );
  const ratios = renderTable(
    'Image build throughput and ratios',
    [
      'program',
      'in-process MB/s',
      'copyFile MB/s',
      'in-proc/copyFile',
      'in-proc/read+write',
      'in-proc/image r+w',
      'build/mkfs',
      'build peak RSS',
    ],
    results.map((r) => [
      formatBytes(r.bytes),
      formatRate(r.bytes, r.ms.inProcess),
      formatRate(r.bytes, r.ms.copyFile),
      formatRatio(r.ms.inProcess / r.ms.copyFile),
      formatRatio(r.ms.inProcess / r.ms.streamCopy),
      formatRatio(r.ms.inProcess / r.ms.imageCopy),
      formatRatio(r.ms.cli / r.ms.mkfs),
      formatBytes(r.cliPeakRss),
    ]),
    [
      'MB/s counts the program bytes (1 MB = 10^6 bytes); every image also hashes a 12 MiB bootfs',
      '(kernel.img, then zeros written as holes), a fixed cost that dominates the small sizes.',
      'build/mkfs: the whole nanoship build command against mkfs, both child processes.',
      'build peak RSS: largest VmHWM of the nanoship build child over its runs.',
    ],
  );
  return `${times}\n${ratios}`;
}

/** Runs the image build section and returns its printed tables. */
export async function imageBench(config: BenchConfig, log: (line: string) => void) {
  if (config.kernelDir === undefined) {
    return `Image build: skipped, ${config.missing.kernel}.\n`;
  }
  const kernel = await useLocalKernel(config.kernelDir, 'x86_64');
  const dir = join(config.work, 'tiny');
  await mkdir(dir, { recursive: true });
  const base = join(dir, 'tiny');
  await compileStatic(join(config.root, 'bench', 'fixtures', 'tiny.c'), base);
  const measurer = new Measurer(config.script);
  try {
    log('image build: start-up cost');
    const startup = await benchStartup(config, measurer, dir, 'tiny');
    const results: SizeResult[] = [];
    for (const sizeMb of config.sizesMb) {
      log(`image build: ${sizeMb} MB program, ${config.runs} runs of each method`);
      results.push(await benchSize(config, kernel, measurer, base, sizeMb));
    }
    return `${sizeTables(config, results)}\n${startup}`;
  } finally {
    measurer.stop();
  }
}
