/**
 * Prepares a GitHub runner for the smoke test: QEMU installed, /dev/kvm usable. Only the
 * Action does this (the CLI never installs anything on a user's machine), and only with
 * passwordless sudo, which hosted runners have. Failures are warnings: the smoke test itself
 * then reports precisely what is missing.
 */
import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import type { Logger } from '../log.js';

const QEMU_PACKAGE = 'qemu-system-x86';

/** The udev rule GitHub documents for letting the runner user open /dev/kvm. */
const KVM_UDEV_RULE = 'KERNEL=="kvm", GROUP="kvm", MODE="0666", OPTIONS+="static_node=kvm"';

function exec(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
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
}

async function onPath(binary: string): Promise<boolean> {
  return (await exec('sh', ['-c', `command -v ${binary}`])).code === 0;
}

async function canSudo(): Promise<boolean> {
  return (await exec('sudo', ['-n', 'true'])).code === 0;
}

/** Installs qemu-system-x86 with apt when it is missing on a Linux runner. */
export async function ensureQemu(logger: Logger): Promise<void> {
  if (process.platform !== 'linux' || (await onPath('qemu-system-x86_64'))) return;
  if (!(await onPath('apt-get')) || !(await canSudo())) {
    logger.warning(
      `qemu-system-x86_64 is not installed and cannot be installed here (no apt-get or no passwordless sudo). Install the ${QEMU_PACKAGE} package in an earlier step.`,
    );
    return;
  }
  await logger.group(`Installing ${QEMU_PACKAGE}`, async () => {
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
  });
}

/**
 * Makes /dev/kvm usable for the runner user when it exists but is closed to it (the default on
 * GitHub-hosted Linux runners).
 */
export async function ensureKvmAccess(logger: Logger): Promise<void> {
  if (process.platform !== 'linux') return;
  try {
    await access('/dev/kvm', constants.F_OK);
  } catch {
    return; // No KVM on this machine: the smoke test falls back to TCG and says so.
  }
  try {
    await access('/dev/kvm', constants.R_OK | constants.W_OK);
    return;
  } catch {
    // Exists but is not ours: open it up below.
  }
  if (!(await canSudo())) return;
  const rule = await exec('sudo', [
    'sh',
    '-c',
    `echo '${KVM_UDEV_RULE}' > /etc/udev/rules.d/99-nanoship-kvm.rules && udevadm control --reload-rules && udevadm trigger --name-match=kvm && udevadm settle`,
  ]);
  if (rule.code === 0) logger.info('Made /dev/kvm usable for the runner user (udev rule).');
  else logger.warning(`Could not make /dev/kvm usable:\n${rule.output}`);
}
