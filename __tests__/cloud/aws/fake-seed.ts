/**
 * Resources put straight into the AWS fake's store, as earlier runs (or other tools) would have
 * left them: a completed snapshot, an AMI on one. Retention, reuse and cleanup tests start
 * from these.
 */
import path from 'node:path';
import { type FakeStore, type ImageRecord, newId, type SnapshotRecord } from './fake-state.js';

export interface SeedSnapshot {
  region: string;
  tags?: Record<string, string>;
  state?: SnapshotRecord['state'];
  createdAt?: Date;
  encrypted?: boolean;
}

export interface SeedImage {
  region: string;
  name: string;
  tags?: Record<string, string>;
  snapshotTags?: Record<string, string>;
  state?: ImageRecord['state'];
  createdAt?: Date;
}

export function seedSnapshot(store: FakeStore, blockDir: string, seed: SeedSnapshot): string {
  const id = newId('snap');
  store.put({
    type: 'snapshot',
    id,
    region: seed.region,
    tags: seed.tags ?? {},
    createdAt: seed.createdAt ?? new Date(),
    state: seed.state ?? 'completed',
    volumeSize: 1,
    description: 'seeded',
    encrypted: seed.encrypted ?? false,
    blockFile: path.join(blockDir, `${seed.region}-${id}.blocks`),
    digests: new Map(),
    completing: seed.state !== 'pending',
    sealPollsLeft: 0,
    invisiblePollsLeft: 0,
    createVolumeUsers: new Set(),
  });
  return id;
}

export function seedImage(
  store: FakeStore,
  blockDir: string,
  seed: SeedImage,
): { imageId: string; snapshotId: string } {
  const snapshotId = seedSnapshot(store, blockDir, {
    region: seed.region,
    tags: seed.snapshotTags ?? seed.tags,
    createdAt: seed.createdAt,
  });
  const imageId = newId('ami');
  store.put({
    type: 'image',
    id: imageId,
    region: seed.region,
    tags: seed.tags ?? {},
    createdAt: seed.createdAt ?? new Date(),
    name: seed.name,
    state: seed.state ?? 'available',
    architecture: 'x86_64',
    rootDeviceName: '/dev/sda1',
    blockDevices: [
      {
        deviceName: '/dev/sda1',
        snapshotId,
        volumeType: 'gp3',
        deleteOnTermination: true,
        encrypted: false,
      },
    ],
    virtualizationType: 'hvm',
    enaSupport: true,
    launchPermissions: [],
    // A seeded pending AMI stays pending: another run's, still in progress.
    pendingPollsLeft: seed.state === 'pending' ? Number.POSITIVE_INFINITY : 0,
  });
  return { imageId, snapshotId };
}
