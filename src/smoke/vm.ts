import { type ChildProcess, spawn } from 'node:child_process';
import { qemuMissingError } from './qemu.js';

/** How QEMU ended: its exit status, or the signal that killed it. */
export interface VmExit {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** Milliseconds from spawn. */
  atMs: number;
}

/** Console text kept in memory for matching; older text stays only in the log file. */
const CONSOLE_WINDOW_CHARS = 256 * 1024;
/** A console "line" longer than this is scanned without waiting for its newline. */
const CONSOLE_LINE_LIMIT_CHARS = 16 * 1024;
/** QEMU's own error output kept for the verdict (it is a few lines at most). */
const STDERR_LIMIT_CHARS = 8 * 1024;

/** Where QEMU's output is copied (a `ConsoleLog`); the caller opens and closes it. */
export interface ConsoleSink {
  write(chunk: string): void;
}

/**
 * A running QEMU. It is started in its own process group (`detached`), so a Ctrl-C in the
 * terminal reaches nanoship first and nanoship decides; `kill()` signals the whole group so
 * nothing QEMU started survives it.
 */
export class Vm {
  readonly startedAt: number;
  /** Resolves when QEMU has exited (never rejects). */
  readonly exited: Promise<VmExit>;
  private readonly child: ChildProcess;
  /** Recent console chunks; trimmed to the window only when twice as long (cheap per chunk:
   * QEMU often delivers the console one character at a time). */
  private windowChunks: string[] = [];
  private windowLength = 0;
  private pendingLine = '';
  private stderrText = '';
  private spawnError: unknown;
  private readonly lineListeners: ((lines: string) => void)[] = [];
  private readonly stderrListeners: ((text: string) => void)[] = [];

  private constructor(binary: string, args: string[]) {
    this.startedAt = performance.now();
    this.child = spawn(binary, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.spawnError = error;
        resolve({ status: null, signal: null, atMs: this.elapsedMs() });
      });
      this.child.once('close', (status, signal) => {
        resolve({ status, signal, atMs: this.elapsedMs() });
      });
    });
  }

  /**
   * Starts QEMU with stdout (the serial console) copied to `log` and to `onConsole`, and
   * stderr to `log`. A missing binary surfaces as `spawnFailure()` once `exited` resolves.
   */
  static start(
    binary: string,
    args: string[],
    log: ConsoleSink,
    onConsole?: (chunk: string) => void,
  ): Vm {
    const vm = new Vm(binary, args);
    vm.child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      log.write(chunk);
      onConsole?.(chunk);
      vm.addConsole(chunk);
    });
    vm.child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      log.write(chunk);
      if (vm.stderrText.length < STDERR_LIMIT_CHARS) vm.stderrText += chunk;
      for (const listener of vm.stderrListeners) listener(chunk);
    });
    return vm;
  }

  /** QEMU's process id; undefined when it could not be spawned. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Whether the guest has written anything to its console yet. */
  hasConsoleOutput(): boolean {
    return this.windowLength > 0 || this.pendingLine !== '';
  }

  /** Calls `listener` with QEMU's own error output (stderr) as it arrives. */
  onStderr(listener: (text: string) => void): void {
    this.stderrListeners.push(listener);
  }

  /** Milliseconds since QEMU was spawned. */
  elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  /** The recent console text (the last 256 KiB). */
  consoleText(): string {
    const text = this.windowChunks.join('').slice(-CONSOLE_WINDOW_CHARS);
    this.windowChunks = [text];
    this.windowLength = text.length;
    return text;
  }

  /** What QEMU itself printed on stderr (its own errors, not the guest's). */
  stderr(): string {
    return this.stderrText.trim();
  }

  /** A UserError when QEMU could not be started at all (binary missing), else undefined. */
  spawnFailure(binary: string): Error | undefined {
    if (this.spawnError === undefined) return undefined;
    const code = (this.spawnError as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES') return qemuMissingError(binary, this.spawnError);
    return this.spawnError as Error;
  }

  /** Calls `listener` with each batch of complete console lines as they arrive. */
  onLines(listener: (lines: string) => void): void {
    this.lineListeners.push(listener);
  }

  /** Kills QEMU's process group and waits for it to be gone; safe to call more than once. */
  async kill(): Promise<VmExit> {
    const pid = this.child.pid;
    if (pid !== undefined && this.child.exitCode === null && this.child.signalCode === null) {
      try {
        // SIGKILL: the disk is a throwaway copy, so there is nothing for QEMU to flush.
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone between the check and the kill.
      }
    }
    return this.exited;
  }

  private addConsole(chunk: string): void {
    this.windowChunks.push(chunk);
    this.windowLength += chunk.length;
    if (this.windowLength > 2 * CONSOLE_WINDOW_CHARS) this.consoleText();
    // Only the new chunk is searched: the pending line has no newline, and QEMU often sends
    // a long line one character at a time.
    const lastNewline = chunk.lastIndexOf('\n');
    if (lastNewline === -1) {
      this.pendingLine += chunk;
      // A console without newlines still gets scanned once the line grows long.
      if (this.pendingLine.length >= CONSOLE_LINE_LIMIT_CHARS) this.emitLines('');
      return;
    }
    this.emitLines(chunk.slice(0, lastNewline + 1), chunk.slice(lastNewline + 1));
  }

  /** Hands the pending line plus `lines` to the listeners; `rest` becomes the pending line. */
  private emitLines(lines: string, rest = ''): void {
    const text = this.pendingLine + lines;
    this.pendingLine = rest;
    for (const listener of this.lineListeners) listener(text);
  }
}
