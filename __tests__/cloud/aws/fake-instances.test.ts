// The fake's instances and security groups are only worth their tests if they refuse what
// EC2 refuses and answer in the shapes the SDK reads: these drive them with the real client
// (booting off; the booted side is in fake-vm.itg.test.ts).
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DeleteSecurityGroupCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { type AwsFake, startAwsFake } from './fake.js';
import { HOME, useFakeAws } from './fixtures.js';

let fake: AwsFake;
let restoreEnv: () => void;
let ec2: EC2Client;
let imageId: string;
let groupId: string;

beforeEach(async () => {
  fake = await startAwsFake({ instances: { boot: false, pendingPolls: 1, groupReleasePolls: 1 } });
  restoreEnv = useFakeAws({ all: fake.endpoint });
  ec2 = new EC2Client({ region: HOME, maxAttempts: 1 });
  imageId = fake.seedImage({ region: HOME, name: 'img' }).imageId;
  const group = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'g', Description: 'd' }),
  );
  groupId = group.GroupId!;
});
afterEach(async () => {
  ec2.destroy();
  restoreEnv();
  await fake.close();
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (e: { name: string; message: string }) => `${e.name}: ${e.message}`,
  );

const run = (input: Partial<RunInstancesCommandInput> = {}) =>
  ec2.send(
    new RunInstancesCommand({
      ImageId: imageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SecurityGroupIds: [groupId],
      ...input,
    }),
  );

const stateOf = async (id: string) => {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations![0]!.Instances![0]!;
};

describe('RunInstances refuses', () => {
  test('an AMI of another region, and one not yet available', async () => {
    const elsewhere = fake.seedImage({ region: 'us-east-1', name: 'x' }).imageId;
    expect(await refusal(run({ ImageId: elsewhere }))).toBe(
      `InvalidAMIID.NotFound: The image id '[${elsewhere}]' does not exist`,
    );
    const pending = fake.seedImage({ region: HOME, name: 'p', state: 'pending' }).imageId;
    expect(await refusal(run({ ImageId: pending }))).toMatch(/^InvalidAMIID.Unavailable/);
  });

  test('groups both at instance level and on a network interface', async () => {
    const { subnetId } = fake.seedSubnet({ region: HOME });
    expect(
      await refusal(
        run({ NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, Groups: [groupId] }] }),
      ),
    ).toMatch(
      /^InvalidParameterCombination: Network interfaces and an instance-level security groups/,
    );
  });

  test('a group of another VPC than the subnet', async () => {
    const { subnetId } = fake.seedSubnet({ region: HOME });
    expect(await refusal(run({ SubnetId: subnetId }))).toBe(
      `InvalidParameter: Security group ${groupId} and subnet ${subnetId} belong to different networks.`,
    );
  });

  test('the same ClientToken with other parameters', async () => {
    const first = await run({ ClientToken: 'tok' });
    const again = await run({ ClientToken: 'tok' });
    expect(again.Instances![0]!.InstanceId).toBe(first.Instances![0]!.InstanceId);
    expect(await refusal(run({ ClientToken: 'tok', InstanceType: 't3.small' }))).toMatch(
      /^IdempotentParameterMismatch/,
    );
  });

  test('credits on a type that has none, and an unknown type', async () => {
    expect(
      await refusal(
        run({ InstanceType: 'm5.large', CreditSpecification: { CpuCredits: 'standard' } }),
      ),
    ).toMatch(/^InvalidParameterCombination/);
    expect(await refusal(run({ InstanceType: 'x9.huge' as 't3.micro' }))).toBe(
      "InvalidParameterValue: Invalid value 'x9.huge' for InstanceType.",
    );
  });
});

