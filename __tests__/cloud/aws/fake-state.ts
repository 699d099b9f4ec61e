/**
 * The AWS fake's account: resources by type, each in a region with its tags, in one small
 * store. EBS and EC2 routes share it (StartSnapshot creates what DescribeSnapshots lists). New
 * resource types (instances, security groups, for previews) are new record types in the same
 * store: `store.put({ type: 'instance', … })`.
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

export type FakeRecord = SnapshotRecord | ImageRecord | KmsKeyRecord;
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
