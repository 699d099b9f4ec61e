/**
 * Prepares a GitHub runner for the smoke test of one image: the QEMU and UEFI firmware that
 * image boots with installed, /dev/kvm usable. Only the Action does this (the CLI never
 * installs anything on a user's machine), only on GitHub-hosted runners (throwaway machines:
 * a self-hosted one would keep the packages and a /dev/kvm open to every user for good, so
 * there nanoship says what to do instead), and only with passwordless sudo. Failures are
 * warnings: the smoke test itself then reports precisely what is missing.
 *
 *   const target = await smokeTargetOf(plan); // { arch: 'aarch64', uefi: true }
 *   await ensureSmokePackages(logger, target, { githubHosted: true });
 *   // installs qemu-system-arm and qemu-efi-aarch64 when they are missing
 */
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { readBootLoaders } from '../image/boot-loaders.js';
import type { KernelArch } from '../kernel/types.js';
import type { Logger } from '../log.js';
import type { Plan } from '../plan/plan.js';
import { KVM_DEVICE, KVM_UDEV_RULE } from '../smoke/accel.js';
import { UEFI_FIRMWARE_CANDIDATES } from '../smoke/firmware.js';
import { QEMU_BINARIES } from '../smoke/qemu.js';

/** A Debian/Ubuntu package the smoke test may need, and what shows it is installed. */
export interface HostPackage {
  name: string;
  /** A program it puts on PATH, or a file it installs (firmware). */
  provides: { binary: string } | { file: string };
}

/** The firmware code image Debian and Ubuntu install: the smoke test's first candidate. */
function debianFirmware(arch: KernelArch): string {
  return UEFI_FIRMWARE_CANDIDATES[arch][0]!.code;
}

/**
 * The packages per guest, as Ubuntu (GitHub's runners) and Debian name them. The firmware is
 * checked by its code image, the file the smoke test loads: Ubuntu 22.04 and later, and
 * Debian 12, ship OVMF's as OVMF_CODE_4M.fd (package ovmf) and the arm64 one as
 * AAVMF_CODE.fd (package qemu-efi-aarch64), each with its variable store beside it.
 */
export const SMOKE_PACKAGES = {
  qemuX86: { name: 'qemu-system-x86', provides: { binary: QEMU_BINARIES.x86_64 } },
  qemuArm: { name: 'qemu-system-arm', provides: { binary: QEMU_BINARIES.aarch64 } },
  ovmf: { name: 'ovmf', provides: { file: debianFirmware('x86_64') } },
  aavmf: { name: 'qemu-efi-aarch64', provides: { file: debianFirmware('aarch64') } },
} as const satisfies Record<string, HostPackage>;

/** What the smoke test boots: the guest's architecture, and whether through UEFI firmware. */
export interface SmokeTarget {
  arch: KernelArch;
  /** False for BIOS and for direct kernel boots, which need no firmware of ours. */
  uefi: boolean;
}

/** The packages the smoke test of `target` needs. */
export function smokePackagesFor(target: SmokeTarget): HostPackage[] {
  if (target.arch === 'aarch64') {
    return target.uefi ? [SMOKE_PACKAGES.qemuArm, SMOKE_PACKAGES.aavmf] : [SMOKE_PACKAGES.qemuArm];
  }
  return target.uefi ? [SMOKE_PACKAGES.qemuX86, SMOKE_PACKAGES.ovmf] : [SMOKE_PACKAGES.qemuX86];
}

/**
 * What the smoke test of `plan` boots: the image being built (its architecture; UEFI for
 * every aarch64 image and for x86 images with `uefi`, whose hybrids the smoke test boots
 * through UEFI), or the image file's own loaders when an existing image is smoke-tested.
 * A direct boot loads the kernel itself and needs no firmware. Undefined without a smoke test.
 */
export async function smokeTargetOf(plan: Plan): Promise<SmokeTarget | undefined> {
  if (plan.smoke === undefined) return undefined;
  const { bootMode, firmware } = plan.smoke;
  // UEFI firmware is needed when a disk boot goes through UEFI: always for arm64, by default
  // for an image with an ESP, and never when the user asked for the BIOS side of a hybrid.
  const throughUefi = (arch: KernelArch, hasEsp: boolean) =>
    bootMode !== 'direct' && (arch === 'aarch64' || (hasEsp && firmware !== 'bios'));
  if (plan.build !== undefined && plan.kernel !== undefined) {
    const { arch } = plan.kernel;
    return { arch, uefi: throughUefi(arch, plan.build.uefi) };
  }
  if (plan.image === undefined) return undefined;
  // An image nanoship cannot read is the smoke test's to report, with its own message.
  const loaders = await readBootLoaders(plan.image).catch(() => undefined);
  if (loaders === undefined) return undefined;
  return { arch: loaders.arch, uefi: throughUefi(loaders.arch, loaders.bootMode !== 'bios') };
}

/** Runs a command to its end; never rejects (a command that cannot start has code -1). */
export type Exec = (command: string, args: string[]) => Promise<{ code: number; output: string }>;

export interface HostSetupOptions {
  /** The runner is a GitHub-hosted machine (`RUNNER_ENVIRONMENT` is `github-hosted`). */
  githubHosted: boolean;
  /** How commands run (default: spawned); tests record the sudo calls instead. */
  exec?: Exec;
  /** Default `/dev/kvm`. */
  kvmDevice?: string;
}

