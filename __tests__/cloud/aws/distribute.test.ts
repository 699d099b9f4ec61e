// After the AMI exists: copies to other regions (sent to and signed for the destination),
// sharing, public access, deprecation and aws-keep retention, then the post step's cleanup,
// all against the loopback AWS fake with the real SDK clients.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { deleteAwsResources } from '../../../src/cloud/aws/index.js';
import { recordingLogger } from '../../../src/log.js';
import { type AwsFake, startAwsFake } from './fake.js';
import {
  awsPlan,
  HOME,
  imageAt,
  makeTempDir,
  ownTags,
  tryPublish,
  useFakeAws,
  virtualTiming,
  writeImage,
} from './fixtures.js';

let fake: AwsFake;
let restoreEnv: () => void;
let temp: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  fake = await startAwsFake();
  restoreEnv = useFakeAws({ all: fake.endpoint });
  temp = makeTempDir();
});
afterEach(async () => {
  restoreEnv();
  temp.remove();
  await fake.close();
});

/** Replaces the test's fake with one started with `options`. */
async function restartFake(options: Parameters<typeof startAwsFake>[0]) {
  await fake.close();
  restoreEnv();
  fake = await startAwsFake(options);
  restoreEnv = useFakeAws({ all: fake.endpoint });
}

function smallImage() {
  const file = path.join(temp.dir, 'webapp.img');
  return imageAt(file, writeImage(file, [{ data: 2 }, { partialData: 4096 }]));
}

const ACCOUNT = '210987654321';
const ORG = 'arn:aws:organizations::123456789012:organization/o-abcdefghij';
const OU = 'arn:aws:organizations::123456789012:ou/o-abcdefghij/ou-ab12-cdefgh34';

describe('copies', () => {
  test('are sent to and signed for the destination region, tagged, and reported', async () => {
    const image = smallImage();
    const run = await tryPublish(image, awsPlan({ copyRegions: ['us-east-1', 'ap-south-1'] }));

    const { amiIds, amiId } = run.result!;
    expect(Object.keys(amiIds).sort()).toEqual(['ap-south-1', 'eu-west-1', 'us-east-1']);
    const copies = fake.operations('CopyImage');
    expect(copies.map((c) => c.region).sort()).toEqual(['ap-south-1', 'us-east-1']);
    for (const copy of copies) {
      expect(copy.params).toMatchObject({
        SourceRegion: HOME,
        SourceImageId: amiId,
        Name: run.result!.name,
      });
    }
    for (const region of ['us-east-1', 'ap-south-1']) {
      const ami = fake.store.get('image', region, amiIds[region]!)!;
      expect(ami.state).toBe('available');
      expect(ami.tags).toMatchObject({ 'nanoship:kind': 'image', 'nanoship:digest': image.sha256 });
      const snapshot = fake.store.get('snapshot', region, ami.blockDevices[0]!.snapshotId)!;
      expect(snapshot.tags).toMatchObject({
        'nanoship:kind': 'snapshot',
        'nanoship:digest': image.sha256,
      });
      // The copy was waited for in its own region.
      expect(fake.operations('DescribeImages').some((r) => r.region === region)).toBe(true);
    }
    expect(run.recorder.unsettled()).toEqual([]);
    expect(run.recorder.events.filter((e) => e.startsWith('settled image'))).toHaveLength(3);
  });

  test('a re-run reuses the copies already made', async () => {
    const image = smallImage();
    const plan = awsPlan({ copyRegions: ['us-east-1'] });
    const first = await tryPublish(image, plan);
    const again = await tryPublish(image, plan);
    expect(again.result!.amiIds).toEqual(first.result!.amiIds);
    expect(fake.operations('CopyImage')).toHaveLength(1);
  });
});

