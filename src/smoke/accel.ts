import { open } from 'node:fs/promises';
import { errorMessage, UserError } from '../errors.js';
import type { KernelArch } from '../kernel/types.js';
import type { Logger } from '../log.js';
import type { Accelerator, AcceleratorRequest } from './types.js';

/** Where Linux exposes KVM. */
export const KVM_DEVICE = '/dev/kvm';

/** The udev rule GitHub documents for letting the runner user open /dev/kvm (mode 0666). */
export const KVM_UDEV_RULE = 'KERNEL=="kvm", GROUP="kvm", MODE="0666", OPTIONS+="static_node=kvm"';

/** What a GitHub-hosted runner needs before KVM works: the runner user lacks access by default. */
export const KVM_RUNNER_HINT =
  'On GitHub-hosted Linux runners add a step before nanoship: ' +
  `echo '${KVM_UDEV_RULE}' | ` +
  'sudo tee /etc/udev/rules.d/99-kvm4all.rules && sudo udevadm control --reload-rules && ' +
  'sudo udevadm trigger --name-match=kvm';

/** Why KVM cannot be used, or undefined when `device` opens for reading and writing. */
export async function kvmUnavailableReason(device: string): Promise<string | undefined> {
  try {
    // Opening is the real test: the device can exist with the module unusable (ENXIO).
    const handle = await open(device, 'r+');
    await handle.close();
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${device} does not exist`;
    if (code === 'EACCES' || code === 'EPERM') return `no read/write permission on ${device}`;
    return `${device} cannot be opened: ${errorMessage(error)}`;
  }
}

/** The architecture of the machine nanoship runs on, in the kernel's names; undefined for others. */
export function hostArchitecture(nodeArch: string = process.arch): KernelArch | undefined {
  return nodeArch === 'x64' ? 'x86_64' : nodeArch === 'arm64' ? 'aarch64' : undefined;
}

/**
 * Decides the accelerator: `tcg` as asked; `kvm` only when the device is usable and the guest
 * is of the host's architecture (otherwise a UserError with the reason and what to do); `auto`
 * picks KVM when both hold and otherwise falls back to TCG, with a notice when KVM is missing.
 * `guest` defaults to an x86_64 guest on an x86_64 host.
 */
export async function detectAccelerator(
  request: AcceleratorRequest,
  logger: Logger,
  device: string = KVM_DEVICE,
  guest: { arch: KernelArch; hostArch: KernelArch | undefined } = {
    arch: 'x86_64',
    hostArch: 'x86_64',
  },
): Promise<Accelerator> {
  if (request === 'tcg') return 'tcg';
  if (guest.hostArch !== guest.arch) {
    // KVM virtualises the host's own CPU; another architecture can only be emulated.
    const reason = `KVM runs guests of the host's own architecture only, and this is an ${guest.arch} guest on ${guest.hostArch === undefined ? 'a host of another architecture' : `an ${guest.hostArch} host`}`;
    if (request === 'kvm') {
      throw new UserError(
        `KVM was requested (accel: kvm) but ${reason}. Use accel auto or tcg to boot under emulation, or run on an ${guest.arch} machine.`,
      );
    }
    logger.info(`Booting under TCG emulation: ${reason}.`);
    return 'tcg';
  }
  const reason = await kvmUnavailableReason(device);
  if (reason === undefined) return 'kvm';
  if (request === 'kvm') {
    throw new UserError(
      `KVM was requested (accel: kvm) but cannot be used: ${reason}. ` +
        `Use accel auto or tcg to boot under emulation. ${KVM_RUNNER_HINT}`,
    );
  }
  logger.notice(
    `KVM not available (${reason}); booting under TCG emulation, which is much slower. ${KVM_RUNNER_HINT}`,
  );
  return 'tcg';
}
