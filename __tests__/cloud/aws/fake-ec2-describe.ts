/**
 * The describe side of the AWS fake's EC2: DescribeSnapshots and DescribeImages with EC2's
 * filters (tag:, name, state, block-device-mapping.snapshot-id…; an unknown filter is an
 * error), pagination, and the XML shapes the SDK reads (`imageState`, `status` for a
 * snapshot's state). Describing is also what moves resources on: a sealing snapshot turns
 * completed, a pending AMI available, after the configured number of polls.
 */
import type { Ec2Behaviour, Ec2Request } from './fake-ec2.js';
import {
  FAKE_ACCOUNT_ID,
  type FakeStore,
  type ImageRecord,
  type SnapshotRecord,
} from './fake-state.js';
import {
  invalid,
  type QueryNode,
  queryFilters,
  queryList,
  tagSet,
  text,
  wildcard,
  type XmlObject,
  type XmlValue,
} from './fake-wire.js';

/** Keeps records matching every filter; an unknown filter name is an error, as in EC2. */
export function applyFilters<T extends { tags: Record<string, string> }>(
  records: T[],
  params: QueryNode,
  fields: Record<string, (record: T) => string[]>,
): T[] {
  return queryFilters(params).reduce((kept, filter) => {
    let values: (record: T) => string[];
    if (filter.name.startsWith('tag:')) {
      const key = filter.name.slice(4);
      values = (record) => (key in record.tags ? [record.tags[key]!] : []);
    } else if (filter.name === 'tag-key') {
      values = (record) => Object.keys(record.tags);
    } else if (fields[filter.name]) {
      values = fields[filter.name]!;
    } else {
      throw invalid(`The filter '${filter.name}' is invalid`);
    }
    const tests = filter.values.map(wildcard);
    return kept.filter((record) => values(record).some((value) => tests.some((t) => t(value))));
  }, records);
}

/** One page of `records` per MaxResults/NextToken. */
export function paginate<T>(
  records: T[],
  params: QueryNode,
  cap?: number,
): { page: T[]; next?: string } {
  const max = text(params.MaxResults);
  if (max === undefined) return { page: records };
  const size = Number(max);
  if (!Number.isInteger(size) || size < 5 || size > 1000) {
    throw invalid(`MaxResults ${max} must be between 5 and 1000`);
  }
  const start = Number(text(params.NextToken) ?? 0);
  const end = start + Math.min(size, cap ?? size);
  return { page: records.slice(start, end), next: end < records.length ? String(end) : undefined };
}

/** `Owner.N` / `OwnerId.N` values allow this account (`self` or its id). */
function ownedBySelf(params: QueryNode, key: string): boolean {
  const owners = queryList(params[key]).map((o) => text(o));
  return owners.length === 0 || owners.some((o) => o === 'self' || o === FAKE_ACCOUNT_ID);
}

/** The snapshot `id` as DescribeSnapshots would show it now (sealing advances here). */
export function visibleSnapshot(snapshot: SnapshotRecord): boolean {
  if (snapshot.invisiblePollsLeft > 0) {
    snapshot.invisiblePollsLeft--;
    return false;
  }
  if (snapshot.completing && snapshot.state === 'pending') {
    if (snapshot.sealPollsLeft > 0) snapshot.sealPollsLeft--;
    else if (snapshot.failWith !== undefined) {
      snapshot.state = 'error';
      snapshot.stateMessage = snapshot.failWith;
    } else snapshot.state = 'completed';
  }
  return true;
}

export function describeSnapshots(
  store: FakeStore,
  behaviour: Ec2Behaviour,
  { region, params }: Ec2Request,
): XmlObject {
  if (!ownedBySelf(params, 'Owner')) return { snapshotSet: [] };
  const ids = queryList(params.SnapshotId).map((id) => text(id) ?? '');
  let snapshots = store.list('snapshot', region);
  if (ids.length > 0) {
    snapshots = ids.map((id) => {
      const snapshot = store.get('snapshot', region, id);
      if (snapshot === undefined || !visibleSnapshot(snapshot)) {
        throw invalid(`The snapshot '${id}' does not exist.`, 'InvalidSnapshot.NotFound');
      }
      return snapshot;
    });
  } else {
    snapshots = snapshots.filter((s) => visibleSnapshot(s));
  }
  const filtered = applyFilters(snapshots, params, {
    status: (s) => [s.state],
    'snapshot-id': (s) => [s.id],
    'owner-id': () => [FAKE_ACCOUNT_ID],
    description: (s) => [s.description],
    encrypted: (s) => [String(s.encrypted)],
    'volume-size': (s) => [String(s.volumeSize)],
  });
  const { page, next } = paginate(filtered, params, behaviour.describePageSize);
  return { snapshotSet: page.map(snapshotXml), nextToken: next };
}

