/**
 * The network side of the AWS fake's EC2 (cloud-publishing §3.2, §8.3): a default VPC with a
 * default subnet in every region (made on first use, unless the region is configured without
 * one), subnets seeded by tests, and security groups with their ingress rules. Deleting a
 * group an instance still holds answers DependencyViolation, as AWS does until the terminated
 * instance's network interface is gone; the instance record says for how many more calls.
 */

import type { Ec2Action, Ec2Request } from './fake-ec2.js';
import { applyFilters, paginate } from './fake-ec2-describe.js';
import {
  FAKE_ACCOUNT_ID,
  type FakeStore,
  type IngressRule,
  newId,
  type SecurityGroupRecord,
  type SubnetRecord,
  type VpcRecord,
} from './fake-state.js';
import {
  invalid,
  type QueryNode,
  queryList,
  queryTagSpecs,
  struct,
  tagSet,
  text,
  type XmlObject,
  type XmlValue,
} from './fake-wire.js';

export interface NetworkBehaviour {
  /** Regions without a default VPC. */
  noDefaultVpc: string[];
  describePageSize?: number;
}

export interface SeedSubnet {
  region: string;
  /** Default true: instances get a public address without asking. */
  mapPublicIpOnLaunch?: boolean;
  /** A VPC of the store; default a new non-default VPC. */
  vpcId?: string;
}

const ids = (node: QueryNode | string | undefined) => queryList(node).map((n) => text(n) ?? '');

/** Tags of the TagSpecifications; resource types other than `allowed` are refused. */
export function tagsOf(params: QueryNode, allowed: string[], type: string): Record<string, string> {
  const specs = queryTagSpecs(params);
  for (const spec of specs) {
    if (!allowed.includes(spec.type)) {
      throw invalid(`'${spec.type}' is not a valid taggable resource type for this operation.`);
    }
  }
  return Object.assign({}, ...specs.filter((s) => s.type === type).map((s) => s.tags));
}

export class NetworkService {
  constructor(
    private readonly store: FakeStore,
    private readonly behaviour: NetworkBehaviour,
  ) {}

  actions(): Record<string, Ec2Action> {
    return {
      DescribeVpcs: (r) => this.#describeVpcs(r),
      DescribeSubnets: (r) => this.#describeSubnets(r),
      CreateSecurityGroup: (r) => this.#createGroup(r),
      AuthorizeSecurityGroupIngress: (r) => this.#authorize(r),
      DescribeSecurityGroups: (r) => this.#describeGroups(r),
      DeleteSecurityGroup: (r) => this.#deleteGroup(r),
    };
  }

  /** The region's default VPC and subnet, made on first use; undefined where there is none. */
  defaultNetwork(region: string): { vpc: VpcRecord; subnet: SubnetRecord } | undefined {
    if (this.behaviour.noDefaultVpc.includes(region)) return undefined;
    let vpc = this.store.list('vpc', region).find((v) => v.isDefault);
    if (vpc === undefined) {
      vpc = this.#vpc(region, true, '172.31.0.0/16');
      this.#subnet(region, vpc.id, '172.31.0.0/20', true, true);
    }
    const subnet = this.store
      .list('subnet', region)
      .find((s) => s.vpcId === vpc.id && s.defaultForAz);
    return { vpc, subnet: subnet! };
  }

