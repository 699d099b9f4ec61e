/**
 * AWS publishing: the image → an EBS snapshot through the EBS direct APIs → an AMI, copied,
 * shared and retired as the plan says. (Being written: see issue "Publish the tested image as
 * an AWS AMI".)
 */
import { UserError } from '../../errors.js';
import type {
  AwsPublished,
  AwsPublishPlan,
  CloudResource,
  ImageToPublish,
  PublishContext,
  PublishDeps,
} from '../types.js';

export async function publishToAws(
  _image: ImageToPublish,
  _plan: AwsPublishPlan,
  _context: PublishContext,
  _deps: PublishDeps,
): Promise<AwsPublished> {
  throw new UserError('Publishing to AWS is not available in this version of nanoship yet.');
}

export async function deleteAwsResources(
  _resources: CloudResource[],
  _deps: Pick<PublishDeps, 'logger'>,
): Promise<void> {}