/** Runs `command` with its stdout and stderr collected. */
export const spawnExec: Exec = (command, args) =>
  new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', (error) => resolve({ code: -1, output: error.message }));
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });

async function onPath(exec: Exec, binary: string): Promise<boolean> {
  return (await exec('sh', ['-c', 'command -v "$1"', 'sh', binary])).code === 0;
}

async function isInstalled(exec: Exec, pkg: HostPackage): Promise<boolean> {
  if ('binary' in pkg.provides) return onPath(exec, pkg.provides.binary);
  return (await exec('sh', ['-c', 'test -f "$1"', 'sh', pkg.provides.file])).code === 0;
}

async function canSudo(exec: Exec): Promise<boolean> {
  return (await exec('sudo', ['-n', 'true'])).code === 0;
}

/** `qemu-system-aarch64 (package qemu-system-arm)`, for messages. */
function describePackage(pkg: HostPackage): string {
  const what = 'binary' in pkg.provides ? pkg.provides.binary : pkg.provides.file;
  return `${what} (package ${pkg.name})`;
}

/**
 * Installs, with one apt-get, the packages the smoke test of `target` needs and the runner
 * lacks, on a GitHub-hosted Linux runner. A self-hosted runner is only told what to install,
 * and only about missing programs: its distribution may keep the firmware elsewhere, where
 * the smoke test looks for it itself.
 */
export async function ensureSmokePackages(
  logger: Logger,
  target: SmokeTarget,
  options: HostSetupOptions,
): Promise<void> {
  const exec = options.exec ?? spawnExec;
  if (process.platform !== 'linux') return;
  const wanted = smokePackagesFor(target).filter(
    (pkg) => options.githubHosted || 'binary' in pkg.provides,
  );
  const installed = await Promise.all(wanted.map((pkg) => isInstalled(exec, pkg)));
  const missing = wanted.filter((_, i) => !installed[i]);
  if (missing.length === 0) return;
  const names = missing.map((pkg) => pkg.name);
  const what = `The smoke test of this ${target.arch}${target.uefi ? ' UEFI' : ''} image needs ${missing.map(describePackage).join(' and ')}`;
  if (!options.githubHosted) {
    logger.warning(
      `${what}, and nanoship installs packages only on GitHub-hosted runners. Install ${names.length > 1 ? 'them' : 'it'} in an earlier step (Debian/Ubuntu: sudo apt-get install -y ${names.join(' ')}).`,
    );
    return;
  }
  if (!(await onPath(exec, 'apt-get')) || !(await canSudo(exec))) {
    logger.warning(
      `${what}, which cannot be installed here (no apt-get or no passwordless sudo). Install ${names.join(' ')} in an earlier step.`,
    );
    return;
  }
  await logger.group(`Installing ${names.join(' ')}`, () => aptInstall(exec, logger, names));
}

async function aptInstall(exec: Exec, logger: Logger, names: string[]): Promise<void> {
  const update = await exec('sudo', ['apt-get', 'update', '-qq']);
  if (update.code !== 0) logger.warning(`apt-get update failed:\n${update.output}`);
  const install = await exec('sudo', [
    'env',
    'DEBIAN_FRONTEND=noninteractive',
    'apt-get',
    'install',
    '-y',
    '-qq',
    '--no-install-recommends',
    ...names,
  ]);
  if (install.code !== 0)
    logger.warning(`Installing ${names.join(' ')} failed:\n${install.output}`);
}

/**
 * Makes /dev/kvm usable for the runner user when it exists but is closed to it (the default on
 * GitHub-hosted Linux runners), with a udev rule; on any other runner only says what to do.
 */
export async function ensureKvmAccess(logger: Logger, options: HostSetupOptions): Promise<void> {
  const exec = options.exec ?? spawnExec;
  const device = options.kvmDevice ?? KVM_DEVICE;
  if (process.platform !== 'linux' || (await kvmState(device)) !== 'closed') return;
  if (!options.githubHosted) {
    logger.notice(
      `${device} exists but the runner user cannot open it, and nanoship changes its permissions only on GitHub-hosted runners. To use KVM, give the runner user read/write access (e.g. add it to the kvm group); otherwise the smoke test runs under slower TCG emulation.`,
    );
    return;
  }
  if (!(await canSudo(exec))) return;
  const rule = await exec('sudo', [
    'sh',
    '-c',
    `echo '${KVM_UDEV_RULE}' > /etc/udev/rules.d/99-nanoship-kvm.rules && udevadm control --reload-rules && udevadm trigger --name-match=kvm && udevadm settle`,
  ]);
  if (rule.code === 0) logger.info(`Made ${device} usable for the runner user (udev rule).`);
  else logger.warning(`Could not make ${device} usable:\n${rule.output}`);
}

/** Whether the KVM device is missing, usable by this user, or there but closed to it. */
async function kvmState(device: string): Promise<'absent' | 'usable' | 'closed'> {
  try {
    await access(device, constants.F_OK);
  } catch {
    return 'absent'; // No KVM on this machine: the smoke test falls back to TCG and says so.
  }
  try {
    await access(device, constants.R_OK | constants.W_OK);
    return 'usable';
  } catch {
    return 'closed';
  }
}