/** A pending AMI moves on by one describe poll. */
function advanceImage(image: ImageRecord): void {
  if (image.state !== 'pending') return;
  if (image.pendingPollsLeft > 0) {
    image.pendingPollsLeft--;
    return;
  }
  if (image.failWith !== undefined) {
    image.state = 'failed';
    image.stateReason = image.failWith;
  } else image.state = 'available';
}

export function describeImages(
  store: FakeStore,
  behaviour: Ec2Behaviour,
  { region, params }: Ec2Request,
): XmlObject {
  if (!ownedBySelf(params, 'Owner')) return { imagesSet: [] };
  const ids = queryList(params.ImageId).map((id) => text(id) ?? '');
  if (ids.length > 0 && params.MaxResults !== undefined) {
    throw invalid('MaxResults cannot be used with ImageIds', 'InvalidParameterCombination');
  }
  let images = store.list('image', region);
  if (ids.length > 0) {
    images = ids.map((id) => {
      const image = store.get('image', region, id);
      if (image === undefined) {
        throw invalid(`The image id '[${id}]' does not exist`, 'InvalidAMIID.NotFound');
      }
      return image;
    });
  }
  for (const image of images) advanceImage(image);
  const filtered = applyFilters(images, params, {
    name: (i) => [i.name],
    state: (i) => [i.state],
    'image-id': (i) => [i.id],
    'owner-id': () => [FAKE_ACCOUNT_ID],
    architecture: (i) => [i.architecture],
    'block-device-mapping.snapshot-id': (i) => i.blockDevices.map((d) => d.snapshotId),
    'is-public': (i) => [String(i.launchPermissions.some((p) => p.group === 'all'))],
  });
  const { page, next } = paginate(filtered, params, behaviour.describePageSize);
  return { imagesSet: page.map((i) => imageXml(store, i)), nextToken: next };
}

function imageXml(store: FakeStore, image: ImageRecord): XmlObject {
  return {
    imageId: image.id,
    imageLocation: `${FAKE_ACCOUNT_ID}/${image.name}`,
    imageState: image.state,
    imageOwnerId: FAKE_ACCOUNT_ID,
    creationDate: image.createdAt,
    isPublic: image.launchPermissions.some((p) => p.group === 'all'),
    architecture: image.architecture,
    imageType: 'machine',
    name: image.name,
    description: image.description,
    rootDeviceType: 'ebs',
    rootDeviceName: image.rootDeviceName,
    blockDeviceMapping: image.blockDevices.map((d) => ({
      deviceName: d.deviceName,
      ebs: {
        snapshotId: d.snapshotId,
        volumeSize: d.volumeSize ?? store.get('snapshot', image.region, d.snapshotId)?.volumeSize,
        deleteOnTermination: d.deleteOnTermination,
        volumeType: d.volumeType,
        encrypted: d.encrypted,
      },
    })),
    virtualizationType: image.virtualizationType,
    hypervisor: 'xen',
    enaSupport: image.enaSupport,
    bootMode: image.bootMode,
    imdsSupport: image.imdsSupport,
    deprecationTime: image.deprecationTime,
    stateReason: image.stateReason,
    tagSet: tagSet(image.tags),
  };
}

export function snapshotXml(snapshot: SnapshotRecord): XmlValue {
  return {
    snapshotId: snapshot.id,
    volumeId: 'vol-ffffffff',
    status: snapshot.state,
    statusMessage: snapshot.stateMessage,
    startTime: snapshot.createdAt,
    progress: snapshot.state === 'completed' ? '100%' : '0%',
    ownerId: FAKE_ACCOUNT_ID,
    volumeSize: snapshot.volumeSize,
    description: snapshot.description,
    encrypted: snapshot.encrypted,
    kmsKeyId: snapshot.kmsKeyArn,
    tagSet: tagSet(snapshot.tags),
  };
}
