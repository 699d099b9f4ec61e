/**
 * The AWS publish, step by step: reuse an AMI that already holds these bytes, or adopt a sealed
 * snapshot a crashed run left, or upload a new one; register; copy to the other regions; share,
 * make public, deprecate; settle; apply retention. Every id is recorded the moment it exists,
 * and a failure anywhere deletes what this run created before the error is thrown.
 */
import { createHash, randomUUID } from 'node:crypto';
import { UserError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { awsImageName, nanoshipTags } from '../naming.js';
import type {
  AwsPublished,
  AwsPublishPlan,
  ImageToPublish,
  PublishContext,
  PublishDeps,
} from '../types.js';
import { canRequireImdsV2, IMDS_V1_WARNING, registerImage } from './ami.js';
import { RunResources } from './cleanup.js';
import { AwsClients } from './clients.js';
import {
  checkPublicSharingAllowed,
  copyImage,
  deprecateImage,
  makeImagePublic,
  PUBLIC_WARNING,
  shareImage,
} from './distribute.js';
import { findOrphanSnapshot, findPublishedImage, type ImageIdentity } from './images.js';
import { resolveKmsKey } from './kms-key.js';
import { applyRetention } from './retention.js';
import { uploadSnapshot } from './snapshot-upload.js';
import type { AwsTuning } from './tuning.js';
import { COPY_AVAILABLE_WAIT, waitForImage, waitForSnapshot } from './wait.js';

/** Everything the steps share, worked out once before the first call. */
interface PublishJob {
  image: ImageToPublish;
  plan: AwsPublishPlan;
  name: string;
  description: string;
  identity: ImageIdentity;
  imageTags: Record<string, string>;
  snapshotTags: Record<string, string>;
  /** Tells this publish apart from every other: see clientToken. */
  runIdentity: string;
  /** plan.kmsKeyId as a key ARN, once resolved. */
  kmsKeyArn?: string;
  now: Date;
  clients: AwsClients;
  run: RunResources;
  tuning: AwsTuning;
  logger: Logger;
  signal?: AbortSignal;
}

/** One AMI of the publish. */
interface RegionImage {
  region: string;
  imageId: string;
  snapshotIds: string[];
  reused: boolean;
}

/**
 * An idempotency token (≤ 64 ASCII) from `parts`. Tokens include the run's identity
 * (`<run_id>-<run_attempt>`, or a fresh UUID for a run outside Actions), not only the digest
 * and region (cloud-publishing §1.9): the tags, which are part of StartSnapshot's parameters,
 * differ between runs, and the same token with other parameters is a ConflictException; and a
 * token from an earlier run could hand back that run's snapshot, since deleted or failed. A
 * retried call inside one run, the case tokens exist for, still reuses its token. Re-runs are
 * made cheap by the digest lookups instead (reuse, adopt).
 */
export function clientToken(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 48);
}

/** The names, tags and identity of this publish. */
export function describeJob(
  image: ImageToPublish,
  plan: AwsPublishPlan,
  context: PublishContext,
  deps: PublishDeps,
): Omit<PublishJob, 'clients' | 'run' | 'tuning' | 'kmsKeyArn'> {
  const { provenance, channel } = context;
  const now = deps.now?.() ?? new Date();
  const name = awsImageName(image, provenance, now);
  const source = `${provenance.repo ?? image.name}@${provenance.sha?.slice(0, 7) ?? image.sha256.slice(0, 12)}`;
  const tagContext = { image, provenance, channel, extra: { Name: name, ...plan.tags } };
  return {
    image,
    plan,
    name,
    description: `nanos ${image.kernelVersion} ${source}`.slice(0, 255),
    identity: { image: image.name, channel, repoId: provenance.repoId, repo: provenance.repo },
    imageTags: nanoshipTags({ ...tagContext, kind: 'image' }),
    snapshotTags: nanoshipTags({ ...tagContext, kind: 'snapshot' }),
    runIdentity: provenance.run ?? randomUUID(),
    now,
    logger: deps.logger,
    signal: deps.signal,
  };
}

