/**
 * The smoke test: boot a throwaway copy of an image in QEMU and decide pass or fail from
 * stated expectations.
 *
 * ```ts
 * const result = await runSmoke(
 *   {
 *     image: 'out/app.img', bootMode: 'disk', accel: 'auto', memoryMiB: 512, cpus: 1,
 *     probes: [{ kind: 'http', port: 8080, path: '/' }], timeoutMs: 60_000,
 *     consoleLog: 'out/console.log',
 *   },
 *   { logger },
 * );
 * if (result.verdict === 'fail') throw new UserError(result.reason);
 * ```
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorMessage, UserError } from '../errors.js';
import { sha256File } from '../file-digest.js';
import type { Logger } from '../log.js';
import { detectAccelerator, hostArchitecture } from './accel.js';
import { ConsoleLog } from './console-log.js';
import { makeDiskCopy } from './disk-copy.js';
import { copyFirmwareVars } from './firmware.js';
import { type GuestMachine, resolveGuestMachine } from './guest-machine.js';
import { clearKlog, klogOffset } from './klog.js';
import { type PortForward, pickFreePorts, qemuArgs } from './qemu.js';
import {
  type Accelerator,
  DEFAULT_KVM_SILENCE_MS,
  DEFAULT_SETTLE_MS,
  type SmokeOptions,
  type SmokeResult,
  TCP_CANARY_GUEST_PORT,
} from './types.js';
import { Vm } from './vm.js';
import { type KlogLocation, type WatchOutcome, type WatchPlan, watchVm } from './watch.js';

export { abortOnSignals } from './signals.js';
export * from './types.js';

export interface SmokeDeps {
  logger: Logger;
  /** Aborting kills QEMU, removes the copy, and makes runSmoke reject with the abort reason. */
  signal?: AbortSignal;
}

/**
 * Boots a throwaway copy of `options.image` in QEMU and returns the verdict. The machine
 * (x86_64 or aarch64, BIOS or UEFI firmware) is the one the image was built for. Throws a
 * UserError for bad options, an image without a loader nanoship knows, missing UEFI firmware,
 * a missing QEMU binary or unusable KVM (when `kvm` was asked for); every failure of the guest
 * itself is a `fail` verdict with its reason. QEMU is killed and the copy removed on every
 * path; the console log at `options.consoleLog` is kept.
 */
export async function runSmoke(options: SmokeOptions, deps: SmokeDeps): Promise<SmokeResult> {
  await validateOptions(options);
  const machine = await resolveGuestMachine(options);
  const accel = await detectAccelerator(options.accel, deps.logger, options.kvmDevice, {
    arch: machine.arch,
    hostArch: hostArchitecture(),
  });
  const log = await ConsoleLog.open(options.consoleLog);
  try {
    return await runInWorkDir(options, machine, accel, log, deps);
  } finally {
    const writeError = await log.close();
    if (writeError !== undefined) {
      deps.logger.warning(
        `Writing the console log ${log.path} failed (${errorMessage(writeError)}); it is incomplete.`,
      );
    }
  }
}

/**
 * Copies the image into a throwaway folder, boots the copy, and removes the folder. Under
 * `auto`, a boot that KVM could not run is done again under TCG from a fresh copy, with a
 * warning that quotes QEMU; under `kvm` it fails as a fault of the host.
 */
