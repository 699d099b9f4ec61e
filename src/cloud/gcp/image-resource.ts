/**
 * What nanoship asks Compute Engine for, decided without any I/O: the image resource for
 * images.insert (name, family, labels, guest OS features, architecture, source), the staging
 * object's name, and request ids that make a retried call a no-op.
 */
import { createHash } from 'node:crypto';
import { compareVersionsDescending } from '../../kernel/version-order.js';
import { gceName, gcpImageName, gcpLabelValue, nanoshipLabels, TagKeys } from '../naming.js';
import type { GcpPublishPlan, ImageToPublish, PublishContext } from '../types.js';

/** The label key holding the image digest (its first 63 hex digits), which reuse keys on. */
export const DIGEST_LABEL = TagKeys.digest.replace(/:/g, '-');
export const MANAGED_LABEL = TagKeys.managed.replace(/:/g, '-');
/** Retention counts images that share these labels (and so never mixes PRs with releases). */
export const GROUP_LABELS = [TagKeys.image, TagKeys.channel, TagKeys.repoId].map((key) =>
  key.replace(/:/g, '-'),
);

/** `labels.nanoship-digest` of an image with this sha256. */
export function digestLabelValue(sha256: string): string {
  return gcpLabelValue(sha256);
}

/**
 * The first Nanos release whose kernel has the gVNIC driver built in, per architecture:
 * nanovms/nanos added src/drivers/gve.c to the aarch64 (platform/virt) kernel in 0.1.43
 * (commit 4db9f3fa, "Network drivers: add support for gVNIC adapter") and to the x86_64
 * (platform/pc) kernel in 0.1.49 (commit f1b4d78e, "PC platform: add gVNIC … device
 * driver"); both kernels probe it with their other PCI drivers (init_gve in service.c).
 * It is part of kernel.img, not a klib, so the kernel version is what decides.
 */
export const GVNIC_SINCE: Record<ImageToPublish['arch'], string> = {
  x86_64: '0.1.49',
  aarch64: '0.1.43',
};

/**
 * Whether the image's kernel has the gVNIC driver: true or false for a release version,
 * true for `nightly` (built from master), undefined when the version cannot tell (a local
 * kernel directory, an image file published on its own).
 */
export function kernelHasGvnic(image: Pick<ImageToPublish, 'arch' | 'kernelVersion'>) {
  if (image.kernelVersion === 'nightly') return true;
  const version = /^(\d+\.\d+\.\d+)/.exec(image.kernelVersion)?.[1];
  if (version === undefined) return undefined;
  return compareVersionsDescending(version, GVNIC_SINCE[image.arch]) <= 0;
}

/**
 * The guest OS features to declare, with why any was left out. VIRTIO_SCSI_MULTIQUEUE never:
 * Nanos' virtio-scsi driver reads num_queues but sets up one request queue only
 * (src/virtio/virtio_scsi.c, cloud-publishing.md §4.3). GVNIC when the kernel has the driver
 * (it only allows gVNIC NICs; E2 keeps virtio-net). UEFI_COMPATIBLE when the image has an ESP.
 */
export function guestOsFeatures(image: ImageToPublish): { types: string[]; notes: string[] } {
  const types: string[] = [];
  const notes: string[] = [];
  const gvnic = kernelHasGvnic(image);
  if (gvnic) types.push('GVNIC');
  else if (gvnic === undefined) {
    notes.push(
      `The image does not declare GVNIC: kernel version "${image.kernelVersion}" does not tell whether it has the gVNIC driver (Nanos ${GVNIC_SINCE[image.arch]} and later do), so gVNIC-only machine types will refuse it.`,
    );
  } else {
    notes.push(
      `The image does not declare GVNIC: Nanos ${image.kernelVersion} has no gVNIC driver for ${image.arch} (it came in ${GVNIC_SINCE[image.arch]}), so gVNIC-only machine types will refuse it.`,
    );
  }
  if (image.bootMode === 'uefi' || image.bootMode === 'hybrid') types.push('UEFI_COMPATIBLE');
  return { types, notes };
}

/**
 * The family new images join: the plan's; else the image name for releases, and the image name
 * with its channel for other builds (`app-pr-7`, `app-branch-main`), so that a pull request's
 * image never becomes the newest of the family releases are launched from.
 */
export function imageFamily(
  image: ImageToPublish,
  plan: GcpPublishPlan,
  context: PublishContext,
): string {
  if (plan.family) return plan.family;
  if (context.channel === 'release') return gceName(image.name);
  const channel = gceName(`x-${context.channel}`).slice(2);
  return `${gceName(image.name, 62 - channel.length)}-${channel}`;
}

/** The staging object: `nanoship/<repo-id | local>/<sha7 | digest12>/<image-name>.tar.gz`. */
export function stagingObjectName(image: ImageToPublish, context: PublishContext): string {
  const { provenance } = context;
  const build = provenance.sha ? provenance.sha.slice(0, 7) : image.sha256.slice(0, 12);
  const name = image.name.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `nanoship/${provenance.repoId ?? 'local'}/${build}/${name}.tar.gz`;
}

/** The URL form images.insert documents for a Cloud Storage object. */
export function rawDiskSource(bucket: string, object: string): string {
  return `https://storage.googleapis.com/${bucket}/${object}`;
}

/**
 * A request id: a UUID made from what the call is about, so every retry of the call sends the
 * same id and Google ignores the repeats. The caller includes what must make two calls
 * differ (a run attempt: an image deleted after a failed attempt must be creatable again
 * within the hour Google remembers ids for).
 */
export function requestIdFor(...parts: (string | undefined)[]): string {
  const hex = createHash('sha256')
    .update(parts.map((part) => part ?? '').join('\n'))
    .digest('hex');
  // RFC 9562 version 8 (custom) with the RFC variant bits: never the nil UUID.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface ImageRequest {
  name: string;
  family: string;
  resource: Record<string, unknown>;
  /** Why a guest OS feature was left out; logged as notices. */
  notes: string[];
}

/** The images.insert request body for `image`, imported from `bucket`/`object`. */
export function imageResourceFor(
  image: ImageToPublish,
  plan: GcpPublishPlan,
  context: PublishContext,
  source: { bucket: string; object: string },
): ImageRequest {
  const name = gcpImageName(image, context.provenance);
  const family = imageFamily(image, plan, context);
  const features = guestOsFeatures(image);
  const { provenance } = context;
  const origin = provenance.repo ? ` ${provenance.repo}@${(provenance.sha ?? '').slice(0, 7)}` : '';
  const resource: Record<string, unknown> = {
    name,
    family,
    description: `nanos ${image.kernelVersion} ${image.name}${origin} sha256:${image.sha256}`,
    rawDisk: { source: rawDiskSource(source.bucket, source.object), containerType: 'TAR' },
    sourceType: 'RAW',
    architecture: image.arch === 'aarch64' ? 'ARM64' : 'X86_64',
    guestOsFeatures: features.types.map((type) => ({ type })),
    labels: nanoshipLabels({
      kind: 'image',
      image,
      provenance,
      channel: context.channel,
      extra: plan.labels,
    }),
  };
  if (plan.storageLocation) resource.storageLocations = [plan.storageLocation];
  return { name, family, resource, notes: features.notes };
}
