/** Runs a command, timing it from spawn to exit and sampling its peak resident memory. */
import { spawn } from 'node:child_process';
import { open, readFile } from 'node:fs/promises';
import { nowMs } from './measure.js';

/** How often /proc/<pid>/status is read; VmHWM only grows, so the last sample is the peak so far. */
const RSS_POLL_MS = 10;
const STDERR_TAIL_BYTES = 4000;

export interface ProcessRun {
  ms: number;
  /** Largest VmHWM seen in /proc (bytes); undefined where /proc is absent. */
  peakRssBytes?: number;
}

export interface ProcessOptions {
  /** A file given to the command as its stdin (mkfs reads its manifest there). */
  stdinFile?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs `command` to completion; throws with the tail of its stderr when it fails. */
export async function runProcess(
  command: string,
  args: string[],
  options: ProcessOptions = {},
): Promise<ProcessRun> {
  const stdin = options.stdinFile ? await open(options.stdinFile, 'r') : undefined;
  try {
    const start = nowMs();
    const child = spawn(command, args, {
      stdio: [stdin ? stdin.fd : 'ignore', 'ignore', 'pipe'],
      env: options.env ?? process.env,
      cwd: options.cwd,
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_BYTES);
    });
    let peakRssBytes: number | undefined;
    const sample = async () => {
      const rss = child.pid === undefined ? undefined : await readHighWaterMark(child.pid);
      if (rss !== undefined) peakRssBytes = Math.max(peakRssBytes ?? 0, rss);
    };
    const timer = setInterval(() => void sample(), RSS_POLL_MS);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (exitCode) => resolve(exitCode));
    }).finally(() => clearInterval(timer));
    const ms = nowMs() - start;
    if (code !== 0) {
      throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.trim()}`);
    }
    return { ms, peakRssBytes };
  } finally {
    await stdin?.close();
  }
}

/** The VmHWM of process `pid` (or of this one) in bytes; undefined once it exited, or without /proc. */
export async function readHighWaterMark(pid: number | 'self'): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined; // exited between samples, or no /proc
  }
}
