import { open } from 'node:fs/promises';
import { errorMessage, UserError } from '../errors.js';
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

/**
 * Decides the accelerator: `tcg` as asked; `kvm` only when the device is usable (otherwise a
 * UserError with the reason and the runner hint); `auto` picks KVM when usable and otherwise
 * falls back to TCG with a notice.
 */
export async function detectAccelerator(
  request: AcceleratorRequest,
  logger: Logger,
  device: string = KVM_DEVICE,
): Promise<Accelerator> {
  if (request === 'tcg') return 'tcg';
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
