/**
 * Finding nanoship's own AMIs and snapshots by their tags: the AMI a re-run can reuse, the
 * snapshot a crashed run left sealed but unregistered, the AMIs retention counts. Lookups filter
 * on the server and check the tags again here, so a filter AWS ignored or a tag someone edited
 * can never make nanoship touch what is not its own.
 */
import {
  DescribeImagesCommand,
  type EC2Client,
  type Filter,
  type Image,
  paginateDescribeImages,
  paginateDescribeSnapshots,
  type Snapshot,
  type Tag,
} from '@aws-sdk/client-ec2';
import { TagKeys } from '../naming.js';
import { callAws } from './errors.js';

/** What makes AMIs "the same line of builds": one image name, one channel, one repository. */
export interface ImageIdentity {
  /** The image name (tag `nanoship:image`). */
  image: string;
  channel: string;
  /** GitHub's repository id, when known: stable across renames. */
  repoId?: string;
  /** `owner/name`, the key when the id is unknown. */
  repo?: string;
}

/** An AMI as nanoship needs to see it. */
export interface ImageSummary {
  imageId: string;
  name: string;
  state: string;
  creationDate: string;
  /** Snapshots behind its block devices (the root one first). */
  snapshotIds: string[];
  encrypted: boolean;
  tags: Record<string, string>;
}

export function tagRecord(tags: Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

export function tagList(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

export function summarizeImage(image: Image): ImageSummary {
  const mappings = image.BlockDeviceMappings ?? [];
  const root = mappings.filter((m) => m.DeviceName === image.RootDeviceName);
  const rest = mappings.filter((m) => m.DeviceName !== image.RootDeviceName);
  const snapshotIds = [...root, ...rest]
    .map((m) => m.Ebs?.SnapshotId)
    .filter((id): id is string => id !== undefined);
  return {
    imageId: image.ImageId ?? '',
    name: image.Name ?? '',
    state: image.State ?? 'unknown',
    creationDate: image.CreationDate ?? '',
    snapshotIds,
    encrypted: root.some((m) => m.Ebs?.Encrypted === true),
    tags: tagRecord(image.Tags),
  };
}

/** The tag filters that select `identity`'s resources (plus `digest` when given). */
export function identityFilters(identity: ImageIdentity, digest?: string): Filter[] {
  const pairs: [string, string | undefined][] = [
    [TagKeys.managed, 'true'],
    [TagKeys.image, identity.image],
    [TagKeys.channel, identity.channel],
    [TagKeys.repoId, identity.repoId],
    [TagKeys.repo, identity.repoId === undefined ? identity.repo : undefined],
    [TagKeys.digest, digest],
  ];
  return pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([key, value]) => ({ Name: `tag:${key}`, Values: [value] }));
}

/** True when `tags` carry exactly `identity` (an absent repo id must be absent on both sides). */
export function belongsTo(tags: Record<string, string>, identity: ImageIdentity): boolean {
  return (
    tags[TagKeys.managed] === 'true' &&
    tags[TagKeys.image] === identity.image &&
    tags[TagKeys.channel] === identity.channel &&
    tags[TagKeys.repoId] === identity.repoId &&
    (identity.repoId !== undefined || tags[TagKeys.repo] === identity.repo)
  );
}

/** Every AMI this account owns in `ec2`'s region matching `filters`, newest first. */
export async function listOwnImages(
  ec2: EC2Client,
  region: string,
  filters: Filter[],
  signal?: AbortSignal,
): Promise<ImageSummary[]> {
  const images: ImageSummary[] = [];
  await callAws({ operation: 'DescribeImages', region }, async () => {
    const pages = paginateDescribeImages(
      { client: ec2, pageSize: 1000 },
      { Owners: ['self'], Filters: filters, IncludeDeprecated: true, IncludeDisabled: true },
      { abortSignal: signal },
    );
    for await (const page of pages) images.push(...(page.Images ?? []).map(summarizeImage));
  });
  return images.sort((a, b) => b.creationDate.localeCompare(a.creationDate));
}

/** Every snapshot this account owns in `ec2`'s region matching `filters`, newest first. */
export async function listOwnSnapshots(
  ec2: EC2Client,
  region: string,
  filters: Filter[],
  signal?: AbortSignal,
): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  await callAws({ operation: 'DescribeSnapshots', region }, async () => {
    const pages = paginateDescribeSnapshots(
      { client: ec2, pageSize: 1000 },
      { OwnerIds: ['self'], Filters: filters },
      { abortSignal: signal },
    );
    for await (const page of pages) snapshots.push(...(page.Snapshots ?? []));
  });
  const time = (s: Snapshot) => s.StartTime?.getTime() ?? 0;
  return snapshots.sort((a, b) => time(b) - time(a));
}