/** Runs the publish; on failure deletes what it created, then throws. */
export async function runPublish(
  job: Omit<PublishJob, 'clients' | 'run'>,
  deps: PublishDeps,
): Promise<AwsPublished> {
  const clients = new AwsClients();
  const run = new RunResources(deps.recorder, clients, job.tuning.timing, job.logger);
  const full: PublishJob = { ...job, clients, run };
  try {
    const published = await publish(full);
    run.settleAll();
    await retainInEveryRegion(full, published.amiIds);
    return published;
  } catch (error) {
    await run.rollback();
    throw error;
  } finally {
    clients.destroy();
  }
}

async function publish(job: PublishJob): Promise<AwsPublished> {
  const { plan } = job;
  if (plan.kmsKeyId !== undefined) {
    const { kms } = job.clients.forRegion(plan.region);
    job.kmsKeyArn = await resolveKmsKey(kms, plan.region, plan.kmsKeyId, job.signal);
  }
  const regions = [...new Set([plan.region, ...plan.copyRegions])];
  if (plan.public) {
    for (const region of regions) {
      await checkPublicSharingAllowed(job.clients.forRegion(region).ec2, region, job.signal);
    }
  }
  const home = await homeImage(job);
  const copies = await copyToRegions(job, home, regions.slice(1));
  const all = [home, ...copies];
  await distribute(job, all);
  return {
    region: plan.region,
    amiId: home.imageId,
    snapshotId: home.snapshotIds[0] ?? '',
    amiIds: Object.fromEntries(all.map((i) => [i.region, i.imageId])),
    name: job.name,
    reused: home.reused,
  };
}

/** The AMI in the home region: reused, or registered from an adopted or uploaded snapshot. */
async function homeImage(job: PublishJob): Promise<RegionImage> {
  const { region } = job.plan;
  const { ec2, ebs } = job.clients.forRegion(region);
  const wait = { timing: job.tuning.timing, logger: job.logger, signal: job.signal };
  const lookup = { kmsKeyId: job.plan.kmsKeyId, signal: job.signal };
  const digest = job.image.sha256;
  const existing = await findPublishedImage(ec2, region, job.identity, digest, lookup);
  if (existing !== undefined) {
    job.logger.info(
      `AMI ${existing.imageId} (${existing.name}) in ${region} already holds this image (sha256 ${digest}): reusing it, nothing is uploaded.`,
    );
    const image = await waitForImage(ec2, region, existing.imageId, wait);
    job.name = image.Name ?? existing.name;
    return { region, imageId: existing.imageId, snapshotIds: existing.snapshotIds, reused: true };
  }
  let snapshotId = await findOrphanSnapshot(ec2, region, job.identity, digest, lookup);
  if (snapshotId !== undefined) {
    // Left by a run that died between CompleteSnapshot and RegisterImage: the same bytes,
    // sealed. This run takes it over, so it is recorded (and deleted if this run fails too).
    job.logger.info(`Adopting snapshot ${snapshotId} in ${region}: it holds this image already.`);
    job.run.add('snapshot', region, snapshotId);
  } else {
    const uploaded = await uploadSnapshot({
      ebs,
      region,
      file: job.image.path,
      snapshot: {
        clientToken: clientToken('StartSnapshot', digest, region, job.runIdentity),
        tags: job.snapshotTags,
        description: `nanoship ${job.description}`.slice(0, 255),
        kmsKeyArn: job.kmsKeyArn,
      },
      concurrency: job.tuning.concurrency,
      timing: job.tuning.timing,
      logger: job.logger,
      signal: job.signal,
      onStarted: (id) => job.run.add('snapshot', region, id),
    });
    snapshotId = uploaded.snapshotId;
    job.logger.info(
      `Uploaded ${uploaded.blocks} blocks to ${snapshotId}; LINEAR checksum ${uploaded.checksumHex}. Waiting for AWS to seal it.`,
    );
    await waitForSnapshot(ec2, region, snapshotId, wait);
  }
  const requireImdsV2 = canRequireImdsV2(job.image.klibs);
  if (!requireImdsV2) job.logger.warning(IMDS_V1_WARNING);
  const imageId = await registerImage(
    ec2,
    region,
    {
      name: job.name,
      description: job.description,
      snapshotId,
      arch: job.image.arch,
      bootMode: job.image.bootMode,
      requireImdsV2,
      tags: job.imageTags,
    },
    job.signal,
  );
  job.run.add('image', region, imageId);
  job.logger.info(`Registered AMI ${imageId} (${job.name}) in ${region}; waiting until available.`);
  await waitForImage(ec2, region, imageId, wait);
  return { region, imageId, snapshotIds: [snapshotId], reused: false };
}

