/**
 * Image build benchmark: issue 12's goals side by side in one run. For a static Go HTTP server
 * alone and with an extra data file of each size, it times, interleaved run by run with the
 * page cache warm: the in-process build, the whole `nanoship build` command, Nanos' C mkfs on
 * the same tree, and the floors of any image writer that must also hash its output (two plain
 * copies of the image, and its SHA-256 at OpenSSL's speed and as Node reads and hashes it).
 * It prints medians with min–max and the goals as ratios (bench/image-report.ts); it asserts
 * nothing about time.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildRootFilesystem } from '../src/image/manifest.js';
import { useLocalKernel } from '../src/kernel/kernel-dir.js';
import type { Toolchain } from '../src/kernel/types.js';
import { planBuild } from '../src/plan/build-plan.js';
import { cliOptionName, emptyOptions } from '../src/plan/options.js';
import type { BenchConfig } from './config.js';
import { buildGo, compileStatic, writeMkfsManifest, writeRandomFile } from './fixtures.js';
import {
  type BenchProgram,
  type Method,
  renderImageReport,
  type SizeResult,
  type StartupResult,
} from './image-report.js';
import { MB, settleDisk } from './measure.js';
import { Measurer, type Request, streamCopy } from './measurer.js';
import { runProcess } from './processes.js';

const run = promisify(execFile);
const PROGRAM_NAME = 'app';
const DATA_FILE = 'data.bin';

/**
 * The least any Node command that prints an image's sha256 can do: start, load node:crypto,
 * hash as many bytes as the image holds (from memory: SHA-256 costs the same whatever the
 * bytes) and exit. It reads and writes nothing, so a build can only take longer.
 */
const HASH_ONLY_SCRIPT = [
  "const hash = require('node:crypto').createHash('sha256');",
  'const block = Buffer.alloc(1 << 20);',
  'let left = Number(process.argv[1]);',
  'for (; left >= block.length; left -= block.length) hash.update(block);',
  'hash.update(block.subarray(0, left));',
  "process.stdout.write(hash.digest('hex'));",
].join('\n');

