/**
 * Google Cloud publishing: the image → a disk.raw tar.gz in Cloud Storage → a Compute image,
 * in its family, retired as the plan says. (Being written: see issue "Publish the tested image
 * as a Google Compute Engine image".)
 */
import { UserError } from '../../errors.js';
import type {
  CloudResource,
  GcpPublished,
  GcpPublishPlan,
  ImageToPublish,
  PublishContext,
  PublishDeps,
} from '../types.js';

export async function publishToGcp(
  _image: ImageToPublish,
  _plan: GcpPublishPlan,
  _context: PublishContext,
  _deps: PublishDeps,
): Promise<GcpPublished> {
  throw new UserError(
    'Publishing to Google Cloud is not available in this version of nanoship yet.',
  );
}

export async function deleteGcpResources(
  _resources: CloudResource[],
  _deps: Pick<PublishDeps, 'logger'>,
): Promise<void> {}
