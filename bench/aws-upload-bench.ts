/**
 * AWS snapshot upload benchmark: a 1 GiB image holding 900 MiB of data (the rest a hole at the
 * end of a sparse file) is uploaded to the loopback AWS fake, which answers each block 5 ms
 * late, at the adaptive concurrency and at fixed 8, 16, 32 and 64. Each upload runs in a child
 * Node of its own (the bundled benchmark in the `aws-upload` role), so its peak RSS is the
 * uploader's alone; the fake runs here, one fresh fake per upload. Settings are interleaved run
 * by run and reported as medians. Prints figures; asserts nothing.
 *
 * The fake verifies every block's SHA-256 and writes it to disk, on the same cores as the
 * uploader: the figures are what this machine can push through loopback with TLS off, an
 * upper bound for the uploader's own cost, not a prediction of AWS's throughput.
 */
import { open, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { startAwsFake } from '../__tests__/cloud/aws/fake.js';
import { AwsClients } from '../src/cloud/aws/clients.js';
import { uploadSnapshot } from '../src/cloud/aws/snapshot-upload.js';
import { type ConcurrencySetting, realTiming } from '../src/cloud/aws/tuning.js';
import { silentLogger } from '../src/log.js';
import type { BenchConfig } from './config.js';
import { formatBytes, MB, median, renderTable } from './measure.js';
import { readHighWaterMark, runProcess } from './processes.js';

/** Set in the child's environment: bench/main.ts uploads once instead of benchmarking. */
export const AWS_UPLOAD_ROLE = 'aws-upload';

const MIB = 1024 * 1024;
const IMAGE_BYTES = 1024 * MIB;
const DATA_BYTES = 900 * MIB;
/** What each PutSnapshotBlock waits at the fake: a short round trip to a nearby region. */
const BLOCK_LATENCY_MS = 5;
const SETTINGS: ConcurrencySetting[] = ['adaptive', 8, 16, 32, 64];
const WRITE_CHUNK_BYTES = 8 * MIB;
const MEMORY_SAMPLE_MS = 20;

interface UploadFigures {
  ms: number;
  bytes: number;
  blocks: number;
  /** RSS with the SDK loaded and the clients made, before the first block. */
  loadedRssBytes: number;
  /** The child's VmHWM; absent without /proc. */
  maxRssBytes?: number;
  /** Largest ArrayBuffer memory seen (block buffers and whatever else holds bytes). */
  peakArrayBufferBytes: number;
  /** Largest V8 heap (heapTotal: what the JavaScript heap holds, garbage included). */
  peakHeapBytes: number;
  /** Block buffers the uploader allocated. */
  blockBufferBytes: number;
  concurrency: { final: number; lowest: number; highest: number; decreases: number };
}

/** 900 MiB of random bytes, then a 124 MiB hole up to 1 GiB. */
async function writeSparseImage(file: string): Promise<void> {
  const { randomFillSync } = await import('node:crypto');
  const output = await open(file, 'w');
  try {
    const chunk = Buffer.allocUnsafe(WRITE_CHUNK_BYTES);
    for (let position = 0; position < DATA_BYTES; position += WRITE_CHUNK_BYTES) {
      randomFillSync(chunk);
      await output.write(chunk, 0, Math.min(WRITE_CHUNK_BYTES, DATA_BYTES - position), position);
    }
    await output.truncate(IMAGE_BYTES);
  } finally {
    await output.close();
  }
}

/** The environment that points the child's SDK at `endpoint`, and at nothing on this host. */
function childEnv(endpoint: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const nowhere = join(os.tmpdir(), 'nanoship-bench-no-aws-config');
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('AWS_')) delete env[name];
  return {
    ...env,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: 'AKIDNANOSHIPBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/** One upload at `setting` in a child Node, against a fresh fake. */
async function uploadOnce(
  config: BenchConfig,
  image: string,
  setting: ConcurrencySetting,
): Promise<UploadFigures> {
  const fake = await startAwsFake();
  fake.inject({ kind: 'latency', operation: 'PutSnapshotBlock', ms: BLOCK_LATENCY_MS });
  const resultFile = join(config.work, `aws-upload-${setting}.json`);
  try {
    await runProcess(process.execPath, [config.script], {
      env: childEnv(fake.endpoint, {
        BENCH_ROLE: AWS_UPLOAD_ROLE,
        BENCH_UPLOAD_FILE: image,
        BENCH_UPLOAD_CONCURRENCY: String(setting),
        BENCH_UPLOAD_RESULT: resultFile,
      }),
    });
    const figures = JSON.parse(await readFile(resultFile, 'utf8')) as UploadFigures;
    if (fake.operations('PutSnapshotBlock', 201).length !== figures.blocks) {
      throw new Error(
        `the fake stored ${fake.operations('PutSnapshotBlock', 201).length} blocks, the child sent ${figures.blocks}`,
      );
    }
    return figures;
  } finally {
    await fake.close();
    await rm(resultFile, { force: true });
  }
}

/**
 * The child's side: uploads BENCH_UPLOAD_FILE at BENCH_UPLOAD_CONCURRENCY and writes its
 * figures to BENCH_UPLOAD_RESULT, the peak RSS taken from the kernel at the end.
 */
export async function uploadInChild(env: NodeJS.ProcessEnv): Promise<void> {
  const raw = env.BENCH_UPLOAD_CONCURRENCY ?? 'adaptive';
  const concurrency: ConcurrencySetting = raw === 'adaptive' ? 'adaptive' : Number(raw);
  const clients = new AwsClients();
  const region = 'us-east-1';
  const { ebs } = clients.forRegion(region);
  const loadedRssBytes = process.memoryUsage().rss;
  let peakArrayBufferBytes = 0;
  let peakHeapBytes = 0;
  const sampler = setInterval(() => {
    const { arrayBuffers, heapTotal } = process.memoryUsage();
    peakArrayBufferBytes = Math.max(peakArrayBufferBytes, arrayBuffers);
    peakHeapBytes = Math.max(peakHeapBytes, heapTotal);
  }, MEMORY_SAMPLE_MS);
  try {
    const uploaded = await uploadSnapshot({
      ebs,
      region,
      file: env.BENCH_UPLOAD_FILE!,
      snapshot: { clientToken: `bench-${raw}`, tags: { bench: 'true' }, description: 'bench' },
      concurrency,
      timing: realTiming,
      logger: silentLogger,
      onStarted: () => {},
    });
    const figures: UploadFigures = {
      ms: uploaded.elapsedMs,
      bytes: uploaded.blocks * 512 * 1024,
      blocks: uploaded.blocks,
      loadedRssBytes,
      // Not process.resourceUsage().maxRSS: Linux carries the high-water mark of the memory a
      // process had before exec() into it, and libuv forks the child from the benchmark, so that
      // figure is at least the benchmark's own RSS at the spawn (measured: 305 MB for a child
      // whose VmHWM was 41 MB, spawned by a parent of 361 MB).
      maxRssBytes: await readHighWaterMark('self'),
      peakArrayBufferBytes,
      peakHeapBytes,
      blockBufferBytes: uploaded.buffers * 512 * 1024,
      concurrency: uploaded.concurrency,
    };
    await writeFile(env.BENCH_UPLOAD_RESULT!, JSON.stringify(figures));
  } finally {
    clearInterval(sampler);
    clients.destroy();
  }
}

const rate = (f: UploadFigures) => f.bytes / MB / (f.ms / 1000);

/** Runs the upload section and returns its printed table. */
export async function awsUploadBench(config: BenchConfig, log: (line: string) => void) {
  if (!config.upload) return 'AWS upload: skipped (BENCH_UPLOAD=0).\n';
  const image = join(config.work, 'aws-bench.img');
  await writeSparseImage(image);
  const results = new Map<ConcurrencySetting, UploadFigures[]>(SETTINGS.map((s) => [s, []]));
  try {
    for (let run = 1; run <= config.runs; run++) {
      for (const setting of SETTINGS) {
        log(`aws upload: run ${run} of ${config.runs}, concurrency ${setting}`);
        results.get(setting)!.push(await uploadOnce(config, image, setting));
      }
    }
  } finally {
    await rm(image, { force: true });
  }
  const medianRate = (s: ConcurrencySetting) => median(results.get(s)!.map(rate));
  const bestFixed = Math.max(...SETTINGS.filter((s) => s !== 'adaptive').map(medianRate));
  const rows = SETTINGS.map((setting) => {
    const runs = results.get(setting)!;
    const lowest = Math.min(...runs.map((r) => r.concurrency.lowest));
    const highest = Math.max(...runs.map((r) => r.concurrency.highest));
    const most = (pick: (r: UploadFigures) => number | undefined) => {
      const values = runs.map(pick);
      return formatBytes(
        values.includes(undefined) ? undefined : Math.max(...(values as number[])),
      );
    };
    return [
      String(setting),
      medianRate(setting).toFixed(0),
      (median(runs.map((r) => r.ms)) / 1000).toFixed(2),
      lowest === highest ? String(lowest) : `${lowest}–${highest}`,
      most((r) => r.loadedRssBytes),
      most((r) => r.maxRssBytes),
      most((r) => r.blockBufferBytes),
      most((r) => r.peakArrayBufferBytes),
      most((r) => r.peakHeapBytes),
    ];
  });
  const adaptiveShare = (100 * medianRate('adaptive')) / bestFixed;
  return renderTable(
    `AWS snapshot upload: 1 GiB image, 900 MiB of data, ${BLOCK_LATENCY_MS} ms per block (medians of ${config.runs})`,
    [
      'concurrency',
      'MB/s',
      'seconds',
      'in flight',
      'RSS loaded',
      'peak RSS',
      'block buffers',
      'peak buffers',
      'peak heap',
    ],
    rows,
    [
      `adaptive reaches ${adaptiveShare.toFixed(0)} % of the best fixed setting (goal: at least 90 %).`,
      `${results.get('adaptive')![0]!.blocks} blocks of 512 KiB each (the 124 MiB zero tail is not sent); 1 MB = 10^6 bytes.`,
      'RSS loaded: the uploading child once the SDK clients exist, before the first block; peak RSS:',
      'its maximum (goal 128 MiB); block buffers: what the uploader allocated; peak buffers: the',
      "largest ArrayBuffer memory sampled every 20 ms (block buffers plus the SDK's and sockets');",
      "peak heap: the largest V8 heap (heapTotal) sampled alike, the SDK's per-request garbage included.",
      'The fake (checks each block, writes it to disk) runs in the benchmark process on the same CPUs.',
    ],
  );
}
