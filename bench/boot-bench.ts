/**
 * Boot benchmark: the same static C HTTP server image booted by nanoship's smoke test and by
 * bare QEMU (the very command nanoship ran, on a fresh copy and a fresh port) with a minimal
 * HTTP polling loop. Runs alternate; the medians of boot-to-ready are compared.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { useLocalKernel } from '../src/kernel/kernel-dir.js';
import { silentLogger } from '../src/log.js';
import { runSmoke, type SmokeResult } from '../src/smoke/index.js';
import { pickFreePorts } from '../src/smoke/qemu.js';
import type { BenchConfig } from './config.js';
import { compileStatic } from './fixtures.js';
import { formatMs, formatRatio, median, nowMs, renderTable, timed } from './measure.js';
import { buildInProcess } from './measurer.js';

const GUEST_PORT = 8080;
const BOOT_TIMEOUT_MS = 120_000;
/** The bare loop's poll period: tight, so the bare figure is a floor. */
const BARE_POLL_MS = 10;
const BARE_ATTEMPT_MS = 2_000;
/**
 * Enough attempts in flight that none is ever held back: QEMU's user networking accepts
 * connections before the guest listens, and those hang until their bound, so a smaller cap
 * would make the bare loop wait on itself and look slower than it is.
 */
const BARE_IN_FLIGHT = BARE_ATTEMPT_MS / BARE_POLL_MS + 1;
const QEMU = 'qemu-system-x86_64';

interface Samples {
  bootMs: number[];
  wallMs: number[];
  bareMs: number[];
  /** nanoship bootMs ÷ bare, per round where both passed. */
  pairedRatios: number[];
}

function smoke(image: string, consoleLog: string): Promise<SmokeResult> {
  return runSmoke(
    {
      image,
      bootMode: 'disk',
      accel: 'auto',
      memoryMiB: 512,
      cpus: 1,
      probes: [{ kind: 'http', port: GUEST_PORT, path: '/' }],
      timeoutMs: BOOT_TIMEOUT_MS,
      consoleLog,
    },
    { logger: silentLogger },
  );
}

/** nanoship's QEMU command with its (deleted) disk copy and its host port swapped for ours. */
function bareCommand(command: string[], disk: string, hostPort: number): string[] {
  const escaped = disk.replaceAll(',', ',,');
  return command.map((arg) =>
    arg
      .replace(/^file=.*,format=raw,/, `file=${escaped},format=raw,`)
      .replace(/hostfwd=tcp:127\.0\.0\.1:\d+-:/, `hostfwd=tcp:127.0.0.1:${hostPort}-:`),
  );
}

/** One raw HTTP/1.0 GET; resolves true on a 200 status line, false on anything else. */
function httpOk(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let head = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(BARE_ATTEMPT_MS, () => done(false));
    socket.on('connect', () => socket.write('GET / HTTP/1.0\r\nHost: localhost\r\n\r\n'));
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      if (head.includes('\r\n')) done(/^HTTP\/1\.[01] 200 /.test(head));
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

/**
 * Boots `command` and starts an HTTP attempt every BARE_POLL_MS (at most BARE_IN_FLIGHT at
 * once); returns spawn → the first 200, in ms. QEMU is killed on every path.
 */
async function bareBoot(command: string[], port: number): Promise<number> {
  const start = nowMs();
  const qemu = spawn(command[0]!, command.slice(1), { stdio: 'ignore' });
  let ended = false;
  const exited = new Promise<void>((resolve) =>
    qemu.on('exit', () => {
      ended = true;
      resolve();
    }),
  );
  try {
    return await new Promise<number>((resolve, reject) => {
      let inFlight = 0;
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearInterval(timer);
        finish();
      };
      const tick = () => {
        if (ended) return settle(() => reject(new Error('bare QEMU exited before answering')));
        if (nowMs() - start > BOOT_TIMEOUT_MS) {
          return settle(() => reject(new Error('bare QEMU boot timed out')));
        }
        if (inFlight >= BARE_IN_FLIGHT) return;
        inFlight++;
        void httpOk(port).then((ok) => {
          inFlight--;
          const ms = nowMs() - start;
          if (ok) settle(() => resolve(ms));
        });
      };
      const timer = setInterval(tick, BARE_POLL_MS);
      tick();
    });
  } finally {
    qemu.kill('SIGKILL');
    await exited;
  }
}

async function bareRound(image: string, dir: string, command: string[]): Promise<number> {
  const disk = join(dir, 'bare-disk.img');
  await copyFile(image, disk);
  const [port] = await pickFreePorts(1);
  try {
    return await bareBoot(bareCommand(command, disk, port!), port!);
  } finally {
    await rm(disk, { force: true });
  }
}

