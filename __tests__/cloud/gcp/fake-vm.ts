/**
 * Test helper (not shipped): what turns a fake cloud's instance into a real machine. Each VM is
 * a `qemu-system-x86_64` process (found on PATH, so the Linux-guest stand-in of
 * __tests__/contract/stand-ins.ts works where no Nanos kernel is at hand) booting its own
 * sparse copy of the published disk the way Compute Engine boots an image: q35, SeaBIOS, the
 * disk on virtio-scsi, a virtio-net card. Its "external IP" is a loopback address of its own,
 * 127.0.0.N, on which QEMU's user networking forwards exactly the TCP ports the firewall
 * opened; any other port on that address is refused. The serial console is kept as Compute
 * Engine keeps it (the last 1 MB, addressed by byte offsets).
 *
 * Every QEMU runs in its own process group; stopping a VM kills the group, `closeAll` stops
 * every VM a host started, and a process exit kills whatever is still running.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

export interface VmHostOptions {
  /** QEMU's binary: a path, or a name looked up on `env.PATH`. Default qemu-system-x86_64. */
  qemu?: string;
  /** The environment QEMU starts with (its PATH finds `qemu`). Default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** The first N of 127.0.0.N handed out (2–254). Default 2. */
  addressStart?: number;
  /** Guest memory. Default 512 MiB. */
  memoryMiB?: number;
  /** How long QEMU may take to set up its forwards. Default 30 s. */
  startTimeoutMs?: number;
}

/** What Compute Engine keeps of a serial console. */
const SERIAL_KEEP_BYTES = 1024 * 1024;

/** Addresses in use by any host of this process (several fakes may run side by side). */
const addressesInUse = new Set<number>();
/** Every QEMU still running, by pid, for the exit hook. */
const running = new Map<number, ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pid of running.keys()) killGroup(pid, 'SIGKILL');
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** A serial console buffer: byte offsets count from boot; only the last 1 MB is kept. */
export class SerialLog {
  private kept = Buffer.alloc(0);
  /** Bytes written before the first one kept. */
  private dropped = 0;

  append(chunk: Buffer): void {
    this.kept = Buffer.concat([this.kept, chunk]);
    if (this.kept.length > SERIAL_KEEP_BYTES) {
      const cut = this.kept.length - SERIAL_KEEP_BYTES;
      this.kept = this.kept.subarray(cut);
      this.dropped += cut;
    }
  }

  get total(): number {
    return this.dropped + this.kept.length;
  }

  /**
   * Up to `pageBytes` from `start` (negative: that many bytes before the end; before the
   * oldest kept byte: moved forward to it), with the offsets of what was returned.
   */
  read(start: number, pageBytes: number): { contents: string; start: number; next: number } {
    let from = start < 0 ? this.total + start : start;
    from = Math.min(Math.max(from, this.dropped), this.total);
    const slice = this.kept.subarray(from - this.dropped, from - this.dropped + pageBytes);
    return { contents: slice.toString('utf8'), start: from, next: from + slice.length };
  }

  text(): string {
    return this.kept.toString('utf8');
  }
}

export interface VmSpec {
  /** For messages and file names. */
  name: string;
  /** The image's disk.raw; the VM boots a sparse copy of it. */
  sourceDisk: string;
  /** Guest TCP ports to forward from the VM's address. */
  ports: number[];
}

/** One running (or ended) QEMU. */
export class FakeVm {
  readonly serial = new SerialLog();
  /** QEMU's own messages (a forward it could not set up, a bad option). */
  stderr = '';
  exitCode: number | null | undefined;
  readonly exited: Promise<void>;
  private stopping = false;

