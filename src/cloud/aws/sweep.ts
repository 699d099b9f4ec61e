/**
 * What outlives a preview: the AMIs published for its pull request, and leftovers nobody owns
 * any more (a security group whose instance is gone, a snapshot that never got an AMI). Both
 * select by tag on the server and check the tags again here: only resources carrying
 * `nanoship:managed=true` and the filter's `nanoship:repo-id` are ever deleted. A resource
 * that cannot be deleted is a warning; the lines returned say what was.
 */
import type { Filter } from '@aws-sdk/client-ec2';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import { TagKeys } from '../naming.js';
import type { PreviewFilter } from '../types.js';
import { deleteImage, deleteSnapshot } from './cleanup.js';
import type { AwsClients } from './clients.js';
import { listOwnImages, listOwnSnapshots, tagRecord } from './images.js';
import { LIVE_STATES, listInstances } from './instances.js';
import { CREATED_AT_TAG, isOwnPreview, previewFilters, tagDate } from './preview-tags.js';
import { deleteSecurityGroup, describeGroups, type GroupReleasePolicy } from './security-groups.js';
import type { Timing } from './tuning.js';

/**
 * A security group younger than 15 min may belong to a launch between CreateSecurityGroup and
 * RunInstances (which waits at most 5 min for `running`). A snapshot younger than 2 h may be
 * an upload in progress or sealing (cloud-publishing §3.7).
 */
export const ORPHAN_GRACE = { groupMs: 15 * 60_000, snapshotMs: 2 * 3_600_000 };

/** EC2 takes at most 200 values per filter; ids go in chunks well under that. */
const FILTER_CHUNK = 100;

export interface SweepContext {
  logger: Logger;
  timing: Timing;
  now?: () => Date;
  signal?: AbortSignal;
}

