/**
 * The AWS fake's instances, booted for real: each is a QEMU process (the first
 * `qemu-system-x86_64` on PATH, so the Linux-guest stand-in works where no Nanos kernel is)
 * serving the instance's root disk, assembled from the AMI's snapshot blocks, on its own
 * loopback address 127.0.0.N. Only the TCP ports its security groups open are forwarded
 * (`hostfwd=tcp:127.0.0.N:<port>-:<port>`), so a closed port is really closed. QEMU runs in
 * its own process group; killing the instance kills the group. The serial console is captured
 * (the last 64 KiB), as GetConsoleOutput keeps it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** GetConsoleOutput returns at most the last 64 KB. */
export const CONSOLE_BYTES = 64 * 1024;
/** Loopback addresses handed out: 127.0.0.2 … 127.0.0.254 (127.0.0.1 is the fake itself). */
const FIRST_HOST = 2;
const LAST_HOST = 254;
/** How long QEMU may take to open its forwarded ports before the launch counts as failed. */
const START_DEADLINE_MS = 20_000;
const KILL_DEADLINE_MS = 10_000;

export interface VmHostOptions {
  /** PATH to find `qemu-system-x86_64` on; default this process's PATH when the VM starts. */
  path?: string;
  /** Default `tcg` with `-cpu max` (what the smoke test uses without KVM). */
  accel: 'tcg' | 'kvm';
  memoryMiB: number;
}

export interface VmSpec {
  instanceId: string;
  /** The loopback address the VM's forwards listen on (from `allocate`). */
  address?: string;
  /** Guest TCP ports the security groups open, forwarded from the same host port. */
  ports: number[];
  /** Writes the root disk (raw) into `file`. */
  writeDisk(file: string): Promise<void>;
}

/** How a VM ended: killed by TerminateInstances, by the guest itself, or a failed start. */
export interface VmEnd {
  by: 'terminate' | 'guest' | 'failed';
  code: number | null;
  signal: NodeJS.Signals | null;
  /** QEMU's own messages (the tail), for a failed start. */
  stderr: string;
}

export class Vm {
  status: 'starting' | 'running' | 'ended' = 'starting';
  pid?: number;
  end?: VmEnd;
  readonly disk: string;
  #console: Buffer[] = [];
  #consoleBytes = 0;
  #stderr = '';
  #child?: ChildProcess;
  #exited?: Promise<void>;
  /** Set when nanoship's side ends the VM: TerminateInstances, or a start that timed out. */
  #killedAs?: 'terminate' | 'failed';

  constructor(
    readonly spec: VmSpec,
    dir: string,
  ) {
    this.disk = path.join(dir, `${spec.instanceId}.img`);
  }

  /** The captured serial console, at most its last 64 KiB. */
  console(): Buffer {
    const all = Buffer.concat(this.#console);
    return all.subarray(Math.max(0, all.length - CONSOLE_BYTES));
  }

  /** Starts QEMU; resolves once it runs (its forwards listen) or has ended. */
  async start(binary: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
    if (this.#killedAs !== undefined) {
      this.#finish(this.#killedAs, null, null, 'ended before QEMU started');
      await rm(this.disk, { force: true });
      return;
    }
    const child = spawn(binary, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    this.#child = child;
    this.pid = child.pid;
    child.stdout?.on('data', (chunk: Buffer) => this.#capture(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4096);
    });
    this.#exited = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        this.#finish('failed', null, null, `${binary}: ${error.message}`);
        resolve();
      });
      child.once('exit', (code, signal) => {
        const by = this.#killedAs ?? (this.status === 'running' ? 'guest' : 'failed');
        // Let the pipes drain, so the console holds the guest's last words.
        setImmediate(() => {
          this.#finish(by, code, signal, this.#stderr);
          resolve();
        });
      });
    });
    await this.#waitForForwards();
  }

  #capture(chunk: Buffer) {
    this.#console.push(chunk);
    this.#consoleBytes += chunk.length;
    while (this.#consoleBytes - (this.#console[0]?.length ?? 0) >= CONSOLE_BYTES) {
      this.#consoleBytes -= this.#console.shift()!.length;
    }
  }

  /** Ends a VM that never got to start QEMU. */
  fail(reason: string): void {
    this.#finish('failed', null, null, reason);
  }

  /** Resolves once the VM has ended (QEMU exited, or it never started). */
  async ended(): Promise<void> {
    if (this.#exited) await this.#exited;
  }

  #finish(by: VmEnd['by'], code: number | null, signal: NodeJS.Signals | null, stderr: string) {
    if (this.status === 'ended') return;
    this.status = 'ended';
    this.end = { by, code, signal, stderr: stderr.trim() };
  }

  /** QEMU is up once each forwarded port accepts a connection (its listener is bound). */
  async #waitForForwards(): Promise<void> {
    const started = Date.now();
    const ports = this.spec.address === undefined ? [] : this.spec.ports;
    for (;;) {
      if (this.status === 'ended') return;
      const open = await Promise.all(ports.map((port) => accepts(this.spec.address!, port)));
      if (open.every(Boolean) && (ports.length > 0 || Date.now() - started > 300)) {
        if (this.status === 'starting') this.status = 'running';
        return;
      }
      if (Date.now() - started > START_DEADLINE_MS) {
        this.#stderr += `\nfake: QEMU did not open ports ${ports.join(', ')} within 20 s`;
        await this.kill('failed');
        return;
      }
      await sleep(50);
    }
  }

  /** Kills QEMU's whole process group and waits until it is gone; removes the disk. */
  async kill(as: 'terminate' | 'failed' = 'terminate'): Promise<void> {
    if (this.status !== 'ended') this.#killedAs ??= as;
    const pid = this.#child?.pid;
    if (pid !== undefined && this.#child?.exitCode === null && this.#child.signalCode === null) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // Already gone between the check and the kill.
      }
    }
    if (this.#exited) {
      const giveUp = new AbortController();
      await Promise.race([
        this.#exited,
        sleep(KILL_DEADLINE_MS, undefined, { signal: giveUp.signal }).catch(() => {}),
      ]);
      giveUp.abort();
    }
    await rm(this.disk, { force: true });
  }
}

