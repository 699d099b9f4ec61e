import { createServer, type Server } from 'node:net';
import { UserError } from '../errors.js';
import type { Accelerator, BootMode, LinuxBootSource } from './types.js';

export const DEFAULT_QEMU_BINARY = 'qemu-system-x86_64';

/** How to get QEMU, for the error when the binary is missing. */
export const QEMU_INSTALL_HINT =
  'Install QEMU (Debian/Ubuntu: sudo apt-get install -y qemu-system-x86; Fedora: sudo dnf ' +
  'install qemu-system-x86; macOS: brew install qemu) or pass the path of the binary.';

/** A host port on 127.0.0.1 forwarded to a guest TCP port. */
export interface PortForward {
  hostPort: number;
  guestPort: number;
}

export interface QemuSpec {
  bootMode: BootMode;
  /** The disk QEMU boots and writes: always the throwaway copy. */
  disk: string;
  /** Required for `direct`. */
  kernelImg?: string;
  accel: Accelerator;
  memoryMiB: number;
  cpus: number;
  forwards: PortForward[];
  linuxBoot?: LinuxBootSource;
  extraArgs?: string[];
}

/**
 * The QEMU argument list (without the binary) for a smoke run. Common to both modes: no
 * default devices or display, the serial console on stdio (read through a pipe), `-no-reboot`
 * so a guest reset or Linux panic ends QEMU, `isa-debug-exit` at port 0x501 so images built with
 * `debug_exit` report the program's exit code in QEMU's status, user networking whose forwards
 * listen on 127.0.0.1 only.
 *
 * `disk`: q35 + SeaBIOS booting the image from virtio-scsi, as clouds do (format spec §5.1).
 * `direct`: `microvm` with `-kernel kernel.img` and virtio-mmio devices, the arguments of Nanos'
 * own `make run MICROVM=1` (platform/pc/Makefile).
 */
export function qemuArgs(spec: QemuSpec): string[] {
  const direct = spec.bootMode === 'direct';
  if (direct && spec.kernelImg === undefined) {
    throw new Error('qemuArgs: direct boot needs kernelImg');
  }
  return [
    ...['-machine', direct ? 'microvm,rtc=on,ioapic2=off' : 'q35'],
    ...acceleratorArgs(spec.accel),
    ...['-m', `${spec.memoryMiB}M`, '-smp', String(spec.cpus)],
    ...['-nodefaults', '-display', 'none', '-serial', 'stdio', '-no-reboot'],
    ...['-device', 'isa-debug-exit'],
    ...(direct
      ? ['-global', 'virtio-mmio.force-legacy=false', '-kernel', spec.kernelImg!]
      : linuxBootArgs(spec.linuxBoot)),
    ...['-drive', `file=${escapeOptionValue(spec.disk)},format=raw,if=none,id=hd0`],
    ...(direct
      ? ['-device', 'virtio-blk-device,drive=hd0']
      : ['-device', 'virtio-scsi-pci,id=scsi0', '-device', 'scsi-hd,bus=scsi0.0,drive=hd0']),
    ...['-netdev', userNetdev(spec.forwards)],
    ...['-device', direct ? 'virtio-net-device,netdev=n0' : 'virtio-net-pci,netdev=n0'],
    ...(spec.extraArgs ?? []),
  ];
}

function acceleratorArgs(accel: Accelerator): string[] {
  // `-cpu max` under TCG exposes every feature QEMU can emulate (what Nanos' Makefile uses).
  return accel === 'kvm' ? ['-accel', 'kvm', '-cpu', 'host'] : ['-accel', 'tcg', '-cpu', 'max'];
}

function linuxBootArgs(boot: LinuxBootSource | undefined): string[] {
  if (boot === undefined) return [];
  return ['-kernel', boot.kernel, '-initrd', boot.initrd, '-append', boot.append];
}

function userNetdev(forwards: PortForward[]): string {
  const rules = forwards.map((f) => `hostfwd=tcp:127.0.0.1:${f.hostPort}-:${f.guestPort}`);
  return ['user', 'id=n0', ...rules].join(',');
}

/** QEMU's option parser splits on commas; a literal comma in a value is written twice. */
function escapeOptionValue(value: string): string {
  return value.replaceAll(',', ',,');
}

/**
 * Free TCP ports on 127.0.0.1, one per request: each is bound to port 0 and all are held open
 * until every one is chosen (so they differ), then released for QEMU to bind. Another process
 * could take one in between; QEMU then fails to start and says which forward it could not set up.
 */
export async function pickFreePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      ports.push(await listenOnAnyPort(server));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done()))));
  }
}

function listenOnAnyPort(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no port assigned'));
      else resolve(address.port);
    });
  });
}

/** The error for a QEMU binary that cannot be started. */
export function qemuMissingError(binary: string, cause: unknown): UserError {
  return new UserError(`QEMU (${binary}) was not found or cannot be run. ${QEMU_INSTALL_HINT}`, {
    cause,
  });
}