describe('sharing and public access', () => {
  test('accounts, organisations and OUs may launch every AMI; accounts may copy the snapshots', async () => {
    const image = smallImage();
    const run = await tryPublish(
      image,
      awsPlan({ copyRegions: ['us-east-1'], shareAccounts: [ACCOUNT, ORG, OU] }),
    );
    for (const [region, id] of Object.entries(run.result!.amiIds)) {
      const ami = fake.store.get('image', region, id)!;
      expect(ami.launchPermissions).toEqual([
        expect.objectContaining({ userId: ACCOUNT }),
        expect.objectContaining({ organizationArn: ORG }),
        expect.objectContaining({ organizationalUnitArn: OU }),
      ]);
      const snapshot = fake.store.get('snapshot', region, ami.blockDevices[0]!.snapshotId)!;
      expect([...snapshot.createVolumeUsers]).toEqual([ACCOUNT]);
    }
    expect(run.logger.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });

  test('public: checked against block public access first, granted to all, said loudly', async () => {
    const image = smallImage();
    const run = await tryPublish(image, awsPlan({ public: true, copyRegions: ['us-east-1'] }));
    const checks = fake.operations('GetImageBlockPublicAccessState');
    expect(checks.map((c) => c.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
    expect(
      fake.requests.findIndex((r) => r.operation === 'GetImageBlockPublicAccessState'),
    ).toBeLessThan(fake.requests.findIndex((r) => r.operation === 'StartSnapshot'));
    for (const [region, id] of Object.entries(run.result!.amiIds)) {
      expect(fake.store.get('image', region, id)!.launchPermissions).toEqual([
        expect.objectContaining({ group: 'all' }),
      ]);
    }
    const warnings = run.logger.lines.filter((l) => l.level === 'warning').map((l) => l.message);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^Made public: ami-\w+ \(eu-west-1\), ami-\w+ \(us-east-1\)\. Any AWS account can now launch them/,
      ),
    ]);
  });

  test('public is refused before anything is uploaded when block public access is on', async () => {
    await restartFake({ blockPublicAccess: { 'us-east-1': 'block-new-sharing' } });
    const run = await tryPublish(
      smallImage(),
      awsPlan({ public: true, copyRegions: ['us-east-1'] }),
    );
    expect(run.error!.message).toMatch(
      /^aws-public is set, but block public access for AMIs is on in us-east-1 \(state block-new-sharing\).*DisableImageBlockPublicAccess/,
    );
    expect(fake.operations('StartSnapshot')).toHaveLength(0);
    expect(run.recorder.events).toEqual([]);
  });
});

describe('deprecation', () => {
  test('every AMI is deprecated at now + aws-deprecate-after, rounded up to the minute', async () => {
    const now = new Date(Date.now() + 30_500);
    const day = 24 * 3_600_000;
    const run = await tryPublish(
      smallImage(),
      awsPlan({ copyRegions: ['us-east-1'], deprecateAfterMs: 90 * day }),
      undefined,
      { now },
    );
    const expected = new Date(Math.ceil((now.getTime() + 90 * day) / 60_000) * 60_000);
    for (const [region, id] of Object.entries(run.result!.amiIds)) {
      expect(fake.store.get('image', region, id)!.deprecationTime).toEqual(expected);
    }
  });
});

describe('retention (aws-keep)', () => {
  test('keeps the newest N of this image, channel and repository, and touches nothing else', async () => {
    // Pages of 5, so the listing has to follow NextToken to see every AMI.
    await restartFake({ describePageSize: 5 });
    const day = 24 * 3_600_000;
    const ago = (days: number) => new Date(Date.now() - days * day);
    const seed = (name: string, days: number, tags: Record<string, string>, region = HOME) =>
      fake.seedImage({ region, name, createdAt: ago(days), tags, snapshotTags: tags });
    const own = [1, 2, 3, 4, 5, 6].map((days) => seed(`own-${days}`, days, ownTags()));
    const ownCopy = [
      seed('own-c1', 1, ownTags(), 'us-east-1'),
      seed('own-c2', 2, ownTags(), 'us-east-1'),
    ];
    const foreign = [
      seed('other-repo', 9, ownTags({ 'nanoship:repo-id': '999' })),
      seed('other-channel', 9, ownTags({ 'nanoship:channel': 'release' })),
      seed('other-image', 9, ownTags({ 'nanoship:image': 'api' })),
      seed('not-managed', 9, { ...ownTags(), 'nanoship:managed': 'false' }),
      seed('untagged', 9, {}),
      fake.seedImage({
        region: HOME,
        name: 'own-pending',
        createdAt: ago(8),
        tags: ownTags(),
        state: 'pending',
      }),
    ];
    const lone = fake.seedSnapshot({
      region: HOME,
      tags: ownTags({ 'nanoship:kind': 'snapshot' }),
    });

    const run = await tryPublish(smallImage(), awsPlan({ keep: 2, copyRegions: ['us-east-1'] }));

    expect(run.error).toBeUndefined();
    const images = (region: string) =>
      fake.store
        .list('image', region)
        .map((i) => i.id)
        .sort();
    const snapshots = (region: string) => fake.store.list('snapshot', region).map((s) => s.id);
    // Home: the new AMI and own-1 are kept; own-2 to own-6 go, with their snapshots.
    expect(images(HOME)).toEqual(
      [run.result!.amiId, own[0]!.imageId, ...foreign.map((f) => f.imageId)].sort(),
    );
    for (const gone of own.slice(1)) expect(snapshots(HOME)).not.toContain(gone.snapshotId);
    for (const kept of [own[0]!, ...foreign]) expect(snapshots(HOME)).toContain(kept.snapshotId);
    expect(snapshots(HOME)).toContain(lone);
    // The copy region counts its own: the new copy and own-c1.
    expect(images('us-east-1')).toEqual(
      [run.result!.amiIds['us-east-1']!, ownCopy[0]!.imageId].sort(),
    );
    expect(snapshots('us-east-1')).not.toContain(ownCopy[1]!.snapshotId);
    expect(fake.operations('DescribeImages').some((r) => r.params.NextToken !== undefined)).toBe(
      true,
    );
  });

  test('a deletion refused is a warning; the publish still succeeds', async () => {
    fake.seedImage({
      region: HOME,
      name: 'own-old',
      createdAt: new Date(Date.now() - 86_400_000),
      tags: ownTags(),
    });
    fake.inject({
      kind: 'error',
      operation: 'DeregisterImage',
      code: 'UnauthorizedOperation',
      status: 403,
    });
    const run = await tryPublish(smallImage(), awsPlan({ keep: 1 }));
    expect(run.error).toBeUndefined();
    expect(run.logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      expect.stringMatching(
        /^aws-keep: could not delete ami-\w+ in eu-west-1 .*AWS refused ec2:DeregisterImage/,
      ),
    ]);
  });
});

