/**
 * The staging object: the tarball streamed into Cloud Storage (with progress lines), an
 * object an earlier attempt left judged by its digest, and its removal once the image exists.
 */
import type { File, FileMetadata } from '@google-cloud/storage';
import { errorMessage, UserError } from '../../errors.js';
import type { CloudResource, ImageToPublish, PublishDeps } from '../types.js';
import type { ComputeContext } from './compute.js';
import { createDiskTarball } from './disk-tarball.js';
import { googleFailure } from './google-errors.js';
import { DIGEST_LABEL, MANAGED_LABEL } from './image-resource.js';
import { reportUploadProgress } from './progress.js';
import { uploadObject } from './upload.js';

/**
 * Streams the image's tarball into `bucket`/`objectName`. `onSession` is called as soon as
 * the object may come to exist. An object already there is used when it holds this image
 * (tarballs are deterministic) and refused otherwise.
 */
export async function stageTarball(
  ctx: ComputeContext,
  image: ImageToPublish,
  bucket: string,
  objectName: string,
  onSession: () => void,
): Promise<void> {
  const where = `gs://${bucket}/${objectName}`;
  const tarball = createDiskTarball(image.path, image.sizeBytes);
  const progress = reportUploadProgress(ctx.logger, ctx.now, where, tarball.progress);
  const file = ctx.clients.storage.bucket(bucket).file(objectName);
  let result: Awaited<ReturnType<typeof uploadObject>>;
  try {
    result = await uploadObject({ file, project: ctx.clients.project }, tarball.chunks, {
      metadata: { [DIGEST_LABEL]: image.sha256, [MANAGED_LABEL]: 'true' },
      signal: ctx.signal,
      onSession,
      onProgress: (bytes) => {
        progress.uploaded = bytes;
      },
    });
  } finally {
    const summary = progress.stop();
    if (!ctx.signal?.aborted) ctx.logger.info(summary);
  }
  if ('exists' in result) await adoptStagedObject(ctx, file, image, onSession);
}

/**
 * The staging object existed before this run's upload. Tarballs are deterministic, so one
 * stored for the same digest is this image's: it is used (and deleted later). Anything else
 * is refused.
 */
async function adoptStagedObject(
  ctx: ComputeContext,
  file: File,
  image: ImageToPublish,
  onSession: () => void,
): Promise<void> {
  const where = `gs://${file.bucket.name}/${file.name}`;
  let metadata: FileMetadata;
  try {
    [metadata] = await file.getMetadata();
  } catch (error) {
    throw googleFailure(error, {
      step: `reading ${where}`,
      project: ctx.clients.project,
      permission: 'storage.objects.get',
      api: 'Cloud Storage',
    });
  }
  if (metadata.metadata?.[DIGEST_LABEL] !== image.sha256) {
    throw new UserError(
      `The staging object ${where} already exists and holds another image (its ${DIGEST_LABEL} is ${metadata.metadata?.[DIGEST_LABEL] ?? 'missing'}): another run is publishing a build with the same name and commit, or an interrupted one left it. Remove it ("gcloud storage rm ${where}") and run again.`,
    );
  }
  ctx.logger.info(`${where} already holds this image (left by an earlier attempt): using it.`);
  onSession();
}

/** Deletes the staging object once the image exists; a failure is a warning. */
export async function deleteStagingObject(
  ctx: ComputeContext,
  bucket: string,
  objectName: string,
  deps: PublishDeps,
  resource: CloudResource,
): Promise<void> {
  try {
    await ctx.clients.storage.bucket(bucket).file(objectName).delete({ ignoreNotFound: true });
    deps.recorder.settled(resource);
  } catch (error) {
    deps.logger.warning(
      `The image is published, but deleting the staging object gs://${bucket}/${objectName} failed (${errorMessage(error)}); the post step tries again, or remove it yourself.`,
    );
  }
}