/** Whether a resource's encryption satisfies the plan: a key asked for must be there. */
export function encryptionMatches(encrypted: boolean, kmsKeyId: string | undefined): boolean {
  return kmsKeyId === undefined || encrypted;
}

/**
 * An AMI of `identity` with the image digest `digest`, available or still pending (a parallel
 * or crashed run's), the newest first; undefined when there is none to reuse.
 */
export async function findPublishedImage(
  ec2: EC2Client,
  region: string,
  identity: ImageIdentity,
  digest: string,
  options: { kmsKeyId?: string; signal?: AbortSignal },
): Promise<ImageSummary | undefined> {
  const candidates = (
    await listOwnImages(ec2, region, identityFilters(identity, digest), options.signal)
  ).filter(
    (image) =>
      belongsTo(image.tags, identity) &&
      image.tags[TagKeys.digest] === digest &&
      encryptionMatches(image.encrypted, options.kmsKeyId),
  );
  return (
    candidates.find((image) => image.state === 'available') ??
    candidates.find((image) => image.state === 'pending')
  );
}

/**
 * A sealed snapshot of `identity` with `digest` that no AMI uses: what a run that crashed
 * between CompleteSnapshot and RegisterImage leaves. Undefined when there is none.
 */
export async function findOrphanSnapshot(
  ec2: EC2Client,
  region: string,
  identity: ImageIdentity,
  digest: string,
  options: { kmsKeyId?: string; signal?: AbortSignal },
): Promise<string | undefined> {
  const filters = [...identityFilters(identity, digest), { Name: 'status', Values: ['completed'] }];
  const snapshots = await listOwnSnapshots(ec2, region, filters, options.signal);
  for (const snapshot of snapshots) {
    const tags = tagRecord(snapshot.Tags);
    if (
      snapshot.State !== 'completed' ||
      snapshot.SnapshotId === undefined ||
      !belongsTo(tags, identity) ||
      tags[TagKeys.digest] !== digest ||
      !encryptionMatches(snapshot.Encrypted === true, options.kmsKeyId)
    ) {
      continue;
    }
    const users = await listOwnImages(
      ec2,
      region,
      [{ Name: 'block-device-mapping.snapshot-id', Values: [snapshot.SnapshotId] }],
      options.signal,
    );
    if (users.length === 0) return snapshot.SnapshotId;
  }
  return undefined;
}

/** The AMI this account owns named `name` in the region, if any. */
export async function findImageByName(
  ec2: EC2Client,
  region: string,
  name: string,
  signal?: AbortSignal,
): Promise<ImageSummary | undefined> {
  return (await listOwnImages(ec2, region, [{ Name: 'name', Values: [name] }], signal))[0];
}

/** One AMI by id, or undefined when AWS does not know it (any more). */
export async function describeImage(
  ec2: EC2Client,
  region: string,
  imageId: string,
  signal?: AbortSignal,
): Promise<ImageSummary | undefined> {
  const out = await callAws({ operation: 'DescribeImages', region, subject: imageId }, () =>
    ec2
      .send(new DescribeImagesCommand({ ImageIds: [imageId] }), { abortSignal: signal })
      .catch((error: unknown) => {
        if ((error as { name?: string }).name === 'InvalidAMIID.NotFound') return { Images: [] };
        throw error;
      }),
  );
  const image = out.Images?.find((i) => i.ImageId === imageId);
  return image ? summarizeImage(image) : undefined;
}
