/**
 * The image benchmark's tables: times as median [min–max], then issue 12's goals as ratios of
 * medians with the range of the per-run ratios (every method ran once per round, so each round
 * gives one ratio).
 */
import type { BenchConfig } from './config.js';
import {
  formatBytes,
  formatMs,
  formatRatioSpread,
  formatSpread,
  MB,
  median,
  renderTable,
} from './measure.js';

export type Method =
  | 'copyFile'
  | 'readWrite'
  | 'nodeHash'
  | 'inProcess'
  | 'cli'
  | 'mkfs'
  | 'bareNode'
  | 'hashOnly';

export interface BenchProgram {
  path: string;
  name: string;
  bytes: number;
}

export interface SizeResult {
  /** Size of the data file added next to the program (0: the program alone). */
  extraMb: number;
  imageBytes: number;
  samples: Record<Method, number[]>;
  cliPeakRss?: number;
}

export interface StartupResult {
  nodeEval: number[];
  nodeEmptyModule: number[];
  help: number[];
  version: number[];
  worker: number[];
  cliNoCache: number[];
}

interface Report {
  program: BenchProgram;
  /** OpenSSL's SHA-256 speed, when openssl is installed. */
  sha256BytesPerMs?: number;
  results: SizeResult[];
  startup: StartupResult;
}

/** Sizes from which `nanoship build` is held to Nanos mkfs (issue 12). */
const MKFS_GOAL_FROM_MB = 50;
const STARTUP_GOAL_MS = 50;

function label(program: BenchProgram, result: SizeResult): string {
  const base = `program ${formatBytes(program.bytes)}`;
  return result.extraMb === 0 ? base : `+ ${result.extraMb} MB file`;
}

/** The hash floor of one image: its bytes at OpenSSL's speed, else as Node hashed it. */
function hashFloor(report: Report, result: SizeResult): number[] {
  const rate = report.sha256BytesPerMs;
  if (rate === undefined) return result.samples.nodeHash;
  return result.samples.nodeHash.map(() => result.imageBytes / rate);
}

/**
 * Per round: the larger of the hash and the faster plain copy (`strict`), or the read+write
 * copy, the one a build must make since it hashes the bytes on their way through memory.
 */
function floors(report: Report, result: SizeResult, strict = true): number[] {
  const hash = hashFloor(report, result);
  return result.samples.copyFile.map((copy, i) => {
    const readWrite = result.samples.readWrite[i]!;
    return Math.max(strict ? Math.min(copy, readWrite) : readWrite, hash[i]!);
  });
}

