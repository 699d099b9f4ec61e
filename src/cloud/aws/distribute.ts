/**
 * What happens to a registered AMI before it is handed out: copies to other regions, launch
 * permissions for accounts and organisations, public sharing, a deprecation date. All of it is
 * per region, so each step runs against every AMI of the publish, the copies included.
 */
import {
  CopyImageCommand,
  type EC2Client,
  EnableImageDeprecationCommand,
  GetImageBlockPublicAccessStateCommand,
  type LaunchPermission,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
} from '@aws-sdk/client-ec2';
import { UserError } from '../../errors.js';
import { TagKeys } from '../naming.js';
import { awsErrorCode, awsFailure, callAws } from './errors.js';
import { findImageByName, tagList } from './images.js';

/** Said every time AMIs are made public, after their ids, in these words. */
export const PUBLIC_WARNING =
  'Any AWS account can now launch them and read every byte of the image (program, files, configuration, anything secret that went into it). If that was not intended, set aws-public to false and deregister them.';

export interface CopySpec {
  sourceRegion: string;
  sourceImageId: string;
  name: string;
  description: string;
  /** ≤ 64 ASCII characters; the same token gives back the same copy. */
  clientToken: string;
  imageTags: Record<string, string>;
  snapshotTags: Record<string, string>;
  /** Encrypt the copy with the destination region's default EBS key. */
  encrypted: boolean;
}

/**
 * Starts a copy of the AMI into `destination`'s region and returns the new id. `destination`
 * must be the client of the destination region: CopyImage is sent to, and signed for, the
 * region the copy goes to (ops gets this wrong: cloud-publishing §0.7). A name already taken
 * there by the same image (a retried call) is adopted.
 */
export async function copyImage(
  destination: EC2Client,
  destinationRegion: string,
  spec: CopySpec,
  signal?: AbortSignal,
): Promise<string> {
  try {
    const out = await destination.send(
      new CopyImageCommand({
        SourceRegion: spec.sourceRegion,
        SourceImageId: spec.sourceImageId,
        Name: spec.name,
        Description: spec.description,
        ClientToken: spec.clientToken,
        ...(spec.encrypted ? { Encrypted: true } : {}),
        TagSpecifications: [
          { ResourceType: 'image', Tags: tagList(spec.imageTags) },
          { ResourceType: 'snapshot', Tags: tagList(spec.snapshotTags) },
        ],
      }),
      { abortSignal: signal },
    );
    if (out.ImageId === undefined) throw new Error('CopyImage returned no ImageId');
    return out.ImageId;
  } catch (error) {
    const site = {
      operation: 'CopyImage' as const,
      region: destinationRegion,
      subject: `${spec.sourceImageId} from ${spec.sourceRegion}`,
    };
    if (awsErrorCode(error) !== 'InvalidAMIName.Duplicate') throw awsFailure(error, site);
    const holder = await findImageByName(destination, destinationRegion, spec.name, signal);
    const digest = spec.imageTags[TagKeys.digest];
    if (holder !== undefined && holder.tags[TagKeys.digest] === digest) return holder.imageId;
    throw new UserError(
      `An AMI named "${spec.name}" already exists in ${destinationRegion}${holder ? ` (${holder.imageId})` : ''} and holds a different image: deregister it, or publish with another version or image name.`,
      { cause: error },
    );
  }
}

/** A share target as a launch permission: an account id, an organisation or an OU ARN. */
export function launchPermission(target: string): LaunchPermission {
  if (/^\d{12}$/.test(target)) return { UserId: target };
  if (target.includes(':organization/')) return { OrganizationArn: target };
  if (target.includes(':ou/')) return { OrganizationalUnitArn: target };
  throw new Error(`not an account id, organisation ARN or OU ARN: ${target}`);
}

/**
 * Lets `targets` launch the AMI; accounts may also create volumes from its snapshots (to copy
 * the AMI into their own account). Organisations get launch permission only: snapshots cannot
 * be shared with them. Adding a permission twice is harmless.
 */
export async function shareImage(
  ec2: EC2Client,
  region: string,
  imageId: string,
  snapshotIds: string[],
  targets: string[],
  signal?: AbortSignal,
): Promise<void> {
  if (targets.length === 0) return;
  await callAws({ operation: 'ModifyImageAttribute', region, subject: imageId }, () =>
    ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: imageId,
        LaunchPermission: { Add: targets.map(launchPermission) },
      }),
      { abortSignal: signal },
    ),
  );
  const accounts = targets.filter((target) => /^\d{12}$/.test(target));
  if (accounts.length === 0) return;
  for (const snapshotId of snapshotIds) {
    await callAws({ operation: 'ModifySnapshotAttribute', region, subject: snapshotId }, () =>
      ec2.send(
        new ModifySnapshotAttributeCommand({
          SnapshotId: snapshotId,
          Attribute: 'createVolumePermission',
          OperationType: 'add',
          UserIds: accounts,
        }),
        { abortSignal: signal },
      ),
    );
  }
}

/**
 * Refuses, before anything is uploaded, a public publish that the region's "block public
 * access for AMIs" setting would stop. nanoship reads the setting and never changes it.
 */
export async function checkPublicSharingAllowed(
  ec2: EC2Client,
  region: string,
  signal?: AbortSignal,
): Promise<void> {
  const out = await callAws({ operation: 'GetImageBlockPublicAccessState', region }, () =>
    ec2.send(new GetImageBlockPublicAccessStateCommand({}), { abortSignal: signal }),
  );
  if (out.ImageBlockPublicAccessState === 'block-new-sharing') {
    throw new UserError(
      `aws-public is set, but block public access for AMIs is on in ${region} (state block-new-sharing), so AWS would refuse to make the AMI public. An account administrator can turn it off with DisableImageBlockPublicAccess (the EC2 console: Data protection and security); it takes up to 10 minutes. Or set aws-public to false.`,
    );
  }
}

/** Makes the AMI launchable by everyone. The caller warns with PUBLIC_WARNING. */
export async function makeImagePublic(
  ec2: EC2Client,
  region: string,
  imageId: string,
  signal?: AbortSignal,
): Promise<void> {
  await callAws({ operation: 'ModifyImageAttribute', region, subject: imageId }, () =>
    ec2.send(
      new ModifyImageAttributeCommand({
        ImageId: imageId,
        LaunchPermission: { Add: [{ Group: 'all' }] },
      }),
      { abortSignal: signal },
    ),
  );
}

/**
 * Marks the AMI deprecated from `at` on (it still launches by id, and drops out of other
 * accounts' listings). AWS rounds to the minute; this rounds up, so the date is never earlier
 * than asked.
 */
export async function deprecateImage(
  ec2: EC2Client,
  region: string,
  imageId: string,
  at: Date,
  signal?: AbortSignal,
): Promise<Date> {
  const minute = 60_000;
  const rounded = new Date(Math.ceil(at.getTime() / minute) * minute);
  await callAws({ operation: 'EnableImageDeprecation', region, subject: imageId }, () =>
    ec2.send(new EnableImageDeprecationCommand({ ImageId: imageId, DeprecateAt: rounded }), {
      abortSignal: signal,
    }),
  );
  return rounded;
}
