/**
 * The benchmark proper, bundled and started by bench/run.ts: image build figures, the GCP
 * tarball figures, then boot figures. Prints tables; asserts nothing about time.
 */
import { cpus } from 'node:os';
import { bootBench } from './boot-bench.js';
import { readConfig } from './config.js';
import { gcpTarballBench, runTarballRole, TARBALL_ROLE } from './gcp-tarball-bench.js';
import { imageBench } from './image-bench.js';
import { nowMs } from './measure.js';
import { MEASURER_ROLE, serveMeasurements } from './measurer.js';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const start = nowMs();
  const log = (line: string) =>
    process.stderr.write(`[${((nowMs() - start) / 1000).toFixed(0)}s] ${line}\n`);
  process.stdout.write(
    `nanoship benchmark — Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'})\n` +
      `kernel: ${config.kernelDir ?? 'none'}; mkfs: ${config.mkfs ?? 'none'}; temp: ${config.work}\n\n`,
  );
  process.stdout.write(`${await imageBench(config, log)}\n`);
  process.stdout.write(`${await gcpTarballBench(config, log)}\n`);
  process.stdout.write(`${await bootBench(config, log)}\n`);
  log('done');
}

const role =
  process.env.BENCH_ROLE === MEASURER_ROLE || process.env.BENCH_ROLE === TARBALL_ROLE
    ? process.env.BENCH_ROLE
    : 'benchmark';
const started =
  role === MEASURER_ROLE
    ? serveMeasurements(readConfig(process.env).kernelDir!)
    : role === TARBALL_ROLE
      ? runTarballRole(process.env)
      : main();
started.catch((error: unknown) => {
  process.stderr.write(`${role} failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