function chunks<T>(items: T[], size = FILTER_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `pr-<N>` for one pull request, any `pr-<n>` otherwise. */
function isPrChannel(channel: string | undefined, pr: number | undefined): boolean {
  return pr === undefined ? /^pr-\d+$/.test(channel ?? '') : channel === `pr-${pr}`;
}

/** The ids among `imageIds` some live instance (anyone's) was launched from. */
async function imagesInUse(
  clients: AwsClients,
  region: string,
  imageIds: string[],
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const { ec2 } = clients.forRegion(region);
  const users = new Map<string, string>();
  for (const ids of chunks(imageIds)) {
    const filters: Filter[] = [{ Name: 'image-id', Values: ids }];
    for (const instance of await listInstances(ec2, region, filters, signal)) {
      if (instance.ImageId && instance.InstanceId) users.set(instance.ImageId, instance.InstanceId);
    }
  }
  return users;
}

/**
 * Deregisters the AMIs published for the filter's pull request(s) (channel `pr-<N>`) and
 * deletes their snapshots; an AMI a live instance still runs from is kept.
 */
export async function deletePreviewImages(
  clients: AwsClients,
  region: string,
  filter: PreviewFilter,
  context: SweepContext,
): Promise<string[]> {
  const { ec2 } = clients.forRegion(region);
  const filters: Filter[] = [
    { Name: `tag:${TagKeys.managed}`, Values: ['true'] },
    { Name: `tag:${TagKeys.repoId}`, Values: [filter.repoId] },
    {
      Name: `tag:${TagKeys.channel}`,
      Values: [filter.pr === undefined ? 'pr-*' : `pr-${filter.pr}`],
    },
  ];
  const images = (await listOwnImages(ec2, region, filters, context.signal)).filter(
    (image) =>
      image.tags[TagKeys.managed] === 'true' &&
      image.tags[TagKeys.repoId] === filter.repoId &&
      isPrChannel(image.tags[TagKeys.channel], filter.pr),
  );
  if (images.length === 0) return [];
  const users = await imagesInUse(
    clients,
    region,
    images.map((i) => i.imageId),
    context.signal,
  );
  const lines: string[] = [];
  for (const image of images) {
    const user = users.get(image.imageId);
    if (user !== undefined) {
      lines.push(
        `Kept AMI ${image.imageId} (${image.name}) in ${region}: instance ${user} still runs from it.`,
      );
      continue;
    }
    try {
      await deleteImage(clients, region, image.imageId, context.timing);
      const snapshots =
        image.snapshotIds.length > 0 ? ` and snapshot ${image.snapshotIds.join(', ')}` : '';
      lines.push(`Deleted AMI ${image.imageId} (${image.name})${snapshots} in ${region}.`);
    } catch (error) {
      context.logger.warning(
        `Could not delete AMI ${image.imageId} (${image.name}) in ${region} (deregistration protection, or a permission?): ${errorMessage(error)}`,
      );
    }
  }
  return lines;
}

/**
 * Deletes nanoship's preview security groups of the repository that no instance uses any more,
 * and its snapshots that no AMI uses, each past its grace period; returns what was deleted.
 */
export async function deleteOrphans(
  clients: AwsClients,
  region: string,
  filter: PreviewFilter,
  context: SweepContext & {
    groupRelease: GroupReleasePolicy;
    grace: { groupMs: number; snapshotMs: number };
  },
): Promise<string[]> {
  const now = (context.now?.() ?? new Date()).getTime();
  const groups = await orphanGroups(clients, region, filter, now - context.grace.groupMs, context);
  const lines: string[] = [];
  const { ec2 } = clients.forRegion(region);
  for (const group of groups) {
    try {
      await deleteSecurityGroup(ec2, region, group.groupId, context, context.groupRelease);
      lines.push(
        `Deleted security group ${group.groupId} (${group.name}) in ${region}: no instance uses it.`,
      );
    } catch (error) {
      context.logger.warning(
        `Could not delete security group ${group.groupId} in ${region}: ${errorMessage(error)}`,
      );
    }
  }
  const snapshots = await orphanSnapshots(
    clients,
    region,
    filter,
    now - context.grace.snapshotMs,
    context.signal,
  );
  for (const snapshot of snapshots) {
    try {
      await deleteSnapshot(clients, region, snapshot.id, context.timing);
      lines.push(
        `Deleted snapshot ${snapshot.id} (${snapshot.label}) in ${region}: no AMI uses it.`,
      );
    } catch (error) {
      context.logger.warning(
        `Could not delete snapshot ${snapshot.id} in ${region}: ${errorMessage(error)}`,
      );
    }
  }
  return lines;
}

/** The filter's preview security groups made before `before` that no instance holds. */
async function orphanGroups(
  clients: AwsClients,
  region: string,
  filter: PreviewFilter,
  before: number,
  context: SweepContext,
) {
  const { ec2 } = clients.forRegion(region);
  const groups = (await describeGroups(ec2, region, previewFilters(filter), context.signal)).filter(
    (g) =>
      isOwnPreview(g.tags, filter) && (tagDate(g.tags[CREATED_AT_TAG])?.getTime() ?? 0) < before,
  );
  const held = new Set<string>();
  // A terminating instance still holds its group: leave that one to the teardown under way.
  const states = [...LIVE_STATES, 'shutting-down'];
  for (const ids of chunks(groups.map((g) => g.groupId))) {
    const filters = [{ Name: 'instance.group-id', Values: ids }];
    for (const instance of await listInstances(ec2, region, filters, context.signal, states)) {
      for (const g of instance.SecurityGroups ?? []) if (g.GroupId) held.add(g.GroupId);
    }
  }
  return groups.filter((g) => !held.has(g.groupId));
}

/** nanoship's snapshots of the repository (the filter's PR) started before `before`, without AMI. */
async function orphanSnapshots(
  clients: AwsClients,
  region: string,
  filter: PreviewFilter,
  before: number,
  signal?: AbortSignal,
): Promise<{ id: string; label: string }[]> {
  const { ec2 } = clients.forRegion(region);
  const filters: Filter[] = [
    { Name: `tag:${TagKeys.managed}`, Values: ['true'] },
    { Name: `tag:${TagKeys.repoId}`, Values: [filter.repoId] },
    ...(filter.pr === undefined
      ? []
      : [{ Name: `tag:${TagKeys.channel}`, Values: [`pr-${filter.pr}`] }]),
  ];
  const candidates = (await listOwnSnapshots(ec2, region, filters, signal)).filter((s) => {
    const tags = tagRecord(s.Tags);
    return (
      s.SnapshotId !== undefined &&
      tags[TagKeys.managed] === 'true' &&
      tags[TagKeys.repoId] === filter.repoId &&
      (filter.pr === undefined || tags[TagKeys.channel] === `pr-${filter.pr}`) &&
      (s.StartTime?.getTime() ?? Number.POSITIVE_INFINITY) < before
    );
  });
  const used = new Set<string>();
  for (const ids of chunks(candidates.map((s) => s.SnapshotId!))) {
    const images = await listOwnImages(
      ec2,
      region,
      [{ Name: 'block-device-mapping.snapshot-id', Values: ids }],
      signal,
    );
    for (const image of images) for (const id of image.snapshotIds) used.add(id);
  }
  return candidates
    .filter((s) => !used.has(s.SnapshotId!))
    .map((s) => {
      const tags = tagRecord(s.Tags);
      return {
        id: s.SnapshotId!,
        label: `image ${tags[TagKeys.image] ?? '?'}, channel ${tags[TagKeys.channel] ?? '?'}`,
      };
    });
}