describe('deleteAwsResources (the post step)', () => {
  test('deletes recorded AMIs with their snapshots and lone snapshots; "already gone" is fine', async () => {
    const image = fake.seedImage({ region: 'us-east-1', name: 'left', tags: ownTags() });
    const lone = fake.seedSnapshot({ region: HOME, tags: ownTags() });
    const bystander = fake.seedImage({ region: HOME, name: 'keep-me', tags: ownTags() });
    const logger = recordingLogger();
    await deleteAwsResources(
      [
        { cloud: 'aws', kind: 'snapshot', region: 'us-east-1', id: image.snapshotId },
        { cloud: 'aws', kind: 'image', region: 'us-east-1', id: image.imageId },
        { cloud: 'aws', kind: 'snapshot', region: HOME, id: lone },
        { cloud: 'aws', kind: 'image', region: HOME, id: 'ami-0000000000000dead' },
        { cloud: 'aws', kind: 'snapshot', region: HOME, id: 'snap-0000000000000dead' },
      ],
      { logger },
      { timing: virtualTiming().timing },
    );
    expect(fake.store.list('image').map((i) => i.id)).toEqual([bystander.imageId]);
    expect(fake.store.list('snapshot').map((s) => s.id)).toEqual([bystander.snapshotId]);
    expect(logger.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });

  test('warns, naming the resource and the IAM action, and never throws', async () => {
    const lone = fake.seedSnapshot({ region: HOME, tags: ownTags() });
    fake.inject({
      kind: 'error',
      operation: 'DeleteSnapshot',
      code: 'UnauthorizedOperation',
      status: 403,
    });
    const logger = recordingLogger();
    await deleteAwsResources(
      [{ cloud: 'aws', kind: 'snapshot', region: HOME, id: lone }],
      { logger },
      { timing: virtualTiming().timing },
    );
    expect(logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Could not delete AWS snapshot ${lone} in eu-west-1: AWS refused ec2:DeleteSnapshot .*Delete it by hand`,
        ),
      ),
    ]);
  });

  test('waits for a snapshot still in use right after its AMI was deregistered', async () => {
    const image = fake.seedImage({ region: HOME, name: 'left', tags: ownTags() });
    fake.inject({
      kind: 'error',
      operation: 'DeleteSnapshot',
      code: 'InvalidSnapshot.InUse',
      times: 2,
    });
    const { timing, sleeps } = virtualTiming();
    await deleteAwsResources(
      [{ cloud: 'aws', kind: 'image', region: HOME, id: image.imageId }],
      {
        logger: recordingLogger(),
      },
      { timing },
    );
    expect(fake.store.list('snapshot')).toEqual([]);
    expect(sleeps).toEqual([5_000, 5_000]);
  });
});