/**
 * The AMI in every other region, copied in parallel (or reused when a copy of these bytes is
 * there already). Every copy started is recorded before any failure is thrown, so all of them
 * are deleted with the rest.
 */
async function copyToRegions(
  job: PublishJob,
  home: RegionImage,
  regions: string[],
): Promise<RegionImage[]> {
  const outcomes = await Promise.allSettled(regions.map((region) => copyTo(job, home, region)));
  const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed.length > 0) {
    const first = failed[0]!.reason;
    if (failed.length === 1) throw first;
    throw new UserError(
      `Copying the AMI failed in ${failed.length} regions; the first: ${(first as Error).message}`,
      { cause: first },
    );
  }
  return outcomes.map((o) => (o as PromiseFulfilledResult<RegionImage>).value);
}

async function copyTo(job: PublishJob, home: RegionImage, region: string): Promise<RegionImage> {
  const { ec2 } = job.clients.forRegion(region);
  const wait = { timing: job.tuning.timing, logger: job.logger, signal: job.signal };
  const lookup = { kmsKeyId: job.plan.kmsKeyId, signal: job.signal };
  const existing = await findPublishedImage(ec2, region, job.identity, job.image.sha256, lookup);
  let imageId: string;
  if (existing !== undefined) {
    job.logger.info(`AMI ${existing.imageId} in ${region} already holds this image: reusing it.`);
    imageId = existing.imageId;
  } else {
    imageId = await copyImage(
      ec2,
      region,
      {
        sourceRegion: job.plan.region,
        sourceImageId: home.imageId,
        name: job.name,
        description: job.description,
        clientToken: clientToken('CopyImage', home.imageId, region, job.runIdentity),
        imageTags: job.imageTags,
        snapshotTags: job.snapshotTags,
        encrypted: job.plan.kmsKeyId !== undefined,
      },
      job.signal,
    );
    job.run.add('image', region, imageId);
    job.logger.info(`Copying ${home.imageId} to ${region} as ${imageId}.`);
  }
  const image = await waitForImage(ec2, region, imageId, wait, COPY_AVAILABLE_WAIT);
  const snapshotIds = (image.BlockDeviceMappings ?? [])
    .map((m) => m.Ebs?.SnapshotId)
    .filter((id): id is string => id !== undefined);
  return { region, imageId, snapshotIds, reused: existing !== undefined };
}

/** Sharing, public access and deprecation, on every AMI of the publish. */
async function distribute(job: PublishJob, images: RegionImage[]): Promise<void> {
  const { plan, signal } = job;
  for (const { region, imageId, snapshotIds } of images) {
    const { ec2 } = job.clients.forRegion(region);
    await shareImage(ec2, region, imageId, snapshotIds, plan.shareAccounts, signal);
    if (plan.public) await makeImagePublic(ec2, region, imageId, signal);
    if (plan.deprecateAfterMs !== undefined) {
      const at = new Date(job.now.getTime() + plan.deprecateAfterMs);
      const rounded = await deprecateImage(ec2, region, imageId, at, signal);
      job.logger.info(`AMI ${imageId} in ${region} is deprecated from ${rounded.toISOString()}.`);
    }
  }
  if (plan.public) {
    const list = images.map((i) => `${i.imageId} (${i.region})`).join(', ');
    job.logger.warning(`Made public: ${list}. ${PUBLIC_WARNING}`);
  }
}

async function retainInEveryRegion(job: PublishJob, amiIds: Record<string, string>) {
  const { keep } = job.plan;
  if (keep === undefined) return;
  for (const [region, current] of Object.entries(amiIds)) {
    await applyRetention(
      job.clients,
      { region, identity: job.identity, keep, current },
      job.tuning.timing,
      job.logger,
    );
  }
}
