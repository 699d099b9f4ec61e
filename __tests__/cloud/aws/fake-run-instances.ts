/**
 * What RunInstances checks before an instance exists, as EC2 words it (cloud-publishing §3.3):
 * the instance type against the AMI (architecture, ENA for Nitro types, boot mode), the launch
 * settings (IMDS, shutdown behaviour, CPU credits), and where it goes (subnet, VPC and groups,
 * from the instance-level or the network-interface form).
 */
import type { NetworkService } from './fake-network.js';
import type { ImageRecord, InstanceRecord } from './fake-state.js';
import { invalid, type QueryNode, queryList, struct, text } from './fake-wire.js';

type BootMode = 'legacy-bios' | 'uefi';

/**
 * The instance types the fake knows: architecture, whether Nitro (needs ENA, has Latest), and
 * the boot modes it supports (DescribeInstanceTypes SupportedBootModes). EC2's boot-mode pages
 * ("Determine the supported boot modes of an EC2 instance type", "Requirements to launch an
 * EC2 instance in UEFI boot mode"): t2 supports legacy-bios only; Intel and AMD types built on
 * Nitro support both (t3.small does UEFI: flatcar/mantle#582); Graviton types boot UEFI.
 */
export const INSTANCE_TYPES: Record<
  string,
  { arch: 'x86_64' | 'arm64'; nitro: boolean; bootModes: BootMode[] }
> = {
  ...Object.fromEntries(
    ['t2.nano', 't2.micro', 't2.small'].map((t) => [
      t,
      { arch: 'x86_64', nitro: false, bootModes: ['legacy-bios'] },
    ]),
  ),
  ...Object.fromEntries(
    ['t3.nano', 't3.micro', 't3.small', 't3.medium', 't3a.micro', 'm5.large', 'c5.large'].map(
      (t) => [t, { arch: 'x86_64', nitro: true, bootModes: ['legacy-bios', 'uefi'] }],
    ),
  ),
  ...Object.fromEntries(
    ['t4g.nano', 't4g.micro', 't4g.small', 'm6g.medium'].map((t) => [
      t,
      { arch: 'arm64', nitro: true, bootModes: ['uefi'] },
    ]),
  ),
};

/**
 * The boot mode an instance of `instanceType` starts in, from the AMI's BootMode, as EC2's
 * "Determine the boot mode of an EC2 instance" page lays it out: uefi and legacy-bios as
 * asked, uefi-preferred as UEFI where the type supports it and legacy BIOS elsewhere, none
 * as the architecture's default (UEFI on Graviton, legacy BIOS on Intel and AMD). A UEFI AMI
 * on a type without UEFI is refused with the error EC2 gives (quoted in
 * RhinoSecurityLabs/cloudgoat#247). A legacy-bios AMI on a UEFI-only type cannot be asked
 * for here: only Graviton types are UEFI-only, and arm64 AMIs are never legacy-bios.
 */
function instanceBootMode(image: ImageRecord, instanceType: string): BootMode {
  const supported = INSTANCE_TYPES[instanceType]!.bootModes;
  const asked = image.bootMode ?? (image.architecture === 'arm64' ? 'uefi' : 'legacy-bios');
  if (asked === 'uefi-preferred') return supported.includes('uefi') ? 'uefi' : 'legacy-bios';
  if (asked === 'uefi' && !supported.includes('uefi')) {
    throw invalid(
      `The ${instanceType} instance type does not support an AMI with a boot mode of UEFI. Only instance types built on the Nitro System support UEFI. Specify an instance type that supports UEFI, and try again.`,
    );
  }
  return asked as BootMode;
}

const bool = (node: QueryNode | string | undefined) => text(node) === 'true';

