/**
 * Names shared between the edges: Action outputs, saved state keys, defaults. One place, so
 * that action.yml, the README and the code never drift apart on a spelling.
 */

/** Where official Nanos releases live (format spec §4.1). */
export const OFFICIAL_KERNEL_BASE_URL = 'https://storage.googleapis.com/nanos/release';

export const DEFAULT_KERNEL_VERSION = 'latest';

export enum Outputs {
  KernelVersion = 'kernel-version',
  KernelDir = 'kernel-dir',
  ImagePath = 'image-path',
  ImageSha256 = 'image-sha256',
  ImageSize = 'image-size',
  SmokeResult = 'smoke-result',
  BootMs = 'boot-ms',
  ConsoleLog = 'console-log',
  AmiId = 'ami-id',
  AmiIds = 'ami-ids',
  SnapshotId = 'snapshot-id',
  GcpImage = 'gcp-image',
  GcpImageUri = 'gcp-image-uri',
  PreviewUrl = 'preview-url',
  PreviewInstance = 'preview-instance',
  ReleaseImages = 'release-images',
}

export enum State {
  /** Set by the main step so the post step knows it ran and what to clean. */
  IsPost = 'isPost',
  TempDirs = 'tempDirs',
  /** QEMU processes the smoke test started: they run in their own process group. */
  QemuPids = 'qemuPids',
  /** Cloud resources created and not yet settled (published or removed). */
  CloudResources = 'cloudResources',
}
