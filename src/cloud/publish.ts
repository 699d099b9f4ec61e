/**
 * The publish stage: the tested image goes to every cloud in the plan, side by side. Each
 * cloud's module is loaded only when it is used: their SDKs are most of the bundle, and a
 * build-only run should not pay for them at start-up.
 */
import path from 'node:path';
import { errorMessage, UserError } from '../errors.js';
import { sha256File } from '../file-digest.js';
import { readBootLoaders } from '../image/boot-loaders.js';
import { UEFI_LOADER_PATHS } from '../image/esp.js';
import type { Image } from '../image/index.js';
import { type ImageInspection, inspectImage } from '../image/inspect.js';
import type { KernelArch } from '../kernel/types.js';
import type {
  CloudName,
  CloudResource,
  GcpPublishPlan,
  ImageToPublish,
  PublishDeps,
  Published,
  PublishPlan,
} from './types.js';

/**
 * The built image, as the clouds need it described: its architecture and boot mode are the
 * ones the image stage wrote (an AMI's Architecture and BootMode, a GCE image's architecture
 * and UEFI_COMPATIBLE follow from them).
 */
export function imageFromBuild(image: Image): ImageToPublish {
  return {
    path: image.path,
    name: image.name,
    sha256: image.sha256,
    sizeBytes: image.sizeBytes,
    arch: image.arch,
    bootMode: image.bootMode,
    klibs: image.klibs,
    kernelVersion: image.kernelVersion,
  };
}

/** Which loader says what an image is, for messages: `UEFI loader EFI/BOOT/BOOTAA64.EFI`. */
function loaderText(loaders: NonNullable<ImageInspection['boot']>): string {
  return loaders.mode === 'bios'
    ? 'BIOS boot loader, x86_64 only'
    : `UEFI loader ${UEFI_LOADER_PATHS[loaders.arch]}`;
}

/** An image's loaders as inspectImage describes them; throws the UserError that says why not. */
async function bootOfFile(file: string): Promise<NonNullable<ImageInspection['boot']>> {
  const { bootMode, arch } = await readBootLoaders(file);
  return { mode: bootMode, arch };
}

/**
 * An image file built earlier (`nanoship publish <cloud> <image>`): read back for its klibs,
 * its boot loaders (which give its architecture and boot mode) and hashed. The name is the
 * file's, without `.img`, unless one is given. `arch` is the architecture the user named, if
 * any: an image of another architecture is refused rather than registered as the wrong one.
 */
export async function imageFromFile(
  file: string,
  options: { name?: string; arch?: KernelArch },
): Promise<ImageToPublish> {
  const inspection = await inspectImage(file);
  if (!inspection.partitioned || inspection.bootfs === undefined) {
    throw new UserError(
      `${file} is not a bootable nanoship image (no partition table or boot filesystem); build it with nanoship build.`,
    );
  }
  // inspectImage already read the loaders; when it found none, readBootLoaders says why.
  const loaders = inspection.boot ?? (await bootOfFile(file));
  if (options.arch !== undefined && options.arch !== loaders.arch) {
    throw new UserError(
      `${file} is an ${loaders.arch} image (${loaderText(loaders)}), but --arch is ${options.arch}. Publishing takes the architecture from the image: drop --arch, or publish an image built with --arch ${options.arch}.`,
    );
  }
  const klibs = inspection.bootfs.entries
    .filter((entry) => entry.kind === 'file' && entry.path.startsWith('/klib/'))
    .map((entry) => entry.path.slice('/klib/'.length));
  return {
    path: file,
    name: options.name ?? path.basename(file).replace(/\.img$/, ''),
    sha256: await sha256File(file),
    sizeBytes: inspection.sizeBytes,
    arch: loaders.arch,
    bootMode: loaders.mode,
    klibs,
    kernelVersion: 'unknown',
  };
}

/**
 * Publishes `image` to every cloud of the plan at once. When one cloud fails the others still
 * finish (their images are good), and then the failures are thrown together as one error.
 */
export async function publishImage(
  plan: PublishPlan,
  image: ImageToPublish,
  deps: PublishDeps,
): Promise<Published> {
  const context = { provenance: plan.provenance, channel: plan.channel };
  const jobs: Record<CloudName, () => Promise<unknown>> = {
    aws: async () => {
      const { publishToAws } = await import('./aws/index.js');
      return publishToAws(image, plan.aws!, context, deps);
    },
    gcp: async () => {
      const { publishToGcp } = await import('./gcp/index.js');
      return publishToGcp(image, plan.gcp!, context, deps);
    },
  };
  const settled = await Promise.allSettled(plan.targets.map((cloud) => jobs[cloud]()));
  const published: Published = {};
  const failures: string[] = [];
  plan.targets.forEach((cloud, i) => {
    const outcome = settled[i]!;
    if (outcome.status === 'fulfilled') Object.assign(published, { [cloud]: outcome.value });
    else failures.push(errorMessage(outcome.reason));
  });
  if (failures.length === 1)
    throw (settled.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason;
  if (failures.length > 1) throw new UserError(failures.join(' Also: '));
  return published;
}

/**
 * Deletes resources a run created and never settled (the post step, after a crash or a
 * cancel). Each cloud deletes its own; failures are logged as warnings, never thrown.
 */
export async function deleteResources(
  resources: CloudResource[],
  deps: Pick<PublishDeps, 'logger'>,
  gcpEndpoints: Pick<GcpPublishPlan, 'computeEndpoint' | 'storageEndpoint'> = {},
): Promise<void> {
  const aws = resources.filter((r) => r.cloud === 'aws');
  const gcp = resources.filter((r) => r.cloud === 'gcp');
  const work: Promise<void>[] = [];
  if (aws.length > 0) {
    work.push(import('./aws/index.js').then((m) => m.deleteAwsResources(aws, deps)));
  }
  if (gcp.length > 0) {
    work.push(import('./gcp/index.js').then((m) => m.deleteGcpResources(gcp, deps, gcpEndpoints)));
  }
  for (const outcome of await Promise.allSettled(work)) {
    if (outcome.status === 'rejected') {
      deps.logger.warning(`Cleaning up cloud resources failed: ${errorMessage(outcome.reason)}`);
    }
  }
}