/** Runs the whole `nanoship build` command in a child Node, from `dir`. */
function cliBuild(config: BenchConfig, dir: string, files: string[], output: string, env = {}) {
  const args = [config.cli, 'build', PROGRAM_NAME, '--kernel-dir', config.kernelDir!];
  for (const file of files) args.push('--file', file);
  args.push('--output', output);
  const childEnv = { ...process.env, XDG_CACHE_HOME: join(config.work, 'cache'), ...env };
  return runProcess(process.execPath, args, { env: childEnv, cwd: dir });
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
 * (if any) is removed afterwards. The step reports its own time: the measurer's, or a child's.
 */
async function measure<T extends { ms: number }>(
  output: string | undefined,
  step: () => Promise<T>,
  inputs: string[] = [],
): Promise<T> {
  settleDisk();
  await warmPageCache(inputs);
  const result = await step();
  if (output !== undefined) await rm(output, { force: true });
  return result;
}

/** A measurer request as a step for `measure`. */
function inMeasurer(measurer: Measurer, request: Request) {
  return async () => ({ ms: await measurer.time(request) });
}

/**
 * The program every image holds: the Go HTTP server built from bench/fixtures, or when Go is
 * missing the static C one (noted in the output).
 */
async function benchProgram(config: BenchConfig, dir: string): Promise<BenchProgram> {
  const path = join(dir, PROGRAM_NAME);
  const fixtures = join(config.root, 'bench', 'fixtures');
  let name = 'Go HTTP server (static, CGO_ENABLED=0)';
  try {
    await buildGo(join(fixtures, 'http-server.go'), path);
  } catch (error) {
    await compileStatic(join(fixtures, 'http-server.c'), path);
    name = `static C HTTP server (go build failed: ${(error as Error).message.split('\n')[0]})`;
  }
  return { path, name, bytes: (await stat(path)).size };
}

async function benchSize(
  config: BenchConfig,
  kernel: Toolchain,
  measurer: Measurer,
  program: BenchProgram,
  extraMb: number,
): Promise<SizeResult> {
  const dir = join(config.work, `size-${extraMb}`);
  await mkdir(dir, { recursive: true });
  await copyFile(program.path, join(dir, PROGRAM_NAME));
  const files = extraMb > 0 ? [DATA_FILE] : [];
  if (extraMb > 0) await writeRandomFile(join(dir, DATA_FILE), extraMb * MB);
  const inputs = [
    join(dir, PROGRAM_NAME),
    ...files.map((file) => join(dir, file)),
    kernel.kernelImg,
    kernel.bootImg!,
  ];
  const manifest = config.mkfs && (await mkfsManifest(dir, files, kernel));
  const output = join(dir, 'out.img');
  const build = { method: 'build', dir, program: PROGRAM_NAME, files } as const;
  // The floors are taken over the very image the build writes.
  const reference = join(dir, 'reference.img');
  await measurer.time({ ...build, output: reference });
  const imageBytes = (await stat(reference)).size;
  const samples: Record<Method, number[]> = {
    copyFile: [],
    readWrite: [],
    nodeHash: [],
    inProcess: [],
    cli: [],
    mkfs: [],
    bareNode: [],
    hashOnly: [],
  };
  let cliPeakRss: number | undefined;
  const time = async (request: Request, from: string[], written?: string) =>
    (await measure(written, inMeasurer(measurer, request), from)).ms;
  const hashOnly = ['-e', HASH_ONLY_SCRIPT, String(imageBytes)];
  const steps: [Method, () => Promise<number>][] = [
    ['bareNode', async () => (await runProcess(process.execPath, ['-e', '0'])).ms],
    [
      'hashOnly',
      async () => (await measure(undefined, () => runProcess(process.execPath, hashOnly))).ms,
    ],
    [
      'copyFile',
      () => time({ method: 'copyFile', from: reference, to: output }, [reference], output),
    ],
    [
      'readWrite',
      () => time({ method: 'streamCopy', from: reference, to: output }, [reference], output),
    ],
    ['nodeHash', () => time({ method: 'hashFile', from: reference }, [reference])],
    ['inProcess', () => time({ ...build, output }, inputs, output)],
    [
      'cli',
      async () => {
        const child = await measure(output, () => cliBuild(config, dir, files, output), inputs);
        if (child.peakRssBytes !== undefined) {
          cliPeakRss = Math.max(cliPeakRss ?? 0, child.peakRssBytes);
        }
        return child.ms;
      },
    ],
  ];
  if (config.mkfs && manifest) {
    const args = ['-b', kernel.bootImg!, '-k', kernel.kernelImg, output];
    const mkfs = () => runProcess(config.mkfs!, args, { stdinFile: manifest });
    steps.push(['mkfs', async () => (await measure(output, mkfs, inputs)).ms]);
  }
  // Each round starts one step further on, so that no method always runs in the same place.
  // On the family 26 machines the place changed a step's time more than the method did: in one
  // run, the same in-process build in the same process took 565 ms [346–815] at 500 MB right
  // after the read-only hash step and 362 ms [353–730] right after the CLI step. With an
  // untimed image copy written and removed before every writing step, the build took 357 ms
  // and the CLI step became the slow one (its system time doubled, with the same page
  // allocations in /proc/vmstat; why is not known).
  for (let round = 0; round < config.runs; round++) {
    for (let i = 0; i < steps.length; i++) {
      const [method, step] = steps[(round + i) % steps.length]!;
      samples[method].push(await step());
    }
  }
  await rm(dir, { recursive: true, force: true });
  return { extraMb, imageBytes, samples, cliPeakRss };
}

/** The mkfs manifest of the very tree the in-process build packs. */
async function mkfsManifest(dir: string, files: string[], kernel: Toolchain): Promise<string> {
  const options = { ...emptyOptions(), program: PROGRAM_NAME, files };
  const plan = await planBuild(options, {}, { cwd: dir, namer: cliOptionName });
  const root = await buildRootFilesystem({
    ...plan.manifest,
    nanosVersion: kernel.version,
    arch: 'x86_64',
  });
  return writeMkfsManifest(root, join(dir, 'mkfs-input'));
}

/**
 * OpenSSL's SHA-256 speed on 1 MiB blocks, in bytes per ms: the fastest of three one-second
 * runs, so the hash floor it gives is the lowest this CPU allows. Undefined without openssl.
 */
async function opensslSha256BytesPerMs(): Promise<number | undefined> {
  const rates: number[] = [];
  for (let i = 0; i < 3; i++) {
    try {
      const args = ['speed', '-seconds', '1', '-evp', 'sha256', '-bytes', '1048576'];
      const { stdout } = await run('openssl', args);
      // The last line: "sha256   1765546.49k" (thousands of bytes per second).
      const thousands = /^sha256\s+([\d.]+)k\s*$/m.exec(stdout)?.[1];
      if (thousands !== undefined) rates.push(Number(thousands));
    } catch {
      return undefined;
    }
  }
  return rates.length > 0 ? Math.max(...rates) : undefined;
}

/** Time from `new Worker` to its first message, measured inside a fresh Node. */
async function workerStartMs(): Promise<number> {
  const script = [
    "const { Worker } = require('node:worker_threads');",
    'const start = performance.now();',
    'const worker = new Worker("require(\'node:worker_threads\').parentPort.postMessage(0)", { eval: true });',
    "worker.once('message', () => { process.stdout.write(String(performance.now() - start)); worker.terminate(); });",
  ].join('\n');
  const { stdout } = await run(process.execPath, ['-e', script]);
  return Number(stdout);
}

/** The CLI's fixed costs, interleaved: bare Node, help, version, a worker, the cache off. */
async function benchStartup(
  config: BenchConfig,
  measurer: Measurer,
  program: BenchProgram,
): Promise<StartupResult> {
  const dir = join(config.work, 'startup');
  await mkdir(dir, { recursive: true });
  await copyFile(program.path, join(dir, PROGRAM_NAME));
  const empty = join(dir, 'empty.mjs');
  await writeFile(empty, '');
  const output = join(dir, 'out.img');
  const node = process.execPath;
  const result: StartupResult = {
    nodeEval: [],
    nodeEmptyModule: [],
    help: [],
    version: [],
    worker: [],
    cliNoCache: [],
  };
  // One untimed build fills Node's compile cache, as any earlier run of the CLI has.
  await cliBuild(config, dir, [], output);
  await measurer.time({ method: 'build', dir, program: PROGRAM_NAME, files: [], output });
  for (let round = 0; round < config.runs; round++) {
    result.nodeEval.push((await runProcess(node, ['-e', '0'])).ms);
    result.nodeEmptyModule.push((await runProcess(node, [empty])).ms);
    result.help.push((await runProcess(node, [config.cli, '--help'])).ms);
    result.version.push((await runProcess(node, [config.cli, '--version'])).ms);
    result.worker.push(await workerStartMs());
    const noCache = () => cliBuild(config, dir, [], output, { NODE_DISABLE_COMPILE_CACHE: '1' });
    result.cliNoCache.push((await measure(output, noCache)).ms);
  }
  await rm(dir, { recursive: true, force: true });
  return result;
}

/** Runs the image build section and returns its printed tables. */
export async function imageBench(config: BenchConfig, log: (line: string) => void) {
  if (config.kernelDir === undefined) {
    return `Image build: skipped, ${config.missing.kernel}.\n`;
  }
  const kernel = await useLocalKernel(config.kernelDir, 'x86_64');
  const programDir = join(config.work, 'program');
  await mkdir(programDir, { recursive: true });
  const program = await benchProgram(config, programDir);
  const measurer = new Measurer(config.script);
  try {
    log('image build: OpenSSL SHA-256 speed');
    const sha256BytesPerMs = await opensslSha256BytesPerMs();
    log('image build: start-up costs');
    const startup = await benchStartup(config, measurer, program);
    const results: SizeResult[] = [];
    for (const extraMb of config.sizesMb) {
      log(`image build: program + ${extraMb} MB file, ${config.runs} runs of each method`);
      results.push(await benchSize(config, kernel, measurer, program, extraMb));
    }
    return renderImageReport(config, { program, sha256BytesPerMs, results, startup });
  } finally {
    measurer.stop();
  }
}
