/**
 * The benchmark proper, bundled and started by bench/run.ts: image build figures, the GCP
 * tarball figures, boot figures, then AWS snapshot upload figures. Prints tables; asserts
 * nothing about time.
 */
import { cpus } from 'node:os';
import { AWS_UPLOAD_ROLE, awsUploadBench, uploadInChild } from './aws-upload-bench.js';
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
  process.stdout.write(`${await awsUploadBench(config, log)}\n`);
  log('done');
}

const roles: Record<string, () => Promise<unknown>> = {
  [MEASURER_ROLE]: () => serveMeasurements(readConfig(process.env).kernelDir!),
  [AWS_UPLOAD_ROLE]: () => uploadInChild(process.env),
  [TARBALL_ROLE]: () => runTarballRole(process.env),
};
const role = process.env.BENCH_ROLE ?? 'benchmark';
const started = (roles[role] ?? main)();
started.catch((error: unknown) => {
  process.stderr.write(`${role} failed: ${error instanceof Error ? error.stack : error}\n`);
  process.exitCode = 1;
});