  /** A subnet (in a new VPC unless one is named), as a user's custom network would be. */
  seedSubnet(seed: SeedSubnet): { vpcId: string; subnetId: string } {
    const vpcId = seed.vpcId ?? this.#vpc(seed.region, false, '10.0.0.0/16').id;
    const subnet = this.#subnet(
      seed.region,
      vpcId,
      '10.0.1.0/24',
      seed.mapPublicIpOnLaunch ?? true,
      false,
    );
    return { vpcId, subnetId: subnet.id };
  }

  subnet(region: string, subnetId: string): SubnetRecord {
    const subnet = this.store.get('subnet', region, subnetId);
    if (subnet === undefined) {
      throw invalid(`The subnet ID '${subnetId}' does not exist`, 'InvalidSubnetID.NotFound');
    }
    return subnet;
  }

  group(region: string, groupId: string): SecurityGroupRecord {
    const group = this.store.get('security-group', region, groupId);
    if (group === undefined) {
      throw invalid(`The security group '${groupId}' does not exist`, 'InvalidGroup.NotFound');
    }
    return group;
  }

  #vpc(region: string, isDefault: boolean, cidrBlock: string): VpcRecord {
    const vpc: VpcRecord = {
      type: 'vpc',
      id: newId('vpc'),
      region,
      tags: {},
      createdAt: new Date(),
      isDefault,
      cidrBlock,
    };
    this.store.put(vpc);
    return vpc;
  }

  #subnet(
    region: string,
    vpcId: string,
    cidrBlock: string,
    mapPublicIpOnLaunch: boolean,
    defaultForAz: boolean,
  ) {
    const subnet: SubnetRecord = {
      type: 'subnet',
      id: newId('subnet'),
      region,
      tags: {},
      createdAt: new Date(),
      vpcId,
      availabilityZone: `${region}a`,
      cidrBlock,
      mapPublicIpOnLaunch,
      defaultForAz,
    };
    this.store.put(subnet);
    return subnet;
  }

  #describeVpcs({ region, params }: Ec2Request): XmlObject {
    this.defaultNetwork(region);
    const wanted = ids(params.VpcId);
    const vpcs = this.store
      .list('vpc', region)
      .filter((v) => wanted.length === 0 || wanted.includes(v.id));
    const filtered = applyFilters(vpcs, params, {
      'is-default': (v) => [String(v.isDefault)],
      'vpc-id': (v) => [v.id],
      state: () => ['available'],
      'cidr-block': (v) => [v.cidrBlock],
    });
    return {
      vpcSet: filtered.map((v) => ({
        vpcId: v.id,
        ownerId: FAKE_ACCOUNT_ID,
        state: 'available',
        cidrBlock: v.cidrBlock,
        instanceTenancy: 'default',
        isDefault: v.isDefault,
        tagSet: tagSet(v.tags),
      })),
    };
  }

  #describeSubnets({ region, params }: Ec2Request): XmlObject {
    this.defaultNetwork(region);
    const wanted = ids(params.SubnetId);
    const subnets =
      wanted.length > 0
        ? wanted.map((id) => this.subnet(region, id))
        : this.store.list('subnet', region);
    const filtered = applyFilters(subnets, params, {
      'vpc-id': (s) => [s.vpcId],
      'subnet-id': (s) => [s.id],
      'default-for-az': (s) => [String(s.defaultForAz)],
      'availability-zone': (s) => [s.availabilityZone],
    });
    return {
      subnetSet: filtered.map((s) => ({
        subnetId: s.id,
        subnetArn: `arn:aws:ec2:${region}:${FAKE_ACCOUNT_ID}:subnet/${s.id}`,
        state: 'available',
        vpcId: s.vpcId,
        cidrBlock: s.cidrBlock,
        availableIpAddressCount: 4000,
        availabilityZone: s.availabilityZone,
        defaultForAz: s.defaultForAz,
        mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
        ownerId: FAKE_ACCOUNT_ID,
        tagSet: tagSet(s.tags),
      })),
    };
  }

  #createGroup({ region, params }: Ec2Request): XmlObject {
    const name = text(params.GroupName);
    const description = text(params.GroupDescription);
    if (name === undefined || name === '')
      throw invalid('The request must contain the parameter groupName', 'MissingParameter');
    if (description === undefined)
      throw invalid('The request must contain the parameter groupDescription', 'MissingParameter');
    if (name.length > 255 || description.length > 255)
      throw invalid('Group name and description are limited to 255 characters');
    if (/^sg-/i.test(name)) throw invalid('Group names may not be in the format sg-*.');
    let vpcId = text(params.VpcId);
    if (vpcId === undefined) {
      const network = this.defaultNetwork(region);
      if (network === undefined) throw invalid('No default VPC for this user', 'VPCIdNotSpecified');
      vpcId = network.vpc.id;
    } else if (this.store.get('vpc', region, vpcId) === undefined) {
      throw invalid(`The vpc ID '${vpcId}' does not exist`, 'InvalidVpcID.NotFound');
    }
    if (
      this.store.list('security-group', region).some((g) => g.vpcId === vpcId && g.name === name)
    ) {
      throw invalid(
        `The security group '${name}' already exists for VPC '${vpcId}'`,
        'InvalidGroup.Duplicate',
      );
    }
    const group: SecurityGroupRecord = {
      type: 'security-group',
      id: newId('sg'),
      region,
      tags: tagsOf(params, ['security-group'], 'security-group'),
      createdAt: new Date(),
      name,
      description,
      vpcId,
      ingress: [],
    };
    this.store.put(group);
    return { groupId: group.id, tagSet: tagSet(group.tags) };
  }

  #authorize({ region, params }: Ec2Request): XmlObject {
    const group = this.group(region, text(params.GroupId) ?? '');
    const tags = tagsOf(params, ['security-group-rule'], 'security-group-rule');
    const rules = queryList(params.IpPermissions).map((node): IngressRule => {
      const p = struct(node);
      const protocol = text(p.IpProtocol);
      if (protocol === undefined) throw invalid('IpProtocol is required', 'MissingParameter');
      if (!['tcp', 'udp', 'icmp', '-1', '6', '17'].includes(protocol))
        throw invalid(`Invalid value '${protocol}' for IP protocol.`);
      const fromPort = Number(text(p.FromPort) ?? -1);
      const toPort = Number(text(p.ToPort) ?? -1);
      if (
        (protocol === 'tcp' || protocol === 'udp') &&
        !(fromPort >= 0 && fromPort <= toPort && toPort <= 65_535)
      ) {
        throw invalid(`Invalid port range ${fromPort}-${toPort}`, 'InvalidParameterValue');
      }
      const ranges = (list: QueryNode | string | undefined, key: string, pattern: RegExp) =>
        queryList(list).map((r) => {
          const cidr = text(struct(r)[key]) ?? '';
          if (!pattern.test(cidr))
            throw invalid(`CIDR block ${cidr} is malformed`, 'InvalidParameterValue');
          return { cidr, description: text(struct(r).Description) };
        });
      const cidrs = ranges(p.IpRanges, 'CidrIp', /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/);
      const ipv6Cidrs = ranges(p.Ipv6Ranges, 'CidrIpv6', /^[0-9a-f:]+\/\d{1,3}$/i);
      if (cidrs.length + ipv6Cidrs.length === 0)
        throw invalid('A rule needs a source', 'MissingParameter');
      return {
        ruleId: newId('sgr'),
        protocol: protocol === '6' ? 'tcp' : protocol === '17' ? 'udp' : protocol,
        fromPort,
        toPort,
        cidrs,
        ipv6Cidrs,
        tags,
      };
    });
    if (rules.length === 0) throw invalid('No IpPermissions given', 'MissingParameter');
    for (const rule of rules) {
      const same = group.ingress.find(
        (r) =>
          r.protocol === rule.protocol &&
          r.fromPort === rule.fromPort &&
          r.toPort === rule.toPort &&
          r.cidrs.some((c) => rule.cidrs.some((d) => d.cidr === c.cidr)),
      );
      if (same !== undefined) {
        throw invalid(
          `the specified rule "peer: ${same.cidrs[0]?.cidr}, ${rule.protocol.toUpperCase()}, from port: ${rule.fromPort}, to port: ${rule.toPort}, ALLOW" already exists`,
          'InvalidPermission.Duplicate',
        );
      }
    }
    group.ingress.push(...rules);
    return {
      return: true,
      securityGroupRuleSet: rules.flatMap((r) =>
        r.cidrs.map((c) => ({
          securityGroupRuleId: r.ruleId,
          groupId: group.id,
          groupOwnerId: FAKE_ACCOUNT_ID,
          isEgress: false,
          ipProtocol: r.protocol,
          fromPort: r.fromPort,
          toPort: r.toPort,
          cidrIpv4: c.cidr,
          tagSet: tagSet(r.tags),
        })),
      ),
    };
  }

  #describeGroups({ region, params }: Ec2Request): XmlObject {
    const wanted = ids(params.GroupId);
    if (wanted.length > 0 && params.MaxResults !== undefined) {
      throw invalid(
        'The parameter groupIds cannot be used with the parameter maxResults',
        'InvalidParameterCombination',
      );
    }
    const names = ids(params.GroupName);
    let groups =
      wanted.length > 0
        ? wanted.map((id) => this.group(region, id))
        : this.store.list('security-group', region);
    if (names.length > 0) groups = groups.filter((g) => names.includes(g.name));
    const filtered = applyFilters(groups, params, {
      'group-name': (g) => [g.name],
      'group-id': (g) => [g.id],
      'vpc-id': (g) => [g.vpcId],
      description: (g) => [g.description],
    });
    const { page, next } = paginate(filtered, params, this.behaviour.describePageSize);
    return { securityGroupInfo: page.map(groupXml), nextToken: next };
  }

  #deleteGroup({ region, params }: Ec2Request): XmlObject {
    const group = this.group(region, text(params.GroupId) ?? '');
    const users = this.store.list('instance', region).filter((i) => i.groupIds.includes(group.id));
    const live = users.find((i) => i.state !== 'terminated');
    const lingering = users.find((i) => i.state === 'terminated' && i.groupHoldsLeft > 0);
    if (live !== undefined || lingering !== undefined) {
      if (live === undefined && lingering !== undefined) lingering.groupHoldsLeft--;
      throw invalid(`resource ${group.id} has a dependent object`, 'DependencyViolation');
    }
    this.store.delete('security-group', region, group.id);
    return { return: true };
  }
}

function groupXml(group: SecurityGroupRecord): XmlValue {
  return {
    ownerId: FAKE_ACCOUNT_ID,
    groupId: group.id,
    groupName: group.name,
    groupDescription: group.description,
    vpcId: group.vpcId,
    securityGroupArn: `arn:aws:ec2:${group.region}:${FAKE_ACCOUNT_ID}:security-group/${group.id}`,
    ipPermissions: group.ingress.map((r) => ({
      ipProtocol: r.protocol,
      fromPort: r.fromPort,
      toPort: r.toPort,
      groups: [],
      ipRanges: r.cidrs.map((c) => ({ cidrIp: c.cidr, description: c.description })),
      ipv6Ranges: r.ipv6Cidrs.map((c) => ({ cidrIpv6: c.cidr, description: c.description })),
      prefixListIds: [],
    })),
    ipPermissionsEgress: [
      {
        ipProtocol: '-1',
        groups: [],
        ipRanges: [{ cidrIp: '0.0.0.0/0' }],
        ipv6Ranges: [],
        prefixListIds: [],
      },
    ],
    tagSet: tagSet(group.tags),
  };
}
