/** Values that go in and come out of the smoke test (`runSmoke`). */
import type { KernelArch } from '../kernel/types.js';

/**
 * The guest port TCP probes use as their canary, where nothing listens (see probe.ts), so it
 * cannot be probed itself next to a TCP probe. Here, free of imports, so that planning can
 * check it without loading the probe code.
 */
export const TCP_CANARY_GUEST_PORT = 1;

/** Waits for an HTTP answer on a guest port (forwarded from a free host port). */
export interface HttpProbe {
  kind: 'http';
  /** TCP port inside the guest. */
  port: number;
  /** Request path, starting with `/`. */
  path: string;
  /**
   * The status the first answer must have (default 200). The first answer decides: a server
   * that answers 503 while it warms up fails the run (expect that status, or probe a path that
   * answers only when ready).
   */
  expectStatus?: number;
  /** A pattern the body (its first 64 KiB) must match. */
  expectBody?: RegExp;
}

/** Waits until a guest port accepts connections (see `probe.ts` for what counts). */
export interface TcpProbe {
  kind: 'tcp';
  port: number;
}

export type Probe = HttpProbe | TcpProbe;

/**
 * How QEMU starts the guest.
 * - `disk`: the image's own boot loader loads the kernel from the bootfs, exactly as clouds
 *   boot the image: BIOS → `boot.img`, or UEFI firmware → the ESP's loader (UEFI and hybrid
 *   images; always on arm64).
 * - `direct`: QEMU `microvm` loads `kernel.img` itself (PVH entry) and attaches the image over
 *   virtio-mmio; about 2x faster to ready under TCG, for quick local iterations. Limit: on
 *   microvm the kernel's ACPI power-off does not end QEMU (seen with QEMU 7.2), so a program
 *   that exits 0 leaves the VM idle unless the image sets `debug_exit`; a non-zero exit is
 *   still seen through the klog record. Check `expectExit: 0` in `disk` mode.
 */
export type BootMode = 'disk' | 'direct';

export type AcceleratorRequest = 'auto' | 'kvm' | 'tcg';
export type Accelerator = 'kvm' | 'tcg';

/**
 * A Linux kernel and initramfs booted on the same q35 machine instead of the image's own boot
 * loader. Only for the test suite, which has no Nanos kernel in CI: the image is still attached
 * through virtio-scsi and everything else (ports, probes, verdict, process handling) is the
 * production path.
 */
export interface LinuxBootSource {
  kernel: string;
  initrd: string;
  append: string;
}

export interface SmokeOptions {
  /**
   * The image under test; it is never opened for writing. In `disk` mode it must carry the
   * MBR boot signature.
   */
  image: string;
  bootMode: BootMode;
  /** `kernel.img` of the kernel release; required for `direct`. */
  kernelImg?: string;
  accel: AcceleratorRequest;
  memoryMiB: number;
  cpus: number;
  probes: Probe[];
  /** The program must exit with this code. */
  expectExit?: number;
  /** The serial console must show this pattern. */
  expectOutput?: RegExp;
  /** Upper bound for the whole run, from QEMU start. */
  timeoutMs: number;
  /**
   * Used only when no expectation is given: the VM must stay up this long (from QEMU start)
   * without a crash marker on the console. Default `DEFAULT_SETTLE_MS`.
   */
  settleMs?: number;
  /** Where the serial console is written (created or truncated before QEMU starts). */
  consoleLog: string;
  /**
   * QEMU binary name or path (default `qemu-system-x86_64`, or `qemu-system-aarch64` for an
   * arm64 image, looked up on PATH).
   */
  qemuBinary?: string;
  /**
   * The firmware of a `disk` boot: by default UEFI for UEFI and hybrid images (as clouds boot
   * them), BIOS for BIOS images. `bios` boots a hybrid through its BIOS loader instead.
   */
  firmware?: 'bios' | 'uefi';
  /** UEFI firmware code and variable store template; default: found where distributions install it. */
  uefiFirmware?: { code: string; vars: string };
  /** Folder for the throwaway copy of the image (default the OS temp folder). */
  workDir?: string;
  /** Receives console output as it arrives (the Action streams it into a log group). */
  onConsole?: (chunk: string) => void;
  /**
   * Receives QEMU's pid as soon as it runs, so an edge can stop it even if nanoship itself is
   * killed (QEMU runs in its own process group and would outlive nanoship).
   */
  onVmStart?: (pid: number) => void;
  /** Appended to the generated QEMU arguments. */
  extraQemuArgs?: string[];
  /** Where to check for KVM (default `/dev/kvm`); tests point it elsewhere. */
  kvmDevice?: string;
  /**
   * Under accel `auto` with KVM: how long a guest may print nothing and meet nothing before
   * KVM is blamed and the boot is done again under TCG (default `DEFAULT_KVM_SILENCE_MS`).
   */
  kvmSilenceMs?: number;
  /** Test-only: boot a Linux guest instead of the image's boot loader (see LinuxBootSource). */
  linuxBoot?: LinuxBootSource;
}

export type Verdict = 'pass' | 'fail';

/**
 * Who a failed verdict blames: `program` (the image did not do what was expected) or `host`
 * (QEMU missing or crashing, KVM unusable, a port that could not be bound): a host fault says
 * nothing about the image.
 */
export type Fault = 'program' | 'host';

export interface SmokeResult {
  verdict: Verdict;
  /** One sentence: what held, or what failed with got vs want. */
  reason: string;
  /** Set on a `fail` verdict. */
  fault?: Fault;
  /**
   * Set when the boot under KVM failed (QEMU's line) and, with accel `auto`, was done again
   * under TCG: the verdict is the TCG boot's.
   */
  kvmFailure?: string;
  /** QEMU start → the first expectation met (probe answered, output seen, program exited). */
  bootMs?: number;
  /** The program's exit code, when it exited during the run. */
  exitCode?: number;
  consoleLog: string;
  accel: Accelerator;
  /** The guest's architecture, read from the image (or, in `direct` mode, the kernel). */
  arch: KernelArch;
  /** The firmware a `disk` boot went through; absent in `direct` mode. */
  firmware?: 'bios' | 'uefi';
  imageSha256Before: string;
  imageSha256After: string;
  /** The QEMU command line that ran (binary first). */
  qemuCommand: string[];
}

/**
 * `x86_64 through BIOS`, `aarch64 through UEFI`; for a direct boot, who loaded the kernel.
 * It lives with the result type so that renderers need not load the smoke machinery (QEMU,
 * sockets): every `nanoship build` prints through them.
 */
export function describeGuest(result: Pick<SmokeResult, 'arch' | 'firmware'>): string {
  return result.firmware === undefined
    ? `${result.arch}, kernel loaded by QEMU`
    : `${result.arch} through ${result.firmware === 'uefi' ? 'UEFI' : 'BIOS'}`;
}

/**
 * Settle time when no expectation is given: long enough for a Nanos guest (~1 s to its program
 * under TCG) or the Linux test guests (~3–6 s) to boot and for an early crash to reach the
 * console. A VM that stays up this long passes with a reason saying that this does not show
 * the program works; a program that exits (any code) before it fails.
 */
export const DEFAULT_SETTLE_MS = 10_000;

/**
 * A Nanos guest under KVM is up in well under a second; a nested KVM that stalls the guest
 * says nothing at all. After this long in silence under `auto`, nanoship boots under TCG.
 */
export const DEFAULT_KVM_SILENCE_MS = 15_000;
