/**
 * The in-process methods (the build, and the plain copies and the hash it is compared with) are
 * timed in a child Node that never starts a process of its own.
 *
 * Why: fork() write-protects every page of the forking process, and afterwards the first write
 * to each one costs a page fault. The benchmark forks all the time (`sync` before each step,
 * the CLI and mkfs children), so a build timed in the benchmark's own process paid for faults
 * a real `nanoship build` never takes: on the 2-core runner, spawning `true` just before a
 * 50 MB build made it 57 → 71 ms, with about 1000 more page faults. The copies are timed here
 * too, so every in-process figure is taken under the same conditions.
 *
 * The parent sends one request at a time over the IPC channel and waits for the answer.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { copyFile, open } from 'node:fs/promises';
import { sha256File } from '../src/file-digest.js';
import { buildImage } from '../src/image/index.js';
import { useLocalKernel } from '../src/kernel/kernel-dir.js';
import type { Toolchain } from '../src/kernel/types.js';
import { planBuild } from '../src/plan/build-plan.js';
import { cliOptionName, emptyOptions } from '../src/plan/options.js';
import { nowMs } from './measure.js';

const COPY_CHUNK_BYTES = 1024 * 1024;
/** Set in the child's environment: bench/main.ts serves requests instead of benchmarking. */
export const MEASURER_ROLE = 'measurer';

export type Request =
  | { method: 'copyFile' | 'streamCopy'; from: string; to: string }
  | { method: 'hashFile'; from: string }
  | { method: 'build'; dir: string; program: string; files: string[]; output: string };

type Reply = { ms: number } | { error: string };

/**
 * Builds the image of `dir/program` (plus `files`, as `--file` adds them) in this process,
 * exactly as the CLI's build stage does.
 */
export async function buildInProcess(
  dir: string,
  program: string,
  files: string[],
  output: string,
  kernel: Toolchain,
) {
  const options = { ...emptyOptions(), program, files, output };
  const plan = await planBuild(options, {}, { cwd: dir, namer: cliOptionName });
  return buildImage(plan, kernel, { arch: 'x86_64' });
}

/** A user-space copy: read and write 1 MiB at a time, what any streaming tool must do. */
export async function streamCopy(from: string, to: string): Promise<void> {
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

/** The child's side: answers requests until the parent disconnects. */
export function serveMeasurements(kernelDir: string): Promise<Toolchain> {
  const kernelReady = useLocalKernel(kernelDir, 'x86_64');
  const run = (request: Request, kernel: Toolchain): Promise<unknown> => {
    switch (request.method) {
      case 'copyFile':
        return copyFile(request.from, request.to);
      case 'streamCopy':
        return streamCopy(request.from, request.to);
      case 'hashFile':
        return sha256File(request.from);
      case 'build':
        return buildInProcess(request.dir, request.program, request.files, request.output, kernel);
    }
  };
  // Listening starts at once: a request that arrived while the kernel was still being looked
  // up would otherwise be emitted to nobody, and the parent would wait for ever. The clock
  // starts once the kernel is known.
  process.on('message', (request: Request) => {
    kernelReady
      .then(async (kernel) => {
        const start = nowMs();
        await run(request, kernel);
        return nowMs() - start;
      })
      .then(
        (ms) => process.send?.({ ms } satisfies Reply),
        (error: unknown) => process.send?.({ error: String(error) } satisfies Reply),
      );
  });
  return kernelReady;
}

/** The parent's side: a started measurer and a way to time one request in it. */
export class Measurer {
  readonly #child: ChildProcess;

  /** Starts the measurer from `script` (the bundled benchmark) with the current environment. */
  constructor(script: string) {
    this.#child = fork(script, [], {
      env: { ...process.env, BENCH_ROLE: MEASURER_ROLE },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  /** Runs `request` in the measurer and returns how long it took there, in milliseconds. */
  time(request: Request): Promise<number> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the benchmark's measurer exited (${code})`));
      this.#child.once('exit', onExit);
      this.#child.once('message', (reply: Reply) => {
        this.#child.off('exit', onExit);
        if ('error' in reply) reject(new Error(`${request.method} failed: ${reply.error}`));
        else resolve(reply.ms);
      });
      this.#child.send(request);
    });
  }

  stop(): void {
    this.#child.disconnect();
  }
}
