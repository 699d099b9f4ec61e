/**
 * Google Cloud publishing: the tested image → a disk.raw tar.gz streamed into a Cloud Storage
 * object → a Compute Engine image in its family → older images of the same build group
 * retired as the plan says.
 *
 *   const published = await publishToGcp(image, plan.gcp, context, { logger, recorder });
 *   published.imageUri;   // 'projects/my-project/global/images/app-1a2b3c4'
 *   published.reused;     // true when an image with this digest already existed
 *
 * Every object and image is reported to `deps.recorder` the moment it may exist, and a
 * failed run deletes what it made before it throws; `deleteGcpResources` is the post step's
 * second chance. Credentials are Application Default Credentials (docs/gcp.md).
 *
 * Pull-request previews (preview.ts) run the published image on an instance:
 *
 *   const cloud = createGcpPreviewCloud({ project, zone: 'us-central1-a' });
 *   const preview = await cloud.launch(request, deps);   // preview.address: its external IP
 *   await cloud.destroy(preview, deps);
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../../errors.js';
import type {
  CloudResource,
  GcpPublished,
  GcpPublishPlan,
  ImageToPublish,
  PublishContext,
  PublishDeps,
} from '../types.js';
import { undo } from './cleanup.js';
import { createGcpClients, type GcpClients } from './clients.js';
import {
  type ComputeContext,
  deleteImage,
  type GceImage,
  getImage,
  IMPORT_DEADLINE_MS,
  insertImage,
  listImagesByLabels,
  waitForOperation,
} from './compute.js';
import { describeGoogleError, googleFailure } from './google-errors.js';
import {
  DIGEST_LABEL,
  digestLabelValue,
  type ImageRequest,
  imageResourceFor,
  MANAGED_LABEL,
  requestIdFor,
  stagingObjectName,
} from './image-resource.js';
import { applyRetention } from './retention.js';
import { deleteStagingObject, stageTarball } from './staging.js';

/**
 * Publishes `image` as a Compute Engine image in `plan.project` (or the credentials'
 * project): reuses an image with the same digest, else uploads and imports it. Throws a
 * UserError for anything Google refuses, after deleting what this call created.
 */
export async function publishToGcp(
  image: ImageToPublish,
  plan: GcpPublishPlan,
  context: PublishContext,
  deps: PublishDeps,
): Promise<GcpPublished> {
  const now = deps.now ?? (() => new Date());
  const clients = await createGcpClients(plan.project, plan);
  const ctx: ComputeContext = { clients, logger: deps.logger, now, signal: deps.signal };
  try {
    const existing = await findByDigest(ctx, image);
    if (existing) {
      deps.logger.info(
        `Image ${existing.name} in project ${clients.project} already holds this build (sha256 ${image.sha256.slice(0, 12)}…): reusing it, nothing uploaded.`,
      );
      await retire(ctx, existing, plan);
      return published(clients, existing, true);
    }
    const object = stagingObjectName(image, context);
    const request = imageResourceFor(image, plan, context, { bucket: plan.bucket, object });
    for (const note of request.notes) deps.logger.notice(note);
    const adopted = await checkName(ctx, request.name, image);
    if (adopted) {
      await retire(ctx, adopted, plan);
      return published(clients, adopted, true);
    }
    deps.logger.info(
      `Publishing ${image.name} to project ${clients.project} as image ${request.name} (family ${request.family}).`,
    );
    const created = await stageAndCreate(ctx, image, plan, context, request, object, deps);
    await retire(ctx, created, plan);
    return published(clients, created, false);
  } finally {
    await clients.close();
  }
}

function published(clients: GcpClients, image: GceImage, reused: boolean): GcpPublished {
  return {
    project: clients.project,
    image: image.name!,
    imageUri: `projects/${clients.project}/global/images/${image.name}`,
    family: image.family ?? undefined,
    reused,
  };
}

/** A READY nanoship image carrying this image's digest label, if any. */
async function findByDigest(ctx: ComputeContext, image: ImageToPublish) {
  const found = await listImagesByLabels(ctx, {
    [MANAGED_LABEL]: 'true',
    [DIGEST_LABEL]: digestLabelValue(image.sha256),
  });
  return found.find((candidate) => candidate.status === 'READY');
}

/**
 * Before uploading: the image name must be free. An image of that name with this digest that
 * is READY is adopted (returned); one that FAILED is an earlier attempt's and is deleted; any
 * other image of that name is a different build, which is an error.
 */
async function checkName(ctx: ComputeContext, name: string, image: ImageToPublish) {
  const existing = await getImage(ctx, name);
  if (existing === undefined) return undefined;
  const same = existing.labels?.[DIGEST_LABEL] === digestLabelValue(image.sha256);
  if (same && existing.status === 'READY') return existing;
  if (same && existing.status === 'FAILED') {
    ctx.logger.info(`Deleting image ${name}: an earlier attempt to create it failed.`);
    await deleteImage(ctx, name);
    return undefined;
  }
  throw nameTaken(ctx.clients.project, name, existing, image);
}

