/**
 * The AWS fake's account: resources by type, each in a region with its tags, in one small
 * store. EBS and EC2 routes share it (StartSnapshot creates what DescribeSnapshots lists), and
 * so do the preview actions (VPCs, subnets, security groups, instances).
 */
import { randomBytes } from 'node:crypto';

export const FAKE_ACCOUNT_ID = '123456789012';

interface BaseRecord {
  id: string;
  region: string;
  tags: Record<string, string>;
  createdAt: Date;
}

export interface SnapshotRecord extends BaseRecord {
  type: 'snapshot';
  /** What DescribeSnapshots says. `pending` also covers "sealing" (see `sealPollsLeft`). */
  state: 'pending' | 'completed' | 'error';
  stateMessage?: string;
  volumeSize: number;
  description: string;
  encrypted: boolean;
  kmsKeyArn?: string;
  /** StartSnapshot's ClientToken and the parameters it came with, for idempotency. */
  clientToken?: string;
  startParams?: string;
  /** Where the blocks are kept on disk, and the SHA-256 of each stored block by index. */
  blockFile: string;
  digests: Map<number, Buffer>;
  /** Set by CompleteSnapshot: the snapshot is sealing and stops taking blocks. */
  completing: boolean;
  /** Describe polls left before a completing snapshot turns completed (or error). */
  sealPollsLeft: number;
  /** When set, sealing ends in `error` with this message. */
  failWith?: string;
  /** Describe-by-id polls left during which it is not visible (eventual consistency). */
  invisiblePollsLeft: number;
  createVolumeUsers: Set<string>;
}

export interface BlockDevice {
  deviceName: string;
  snapshotId: string;
  volumeType: string;
  deleteOnTermination: boolean;
  volumeSize?: number;
  encrypted: boolean;
}

export interface LaunchPermissionRecord {
  userId?: string;
  group?: string;
  organizationArn?: string;
  organizationalUnitArn?: string;
}

export interface ImageRecord extends BaseRecord {
  type: 'image';
  name: string;
  description?: string;
  state: 'pending' | 'available' | 'failed';
  stateReason?: { code: string; message: string };
  architecture: string;
  rootDeviceName: string;
  blockDevices: BlockDevice[];
  virtualizationType: string;
  enaSupport: boolean;
  bootMode?: string;
  imdsSupport?: string;
  launchPermissions: LaunchPermissionRecord[];
  deprecationTime?: Date;
  /** Describe polls left before a pending image turns available (or failed). */
  pendingPollsLeft: number;
  failWith?: { code: string; message: string };
  /** CopyImage's ClientToken, for idempotency. */
  copyToken?: string;
}

export interface KmsKeyRecord extends BaseRecord {
  type: 'kms-key';
  arn: string;
  /** `alias/…` names that point at it. */
  aliases: string[];
  state: 'Enabled' | 'Disabled' | 'PendingDeletion';
}

export interface VpcRecord extends BaseRecord {
  type: 'vpc';
  isDefault: boolean;
  cidrBlock: string;
}

export interface SubnetRecord extends BaseRecord {
  type: 'subnet';
  vpcId: string;
  availabilityZone: string;
  cidrBlock: string;
  /** Whether instances launched into it get a public IPv4 address without asking. */
  mapPublicIpOnLaunch: boolean;
  defaultForAz: boolean;
}

/** One ingress permission: a protocol and port range open to CIDRs. */
export interface IngressRule {
  ruleId: string;
  /** `tcp`, `udp`, `icmp` or `-1` (all). */
  protocol: string;
  fromPort: number;
  toPort: number;
  cidrs: { cidr: string; description?: string }[];
  ipv6Cidrs: { cidr: string; description?: string }[];
  tags: Record<string, string>;
}

export interface SecurityGroupRecord extends BaseRecord {
  type: 'security-group';
  name: string;
  description: string;
  vpcId: string;
  ingress: IngressRule[];
}

export type InstanceStateName =
  | 'pending'
  | 'running'
  | 'shutting-down'
  | 'terminated'
  | 'stopping'
  | 'stopped';

/** EC2's state codes (the low byte of `instanceState.code`). */
export const INSTANCE_STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface InstanceRecord extends BaseRecord {
  type: 'instance';
  reservationId: string;
  imageId: string;
  instanceType: string;
  architecture: string;
  state: InstanceStateName;
  /** Why it left `running`/`pending` (StateReason), e.g. Client.InstanceInitiatedShutdown. */
  stateReason?: { code: string; message: string };
  vpcId: string;
  subnetId: string;
  availabilityZone: string;
  groupIds: string[];
  privateIp: string;
  /** The instance's 127.0.0.N, when it has a public address. */
  publicIp?: string;
  networkInterfaceId: string;
  volumeId: string;
  clientToken?: string;
  /** RunInstances' parameters (minus the token), for IdempotentParameterMismatch. */
  runParams: string;
  httpTokens: 'optional' | 'required';
  httpEndpoint: 'enabled' | 'disabled';
  shutdownBehavior: 'stop' | 'terminate';
  cpuCredits?: string;
  /** The AMI's BootMode, if it has one (DescribeInstances `bootMode`). */
  amiBootMode?: string;
  /** The firmware it started with (`currentInstanceBootMode`). */
  currentBootMode: 'legacy-bios' | 'uefi';
  volumeTags: Record<string, string>;
  interfaceTags: Record<string, string>;
  /** Describe polls left in pending once the VM runs (or forever: a stuck launch). */
  pendingPollsLeft: number;
  /** Describe polls left in shutting-down / stopping before terminated / stopped. */
  endingPollsLeft: number;
  /** DeleteSecurityGroup calls its groups still answer DependencyViolation after it ended. */
  groupHoldsLeft: number;
  /** Set when the launch is to fail: the instance ends with this reason instead of running. */
  failWith?: { code: string; message: string };
}

export type FakeRecord =
  | SnapshotRecord
  | ImageRecord
  | KmsKeyRecord
  | VpcRecord
  | SubnetRecord
  | SecurityGroupRecord
  | InstanceRecord;
export type RecordType = FakeRecord['type'];
type RecordOf<T extends RecordType> = Extract<FakeRecord, { type: T }>;

/** A fresh id such as `snap-0a1b2c…` (17 hex digits, as AWS's are). */
export function newId(prefix: string): string {
  return `${prefix}-0${randomBytes(8).toString('hex')}`;
}

export class FakeStore {
  readonly #byType = new Map<RecordType, Map<string, FakeRecord>>();

  put(record: FakeRecord): void {
    let records = this.#byType.get(record.type);
    if (records === undefined) {
      records = new Map();
      this.#byType.set(record.type, records);
    }
    records.set(`${record.region}/${record.id}`, record);
  }

  get<T extends RecordType>(type: T, region: string, id: string): RecordOf<T> | undefined {
    return this.#byType.get(type)?.get(`${region}/${id}`) as RecordOf<T> | undefined;
  }

  /** Every record of `type`, in one region or all, oldest first. */
  list<T extends RecordType>(type: T, region?: string): RecordOf<T>[] {
    const all = [...(this.#byType.get(type)?.values() ?? [])] as RecordOf<T>[];
    return all.filter((r) => region === undefined || r.region === region);
  }

  /** The record of `type` with `id` in whatever region it is. */
  find<T extends RecordType>(type: T, id: string): RecordOf<T> | undefined {
    return this.list(type).find((r) => r.id === id);
  }

  delete(type: RecordType, region: string, id: string): boolean {
    return this.#byType.get(type)?.delete(`${region}/${id}`) ?? false;
  }
}
