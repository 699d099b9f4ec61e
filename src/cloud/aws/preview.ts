/**
 * AWS previews: one instance per pull request from the PR's AMI, behind its own security group
 * that opens only the preview ports (cloud-publishing §3). Every resource is tagged at creation
 * and recorded the moment its id exists; a launch that fails after creating something deletes
 * it before throwing one UserError. Teardown and lookups touch only resources whose tags say
 * nanoship made them for the filter's repository.
 */
import { UserError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { TagKeys } from '../naming.js';
import type {
  CloudResource,
  PreviewCloud,
  PreviewFilter,
  PreviewInstance,
  PreviewLaunch,
  PublishDeps,
} from '../types.js';
import { canRequireImdsV2 } from './ami.js';
import { AwsClients } from './clients.js';
import { tagRecord } from './images.js';
import {
  defaultInstanceType,
  describeInstance,
  INSTANCE_RUNNING_WAIT,
  INSTANCE_TERMINATED_WAIT,
  listInstances,
  readConsole,
  runInstance,
  terminateInstances,
  waitForRunning,
  waitForTerminated,
} from './instances.js';
import {
  CREATED_AT_TAG,
  isOwnPreview,
  launchToken,
  previewFilters,
  previewTags,
  securityGroupName,
  tagDate,
  tagTime,
} from './preview-tags.js';
import {
  createSecurityGroup,
  deleteSecurityGroup,
  describeGroup,
  describeGroups,
  findNetwork,
  GROUP_RELEASE,
  type GroupReleasePolicy,
  openPorts,
} from './security-groups.js';
import { deleteOrphans, deletePreviewImages, ORPHAN_GRACE } from './sweep.js';
import { realTiming, type Timing } from './tuning.js';
import type { WaitPolicy } from './wait.js';

export interface AwsPreviewSettings {
  /** Where previews run: the home region, where the PR's AMI was published. */
  region: string;
  /** A subnet to launch in (aws-subnet-id); undefined: the region's default VPC. */
  subnetId?: string;
  /** Who may reach the preview ports; default the world (`0.0.0.0/0` and `::/0`). */
  allowedCidrs?: string[];
}

/** Waits and clocks, for tests (a virtual clock) and nothing else. */
export interface AwsPreviewTuning {
  timing: Timing;
  running: WaitPolicy;
  terminated: WaitPolicy;
  groupRelease: GroupReleasePolicy;
  /** Orphans younger than these are left: a launch or an upload may be about to use them. */
  orphanGrace: { groupMs: number; snapshotMs: number };
}

/** Why IMDSv2 is not required of a preview; logged as a warning. */
export const PREVIEW_IMDS_V1_WARNING =
  'The image includes the aws or cloudwatch klib, which reads instance metadata with IMDSv1: the preview instance accepts IMDSv1 (HttpTokens optional).';

type AwsResource = Extract<CloudResource, { cloud: 'aws' }>;

/** The PreviewCloud of AWS in `settings.region`; `tuning` is for tests. */
export function createAwsPreviewCloud(
  settings: AwsPreviewSettings,
  tuning: Partial<AwsPreviewTuning> = {},
): PreviewCloud {
  const tune: AwsPreviewTuning = {
    timing: { ...realTiming, ...tuning.timing },
    running: tuning.running ?? INSTANCE_RUNNING_WAIT,
    terminated: tuning.terminated ?? INSTANCE_TERMINATED_WAIT,
    groupRelease: tuning.groupRelease ?? GROUP_RELEASE,
    orphanGrace: tuning.orphanGrace ?? ORPHAN_GRACE,
  };
  return {
    launch: (request, deps) =>
      withClients((clients) => launch(clients, settings, tune, request, deps)),
    consoleOutput: (instance, deps) =>
      withClients((clients) =>
        readConsole(
          clients.forRegion(instance.location).ec2,
          instance.location,
          instance.id,
          deps.signal,
        ),
      ),
    destroy: (instance, deps) => withClients((clients) => destroy(clients, tune, instance, deps)),
    findPreviews: (filter, deps) =>
      withClients((clients) => findPreviews(clients, settings.region, filter, deps)),
    deletePreviewImages: (filter, deps) =>
      withClients((clients) =>
        deletePreviewImages(clients, settings.region, filter, { ...deps, timing: tune.timing }),
      ),
    deleteOrphans: (filter, deps) =>
      withClients((clients) =>
        deleteOrphans(clients, settings.region, filter, {
          ...deps,
          timing: tune.timing,
          groupRelease: tune.groupRelease,
          grace: tune.orphanGrace,
        }),
      ),
  };
}

/** Runs `fn` with a fresh set of clients and closes their sockets afterwards. */
async function withClients<T>(fn: (clients: AwsClients) => Promise<T>): Promise<T> {
  const clients = new AwsClients();
  try {
    return await fn(clients);
  } finally {
    clients.destroy();
  }
}

const awsResource = (kind: AwsResource['kind'], region: string, id: string): AwsResource => ({
  cloud: 'aws',
  kind,
  region,
  id,
});

async function launch(
  clients: AwsClients,
  settings: AwsPreviewSettings,
  tune: AwsPreviewTuning,
  request: PreviewLaunch,
  deps: PublishDeps,
): Promise<PreviewInstance> {
  const { region } = settings;
  const { provenance } = request;
  const repoId = checkLaunch(request);
  const { ec2 } = clients.forRegion(region);
  const now = deps.now?.() ?? new Date();
  const groupName = securityGroupName(request, now);
  const created: AwsResource[] = [];
  const record = (resource: AwsResource) => {
    created.push(resource);
    deps.recorder.created(resource);
  };
  try {
    const network = await findNetwork(ec2, region, settings.subnetId, deps.signal);
    const groupTags = { ...previewTags(request, groupName), [CREATED_AT_TAG]: tagTime(now) };
    const group = await createSecurityGroup(
      ec2,
      region,
      { name: groupName, vpcId: network.vpcId, tags: groupTags, repoId, pr: provenance.pr },
      deps.signal,
    );
    record(awsResource('security-group', region, group.groupId));
    const cidrs = settings.allowedCidrs ?? ['0.0.0.0/0'];
    await openPorts(ec2, region, group.groupId, request.ports, cidrs, groupTags, deps.signal);

    const requireImdsV2 = canRequireImdsV2(request.image.klibs);
    if (!requireImdsV2) deps.logger.warning(PREVIEW_IMDS_V1_WARNING);
    const instanceType = request.instanceType ?? defaultInstanceType(request.image.arch);
    const { instanceId, reused } = await runInstance(
      ec2,
      region,
      {
        imageId: request.imageRef,
        instanceType,
        groupId: group.groupId,
        subnetId: network.subnetId,
        clientToken: launchToken(request, group.groupId),
        tags: previewTags(request, `nanoship-pr${provenance.pr}`),
        requireImdsV2,
      },
      deps.signal,
    );
    record(awsResource('instance', region, instanceId));
    const launched = reused
      ? `Reusing ${instanceId}, launched earlier in this run attempt`
      : `Launched ${instanceId}`;
    deps.logger.info(
      `${launched} (${instanceType}) from ${request.imageRef} in ${region} for PR #${provenance.pr}, ports ${request.ports.join(', ') || 'none'} open (security group ${group.groupId}); waiting for it to run.`,
    );
    const running = await waitForRunning(
      ec2,
      region,
      instanceId,
      { timing: tune.timing, logger: deps.logger, signal: deps.signal },
      tune.running,
    );
    return {
      cloud: 'aws',
      id: instanceId,
      address: running.PublicIpAddress,
      location: region,
      pr: provenance.pr,
      sha: provenance.sha,
      createdAt: running.LaunchTime ?? now,
      // A reused instance keeps the expiry it was launched with, which is what sweeps read.
      expiresAt:
        (reused ? tagDate(tagRecord(running.Tags)[TagKeys.expiresAt]) : undefined) ??
        request.expiresAt,
      // The instance first: teardown terminates it before deleting the group it holds.
      resources: [...created].reverse(),
    };
  } catch (error) {
    await rollback(clients, tune, created, deps);
    throw error;
  }
}

/** The repository id every tag and lookup keys on; launching without it would leak. */
function checkLaunch(request: PreviewLaunch): string {
  const { repoId, pr } = request.provenance;
  if (repoId === undefined || repoId === '') {
    throw new UserError(
      "A preview needs the repository's numeric id (GITHUB_REPOSITORY_ID) to tag its resources, so that teardown and sweeps can find them.",
    );
  }
  if (!Number.isInteger(pr) || pr < 1)
    throw new UserError(`Pull request number ${pr} is not valid.`);
  for (const port of request.ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65_535) {
      throw new UserError(`Preview port ${port} is not a TCP port (1–65535).`);
    }
  }
  return repoId;
}