/** Whether something accepts TCP connections on `address:port` now. */
function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether this process could listen on `address:port` (nothing else holds it). */
function bindable(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, address, () => server.close(() => resolve(true)));
  });
}

/** The QEMU command line of one instance (the smoke test's disk boot, on 127.0.0.N). */
export function vmArgs(vm: Vm, options: VmHostOptions): string[] {
  const { address, ports } = vm.spec;
  const forwards =
    address === undefined ? [] : ports.map((p) => `hostfwd=tcp:${address}:${p}-:${p}`);
  return [
    ...['-name', `nanoship-fake-${vm.spec.instanceId}`],
    ...['-machine', 'q35'],
    ...(options.accel === 'kvm'
      ? ['-accel', 'kvm', '-cpu', 'host']
      : ['-accel', 'tcg', '-cpu', 'max']),
    ...['-m', `${options.memoryMiB}M`, '-smp', '1'],
    ...['-nodefaults', '-display', 'none', '-serial', 'stdio', '-no-reboot'],
    ...['-drive', `file=${vm.disk.replaceAll(',', ',,')},format=raw,if=none,id=hd0`],
    ...['-device', 'virtio-scsi-pci,id=scsi0', '-device', 'scsi-hd,bus=scsi0.0,drive=hd0'],
    ...['-netdev', ['user', 'id=n0', ...forwards].join(',')],
    ...['-device', 'virtio-net-pci,netdev=n0'],
  ];
}

/** Every VM of one fake, and the loopback addresses they hold. */
export class VmHost {
  readonly #vms = new Map<string, Vm>();
  readonly #booting = new Set<Promise<unknown>>();
  readonly #held = new Set<number>();
  readonly #owner = new Map<string, number>();

  constructor(
    private readonly dir: string,
    private readonly options: VmHostOptions,
  ) {}

  /**
   * The lowest free 127.0.0.N (N ≥ 2): not held by a VM of this fake, and each of `ports`
   * free there (another fake, or anything else on this machine, may use loopback addresses).
   */
  async allocate(instanceId: string, ports: number[], check: boolean): Promise<string> {
    for (let n = FIRST_HOST; n <= LAST_HOST; n++) {
      if (this.#held.has(n)) continue;
      const address = `127.0.0.${n}`;
      if (check && !(await Promise.all(ports.map((p) => bindable(address, p)))).every(Boolean)) {
        continue;
      }
      this.#held.add(n);
      this.#owner.set(instanceId, n);
      return address;
    }
    throw new Error('fake: no free loopback address left (127.0.0.2-254)');
  }

  /** Gives the instance's address back (after termination). */
  release(instanceId: string): void {
    const n = this.#owner.get(instanceId);
    if (n === undefined) return;
    this.#owner.delete(instanceId);
    this.#held.delete(n);
  }

  /**
   * Writes the disk and starts QEMU in the background; the VM's `status` says when it runs.
   * `onEnd` is told when it ends, whoever ended it.
   */
  boot(spec: VmSpec, onEnd: (vm: Vm) => void): Vm {
    const vm = new Vm(spec, this.dir);
    this.#vms.set(spec.instanceId, vm);
    const booting = this.#boot(vm).then(async () => {
      await vm.ended();
      onEnd(vm);
    });
    this.#booting.add(booting);
    void booting.finally(() => this.#booting.delete(booting));
    return vm;
  }

  async #boot(vm: Vm): Promise<void> {
    const { spec } = vm;
    try {
      await spec.writeDisk(vm.disk);
    } catch (error) {
      vm.fail(`fake: could not write the root disk: ${(error as Error).message}`);
    }
    const env = { ...process.env, PATH: this.options.path ?? process.env.PATH };
    await vm.start('qemu-system-x86_64', vmArgs(vm, this.options), env);
  }

  get(instanceId: string): Vm | undefined {
    return this.#vms.get(instanceId);
  }

  list(): Vm[] {
    return [...this.#vms.values()];
  }

  /** Kills every VM, waits for boots under way, and removes the disks. */
  async close(): Promise<void> {
    await Promise.all(this.list().map((vm) => vm.kill()));
    await Promise.all([...this.#booting]);
    await Promise.all(this.list().map((vm) => vm.kill()));
  }
}