  constructor(
    readonly spec: VmSpec,
    readonly address: string,
    readonly disk: string,
    readonly child: ChildProcess,
    onExit: (vm: FakeVm) => void,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => this.serial.append(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? 128 : null);
        running.delete(child.pid!);
        if (!this.stopping) onExit(this);
        resolve();
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get alive(): boolean {
    return this.exitCode === undefined;
  }

  /** Kills QEMU's process group (TERM, then KILL after 3 s) and waits for it to end. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (!this.alive) return;
    killGroup(this.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(this.pid, 'SIGKILL'), 3000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Starts and stops the VMs of one fake cloud. */
export class VmHost {
  private readonly vms = new Set<FakeVm>();
  private readonly mine = new Set<number>();

  constructor(
    private readonly dir: string,
    private readonly options: VmHostOptions = {},
  ) {}

  /** The VMs started and not stopped yet. */
  list(): FakeVm[] {
    return [...this.vms];
  }

  /**
   * Copies the disk, takes the next free 127.0.0.N (free: not used by any fake here, and
   * every forwarded port can be bound on it), starts QEMU and waits until its forwards listen.
   * `onExit` is told when QEMU ends by itself (the guest powered off or crashed).
   */
  async boot(spec: VmSpec, onExit: (vm: FakeVm) => void): Promise<FakeVm> {
    installExitHook();
    const vmDir = path.join(this.dir, 'vms', spec.name);
    await mkdir(vmDir, { recursive: true });
    const disk = path.join(vmDir, 'disk.raw');
    await promisify(execFile)('cp', ['--reflink=auto', '--sparse=always', spec.sourceDisk, disk]);
    const n = await this.takeAddress(spec.ports);
    const address = `127.0.0.${n}`;
    let vm: FakeVm;
    try {
      const child = spawn(
        this.options.qemu ?? 'qemu-system-x86_64',
        this.args(spec, disk, address),
        {
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: this.options.env ?? process.env,
        },
      );
      await new Promise<void>((resolve, reject) => {
        child.once('spawn', resolve);
        child.once('error', reject);
      });
      running.set(child.pid!, child);
      vm = new FakeVm(spec, address, disk, child, (ended) => {
        this.release(ended, n);
        onExit(ended);
      });
    } catch (error) {
      this.freeAddress(n);
      throw new Error(`QEMU could not be started for ${spec.name}: ${(error as Error).message}`);
    }
    this.vms.add(vm);
    try {
      await this.waitForForwards(vm, spec.ports);
    } catch (error) {
      await this.stop(vm);
      throw error;
    }
    return vm;
  }

  /** Stops a VM, frees its address and deletes its disk. */
  async stop(vm: FakeVm): Promise<void> {
    await vm.stop();
    const n = Number(vm.address.split('.').pop());
    this.release(vm, n);
    await rm(path.dirname(vm.disk), { recursive: true, force: true });
  }

  /** Stops every VM this host started. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.vms].map((vm) => this.stop(vm)));
  }

  private release(vm: FakeVm, n: number): void {
    this.vms.delete(vm);
    this.freeAddress(n);
  }

  private freeAddress(n: number): void {
    if (this.mine.delete(n)) addressesInUse.delete(n);
  }

  private args(spec: VmSpec, disk: string, address: string): string[] {
    const forwards = spec.ports.map((port) => `hostfwd=tcp:${address}:${port}-:${port}`);
    return [
      ...['-machine', 'q35', '-accel', 'tcg', '-cpu', 'max'],
      ...['-m', `${this.options.memoryMiB ?? 512}M`, '-smp', '1'],
      ...['-nodefaults', '-display', 'none', '-serial', 'stdio', '-no-reboot'],
      ...['-drive', `file=${disk.replaceAll(',', ',,')},format=raw,if=none,id=hd0`],
      ...['-device', 'virtio-scsi-pci,id=scsi0', '-device', 'scsi-hd,bus=scsi0.0,drive=hd0'],
      ...['-netdev', ['user', 'id=n0', ...forwards].join(',')],
      ...['-device', 'virtio-net-pci,netdev=n0'],
    ];
  }

  private async takeAddress(ports: number[]): Promise<number> {
    for (let n = this.options.addressStart ?? 2; n <= 254; n++) {
      if (addressesInUse.has(n)) continue;
      addressesInUse.add(n);
      if (await portsFree(`127.0.0.${n}`, ports)) {
        this.mine.add(n);
        return n;
      }
      addressesInUse.delete(n);
    }
    throw new Error('no free loopback address 127.0.0.N left for a fake VM');
  }

  /** Waits until each forwarded port accepts a connection (QEMU has set its forwards up). */
  private async waitForForwards(vm: FakeVm, ports: number[]): Promise<void> {
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 30_000);
    for (const port of ports) {
      while (!(await accepts(vm.address, port))) {
        if (!vm.alive) {
          throw new Error(`QEMU for ${vm.spec.name} ended at start: ${vm.stderr.trim()}`);
        }
        if (Date.now() > deadline) {
          throw new Error(`QEMU for ${vm.spec.name} did not open ${vm.address}:${port}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    // Without ports there is nothing to see; give a bad command line time to fail.
    if (ports.length === 0) await new Promise((resolve) => setTimeout(resolve, 300));
    if (!vm.alive) throw new Error(`QEMU for ${vm.spec.name} ended at start: ${vm.stderr.trim()}`);
  }
}

/** True when every port can be bound on `address` (nothing else listens there). */
async function portsFree(address: string, ports: number[]): Promise<boolean> {
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, address, () => server.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/** True when a TCP connection to `address:port` is accepted (it is closed at once). */
export function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
