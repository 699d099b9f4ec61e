/**
 * GCP tarball benchmark: nanoship's streamed disk.raw tar.gz (src/cloud/gcp/disk-tarball.ts)
 * against what a shell would do with the same file, `tar --format=oldgnu -S -cf - disk.raw |
 * gzip -1`, for images holding 50 MB and 500 MB of data in a 1 GiB disk.raw. Both write to
 * /dev/null (ours: a counting sink). Ours runs in a child Node (the role below) so that its
 * peak memory is its own: the goal is at most their time and at most 128 MiB.
 *
 * The data is real machine code: executables and libraries of this host, concatenated in
 * name order (random bytes if they run out), so the compression ratio is that of a program.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Dirent } from 'node:fs';
import {
  copyFile,
  mkdir,
  open,
  readdir,
  readFile,
  rm,
  stat,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { createDiskTarball, GIB } from '../src/cloud/gcp/disk-tarball.js';
import type { BenchConfig } from './config.js';
import {
  formatBytes,
  formatMs,
  formatRatio,
  MB,
  median,
  nowMs,
  renderTable,
  settleDisk,
} from './measure.js';
import { streamCopy } from './measurer.js';
import { runProcess } from './processes.js';

/** Set in the child's environment: bench/main.ts makes one tarball instead of benchmarking. */
export const TARBALL_ROLE = 'gcp-tarball';
const MIB = 2 ** 20;
const GOAL_PEAK_BYTES = 128 * MIB;
const DATA_DIRS = ['/usr/lib', '/usr/bin', '/usr/libexec'];

/** How often the child samples its heap and ArrayBuffer memory. */
const MEMORY_SAMPLE_MS = 10;

/** What the child reports besides its peak RSS, which the parent reads from /proc. */
interface ChildFigures {
  ms: number;
  bytes: number;
  /** Largest V8 heap (heapTotal) sampled. */
  peakHeapBytes: number;
  /** Largest ArrayBuffer memory sampled: read buffers, gzip output not yet collected. */
  peakArrayBufferBytes: number;
}

/** The child's side: tars BENCH_TARBALL_IMAGE to nothing and writes its figures to the result file. */
export async function runTarballRole(env: NodeJS.ProcessEnv): Promise<void> {
  const image = env.BENCH_TARBALL_IMAGE!;
  let peakHeapBytes = 0;
  let peakArrayBufferBytes = 0;
  const sampler = setInterval(() => {
    const { arrayBuffers, heapTotal } = process.memoryUsage();
    peakArrayBufferBytes = Math.max(peakArrayBufferBytes, arrayBuffers);
    peakHeapBytes = Math.max(peakHeapBytes, heapTotal);
  }, MEMORY_SAMPLE_MS);
  const start = nowMs();
  const tarball = createDiskTarball(image, (await stat(image)).size);
  let bytes = 0;
  for await (const chunk of tarball.chunks) bytes += chunk.length;
  const ms = nowMs() - start;
  clearInterval(sampler);
  const figures: ChildFigures = { ms, bytes, peakHeapBytes, peakArrayBufferBytes };
  await writeFile(env.BENCH_TARBALL_RESULT!, JSON.stringify(figures));
}

/** Regular files under `dirs` of at least 64 KiB, in name order, until `bytes` are found. */
async function binaries(dirs: string[], bytes: number): Promise<string[]> {
  const found: string[] = [];
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (total >= bytes) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const size = (await stat(path)).size;
        if (size >= 64 * 1024) {
          found.push(path);
          total += size;
        }
      }
    }
  };
  for (const dir of dirs) await walk(dir);
  return found;
}

/** Writes `bytes` of this host's machine code (random bytes if it has too little). */
async function writeProgramData(path: string, bytes: number): Promise<void> {
  const file = await open(path, 'w');
  try {
    let at = 0;
    for (const source of await binaries(DATA_DIRS, bytes)) {
      if (at >= bytes) break;
      const data = await readFile(source).catch(() => Buffer.alloc(0));
      const slice = data.subarray(0, bytes - at);
      await file.write(slice, 0, slice.length, at);
      at += slice.length;
    }
    while (at < bytes) {
      const chunk = randomBytes(Math.min(MIB, bytes - at));
      await file.write(chunk, 0, chunk.length, at);
      at += chunk.length;
    }
  } finally {
    await file.close();
  }
}

interface SizeResult {
  dataBytes: number;
  oursMs: number;
  oursChildMs: number;
  oursPeak?: number;
  oursPeakHeap: number;
  oursPeakArrayBuffers: number;
  oursBytes: number;
  theirsMs: number;
  theirsBytes: number;
}

