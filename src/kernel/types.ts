import type { Logger } from '../log.js';
import type { RetryOptions } from '../retry.js';
import type { KernelCache } from './cache.js';
import type { KnownReleases } from './releases.js';

/** The CPU architectures Nanos publishes releases for. */
export const KERNEL_ARCHES = ['x86_64', 'aarch64'] as const;
export type KernelArch = (typeof KERNEL_ARCHES)[number];

/** What the caller asks for; built by the edges from flags or action inputs. */
export interface KernelRequest {
  /** An explicit release ('0.1.55'), 'latest' (resolved through latest.txt) or 'nightly'. */
  version: string;
  /** Where releases live, laid out like the official bucket (format spec §4.1); no trailing slash needed. */
  baseUrl: string;
  /** A sha256 the user pins the archive to (hex); required for versions releases.json lacks, unless .md5 fallback. */
  sha256?: string;
  /** A directory holding a self-built or mirrored kernel; when set nothing is downloaded. */
  localDir?: string;
  arch: KernelArch;
}

/** A kernel on disk, ready for the image builder. */
export interface Toolchain {
  /** The explicit version ('0.1.55', 'nightly', or 'local' for a local dir). */
  version: string;
  /** The directory holding the files below. */
  dir: string;
  kernelImg: string;
  /** The stage1/stage2 boot loader; absent on aarch64, which boots through UEFI only. */
  bootImg?: string;
  /** bootx64.efi or bootaa64.efi when the release ships one. */
  uefiLoader?: string;
  /** The klibs directory when present. */
  klibsDir?: string;
  /** Names of the klibs in klibsDir, sorted. */
  klibs: string[];
  /**
   * sha256 of the release archive (download, cache); for a local directory, of kernel.img, and
   * only once `withLocalDigest` added it (`nanoship kernel` does).
   */
  sha256?: string;
  source: 'local' | 'cache' | 'download';
  /** The archive URL the kernel came from (download, cache). */
  url?: string;
}

/** Collaborators of resolveKernel: where to cache, how to log, what is known, how to retry. */
export interface KernelDeps {
  cache: KernelCache;
  logger: Logger;
  /** The releases nanoship knows; defaults to kernel/releases.json. */
  releases?: KnownReleases;
  retry?: RetryOptions;
  /** Where downloads and extraction happen before the result moves into the cache. */
  tempDir?: string;
}
