/**
 * A preview's network side (cloud-publishing §3.2): the VPC it goes into, its own security
 * group opening only the preview's TCP ports, and deleting that group again, which AWS refuses
 * with DependencyViolation until the terminated instance's network interface is gone.
 */
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type EC2Client,
  type Filter,
  type IpPermission,
  paginateDescribeSecurityGroups,
} from '@aws-sdk/client-ec2';
import { UserError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { TagKeys } from '../naming.js';
import { awsErrorCode, awsFailure, callAws } from './errors.js';
import { tagList, tagRecord } from './images.js';
import type { Timing } from './tuning.js';

/** Where a preview's instance goes: a VPC, and the subnet when the user chose one. */
export interface PreviewNetwork {
  vpcId: string;
  /** Undefined: the default VPC's default subnet of whichever zone AWS picks. */
  subnetId?: string;
}

/** The VPC of `subnetId`, or the region's default VPC when no subnet is given. */
export async function findNetwork(
  ec2: EC2Client,
  region: string,
  subnetId: string | undefined,
  signal?: AbortSignal,
): Promise<PreviewNetwork> {
  if (subnetId !== undefined) {
    const out = await callAws({ operation: 'DescribeSubnets', region, subject: subnetId }, () =>
      ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] }), { abortSignal: signal }),
    );
    const vpcId = out.Subnets?.find((s) => s.SubnetId === subnetId)?.VpcId;
    if (vpcId === undefined) {
      throw new UserError(`Subnet ${subnetId} (aws-subnet-id) was not found in ${region}.`);
    }
    return { vpcId, subnetId };
  }
  const out = await callAws({ operation: 'DescribeVpcs', region }, () =>
    ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }), {
      abortSignal: signal,
    }),
  );
  const vpcId = out.Vpcs?.find((v) => v.IsDefault)?.VpcId;
  if (vpcId === undefined) {
    throw new UserError(
      `${region} has no default VPC, and no subnet was given: set aws-subnet-id to a subnet of the VPC previews should run in (one that can reach the internet).`,
    );
  }
  return { vpcId };
}

export interface GroupRequest {
  name: string;
  vpcId: string;
  tags: Record<string, string>;
  /** A group of this name already there is reused only when it is the same repository's and PR's. */
  repoId: string;
  pr: number;
}

/**
 * Creates the preview's security group, tagged at creation; returns its id. A group of the
 * same name (a retried launch of the same run) is reused when its tags say it is this
 * repository's preview of this PR, and refused otherwise.
 */
export async function createSecurityGroup(
  ec2: EC2Client,
  region: string,
  request: GroupRequest,
  signal?: AbortSignal,
): Promise<{ groupId: string; reused: boolean }> {
  try {
    const out = await ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: request.name,
        Description: `nanoship preview of pull request #${request.pr} (only the preview ports)`,
        VpcId: request.vpcId,
        TagSpecifications: [{ ResourceType: 'security-group', Tags: tagList(request.tags) }],
      }),
      { abortSignal: signal },
    );
    if (out.GroupId === undefined) throw new Error('CreateSecurityGroup returned no GroupId');
    return { groupId: out.GroupId, reused: false };
  } catch (error) {
    if (awsErrorCode(error) !== 'InvalidGroup.Duplicate') {
      throw awsFailure(error, { operation: 'CreateSecurityGroup', region, subject: request.name });
    }
  }
  const found = await describeGroups(ec2, region, [
    { Name: 'group-name', Values: [request.name] },
    { Name: 'vpc-id', Values: [request.vpcId] },
  ]);
  const same = found.find(
    (g) =>
      g.tags[TagKeys.managed] === 'true' &&
      g.tags[TagKeys.repoId] === request.repoId &&
      g.tags[TagKeys.pr] === String(request.pr),
  );
  if (same === undefined) {
    throw new UserError(
      `A security group named ${request.name} already exists in ${request.vpcId} (${region}) and is not this repository's preview of PR #${request.pr}: delete or rename it.`,
    );
  }
  return { groupId: same.groupId, reused: true };
}

/**
 * Opens each of `ports` (TCP) to `cidrs` (IPv4, and `::/0` when the world is open); nothing
 * else, no SSH: Nanos has no shell. Rules already there (a reused group) are fine.
 */