/**
 * Boots the image `config.boots` times each way. The order alternates from round to round, so
 * that neither harness always runs on the caches and heat the other one left behind; rounds
 * where either run failed are left out of the paired figures.
 */
async function runRounds(config: BenchConfig, image: string, dir: string, command: string[]) {
  const samples: Samples = { bootMs: [], wallMs: [], bareMs: [], pairedRatios: [] };
  const failures: string[] = [];
  for (let round = 0; round < config.boots; round++) {
    const runBare = () =>
      bareRound(image, dir, command).catch((error: Error) => {
        failures.push(`bare run ${round + 1}: ${error.message}`);
        return undefined;
      });
    const runNanoship = async () => {
      const { ms, value } = await timed(() => smoke(image, join(dir, 'console.log')));
      if (value.verdict === 'pass' && value.bootMs !== undefined)
        return { ms, bootMs: value.bootMs };
      failures.push(`nanoship run ${round + 1}: ${value.reason}`);
      return undefined;
    };
    let bare: number | undefined;
    let ours: { ms: number; bootMs: number } | undefined;
    if (round % 2 === 0) {
      bare = await runBare();
      ours = await runNanoship();
    } else {
      ours = await runNanoship();
      bare = await runBare();
    }
    if (bare !== undefined) samples.bareMs.push(bare);
    if (ours !== undefined) {
      samples.bootMs.push(ours.bootMs);
      samples.wallMs.push(ours.ms);
    }
    if (bare !== undefined && ours !== undefined) samples.pairedRatios.push(ours.bootMs / bare);
  }
  return { samples, failures };
}

function bootTable(config: BenchConfig, samples: Samples, first: SmokeResult, failures: string[]) {
  const row = (what: string, values: number[]) => [
    what,
    formatMs(median(values)),
    formatMs(Math.min(...values)),
    formatMs(Math.max(...values)),
    String(values.length),
  ];
  const ratio = median(samples.bootMs) / median(samples.bareMs);
  const paired = median(samples.pairedRatios);
  return renderTable(
    `Boot to ready, ms (static C HTTP server, probe http://:${GUEST_PORT}/, accel ${first.accel}; ${config.boots} rounds in alternating order after one warm-up)`,
    ['harness', 'median', 'min', 'max', 'runs'],
    [
      row('nanoship runSmoke: bootMs (QEMU start → probe answered)', samples.bootMs),
      row('nanoship runSmoke: whole call (copy, boot, kill, sha256)', samples.wallMs),
      row(`bare QEMU + ${BARE_POLL_MS} ms HTTP poll (spawn → first 200)`, samples.bareMs),
    ],
    [
      `nanoship bootMs / bare: ${formatRatio(ratio)} (${((ratio - 1) * 100).toFixed(1)}% added by the harness)`,
      `median of the per-round ratios (same round, order alternating): ${formatRatio(paired)} (${((paired - 1) * 100).toFixed(1)}%); single TCG boots vary by ±20%, so trust this over few rounds`,
      `QEMU command (nanoship's, reused for bare runs with a fresh copy and port): ${first.qemuCommand.join(' ')}`,
      ...failures.map((f) => `FAILED ${f}`),
    ],
  );
}

/** Runs the boot section and returns its printed table (or why it was skipped). */
export async function bootBench(config: BenchConfig, log: (line: string) => void) {
  if (config.kernelDir === undefined) return `Boot: skipped, ${config.missing.kernel}.\n`;
  if (config.boots === 0) return 'Boot: skipped, BENCH_BOOTS=0.\n';
  if (spawnSync(QEMU, ['--version'], { stdio: 'ignore' }).status !== 0) {
    return `Boot: skipped, ${QEMU} is not installed.\n`;
  }
  const dir = join(config.work, 'boot');
  await mkdir(dir, { recursive: true });
  const program = join(dir, 'http-server');
  await compileStatic(join(config.root, 'bench', 'fixtures', 'http-server.c'), program);
  const image = join(dir, 'http-server.img');
  await buildInProcess(
    dir,
    'http-server',
    [],
    image,
    await useLocalKernel(config.kernelDir, 'x86_64'),
  );
  log('boot: warm-up run with nanoship');
  const first = await smoke(image, join(dir, 'console.log'));
  if (first.verdict !== 'pass') {
    return `Boot: the warm-up smoke run failed (${first.reason}); no figures.\n`;
  }
  log(`boot: ${config.boots} rounds of bare QEMU and nanoship (accel ${first.accel})`);
  const { samples, failures } = await runRounds(config, image, dir, first.qemuCommand);
  await rm(dir, { recursive: true, force: true });
  return bootTable(config, samples, first, failures);
}