function nameTaken(project: string, name: string, existing: GceImage, image: ImageToPublish) {
  const theirs = existing.labels?.[DIGEST_LABEL];
  const status = existing.status ? `, ${existing.status}` : '';
  return new UserError(
    theirs === digestLabelValue(image.sha256)
      ? `Image ${name} of this build is still being created in project ${project}${status} (another run?): run again once it is READY, or delete it.`
      : `Image name ${name} is taken in project ${project} by a different build (its digest label ${theirs ?? 'is missing'}, this image's sha256 is ${image.sha256}): the same version or commit was built again with other bytes. Delete the old image ("gcloud compute images delete ${name} --project ${project}") or publish under a new version.`,
  );
}

/** Uploads the tarball, creates the image from it, deletes the staging object. */
async function stageAndCreate(
  ctx: ComputeContext,
  image: ImageToPublish,
  plan: GcpPublishPlan,
  context: PublishContext,
  request: ImageRequest,
  objectName: string,
  deps: PublishDeps,
): Promise<GceImage> {
  const { project } = ctx.clients;
  const objectResource: CloudResource = {
    cloud: 'gcp',
    kind: 'object',
    project,
    bucket: plan.bucket,
    id: objectName,
  };
  const imageResource: CloudResource = { cloud: 'gcp', kind: 'image', project, id: request.name };
  const made: CloudResource[] = [];
  try {
    await stageTarball(ctx, image, plan.bucket, objectName, () => {
      made.push(objectResource);
      deps.recorder.created(objectResource);
    });
    ctx.signal?.throwIfAborted();
    const created = await createImage(ctx, image, context, request, () => {
      made.push(imageResource);
      deps.recorder.created(imageResource);
    });
    deps.recorder.settled(imageResource);
    made.splice(made.indexOf(imageResource), 1);
    await deleteStagingObject(ctx, plan.bucket, objectName, deps, objectResource);
    return created;
  } catch (error) {
    await undo(ctx, made, deps);
    throw error;
  }
}

/** images.insert, then its operation, then the image must be READY. */
async function createImage(
  ctx: ComputeContext,
  image: ImageToPublish,
  context: PublishContext,
  request: ImageRequest,
  onCreated: () => void,
): Promise<GceImage> {
  const { project } = ctx.clients;
  const source = (request.resource.rawDisk as { source: string }).source;
  // In CI the run id and attempt make the id: a retried call is ignored by Google, a re-run
  // attempt is not. Elsewhere a random part: a second local try within the hour Google
  // remembers ids for must not get the first try's (failed) operation back.
  const attempt = context.provenance.run ?? randomUUID();
  const requestId = requestIdFor('insert', project, request.name, image.sha256, attempt);
  let operation: Awaited<ReturnType<typeof insertImage>>;
  try {
    operation = await insertImage(ctx, request.resource, requestId);
  } catch (error) {
    if (describeGoogleError(error).status === 409) {
      const adopted = await checkName(ctx, request.name, image);
      if (adopted) return adopted;
    }
    throw googleFailure(error, {
      step: `creating image ${request.name}`,
      project,
      permission: 'compute.images.create',
    });
  }
  onCreated();
  ctx.logger.info(`Creating image ${request.name} from ${source} (operation ${operation.name}).`);
  await waitForOperation(
    ctx,
    operation,
    `importing image ${request.name} from ${source}`,
    IMPORT_DEADLINE_MS,
  );
  const created = await getImage(ctx, request.name);
  if (created?.status !== 'READY') {
    throw new UserError(
      `Image ${request.name} is ${created?.status ?? 'missing'} after its import finished without errors; see it with "gcloud compute images describe ${request.name} --project ${project}".`,
    );
  }
  ctx.logger.info(`Image ${request.name} is READY (${created.diskSizeGb} GB disk).`);
  return created;
}

/** Retention and deprecation; their failures are warnings (the image is published). */
async function retire(ctx: ComputeContext, image: GceImage, plan: GcpPublishPlan): Promise<void> {
  const result = await applyRetention(ctx, image, {
    keep: plan.keep,
    deprecateAfterMs: plan.deprecateAfterMs,
    now: ctx.now(),
  });
  if (result.deleted.length > 0)
    ctx.logger.info(`Deleted older images: ${result.deleted.join(', ')}.`);
  if (result.deprecated.length > 0) {
    ctx.logger.info(`Deprecated in favour of ${image.name}: ${result.deprecated.join(', ')}.`);
  }
  if (result.failures.length > 0) {
    ctx.logger.warning(
      `Image ${image.name} is published, but ${result.failures.length} retention change(s) failed: ${result.failures.join(' | ')}`,
    );
  }
}

export { deleteGcpResources } from './cleanup.js';
export {
  createGcpPreviewCloud,
  type GcpPreviewSettings,
  type GcpPreviewTuning,
} from './preview.js';