/**
 * Deletes what a failed launch created (the instance first), settling what is gone; what
 * cannot be deleted stays recorded for the post step and is named in a warning.
 */
async function rollback(
  clients: AwsClients,
  tune: AwsPreviewTuning,
  created: AwsResource[],
  deps: PublishDeps,
): Promise<void> {
  if (created.length === 0) return;
  const resources = [...created].reverse();
  deps.logger.info(
    `The preview did not start: deleting ${resources.map((r) => `${r.kind} ${r.id}`).join(', ')}.`,
  );
  try {
    await teardown(clients, tune, resources, deps.logger);
    for (const resource of resources) deps.recorder.settled(resource);
  } catch (error) {
    deps.logger.warning(
      `Could not delete everything the failed preview launch created (${resources.map((r) => r.id).join(', ')}): ${(error as Error).message} The post step or the next sweep retries.`,
    );
  }
}

/** Terminates the instances, waits until they are gone, then deletes the security groups. */
async function teardown(
  clients: AwsClients,
  tune: AwsPreviewTuning,
  resources: AwsResource[],
  logger: Logger,
  signal?: AbortSignal,
): Promise<void> {
  const context = { timing: tune.timing, logger, signal };
  const instances = resources.filter((r) => r.kind === 'instance');
  for (const instance of instances) {
    const { ec2 } = clients.forRegion(instance.region);
    await terminateInstances(ec2, instance.region, [instance.id], signal);
  }
  for (const instance of instances) {
    const { ec2 } = clients.forRegion(instance.region);
    await waitForTerminated(ec2, instance.region, instance.id, context, tune.terminated);
    logger.info(`Terminated ${instance.id} in ${instance.region}.`);
  }
  for (const group of resources.filter((r) => r.kind === 'security-group')) {
    const { ec2 } = clients.forRegion(group.region);
    await deleteSecurityGroup(ec2, group.region, group.id, context, tune.groupRelease);
    logger.info(`Deleted security group ${group.id} in ${group.region}.`);
  }
}

