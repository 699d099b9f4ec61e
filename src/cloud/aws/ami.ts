/**
 * RegisterImage for a Nanos raw disk (cloud-publishing §2.1): one gp3 root volume from the
 * snapshot, ENA on (every Nitro type requires it), HVM, the boot mode the image's firmware
 * needs, and IMDSv2 required unless a klib in the image still speaks IMDSv1.
 */
import { type EC2Client, RegisterImageCommand } from '@aws-sdk/client-ec2';
import { UserError } from '../../errors.js';
import { TagKeys } from '../naming.js';
import type { ImageToPublish } from '../types.js';
import { awsErrorCode, awsFailure } from './errors.js';
import { findImageByName, tagList } from './images.js';

/** The label AWS gives the root device; on Nitro the disk shows up as NVMe whatever it is. */
export const ROOT_DEVICE = '/dev/sda1';

/**
 * Klibs that read the instance metadata with plain IMDSv1 GETs (nanovms/nanos klib/aws.c;
 * cloudwatch uses it): an AMI that requires IMDSv2 breaks them.
 */
const IMDS_V1_KLIBS = ['aws', 'cloudwatch'];

/** Why IMDSv2 is not required; logged as a warning when it applies. */
export const IMDS_V1_WARNING =
  'The image includes the aws or cloudwatch klib, which reads instance metadata with IMDSv1: the AMI does not require IMDSv2 (ImdsSupport left unset). Instances launched from it accept IMDSv1 unless their launch settings require tokens.';

export interface AmiSpec {
  name: string;
  description: string;
  snapshotId: string;
  arch: ImageToPublish['arch'];
  bootMode: ImageToPublish['bootMode'];
  /** Whether the AMI requires IMDSv2 (ImdsSupport v2.0). */
  requireImdsV2: boolean;
  tags: Record<string, string>;
}

export function amiArchitecture(arch: ImageToPublish['arch']): 'x86_64' | 'arm64' {
  return arch === 'aarch64' ? 'arm64' : 'x86_64';
}

/**
 * BIOS-only → legacy-bios, UEFI → uefi, hybrid (an ESP next to the BIOS loader) →
 * uefi-preferred. arm64 is always uefi: Graviton has no BIOS (ops forces it the same way).
 */
export function amiBootMode(
  arch: ImageToPublish['arch'],
  bootMode: ImageToPublish['bootMode'],
): 'legacy-bios' | 'uefi' | 'uefi-preferred' {
  if (arch === 'aarch64') return 'uefi';
  return bootMode === 'bios' ? 'legacy-bios' : bootMode === 'uefi' ? 'uefi' : 'uefi-preferred';
}

/** False when a klib in the image needs IMDSv1. */
export function canRequireImdsV2(klibs: string[]): boolean {
  return !klibs.some((klib) => IMDS_V1_KLIBS.includes(klib));
}

/**
 * Registers the AMI and returns its id. RegisterImage has no ClientToken: a retry whose first
 * attempt went through meets InvalidAMIName.Duplicate, so a duplicate name whose AMI carries
 * the same image digest is that very AMI and is adopted; any other holder of the name fails.
 */
export async function registerImage(
  ec2: EC2Client,
  region: string,
  spec: AmiSpec,
  signal?: AbortSignal,
): Promise<string> {
  const site = { operation: 'RegisterImage' as const, region, subject: spec.snapshotId };
  try {
    const out = await ec2.send(
      new RegisterImageCommand({
        Name: spec.name,
        Description: spec.description,
        Architecture: amiArchitecture(spec.arch),
        RootDeviceName: ROOT_DEVICE,
        BlockDeviceMappings: [
          {
            DeviceName: ROOT_DEVICE,
            // No VolumeSize: the snapshot's. No Encrypted: a volume inherits its snapshot's.
            Ebs: { SnapshotId: spec.snapshotId, VolumeType: 'gp3', DeleteOnTermination: true },
          },
        ],
        VirtualizationType: 'hvm',
        EnaSupport: true,
        BootMode: amiBootMode(spec.arch, spec.bootMode),
        ...(spec.requireImdsV2 ? { ImdsSupport: 'v2.0' } : {}),
        TagSpecifications: [{ ResourceType: 'image', Tags: tagList(spec.tags) }],
      }),
      { abortSignal: signal },
    );
    if (out.ImageId === undefined) throw new Error('RegisterImage returned no ImageId');
    return out.ImageId;
  } catch (error) {
    if (awsErrorCode(error) !== 'InvalidAMIName.Duplicate') throw awsFailure(error, site);
    return adoptDuplicate(ec2, region, spec, signal, error);
  }
}

async function adoptDuplicate(
  ec2: EC2Client,
  region: string,
  spec: AmiSpec,
  signal: AbortSignal | undefined,
  error: unknown,
): Promise<string> {
  const holder = await findImageByName(ec2, region, spec.name, signal);
  const digest = spec.tags[TagKeys.digest];
  if (holder !== undefined && holder.tags[TagKeys.digest] === digest) return holder.imageId;
  throw new UserError(
    `An AMI named "${spec.name}" already exists in ${region}${holder ? ` (${holder.imageId})` : ''} and holds a different image (digest ${holder?.tags[TagKeys.digest] ?? 'unknown'}, this image is ${digest}). Deregister it, or publish with another version or image name.`,
    { cause: error },
  );
}
