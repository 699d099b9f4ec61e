/**
 * Image build benchmark: for programs of a few sizes, the in-process build (buildImage), the
 * whole `nanoship build` command, Nanos' C mkfs packing the same tree, and two plain copies of
 * the program's bytes (the physical floor), interleaved run by run and reported as medians.
 */
import { copyFile, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildImage } from '../src/image/index.js';
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
  timed,
} from './measure.js';
import { runProcess } from './processes.js';

const COPY_CHUNK_BYTES = 1024 * 1024;
/** Start-up figures are cheap: more runs make their medians steadier. */
const STARTUP_RUNS = 5;
const PROGRAM_NAME = 'app';

type Method = 'copyFile' | 'streamCopy' | 'imageCopy' | 'inProcess' | 'cli' | 'mkfs';

interface SizeResult {
  bytes: number;
  ms: Record<Method, number>;
  cliPeakRss?: number;
}

/** Builds the image of `dir/name` in this process, exactly as the CLI's build stage does. */
export async function buildInProcess(dir: string, name: string, output: string, kernel: Toolchain) {
  const options = { ...emptyOptions(), program: name, output };
  const plan = await planBuild(options, {}, { cwd: dir, namer: cliOptionName });
  return buildImage(plan, kernel, { arch: 'x86_64' });
}

/** Runs the whole `nanoship build` command in a child Node, from `dir`. */
function cliBuild(config: BenchConfig, dir: string, name: string, output: string) {
  const args = [config.cli, 'build', name, '--kernel-dir', config.kernelDir!, '--output', output];
  const env = { ...process.env, XDG_CACHE_HOME: join(config.work, 'cache') };
  return runProcess(process.execPath, args, { env, cwd: dir });
}

/** A user-space copy: read and write 1 MiB at a time, what any streaming tool must do. */
async function streamCopy(from: string, to: string): Promise<void> {
  const input = await open(from, 'r');
  const output = await open(to, 'w');
  try {
    const buffer = Buffer.alloc(COPY_CHUNK_BYTES);
    for (let position = 0; ; ) {
      const { bytesRead } = await input.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      await output.write(buffer, 0, bytesRead, position);
      position += bytesRead;
    }
  } finally {
    await Promise.all([input.close(), output.close()]);
  }
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
 * Times one method once, its `inputs` read into the page cache first; the output it wrote is
 * removed afterwards.
 */
async function measure(
  output: string,
  fn: () => Promise<unknown>,
  inputs: string[] = [],
): Promise<number> {
  settleDisk();
  await warmPageCache(inputs);
  const { ms } = await timed(fn);
  await rm(output, { force: true });
  return ms;
}

async function benchSize(config: BenchConfig, kernel: Toolchain, base: string, sizeMb: number) {
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
  for (let run = 0; run < config.runs; run++) {
    samples.copyFile.push(await measure(output, () => copyFile(program, output), inputs));
    samples.streamCopy.push(await measure(output, () => streamCopy(program, output), inputs));
    samples.inProcess.push(
      await measure(output, () => buildInProcess(dir, PROGRAM_NAME, output, kernel), inputs),
    );
    // The image is larger than the program (12 MiB bootfs, free space): its own plain copy is
    // the floor for writing it. Built once more, untimed, to have it to copy.
    const image = join(dir, 'image-source.img');
    await buildInProcess(dir, PROGRAM_NAME, image, kernel);
    samples.imageCopy.push(await measure(output, () => streamCopy(image, output), [image]));
    await rm(image, { force: true });
    let child: Awaited<ReturnType<typeof runProcess>> | undefined;
    await measure(
      output,
      async () => {
        child = await cliBuild(config, dir, PROGRAM_NAME, output);
      },
      inputs,
    );
    samples.cli.push(child!.ms);
    if (child!.peakRssBytes !== undefined) {
      cliPeakRss = Math.max(cliPeakRss ?? 0, child!.peakRssBytes);
    }
    if (config.mkfs && manifest) {
      const args = ['-b', kernel.bootImg!, '-k', kernel.kernelImg, output];
      let mkfsMs = 0;
      await measure(
        output,
        async () => {
          mkfsMs = (await runProcess(config.mkfs!, args, { stdinFile: manifest })).ms;
        },
        inputs,
      );
      samples.mkfs.push(mkfsMs);
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
async function benchStartup(config: BenchConfig, kernel: Toolchain, dir: string, name: string) {
  const output = join(dir, 'tiny.img');
  const version: number[] = [];
  const cli: number[] = [];
  const inProcess: number[] = [];
  await buildInProcess(dir, name, output, kernel); // warms the JIT for the sizes after
  for (let run = 0; run < STARTUP_RUNS; run++) {
    version.push((await runProcess(process.execPath, [config.cli, '--version'])).ms);
    let child = 0;
    await measure(output, async () => {
      child = (await cliBuild(config, dir, name, output)).ms;
    });
    cli.push(child);
    inProcess.push(await measure(output, () => buildInProcess(dir, name, output, kernel)));
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
      'in-process: planBuild + buildImage in this process; nanoship build: the bundled CLI in a child Node.',
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
  log('image build: start-up cost');
  const startup = await benchStartup(config, kernel, dir, 'tiny');
  const results: SizeResult[] = [];
  for (const sizeMb of config.sizesMb) {
    log(`image build: ${sizeMb} MB program, ${config.runs} runs of each method`);
    results.push(await benchSize(config, kernel, base, sizeMb));
  }
  return `${sizeTables(config, results)}\n${startup}`;
}