async function runInWorkDir(
  options: SmokeOptions,
  machine: GuestMachine,
  accel: Accelerator,
  log: ConsoleLog,
  deps: SmokeDeps,
): Promise<SmokeResult> {
  const workDir = await mkdtemp(join(options.workDir ?? tmpdir(), 'nanoship-smoke-'));
  try {
    let boot = await bootCopy(options, machine, accel, workDir, log, deps);
    let used = accel;
    const kvmFailure = boot.outcome.kvmFailure;
    if (kvmFailure !== undefined && options.accel === 'auto') {
      deps.logger.warning(
        `KVM could not run the guest (QEMU: ${kvmFailure}); booting again under TCG emulation from a fresh copy of the image. Use accel tcg to skip KVM on this host.`,
      );
      log.write(`\n--- nanoship: KVM failed (${kvmFailure}); booting again under TCG ---\n`);
      used = 'tcg';
      boot = await bootCopy(options, machine, used, workDir, log, deps);
    } else if (kvmFailure !== undefined) {
      boot.outcome.reason += '. Use accel tcg (or auto, which falls back to TCG) on this host.';
    }
    const imageSha256After = await sha256File(options.image);
    const changed = imageSha256After !== boot.sourceSha256;
    return {
      ...boot.outcome,
      ...(changed && {
        verdict: 'fail',
        fault: 'program',
        reason: `the image changed during the test (sha256 ${boot.sourceSha256} before, ${imageSha256After} after); something else wrote to ${options.image}`,
      }),
      ...(kvmFailure !== undefined && { kvmFailure }),
      consoleLog: options.consoleLog,
      accel: used,
      arch: machine.arch,
      ...(machine.firmware === undefined ? {} : { firmware: machine.firmware }),
      imageSha256Before: boot.sourceSha256,
      imageSha256After,
      qemuCommand: boot.command,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** One boot of a fresh copy of the image; the copy is removed afterwards. */
async function bootCopy(
  options: SmokeOptions,
  machine: GuestMachine,
  accel: Accelerator,
  workDir: string,
  log: ConsoleLog,
  deps: SmokeDeps,
): Promise<{ outcome: Omit<WatchOutcome, 'error'>; sourceSha256: string; command: string[] }> {
  const copy = await makeDiskCopy(options.image, join(workDir, `disk-${accel}.img`));
  try {
    const klog = await prepareKlog(copy.path, deps.logger);
    const forwards = await forwardsFor(options);
    const binary = machine.binary;
    // The firmware writes its variable store while it boots: each boot gets a fresh copy.
    const uefi = machine.uefi && {
      code: machine.uefi.code,
      vars: await copyFirmwareVars(machine.uefi, join(workDir, `uefi-vars-${accel}.fd`)),
    };
    const args = qemuArgs({
      ...options,
      arch: machine.arch,
      uefi,
      disk: copy.path,
      accel,
      forwards,
      extraArgs: options.extraQemuArgs,
    });
    deps.logger.debug(`QEMU command: ${[binary, ...args].join(' ')}`);
    const watch = {
      forwards,
      klog,
      accel,
      kvmSilenceMs:
        accel === 'kvm' && options.accel === 'auto'
          ? (options.kvmSilenceMs ?? DEFAULT_KVM_SILENCE_MS)
          : undefined,
    };
    const outcome = await bootAndWatch(binary, args, log, options, watch, deps);
    return { outcome, sourceSha256: copy.sourceSha256, command: [binary, ...args] };
  } finally {
    await rm(copy.path, { force: true });
  }
}

/**
 * Where the copy's kernel will write its exit record (undefined when the disk has no klog
 * area), found once. A record an earlier boot left in the image is cleared from the copy.
 */
async function prepareKlog(disk: string, logger: Logger): Promise<KlogLocation | undefined> {
  const offset = await klogOffset(disk);
  if (offset === undefined) return undefined;
  if (await clearKlog(disk, offset)) {
    logger.info('The image holds a klog record from an earlier boot; cleared it in the copy.');
  }
  return { disk, offset };
}

/** Starts QEMU, watches it, and kills it whatever happened. */
async function bootAndWatch(
  binary: string,
  args: string[],
  log: ConsoleLog,
  options: SmokeOptions,
  vmDisk: Pick<WatchPlan, 'forwards' | 'klog' | 'accel' | 'kvmSilenceMs'>,
  deps: SmokeDeps,
): Promise<Omit<WatchOutcome, 'error'>> {
  const vm = Vm.start(binary, args, log, options.onConsole);
  if (vm.pid !== undefined) options.onVmStart?.(vm.pid);
  let outcome: WatchOutcome;
  try {
    outcome = await watchVm(vm, {
      ...options,
      ...vmDisk,
      settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
      signal: deps.signal,
    });
  } finally {
    await vm.kill();
  }
  if (outcome.error !== undefined) throw vm.spawnFailure(binary) ?? outcome.error;
  const { error: _, ...result } = outcome;
  return result;
}

/** A free host port for every guest port probed, plus the TCP probes' canary. */
async function forwardsFor(options: SmokeOptions): Promise<PortForward[]> {
  const guestPorts = new Set(options.probes.map((p) => p.port));
  if (options.probes.some((p) => p.kind === 'tcp')) guestPorts.add(TCP_CANARY_GUEST_PORT);
  const hostPorts = await pickFreePorts(guestPorts.size);
  return [...guestPorts].map((guestPort, i) => ({ guestPort, hostPort: hostPorts[i]! }));
}

/** Checks options a user (or the CLI/Action edge) can get wrong, before anything starts. */
async function validateOptions(options: SmokeOptions): Promise<void> {
  await requireFile(options.image, 'image');
  if (options.bootMode === 'direct') {
    if (options.kernelImg === undefined) {
      throw new UserError(
        'Boot mode direct needs the kernel (kernel.img of the kernel release); pass it, or use boot mode disk.',
      );
    }
    await requireFile(options.kernelImg, 'kernel.img');
  }
  for (const probe of options.probes) {
    if (!Number.isInteger(probe.port) || probe.port < 1 || probe.port > 65535) {
      throw new UserError(`Probe port ${probe.port} is not a TCP port (1–65535).`);
    }
    if (probe.port === TCP_CANARY_GUEST_PORT && options.probes.some((p) => p.kind === 'tcp')) {
      throw new UserError(
        `Guest port ${TCP_CANARY_GUEST_PORT} cannot be probed together with a TCP probe: TCP probes use it as a port where nothing listens.`,
      );
    }
    if (probe.kind === 'http' && !probe.path.startsWith('/')) {
      throw new UserError(`HTTP probe path "${probe.path}" must start with "/".`);
    }
  }
  const positive = {
    memoryMiB: options.memoryMiB,
    cpus: options.cpus,
    timeoutMs: options.timeoutMs,
  };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new UserError(
        `Smoke test setting ${name} must be a positive whole number, got ${value}.`,
      );
    }
  }
}

async function requireFile(path: string, what: string): Promise<void> {
  const info = await stat(path).catch((error: unknown) => {
    throw unreadable(path, what, error);
  });
  if (!info.isFile()) throw new UserError(`The ${what} ${path} is not a regular file.`);
}

function unreadable(path: string, what: string, cause: unknown): UserError {
  return new UserError(
    `The ${what} ${path} cannot be read: it does not exist or is not accessible.`,
    { cause },
  );
}
