/**
 * Options → KernelRequest: which kernel release, from where, pinned to what.
 */
import path from 'node:path';
import { DEFAULT_KERNEL_VERSION, OFFICIAL_KERNEL_BASE_URL } from '../constants.js';
import { UserError } from '../errors.js';
import type { KernelArch, KernelRequest } from '../kernel/types.js';
import type { OptionNamer, Options } from './options.js';

const VERSION_PATTERN = /^(latest|nightly|\d+\.\d+\.\d+([.-][0-9A-Za-z.-]+)?)$/;
const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** Architecture names people type, mapped to the kernel's. */
const ARCH_ALIASES: Record<string, KernelArch> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  x64: 'x86_64',
  aarch64: 'aarch64',
  arm64: 'aarch64',
};

/**
 * Validates the kernel options. `cwd` resolves a relative `kernel-dir`. Nothing is read from
 * disk or network here: existence checks happen when the kernel is resolved.
 */
export function planKernel(options: Options, namer: OptionNamer, cwd: string): KernelRequest {
  const version = (options.kernelVersion ?? '').trim() || DEFAULT_KERNEL_VERSION;
  if (!VERSION_PATTERN.test(version)) {
    throw new UserError(
      `${namer('kernel-version')} must be a release such as 0.1.55, "latest" or "nightly", got "${version}".`,
    );
  }
  const baseUrl = (options.kernelBaseUrl ?? '').trim() || OFFICIAL_KERNEL_BASE_URL;
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
    throw new UserError(
      `${namer('kernel-base-url')} must be an http(s) URL such as ${OFFICIAL_KERNEL_BASE_URL}, got "${baseUrl}".`,
    );
  }
  const sha256 = (options.kernelSha256 ?? '').trim().toLowerCase() || undefined;
  if (sha256 !== undefined && !SHA256_PATTERN.test(sha256)) {
    throw new UserError(
      `${namer('kernel-sha256')} must be 64 hexadecimal digits (a sha256), got "${options.kernelSha256}".`,
    );
  }
  const localDir = (options.kernelDir ?? '').trim() || undefined;
  if (localDir !== undefined && sha256 !== undefined) {
    throw new UserError(
      `${namer('kernel-dir')} and ${namer('kernel-sha256')} cannot be used together: a local kernel is not downloaded, so there is no archive to check. Remove one of them.`,
    );
  }
  return {
    version,
    baseUrl: baseUrl.replace(/\/+$/, ''),
    sha256,
    localDir: localDir === undefined ? undefined : path.resolve(cwd, localDir),
    arch: planArch(options.arch, namer),
  };
}

function planArch(raw: string | undefined, namer: OptionNamer): KernelArch {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return 'x86_64';
  const arch = ARCH_ALIASES[text];
  if (arch === undefined) {
    throw new UserError(
      `${namer('arch')} must be x86_64 (amd64) or aarch64 (arm64), got "${raw}".`,
    );
  }
  return arch;
}