async function benchSize(config: BenchConfig, dataMb: number): Promise<SizeResult> {
  const dir = join(config.work, `tarball-${dataMb}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const image = join(dir, 'app.img');
  const disk = join(dir, 'disk.raw');
  const result = join(dir, 'result.json');
  await writeProgramData(image, dataMb * MB);
  // Their input: the same bytes padded to 1 GiB as a sparse file (tar -S skips the holes).
  await copyFile(image, disk);
  await truncate(disk, GIB);
  const theirs = `tar --format=oldgnu -S -cf - -C "${dir}" disk.raw | gzip -1`;
  const samples = { ours: [] as number[], child: [] as number[], theirs: [] as number[] };
  let oursPeak: number | undefined;
  let oursPeakHeap = 0;
  let oursPeakArrayBuffers = 0;
  let oursBytes = 0;
  for (let run = 0; run < config.runs; run++) {
    settleDisk();
    await streamCopy(image, '/dev/null');
    const env = {
      ...process.env,
      BENCH_ROLE: TARBALL_ROLE,
      BENCH_TARBALL_IMAGE: image,
      BENCH_TARBALL_RESULT: result,
    };
    const child = await runProcess(process.execPath, [config.script], { env });
    const reported = JSON.parse(await readFile(result, 'utf8')) as ChildFigures;
    samples.ours.push(reported.ms);
    oursPeakHeap = Math.max(oursPeakHeap, reported.peakHeapBytes);
    oursPeakArrayBuffers = Math.max(oursPeakArrayBuffers, reported.peakArrayBufferBytes);
    samples.child.push(child.ms);
    oursBytes = reported.bytes;
    if (child.peakRssBytes !== undefined) oursPeak = Math.max(oursPeak ?? 0, child.peakRssBytes);
    settleDisk();
    await streamCopy(image, '/dev/null');
    samples.theirs.push((await runProcess('sh', ['-c', `${theirs} > /dev/null`])).ms);
  }
  const size = spawnSync('sh', ['-c', `${theirs} | wc -c`], { encoding: 'utf8' });
  await rm(dir, { recursive: true, force: true });
  return {
    dataBytes: dataMb * MB,
    oursMs: median(samples.ours),
    oursChildMs: median(samples.child),
    oursPeak,
    oursPeakHeap,
    oursPeakArrayBuffers,
    oursBytes,
    theirsMs: median(samples.theirs),
    theirsBytes: Number(size.stdout.trim()),
  };
}

function renderResults(config: BenchConfig, results: SizeResult[]): string {
  return renderTable(
    `GCP disk.raw tarball, 1 GiB disk.raw (median of ${config.runs}; page cache warm)`,
    [
      'data',
      'ours ms',
      'ours+start ms',
      'tar|gzip -1 ms',
      'ours/theirs',
      'ours peak RSS',
      'peak heap',
      'peak buffers',
      'ours gzip',
      'their gzip',
    ],
    results.map((r) => [
      formatBytes(r.dataBytes),
      formatMs(r.oursMs),
      formatMs(r.oursChildMs),
      formatMs(r.theirsMs),
      formatRatio(r.oursMs / r.theirsMs),
      `${formatBytes(r.oursPeak)}${r.oursPeak !== undefined && r.oursPeak > GOAL_PEAK_BYTES ? ' (over 128 MiB)' : ''}`,
      formatBytes(r.oursPeakHeap),
      formatBytes(r.oursPeakArrayBuffers),
      formatBytes(r.oursBytes),
      formatBytes(r.theirsBytes),
    ]),
    [
      'ours: createDiskTarball into a counting sink, timed inside a child Node (ours+start: the whole child).',
      'theirs: tar --format=oldgnu -S -cf - disk.raw | gzip -1 > /dev/null, disk.raw the same data sparse-padded.',
      "Data: this host's executables and libraries concatenated (machine code, like a program). Goal: ours/theirs <= 1.00x, peak <= 128 MiB.",
      'ours peak RSS: VmHWM of the child Node, its own start-up included; peak heap: its largest V8 heap',
      '(heapTotal); peak buffers: its largest ArrayBuffer memory (read buffers, gzip output), sampled every 10 ms.',
    ],
  );
}

/** Runs the tarball section and returns its printed table. */
export async function gcpTarballBench(config: BenchConfig, log: (line: string) => void) {
  if (!config.tarball) return 'GCP tarball: skipped (BENCH_TARBALL=0).\n';
  const results: SizeResult[] = [];
  for (const dataMb of config.tarballSizesMb) {
    log(`gcp tarball: ${dataMb} MB of data in a 1 GiB disk.raw, ${config.runs} runs`);
    results.push(await benchSize(config, dataMb));
  }
  return renderResults(config, results);
}
