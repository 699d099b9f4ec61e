import {
  type ConsoleFailure,
  classifyConsole,
  consoleTail,
  describeConsoleFailure,
} from './console.js';
import {
  decodeDebugExitStatus,
  describeKernelExitCode,
  type KlogRecord,
  readKlogAt,
} from './klog.js';
import {
  checkHttpAnswer,
  describeProbeError,
  httpAttempt,
  pollUntil,
  TCP_MAX_IN_FLIGHT,
  tcpAttempt,
} from './probe.js';
import type { PortForward } from './qemu.js';
import {
  type Accelerator,
  type BootMode,
  type Fault,
  type Probe,
  TCP_CANARY_GUEST_PORT,
  type Verdict,
} from './types.js';
import type { Vm, VmExit } from './vm.js';

/** Where the kernel writes its exit record on the disk QEMU runs (`klogOffset`). */
export interface KlogLocation {
  /** The throwaway disk. */
  disk: string;
  offset: number;
}

/** What the run must show; an empty plan means "stay up for `settleMs` without a crash". */
export interface WatchPlan {
  bootMode: BootMode;
  /** The accelerator QEMU runs with: under KVM, KVM's own failures are watched for. */
  accel: Accelerator;
  /**
   * Under KVM: a guest that has printed nothing and met nothing this long after QEMU started
   * counts as a KVM failure (a nested KVM can stall a guest without a word). Unset: no limit.
   */
  kvmSilenceMs?: number;
  /** The klog area that tells the program's exit code; undefined when the disk has none. */
  klog?: KlogLocation;
  probes: Probe[];
  forwards: PortForward[];
  expectExit?: number;
  expectOutput?: RegExp;
  timeoutMs: number;
  settleMs: number;
  signal?: AbortSignal;
}

export interface WatchOutcome {
  verdict: Verdict;
  reason: string;
  /** Set on a fail verdict. */
  fault?: Fault;
  /** QEMU's words when KVM itself failed (the caller may boot again under TCG). */
  kvmFailure?: string;
  bootMs?: number;
  exitCode?: number;
  /** Set when the run was aborted or QEMU could not start; runSmoke throws it after cleanup. */
  error?: unknown;
}

/** After a crash marker, how long to wait for the kernel to finish its dump and power off. */
const CRASH_GRACE_MS = 2_000;
/** Console text kept before new lines when matching `expectOutput`. */
const OUTPUT_OVERLAP_CHARS = 4096;
/** How often the disk's klog area is read: a record means the program exited non-zero (in
 * `direct` mode QEMU does not power off by itself, so this is how the exit is noticed). */
const KLOG_POLL_MS = 100;

/**
 * What QEMU prints when KVM cannot run the guest: a paused guest after an internal error or an
 * emulation failure (nested virtualisation), an MSR the host refuses (QEMU then aborts), or a
 * module that cannot be used.
 */
const KVM_FAILURE_LINE =
  /^.*(KVM internal error|emulation failure|kvm run failed|KVM: entry failed|failed to set MSR|kvm[a-z_]*: Assertion|Could not access KVM kernel module|failed to initialize kvm).*$/im;

/** The first line of QEMU's error output that says KVM failed, if any. */
export function kvmFailureLine(stderr: string): string | undefined {
  return KVM_FAILURE_LINE.exec(stderr)?.[0]?.trim();
}

/** Signals that come from outside (a person, a runner cancelling, the OOM killer). */
const EXTERNAL_SIGNALS = new Set(['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT']);

/**
 * Watches a started VM until the verdict is known: every expectation met (pass), or the first
 * failure (crash marker, wrong answer, early exit, wrong exit code, timeout). Does not kill
 * the VM; the caller does, on every path.
 */
export function watchVm(vm: Vm, plan: WatchPlan): Promise<WatchOutcome> {
  return new Promise((resolve) => new Watch(vm, plan, resolve).start());
}

class Watch {
  private readonly pending = new Map<string, string>(); // expectation key → description
  private readonly stopProbes = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly lastProbeError = new Map<string, unknown>();
  private readonly probes = new Map<string, Probe>();
  private decided = false;
  private readyMs?: number;
  private crash?: ConsoleFailure;
  private outputTail = '';

  constructor(
    private readonly vm: Vm,
    private readonly plan: WatchPlan,
    private readonly resolve: (outcome: WatchOutcome) => void,
  ) {}