describe('boot modes', () => {
  /** An AMI with `bootMode` (undefined: none set) and `architecture`. */
  const seedImage = (bootMode: string | undefined, architecture = 'x86_64') => {
    const id = fake.seedImage({ region: HOME, name: `boot-${bootMode}-${architecture}` }).imageId;
    Object.assign(fake.store.get('image', HOME, id)!, { bootMode, architecture });
    return id;
  };

  test('a UEFI AMI on t2 (no UEFI there) is refused with EC2 words', async () => {
    expect(await refusal(run({ ImageId: seedImage('uefi'), InstanceType: 't2.micro' }))).toBe(
      'InvalidParameterValue: The t2.micro instance type does not support an AMI with a boot mode of UEFI. Only instance types built on the Nitro System support UEFI. Specify an instance type that supports UEFI, and try again.',
    );
    expect(fake.store.list('instance', HOME)).toEqual([]);
  });

  test.each([
    { ami: 'uefi', arch: 'x86_64', type: 't3.micro', current: 'uefi' },
    { ami: 'uefi-preferred', arch: 'x86_64', type: 't3.micro', current: 'uefi' },
    { ami: 'uefi-preferred', arch: 'x86_64', type: 't2.micro', current: 'legacy-bios' },
    { ami: 'legacy-bios', arch: 'x86_64', type: 't3.micro', current: 'legacy-bios' },
    { ami: undefined, arch: 'x86_64', type: 't3.micro', current: 'legacy-bios' },
    { ami: 'uefi', arch: 'arm64', type: 't4g.micro', current: 'uefi' },
    { ami: undefined, arch: 'arm64', type: 't4g.micro', current: 'uefi' },
  ])('an $arch AMI with boot mode $ami starts $current on $type', async (row) => {
    const out = await run({
      ImageId: seedImage(row.ami, row.arch),
      InstanceType: row.type as 't3.micro',
    });
    const instance = await stateOf(out.Instances![0]!.InstanceId!);
    expect({ ami: instance.BootMode, current: instance.CurrentInstanceBootMode }).toEqual({
      ami: row.ami,
      current: row.current,
    });
  });
});

describe('an instance', () => {
  test('goes pending (0) → running (16) → shutting-down (32) → terminated (48), as the SDK reads it', async () => {
    const out = await run({
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'k', Value: 'v' }] }],
    });
    const id = out.Instances![0]!.InstanceId!;
    expect(out.Instances![0]!.State).toEqual({ Code: 0, Name: 'pending' });
    expect((await stateOf(id)).State).toEqual({ Code: 0, Name: 'pending' });
    const running = await stateOf(id);
    expect(running).toMatchObject({
      State: { Code: 16, Name: 'running' },
      PublicIpAddress: expect.stringMatching(/^127\.0\.0\.\d+$/),
      PrivateIpAddress: expect.stringMatching(/^10\./),
      SecurityGroups: [{ GroupId: groupId, GroupName: 'g' }],
      Tags: [{ Key: 'k', Value: 'v' }],
      LaunchTime: expect.any(Date),
      MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' },
    });
    const terminated = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    expect(terminated.TerminatingInstances).toEqual([
      {
        InstanceId: id,
        CurrentState: { Code: 32, Name: 'shutting-down' },
        PreviousState: { Code: 16, Name: 'running' },
      },
    ]);
    expect((await stateOf(id)).State).toEqual({ Code: 32, Name: 'shutting-down' });
    expect(await stateOf(id)).toMatchObject({
      State: { Code: 48, Name: 'terminated' },
      StateReason: { Code: 'Client.UserInitiatedShutdown' },
    });
    const live = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running'] }],
      }),
    );
    expect(live.Reservations).toEqual([]);
  });

  test('holds its group: DependencyViolation while it lives and for the configured calls after', async () => {
    const id = (await run()).Instances![0]!.InstanceId!;
    const del = () => refusal(ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })));
    expect(await del()).toBe(`DependencyViolation: resource ${groupId} has a dependent object`);
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    await stateOf(id);
    await stateOf(id);
    expect(await del()).toMatch(/^DependencyViolation/);
    expect(await del()).toBe('accepted');
    expect(await del()).toBe(
      `InvalidGroup.NotFound: The security group '${groupId}' does not exist`,
    );
  });
});

describe('security groups', () => {
  test('a duplicate name in the VPC, a duplicate rule, and the rules read back', async () => {
    expect(
      await refusal(ec2.send(new CreateSecurityGroupCommand({ GroupName: 'g', Description: 'd' }))),
    ).toMatch(/^InvalidGroup.Duplicate: The security group 'g' already exists for VPC 'vpc-/);
    const rule = {
      GroupId: groupId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    };
    await ec2.send(new AuthorizeSecurityGroupIngressCommand(rule));
    expect(await refusal(ec2.send(new AuthorizeSecurityGroupIngressCommand(rule)))).toMatch(
      /^InvalidPermission.Duplicate/,
    );
    const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }));
    expect(out.SecurityGroups![0]).toMatchObject({
      GroupId: groupId,
      GroupName: 'g',
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    });
    const vpcs = await ec2.send(
      new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }),
    );
    expect(vpcs.Vpcs).toEqual([
      expect.objectContaining({ IsDefault: true, VpcId: out.SecurityGroups![0]!.VpcId }),
    ]);
  });
});
