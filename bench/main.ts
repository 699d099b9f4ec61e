/**
 * The benchmark proper, bundled and started by bench/run.ts: image build figures, the GCP
 * tarball figures, boot figures, then AWS snapshot upload figures. Prints tables; asserts
 * nothing about time.
 */
import { readFileSync, statfsSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { AWS_UPLOAD_ROLE, awsUploadBench, uploadInChild } from './aws-upload-bench.js';
import { bootBench } from './boot-bench.js';
import { type BenchConfig, type BenchSection, readConfig } from './config.js';
import { gcpTarballBench, runTarballRole, TARBALL_ROLE } from './gcp-tarball-bench.js';
import { imageBench } from './image-bench.js';
import { nowMs } from './measure.js';
import { MEASURER_ROLE, serveMeasurements } from './measurer.js';

/** Filesystem magic numbers of statfs(2) worth naming. */
const FILESYSTEMS: Record<number, string> = {
  61267: 'ext4',
  1481003842: 'xfs',
  2435016766: 'btrfs',
  16914836: 'tmpfs',
  2035054128: 'overlayfs',
};

/** The CPU's family and model from /proc/cpuinfo (virtual machines often hide the name). */
function cpuGeneration(): string {
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const field = (name: string) => new RegExp(`^${name}\\s*: (.*)$`, 'm').exec(info)?.[1];
    const sha = /^flags\s*:.*\bsha_ni\b/m.test(info) ? ', SHA-NI' : '';
    return ` (family ${field('cpu family')} model ${field('model')}${sha})`;
  } catch {
    return '';
  }
}

/** One line naming the machine: CPU, cores, memory, kernel, the temp folder's filesystem. */
function machine(work: string): string {
  const cpu = cpus()[0];
  const speed = cpu?.speed ? ` at ${cpu.speed} MHz` : '';
  const type = statfsSync(work).type;
  const fs = FILESYSTEMS[type] ?? `filesystem 0x${type.toString(16)}`;
  return (
    `machine: ${cpu?.model ?? 'unknown CPU'}${cpuGeneration()}${speed}, ${cpus().length} CPUs, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, temp on ${fs}; Node ${process.version}`
  );
}

const SECTIONS: Record<
  BenchSection,
  (config: BenchConfig, log: (line: string) => void) => Promise<string>
> = {
  image: imageBench,
  tarball: gcpTarballBench,
  boot: bootBench,
  upload: awsUploadBench,
};

const load = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`;

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const start = nowMs();
  const log = (line: string) =>
    process.stderr.write(`[${((nowMs() - start) / 1000).toFixed(0)}s] ${line}\n`);
  process.stdout.write(
    `nanoship benchmark\n${machine(config.work)}\n` +
      `kernel: ${config.kernelDir ?? 'none'}; mkfs: ${config.mkfs ?? 'none'}; temp: ${config.work}\n` +
      `at the start: ${load()}\n\n`,
  );
  for (const section of config.sections) {
    process.stdout.write(`${await SECTIONS[section](config, log)}\n`);
  }
  process.stdout.write(`at the end: ${load()}\n`);
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
