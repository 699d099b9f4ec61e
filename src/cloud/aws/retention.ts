/**
 * aws-keep: after a publish, keep the newest N AMIs of the same line of builds (image name,
 * channel, repository) in each region and delete the older ones with their snapshots. Only
 * AMIs whose tags say nanoship made them for exactly that line are ever counted or touched;
 * one still pending (another run's, in progress) is left alone. A failure here is a warning:
 * the new AMI is published either way.
 */
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import { deleteImage } from './cleanup.js';
import type { AwsClients } from './clients.js';
import { belongsTo, type ImageIdentity, identityFilters, listOwnImages } from './images.js';
import type { Timing } from './tuning.js';

export interface RetentionRequest {
  region: string;
  identity: ImageIdentity;
  /** How many to keep, the AMI just published included (≥ 1). */
  keep: number;
  /** The AMI this publish produced: always kept, and counted first. */
  current: string;
}

/** Deletes what retention does not keep in one region; returns the AMI ids it deleted. */
export async function applyRetention(
  clients: AwsClients,
  request: RetentionRequest,
  timing: Timing,
  logger: Logger,
): Promise<string[]> {
  const { region, identity, keep, current } = request;
  if (!Number.isInteger(keep) || keep < 1) throw new Error(`keep must be >= 1, got ${keep}`);
  const { ec2 } = clients.forRegion(region);
  let images: Awaited<ReturnType<typeof listOwnImages>>;
  try {
    images = await listOwnImages(ec2, region, identityFilters(identity));
  } catch (error) {
    logger.warning(`aws-keep: could not list the AMIs in ${region}: ${errorMessage(error)}`);
    return [];
  }
  const line = images.filter((image) => belongsTo(image.tags, identity));
  const ordered = [
    ...line.filter((image) => image.imageId === current),
    ...line.filter((image) => image.imageId !== current),
  ];
  const doomed = ordered.slice(keep).filter((image) => image.state !== 'pending');
  if (doomed.length === 0) return [];
  logger.info(
    `aws-keep ${keep} in ${region}: deleting ${doomed.length} older AMI(s) of ${identity.image} (${identity.channel}): ${doomed.map((i) => `${i.imageId} ${i.name}`).join(', ')}.`,
  );
  const deleted: string[] = [];
  for (const image of doomed) {
    try {
      await deleteImage(clients, region, image.imageId, timing);
      deleted.push(image.imageId);
    } catch (error) {
      logger.warning(
        `aws-keep: could not delete ${image.imageId} in ${region} (deregistration protection, or a permission?): ${errorMessage(error)}`,
      );
    }
  }
  return deleted;
}