/** The launch settings of a RunInstances request for `image`, checked. */
export function launchSettings(image: ImageRecord, params: QueryNode) {
  const instanceType = text(params.InstanceType) ?? 'm1.small';
  const type = INSTANCE_TYPES[instanceType];
  if (type === undefined) throw invalid(`Invalid value '${instanceType}' for InstanceType.`);
  if (type.arch !== image.architecture) {
    throw invalid(
      `The architecture '${type.arch}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again. You can use 'describe-instance-types' or 'DescribeInstanceTypes' to find instance types that support '${image.architecture}'.`,
    );
  }
  const bootMode = instanceBootMode(image, instanceType);
  if (type.nitro && !image.enaSupport) {
    throw invalid(
      `Enhanced networking with the Elastic Network Adapter (ENA) is required for the '${instanceType}' instance type. Ensure that you are using an AMI that is enabled for ENA.`,
      'InvalidParameterCombination',
    );
  }
  const metadata = struct(params.MetadataOptions);
  const httpTokens =
    text(metadata.HttpTokens) ?? (image.imdsSupport === 'v2.0' ? 'required' : 'optional');
  const httpEndpoint = text(metadata.HttpEndpoint) ?? 'enabled';
  if (!['optional', 'required'].includes(httpTokens))
    throw invalid(`Invalid value '${httpTokens}' for HttpTokens`);
  if (!['enabled', 'disabled'].includes(httpEndpoint))
    throw invalid(`Invalid value '${httpEndpoint}' for HttpEndpoint`);
  const shutdownBehavior = text(params.InstanceInitiatedShutdownBehavior) ?? 'stop';
  if (!['stop', 'terminate'].includes(shutdownBehavior)) {
    throw invalid(`Invalid value '${shutdownBehavior}' for InstanceInitiatedShutdownBehavior`);
  }
  const cpuCredits = text(struct(params.CreditSpecification).CpuCredits);
  if (cpuCredits !== undefined && !/^t\d/.test(instanceType)) {
    throw invalid(
      `CreditSpecification is not supported for the '${instanceType}' instance type`,
      'InvalidParameterCombination',
    );
  }
  if (cpuCredits !== undefined && !['standard', 'unlimited'].includes(cpuCredits)) {
    throw invalid(`Invalid value '${cpuCredits}' for CpuCredits`);
  }
  return {
    instanceType,
    httpTokens: httpTokens as InstanceRecord['httpTokens'],
    httpEndpoint: httpEndpoint as InstanceRecord['httpEndpoint'],
    shutdownBehavior: shutdownBehavior as InstanceRecord['shutdownBehavior'],
    cpuCredits,
    bootMode,
  };
}

/** Where the instance goes: subnet, VPC and groups, from either form of RunInstances. */
export function placement(network: NetworkService, region: string, params: QueryNode) {
  const topGroups = queryList(params.SecurityGroupId).map((g) => text(g) ?? '');
  const interfaces = queryList(params.NetworkInterface).map(struct);
  let subnetId = text(params.SubnetId);
  let groupIds = topGroups;
  let associate: boolean | undefined;
  if (interfaces.length > 0) {
    if (topGroups.length > 0) {
      throw invalid(
        'Network interfaces and an instance-level security groups may not be specified on the same request',
        'InvalidParameterCombination',
      );
    }
    if (subnetId !== undefined) {
      throw invalid(
        'Network interfaces and an instance-level subnet ID may not be specified on the same request',
        'InvalidParameterCombination',
      );
    }
    const primary = interfaces.find((n) => text(n.DeviceIndex) === '0');
    if (primary === undefined || interfaces.length > 1)
      throw invalid('fake: exactly one network interface, DeviceIndex 0');
    subnetId = text(primary.SubnetId);
    groupIds = queryList(primary.SecurityGroupId).map((g) => text(g) ?? '');
    associate =
      text(primary.AssociatePublicIpAddress) === undefined
        ? undefined
        : bool(primary.AssociatePublicIpAddress);
  }
  let subnet = subnetId === undefined ? undefined : network.subnet(region, subnetId);
  if (subnet === undefined) {
    const fallback = network.defaultNetwork(region);
    if (fallback === undefined)
      throw invalid(
        'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.',
        'VPCIdNotSpecified',
      );
    subnet = fallback.subnet;
  }
  for (const groupId of groupIds) {
    const group = network.group(region, groupId);
    if (group.vpcId !== subnet.vpcId) {
      throw invalid(
        `Security group ${groupId} and subnet ${subnet.id} belong to different networks.`,
        'InvalidParameter',
      );
    }
  }
  if (groupIds.length === 0) throw invalid('fake: name the security group (nanoship always does)');
  return {
    subnetId: subnet.id,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    groupIds,
    publicIp: associate ?? subnet.mapPublicIpOnLaunch,
  };
}