  start(): void {
    const { plan } = this;
    this.vm.onLines((lines) => this.onConsole(lines));
    for (const probe of plan.probes) this.startProbe(probe);
    if (plan.expectOutput)
      this.pending.set('output', `console output matching ${plan.expectOutput}`);
    if (plan.expectExit !== undefined) this.pending.set('exit', `program exit`);
    void this.vm.exited.then((exit) => this.onExit(exit));
    if (plan.klog !== undefined) this.every(KLOG_POLL_MS, () => this.pollKlog());
    if (plan.accel === 'kvm') this.watchKvm();
    if (this.pending.size > 0) {
      this.after(plan.timeoutMs, () => this.decide(this.timeoutOutcome()));
    } else {
      const settleMs = Math.min(plan.settleMs, plan.timeoutMs);
      this.after(settleMs, () =>
        this.pass(
          `no expectation was given and the VM stayed up for ${seconds(settleMs)} without a ` +
            'crash (this does not show the program works: add a probe or an exit-code expectation)',
        ),
      );
    }
    if (plan.signal?.aborted) this.abort();
    plan.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  private startProbe(probe: Probe): void {
    const key = `${probe.kind}:${probe.port}:${probe.kind === 'http' ? probe.path : ''}`;
    this.pending.set(key, describeProbe(probe));
    this.probes.set(key, probe);
    const hostPort = this.hostPort(probe.port);
    const options = {
      signal: this.stopProbes.signal,
      onAttemptError: (error: unknown) => this.lastProbeError.set(key, error),
    };
    if (probe.kind === 'http') {
      const attempt = httpAttempt(hostPort, probe.path);
      pollUntil(attempt, options).then(
        (answer) => {
          this.readyMs ??= this.vm.elapsedMs();
          const mismatch = checkHttpAnswer(probe, answer);
          if (mismatch) this.fail(`HTTP probe ${probeUrl(probe)}: ${mismatch}`);
          else this.met(key);
        },
        () => {}, // stopped: the verdict is already decided
      );
    } else {
      const attempt = tcpAttempt(hostPort, this.hostPort(TCP_CANARY_GUEST_PORT));
      pollUntil(attempt, { ...options, maxInFlight: TCP_MAX_IN_FLIGHT }).then(
        ({ openedAt }) => {
          this.readyMs ??= openedAt - this.vm.startedAt;
          this.met(key);
        },
        () => {},
      );
    }
  }

  /** Under KVM: QEMU's own failure lines, and a guest that stays silent for too long. */
  private watchKvm(): void {
    this.vm.onStderr(() => {
      const line = kvmFailureLine(this.vm.stderr());
      if (line !== undefined) this.kvmFailed(line);
    });
    const silenceMs = this.plan.kvmSilenceMs;
    if (silenceMs === undefined) return;
    this.after(silenceMs, () => {
      if (this.vm.hasConsoleOutput() || this.readyMs !== undefined) return;
      this.kvmFailed(
        `the guest printed nothing and answered nothing for ${seconds(silenceMs)} under KVM`,
      );
    });
  }

  private kvmFailed(line: string): void {
    this.decide({
      verdict: 'fail',
      reason: `KVM could not run the guest (QEMU: ${line}); this is a fault of the host, not of the image`,
      fault: 'host',
      kvmFailure: line,
    });
  }

  private hostFault(reason: string): void {
    this.decide({ verdict: 'fail', reason, fault: 'host' });
  }

  private onConsole(lines: string): void {
    if (this.crash === undefined) {
      const failure = classifyConsole(lines);
      if (failure !== undefined) {
        this.crash = failure;
        // Let the kernel finish its dump and power off, so the log and klog are complete.
        const graceEndMs = this.vm.elapsedMs() + CRASH_GRACE_MS;
        this.after(graceEndMs, () => this.fail(describeConsoleFailure(failure)));
      }
    }
    const pattern = this.plan.expectOutput;
    if (pattern && this.pending.has('output')) {
      // Match new lines plus a little of what came before (for patterns spanning lines),
      // not the whole console each time: a chatty program prints thousands of lines.
      const text = this.outputTail + lines;
      this.outputTail = text.slice(-OUTPUT_OVERLAP_CHARS);
      pattern.lastIndex = 0;
      if (pattern.test(text)) this.met('output');
    }
  }

  private async onExit(exit: VmExit): Promise<void> {
    if (this.decided) return;
    if (exit.status === null && exit.signal === null) {
      this.decide({
        verdict: 'fail',
        reason: 'QEMU could not be started',
        fault: 'host',
        error: true,
      });
      return;
    }
    const kvmLine = this.plan.accel === 'kvm' ? kvmFailureLine(this.vm.stderr()) : undefined;
    if (kvmLine !== undefined) {
      this.kvmFailed(kvmLine);
      return;
    }
    if (exit.signal !== null) {
      this.hostFault(
        EXTERNAL_SIGNALS.has(exit.signal)
          ? `QEMU was killed by ${exit.signal} from outside nanoship`
          : `QEMU crashed (${exit.signal})${this.stderrSuffix()}; this is a fault of the host's QEMU, not of the image`,
      );
      return;
    }
    const status = exit.status ?? 0;
    if (this.qemuRefusedToStart(status)) {
      this.hostFault(describeStartFailure(this.vm.stderr()));
      return;
    }
    const record = await this.readKlog();
    this.onProgramExit(
      programExitCode(status, record),
      record,
      `QEMU exited with status ${status}`,
    );
  }

  private async pollKlog(): Promise<void> {
    if (this.decided) return;
    const record = await this.readKlog();
    if (record !== undefined) this.onProgramExit(record.exitCode, record, 'klog record');
  }

  /** The exit record on the disk, if the kernel wrote one (a read error counts as none). */
  private async readKlog(): Promise<KlogRecord | undefined> {
    const { klog } = this.plan;
    if (klog === undefined) return undefined;
    return readKlogAt(klog.disk, klog.offset).catch(() => undefined);
  }

  /** The program ended (QEMU exited, or the kernel wrote its exit record). */
  private onProgramExit(code: number | undefined, record: KlogRecord | undefined, how: string) {
    if (this.decided) return;
    if (this.crash !== undefined) {
      this.fail(describeConsoleFailure(this.crash), code);
      return;
    }
    if (code === undefined) {
      this.fail(`${how}, which carries no program exit code; console tail:\n${this.tail()}`);
      return;
    }
    const exited = `the program exited with code ${code}${kernelMeaning(code)}`;
    const detail =
      code !== 0 && record ? `; kernel log tail:\n${consoleTail(record.messages, 5)}` : '';
    const want = this.plan.expectExit;
    if (want !== undefined && code !== want) {
      this.fail(`exit code: got ${code}${kernelMeaning(code)}, want ${want}${detail}`, code);
      return;
    }
    this.pending.delete('exit');
    if (want !== undefined) this.readyMs ??= this.vm.elapsedMs();
    const open = [...this.pending.values()];
    if (open.length > 0) {
      this.fail(`${exited} before these were met: ${open.join(', ')}${detail}`, code);
    } else if (want !== undefined || this.hasExpectations()) {
      this.pass(`${exited}${want !== undefined ? ' as expected' : ''}`, code);
    } else {
      this.fail(
        `${exited} after ${seconds(this.vm.elapsedMs())}, before the settle time of ` +
          `${seconds(this.plan.settleMs)}; if the program is meant to exit, expect its exit code${detail}`,
        code,
      );
    }
  }

  private met(key: string): void {
    if (this.decided || !this.pending.delete(key)) return;
    this.readyMs ??= this.vm.elapsedMs();
    if (this.pending.size === 0) this.pass(`every expectation held: ${this.describeAll()}`);
  }

  private timeoutOutcome(): WatchOutcome {
    const within = `within ${seconds(this.plan.timeoutMs)}`;
    const reasons = [...this.pending.entries()].map(([key, description]) => {
      if (key === 'exit') {
        const hint =
          this.plan.bootMode === 'direct'
            ? ' (in direct boot mode a clean exit with code 0 leaves the VM idle unless the ' +
              'image sets debug_exit; use boot mode disk to check exit code 0)'
            : '';
        return `the program did not exit ${within} (want exit code ${this.plan.expectExit})${hint}`;
      }
      if (key === 'output') return `the console never showed ${this.plan.expectOutput} ${within}`;
      const last = this.lastProbeError.get(key);
      const lastText = last === undefined ? '' : ` (last attempt: ${describeProbeError(last)})`;
      const probe = this.probes.get(key);
      if (probe?.kind === 'http') {
        return `no HTTP response on guest port ${probe.port} (GET ${probe.path}) ${within}${lastText}`;
      }
      return `${description} never accepted a connection ${within}${lastText}`;
    });
    return {
      verdict: 'fail',
      fault: 'program',
      reason: reasons.join('; ') || `timed out ${within}`,
    };
  }

  private stderrSuffix(): string {
    const text = this.vm.stderr();
    return text === '' ? '' : `: ${consoleTail(text, 3).replace(/\n/g, ' | ')}`;
  }

  private qemuRefusedToStart(status: number): boolean {
    // QEMU's own start-up errors end with status 1 and a message, before any console output.
    return status === 1 && this.vm.consoleText() === '' && this.vm.stderr() !== '';
  }

  private hasExpectations(): boolean {
    const { plan } = this;
    return (
      plan.probes.length > 0 || plan.expectOutput !== undefined || plan.expectExit !== undefined
    );
  }

  private describeAll(): string {
    const parts = this.plan.probes.map(describeProbe);
    if (this.plan.expectOutput) parts.push(`console matched ${this.plan.expectOutput}`);
    return parts.join(', ');
  }

  private tail(): string {
    return consoleTail(this.vm.consoleText(), 10);
  }

  private hostPort(guestPort: number): number {
    const forward = this.plan.forwards.find((f) => f.guestPort === guestPort);
    if (forward === undefined) throw new Error(`no host port forwarded to guest port ${guestPort}`);
    return forward.hostPort;
  }

  private readonly onAbort = () => this.abort();

  private abort(): void {
    const reason = this.plan.signal?.reason ?? new Error('smoke test aborted');
    this.decide({ verdict: 'fail', reason: 'the smoke test was aborted', error: reason });
  }

  /** Every way to pass ends here, so a crash seen on the console fails whatever was met. */
  private pass(reason: string, exitCode?: number): void {
    if (this.crash !== undefined) {
      this.fail(describeConsoleFailure(this.crash), exitCode);
      return;
    }
    this.decide({ verdict: 'pass', reason, bootMs: this.readyMs, exitCode });
  }

  private fail(reason: string, exitCode?: number): void {
    this.decide({ verdict: 'fail', reason, fault: 'program', bootMs: this.readyMs, exitCode });
  }

  private decide(outcome: WatchOutcome): void {
    if (this.decided) return;
    this.decided = true;
    this.stopProbes.abort();
    this.plan.signal?.removeEventListener('abort', this.onAbort);
    for (const timer of this.timers) clearTimeout(timer);
    this.resolve({ bootMs: this.readyMs, ...outcome });
  }

  /** Runs `fn` once `ms` have passed since QEMU started (at once if they already have). */
  private after(ms: number, fn: () => void): void {
    this.timers.push(setTimeout(fn, Math.max(0, ms - this.vm.elapsedMs())));
  }

  private every(ms: number, fn: () => Promise<void>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void fn().finally(() => {
        busy = false;
      });
    }, ms);
    this.timers.push(timer);
  }
}