export async function openPorts(
  ec2: EC2Client,
  region: string,
  groupId: string,
  ports: number[],
  cidrs: string[],
  tags: Record<string, string>,
  signal?: AbortSignal,
): Promise<void> {
  if (ports.length === 0) return;
  const world = cidrs.includes('0.0.0.0/0');
  const permissions: IpPermission[] = [...new Set(ports)].map((port) => ({
    IpProtocol: 'tcp',
    FromPort: port,
    ToPort: port,
    IpRanges: cidrs.map((CidrIp) => ({ CidrIp, Description: `nanoship preview port ${port}` })),
    ...(world
      ? { Ipv6Ranges: [{ CidrIpv6: '::/0', Description: `nanoship preview port ${port}` }] }
      : {}),
  }));
  await callAws({ operation: 'AuthorizeSecurityGroupIngress', region, subject: groupId }, () =>
    ec2
      .send(
        new AuthorizeSecurityGroupIngressCommand({
          GroupId: groupId,
          IpPermissions: permissions,
          TagSpecifications: [{ ResourceType: 'security-group-rule', Tags: tagList(tags) }],
        }),
        { abortSignal: signal },
      )
      .catch((error: unknown) => {
        if (awsErrorCode(error) !== 'InvalidPermission.Duplicate') throw error;
      }),
  );
}

/** A security group as the preview code needs to see it. */
export interface GroupSummary {
  groupId: string;
  name: string;
  vpcId?: string;
  tags: Record<string, string>;
}

/** Every security group in the region matching `filters` (paginated). */
export async function describeGroups(
  ec2: EC2Client,
  region: string,
  filters: Filter[],
  signal?: AbortSignal,
): Promise<GroupSummary[]> {
  const groups: GroupSummary[] = [];
  await callAws({ operation: 'DescribeSecurityGroups', region }, async () => {
    const pages = paginateDescribeSecurityGroups(
      { client: ec2, pageSize: 1000 },
      { Filters: filters },
      { abortSignal: signal },
    );
    for await (const page of pages) {
      for (const group of page.SecurityGroups ?? []) {
        groups.push({
          groupId: group.GroupId ?? '',
          name: group.GroupName ?? '',
          vpcId: group.VpcId,
          tags: tagRecord(group.Tags),
        });
      }
    }
  });
  return groups;
}

/** One security group by id, or undefined when it is gone. */
export async function describeGroup(
  ec2: EC2Client,
  region: string,
  groupId: string,
  signal?: AbortSignal,
): Promise<GroupSummary | undefined> {
  const out = await callAws({ operation: 'DescribeSecurityGroups', region, subject: groupId }, () =>
    ec2
      .send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }), { abortSignal: signal })
      .catch((error: unknown) => {
        if (awsErrorCode(error) === 'InvalidGroup.NotFound') return { SecurityGroups: [] };
        throw error;
      }),
  );
  const group = out.SecurityGroups?.find((g) => g.GroupId === groupId);
  return group
    ? { groupId, name: group.GroupName ?? '', vpcId: group.VpcId, tags: tagRecord(group.Tags) }
    : undefined;
}

/** How long and how often to retry deleting a group a terminating instance still holds. */
export interface GroupReleasePolicy {
  deadlineMs: number;
  intervalMs: number;
}

/**
 * cloud-publishing §3.6 retries every 10 s for 5 min; a shorter pause finishes sooner after
 * the interface goes, at the cost of a few more calls.
 */
export const GROUP_RELEASE: GroupReleasePolicy = { deadlineMs: 5 * 60_000, intervalMs: 5_000 };

/**
 * Deletes security group `groupId`. While AWS answers DependencyViolation (the network
 * interface of a terminated instance lingers for a while) it retries until `policy`'s
 * deadline; a group already gone counts as deleted.
 */
export async function deleteSecurityGroup(
  ec2: EC2Client,
  region: string,
  groupId: string,
  context: { timing: Timing; logger: Logger; signal?: AbortSignal },
  policy: GroupReleasePolicy = GROUP_RELEASE,
): Promise<void> {
  const { timing, logger, signal } = context;
  const started = timing.clock();
  for (let attempt = 1; ; attempt++) {
    try {
      await ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId }), { abortSignal: signal });
      return;
    } catch (error) {
      const code = awsErrorCode(error);
      if (code === 'InvalidGroup.NotFound') return;
      const site = { operation: 'DeleteSecurityGroup', region, subject: groupId } as const;
      if (code !== 'DependencyViolation') throw awsFailure(error, site);
      const waited = timing.clock() - started;
      if (waited >= policy.deadlineMs) {
        throw awsFailure(error, {
          ...site,
          hints: {
            DependencyViolation: `Something still uses the group after ${Math.round(waited / 1000)} s of retries (an instance or network interface outside the preview?): delete it by hand once that is gone.`,
          },
        });
      }
      if (attempt === 1) {
        logger.info(
          `Security group ${groupId} is still held by the terminated instance's network interface: retrying every ${policy.intervalMs / 1000} s for up to ${Math.round(policy.deadlineMs / 60_000)} min.`,
        );
      }
      await timing.sleep(policy.intervalMs, signal);
    }
  }
}