/** The AWS resources of a preview: its list, or at least the instance itself. */
function previewResources(instance: PreviewInstance): AwsResource[] {
  const own = instance.resources.filter((r): r is AwsResource => r.cloud === 'aws');
  return own.some((r) => r.kind === 'instance' && r.id === instance.id)
    ? own
    : [awsResource('instance', instance.location, instance.id), ...own];
}

async function destroy(
  clients: AwsClients,
  tune: AwsPreviewTuning,
  preview: PreviewInstance,
  deps: PublishDeps,
): Promise<void> {
  const resources = previewResources(preview);
  await checkManaged(clients, resources, deps.signal);
  deps.logger.info(
    `Removing the preview of PR #${preview.pr}: ${resources.map((r) => `${r.kind} ${r.id}`).join(', ')} in ${preview.location}.`,
  );
  await teardown(clients, tune, resources, deps.logger, deps.signal);
  for (const resource of resources) deps.recorder.settled(resource);
}

/**
 * Refuses to delete an instance or group that exists without nanoship's managed tag: a
 * PreviewInstance built by hand must not reach someone else's resources.
 */
async function checkManaged(
  clients: AwsClients,
  resources: AwsResource[],
  signal?: AbortSignal,
): Promise<void> {
  for (const resource of resources) {
    const { ec2 } = clients.forRegion(resource.region);
    let tags: Record<string, string> | undefined;
    if (resource.kind === 'instance') {
      const instance = await describeInstance(ec2, resource.region, resource.id, signal);
      tags = instance && tagRecord(instance.Tags);
    } else if (resource.kind === 'security-group') {
      tags = (await describeGroup(ec2, resource.region, resource.id, signal))?.tags;
    }
    if (tags !== undefined && tags[TagKeys.managed] !== 'true') {
      throw new UserError(
        `${resource.kind} ${resource.id} in ${resource.region} has no nanoship:managed tag: nanoship deletes only what it made.`,
      );
    }
  }
}

async function findPreviews(
  clients: AwsClients,
  region: string,
  filter: PreviewFilter,
  deps: PublishDeps,
): Promise<PreviewInstance[]> {
  const { ec2 } = clients.forRegion(region);
  const filters = previewFilters(filter);
  const instances = (await listInstances(ec2, region, filters, deps.signal)).filter((i) =>
    isOwnPreview(tagRecord(i.Tags), filter),
  );
  if (instances.length === 0) return [];
  const groups = (await describeGroups(ec2, region, filters, deps.signal)).filter((g) =>
    isOwnPreview(g.tags, filter),
  );
  const previews = instances.map((instance): PreviewInstance => {
    const tags = tagRecord(instance.Tags);
    const held = new Set((instance.SecurityGroups ?? []).map((g) => g.GroupId));
    return {
      cloud: 'aws',
      id: instance.InstanceId ?? '',
      address: instance.PublicIpAddress ?? '',
      location: region,
      pr: Number(tags[TagKeys.pr]),
      sha: tags[TagKeys.sha],
      createdAt: instance.LaunchTime,
      expiresAt: tagDate(tags[TagKeys.expiresAt]),
      resources: [
        awsResource('instance', region, instance.InstanceId ?? ''),
        ...groups
          .filter((g) => held.has(g.groupId))
          .map((g) => awsResource('security-group', region, g.groupId)),
      ],
    };
  });
  const time = (p: PreviewInstance) => p.createdAt?.getTime() ?? 0;
  return previews.sort((a, b) => a.pr - b.pr || time(a) - time(b));
}