/**
 * The program's exit code from how QEMU ended: an odd status comes from `isa-debug-exit`
 * (`debug_exit` images); status 0 is an ACPI power-off, where a klog record carries a non-zero
 * code and no record means 0. Anything else carries no code.
 */
export function programExitCode(
  status: number,
  record: KlogRecord | undefined,
): number | undefined {
  const debugExit = decodeDebugExitStatus(status);
  if (debugExit !== undefined) return debugExit;
  if (status === 0) return record?.exitCode ?? 0;
  return undefined;
}

/** Why QEMU refused to start, naming the host's part (a forwarded port already in use). */
function describeStartFailure(stderr: string): string {
  if (/host forwarding rule|hostfwd/i.test(stderr)) {
    return `QEMU could not forward a port on the host (another process took it): ${stderr}`;
  }
  return `QEMU failed to start: ${stderr}`;
}

function kernelMeaning(code: number): string {
  const meaning = describeKernelExitCode(code);
  return meaning === undefined ? '' : ` (${meaning})`;
}

function describeProbe(probe: Probe): string {
  return probe.kind === 'http'
    ? `HTTP probe ${probeUrl(probe)} (guest port ${probe.port})`
    : `TCP probe on guest port ${probe.port}`;
}

function probeUrl(probe: Probe & { kind: 'http' }): string {
  return `http://:${probe.port}${probe.path}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
