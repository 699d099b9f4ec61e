/**
 * Prepares a GitHub runner for the smoke test: QEMU installed, /dev/kvm usable. Only the
 * Action does this (the CLI never installs anything on a user's machine), only on
 * GitHub-hosted runners (throwaway machines: a self-hosted one would keep the package and a
 * /dev/kvm open to every user for good, so there nanoship says what to do instead), and only
 * with passwordless sudo. Failures are warnings: the smoke test itself then reports precisely
 * what is missing.
 */
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import type { Logger } from '../log.js';
import { KVM_DEVICE, KVM_UDEV_RULE } from '../smoke/accel.js';
import { DEFAULT_QEMU_BINARY, QEMU_INSTALL_HINT } from '../smoke/qemu.js';

const QEMU_PACKAGE = 'qemu-system-x86';

/** Runs a command to its end; never rejects (a command that cannot start has code -1). */
export type Exec = (command: string, args: string[]) => Promise<{ code: number; output: string }>;

export interface HostSetupOptions {
  /** The runner is a GitHub-hosted machine (`RUNNER_ENVIRONMENT` is `github-hosted`). */
  githubHosted: boolean;
  /** How commands run (default: spawned); tests record the sudo calls instead. */
  exec?: Exec;
  /** Default `qemu-system-x86_64`. */
  qemuBinary?: string;
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

async function canSudo(exec: Exec): Promise<boolean> {
  return (await exec('sudo', ['-n', 'true'])).code === 0;
}

/**
 * Installs qemu-system-x86 with apt when QEMU is missing on a GitHub-hosted Linux runner; on
 * any other runner only says how to install it.
 */
export async function ensureQemu(logger: Logger, options: HostSetupOptions): Promise<void> {
  const exec = options.exec ?? spawnExec;
  const binary = options.qemuBinary ?? DEFAULT_QEMU_BINARY;
  if (process.platform !== 'linux' || (await onPath(exec, binary))) return;
  if (!options.githubHosted) {
    logger.warning(
      `${binary} is not installed, and nanoship installs packages only on GitHub-hosted runners. ${QEMU_INSTALL_HINT}`,
    );
    return;
  }
  if (!(await onPath(exec, 'apt-get')) || !(await canSudo(exec))) {
    logger.warning(
      `${binary} is not installed and cannot be installed here (no apt-get or no passwordless sudo). Install the ${QEMU_PACKAGE} package in an earlier step.`,
    );
    return;
  }
  await logger.group(`Installing ${QEMU_PACKAGE}`, () => aptInstall(exec, logger));
}

async function aptInstall(exec: Exec, logger: Logger): Promise<void> {
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
    QEMU_PACKAGE,
  ]);
  if (install.code !== 0) logger.warning(`Installing ${QEMU_PACKAGE} failed:\n${install.output}`);
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
