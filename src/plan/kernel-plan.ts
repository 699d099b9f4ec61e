/**
 * Options → KernelRequest: which kernel release, from where, pinned to what.
 */
import path from 'node:path';
import { DEFAULT_KERNEL_VERSION, OFFICIAL_KERNEL_BASE_URL } from '../constants.js';
import { UserError } from '../errors.js';
import { SHA256_PATTERN } from '../kernel/releases.js';
import type { KernelArch, KernelRequest } from '../kernel/types.js';
import { isExplicitVersion, normalizeBaseUrl } from '../kernel/urls.js';
import type { OptionNamer, Options } from './options.js';

/** Architecture names people type, mapped to the kernel's. */
const ARCH_ALIASES: Record<string, KernelArch> = {
  x86_64: 'x86_64',
  amd64: 'x86_64',
  x64: 'x86_64',
  aarch64: 'aarch64',
  arm64: 'aarch64',
};

/**
 * Validates the kernel options. `cwd` resolves a relative `kernel-dir`; `configVersion` is
 * config.json's NanosVersion, used when no option gives a version. Nothing is read from disk or
 * network here: existence checks happen when the kernel is resolved.
 */
export function planKernel(
  options: Options,
  namer: OptionNamer,
  cwd: string,
  configVersion?: string,
): KernelRequest {
  const fromOption = options.kernelVersion !== undefined;
  const raw = fromOption ? options.kernelVersion : configVersion;
  const version = (raw ?? '').trim() || DEFAULT_KERNEL_VERSION;
  if (version !== 'latest' && version !== 'nightly' && !isExplicitVersion(version)) {
    const where = fromOption ? namer('kernel-version') : 'config.json NanosVersion';
    throw new UserError(
      `${where} must be a release such as 0.1.55, "latest" or "nightly", got "${version}".`,
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
    baseUrl: normalizeBaseUrl(baseUrl),
    sha256,
    localDir: localDir === undefined ? undefined : path.resolve(cwd, localDir),
    arch: planArch(options.arch, namer),
  };
}

/** The architecture option (default x86_64), with the names people type. */
export function planArch(raw: string | undefined, namer: OptionNamer): KernelArch {
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