function formatMiB(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

function perRun(a: number[], b: number[]): number[] {
  return a.map((value, i) => value / b[i]!);
}

function timesTable(config: BenchConfig, report: Report): string {
  const rows = report.results.map((r) => [
    label(report.program, r),
    formatBytes(r.imageBytes),
    formatSpread(r.samples.copyFile),
    formatSpread(r.samples.readWrite),
    formatMs(median(hashFloor(report, r))),
    formatSpread(r.samples.nodeHash),
    formatSpread(r.samples.hashOnly),
    formatSpread(r.samples.inProcess),
    formatSpread(r.samples.cli),
    config.mkfs ? formatSpread(r.samples.mkfs) : '–',
  ]);
  const rate = report.sha256BytesPerMs;
  return renderTable(
    `Image build, ms: median [min–max] of ${config.runs} rounds, methods interleaved (each round starts one method later), page cache warm`,
    [
      'image of',
      'image',
      'copyFile',
      'read+write',
      'SHA-256',
      'Node read+hash',
      'hash-only command',
      'in-process',
      'nanoship build',
      'Nanos mkfs',
    ],
    rows,
    [
      `program: ${report.program.name}, ${report.program.bytes} bytes; "+ N MB file": the same with --file data.bin of N MB random bytes.`,
      'copyFile: fs.copyFile of the built image (copy_file_range, no reflink); read+write: a 1 MiB user-space loop over it.',
      rate === undefined
        ? 'SHA-256: openssl missing, so the hash floor is Node reading and hashing the image (Node read+hash).'
        : `SHA-256: the image's bytes at OpenSSL's speed (openssl speed -evp sha256, 1 MiB blocks: ${((rate * 1000) / MB).toFixed(0)} MB/s).`,
      'hash-only command: a new Node that loads node:crypto, hashes as many bytes as the image holds from memory and exits.',
      'in-process: planBuild + buildImage; both copies and Node read+hash: in a child Node that never forks (bench/measurer.ts).',
      'nanoship build: the bundled CLI in a child Node, compile cache warm.',
      config.mkfs
        ? `Nanos mkfs: ${config.mkfs} -b boot.img -k kernel.img < manifest of the same tree.`
        : `Nanos mkfs: skipped, ${config.missing.mkfs}; the floors stand alone.`,
    ],
  );
}

function goalsTable(config: BenchConfig, report: Report): string {
  const ratio = (a: number[], b: number[]) =>
    formatRatioSpread(median(a) / median(b), perRun(a, b));
  const rows = report.results.map((r) => {
    const floor = floors(report, r);
    const mkfsGoal = config.mkfs !== undefined && r.extraMb >= MKFS_GOAL_FROM_MB;
    return [
      label(report.program, r),
      formatMs(median(floor)),
      ratio(r.samples.inProcess, floor),
      ratio(r.samples.inProcess, floors(report, r, false)),
      mkfsGoal ? ratio(r.samples.cli, r.samples.mkfs) : '–',
      mkfsGoal ? ratio(r.samples.hashOnly, r.samples.mkfs) : '–',
      formatMiB(r.cliPeakRss),
    ];
  });
  const small = report.results.find((r) => r.extraMb === 0);
  const overNode = small ? small.samples.cli.map((ms, i) => ms - small.samples.bareNode[i]!) : [];
  return renderTable(
    'Goals (issue 12): ratios of medians [range of per-round ratios]',
    [
      'image of',
      'floor ms',
      'in-process ÷ floor',
      'in-process ÷ r+w floor',
      'build ÷ mkfs',
      'hash-only ÷ mkfs',
      'build peak RSS',
    ],
    rows,
    [
      'floor: max(the faster plain copy, SHA-256) per round; r+w floor: max(read+write, SHA-256), the',
      'copy a build makes, since it hashes the bytes in memory. Goals: in-process ≤ 1.3x the floor at',
      `500 MB; nanoship build ≤ 1.00x Nanos mkfs from ${MKFS_GOAL_FROM_MB} MB up; peak RSS ≤ 80 MiB.`,
      'hash-only ÷ mkfs: the least a Node command that outputs the sha256 can take, against mkfs;',
      'where it is above 1.00x, no Node build that hashes its image can meet the mkfs goal here.',
      small
        ? `program alone: nanoship build − bare Node (node -e 0, same round) = ${formatSpread(overNode)} ms; goal ≤ ${STARTUP_GOAL_MS} ms.`
        : 'program alone: not measured (BENCH_SIZES_MB has no 0).',
    ],
  );
}

function startupTable(config: BenchConfig, report: Report): string {
  const { startup } = report;
  const small = report.results.find((r) => r.extraMb === 0);
  return renderTable(
    `Start-up, ms: median [min–max] of ${config.runs} rounds, interleaved`,
    ['what', 'ms'],
    [
      ['node -e 0 (bare Node)', formatSpread(startup.nodeEval)],
      ['node empty.mjs (bare Node, ES module)', formatSpread(startup.nodeEmptyModule)],
      ['nanoship --help', formatSpread(startup.help)],
      ['nanoship --version', formatSpread(startup.version)],
      ['worker_threads: new Worker to its first message', formatSpread(startup.worker)],
      [`nanoship build, program alone, compile cache off`, formatSpread(startup.cliNoCache)],
      [
        `nanoship build, program alone (from the table above)`,
        formatSpread(small?.samples.cli ?? []),
      ],
      [`in-process build, program alone`, formatSpread(small?.samples.inProcess ?? [])],
    ],
    [
      'The worker line is why the hash stays on the main thread: starting a worker costs more than',
      "hashing a small image, and the pool's reads and writes already give the hash its own core;",
      'started with the CLI, in parallel with loading it, it slowed the main thread (README).',
    ],
  );
}

/** All tables of the image section. */
export function renderImageReport(config: BenchConfig, report: Report): string {
  return [
    timesTable(config, report),
    goalsTable(config, report),
    startupTable(config, report),
  ].join('\n');
}
