// publishToAws against the loopback AWS fake with the real SDK clients: what a first publish
// creates and records, how re-runs reuse and adopt, and that every failure leaves nothing
// behind and says one clear thing.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { AwsClients } from '../../../src/cloud/aws/clients.js';
import { describeJob } from '../../../src/cloud/aws/publisher.js';
import { uploadSnapshot } from '../../../src/cloud/aws/snapshot-upload.js';
import { waitForSnapshot } from '../../../src/cloud/aws/wait.js';
import { awsImageName } from '../../../src/cloud/naming.js';
import { noRecorder } from '../../../src/cloud/types.js';
import { UserError } from '../../../src/errors.js';
import { recordingLogger } from '../../../src/log.js';
import { type AwsFake, startAwsFake } from './fake.js';
import {
  awsPlan,
  HOME,
  imageAt,
  makeTempDir,
  ownTags,
  publishContext,
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

/** A small image (3 data blocks, a zero block, 1 data block, a zero tail). */
function smallImage(overrides: Parameters<typeof imageAt>[2] = {}) {
  const file = path.join(temp.dir, 'webapp.img');
  const bytes = writeImage(file, [{ data: 3 }, { zero: 1 }, { data: 1 }, { zero: 2 }]);
  return { image: imageAt(file, bytes, overrides), bytes };
}

const everything = () => ({
  images: fake.store.list('image'),
  snapshots: fake.store.list('snapshot'),
});

describe('a first publish', () => {
  test('uploads, registers a Nitro-ready AMI, records each id at once and settles them', async () => {
    const { image, bytes } = smallImage();
    const run = await tryPublish(image, awsPlan({ tags: { team: 'web' } }));

    expect(run.error).toBeUndefined();
    const published = run.result!;
    expect(published).toEqual({
      region: HOME,
      amiId: expect.stringMatching(/^ami-/),
      snapshotId: expect.stringMatching(/^snap-/),
      amiIds: { [HOME]: published.amiId },
      name: expect.stringMatching(/^nanoship\/webapp\/a1b2c3d\/\d{8}T\d{6}Z$/),
      reused: false,
    });
    const register = fake.operations('RegisterImage')[0]!.params;
    expect(register).toMatchObject({
      Name: published.name,
      Architecture: 'x86_64',
      RootDeviceName: '/dev/sda1',
      'BlockDeviceMapping.1.DeviceName': '/dev/sda1',
      'BlockDeviceMapping.1.Ebs.SnapshotId': published.snapshotId,
      'BlockDeviceMapping.1.Ebs.VolumeType': 'gp3',
      'BlockDeviceMapping.1.Ebs.DeleteOnTermination': 'true',
      EnaSupport: 'true',
      VirtualizationType: 'hvm',
      BootMode: 'legacy-bios',
      ImdsSupport: 'v2.0',
      'TagSpecification.1.ResourceType': 'image',
    });
    const ami = fake.store.get('image', HOME, published.amiId)!;
    expect(ami.state).toBe('available');
    expect(ami.tags).toMatchObject({
      'nanoship:managed': 'true',
      'nanoship:kind': 'image',
      'nanoship:digest': image.sha256,
      'nanoship:repo-id': '424242',
      'nanoship:channel': 'branch-main',
      Name: published.name,
      team: 'web',
    });
    const snapshot = fake.store.get('snapshot', HOME, published.snapshotId)!;
    expect(snapshot.tags).toMatchObject({
      'nanoship:kind': 'snapshot',
      'nanoship:digest': image.sha256,
    });
    expect(
      (await fake.readSnapshot(published.snapshotId)).bytes.equals(bytes.subarray(0, 5 * 524288)),
    ).toBe(true);
    expect(run.recorder.events).toEqual([
      `created snapshot ${published.snapshotId} ${HOME}`,
      `created image ${published.amiId} ${HOME}`,
      `settled snapshot ${published.snapshotId} ${HOME}`,
      `settled image ${published.amiId} ${HOME}`,
    ]);
    // Every call went to the home region, and each service was signed for itself.
    expect(new Set(fake.requests.map((r) => r.region))).toEqual(new Set([HOME]));
  });

  test.each([
    { arch: 'x86_64', bootMode: 'bios', architecture: 'x86_64', amiBootMode: 'legacy-bios' },
    { arch: 'x86_64', bootMode: 'uefi', architecture: 'x86_64', amiBootMode: 'uefi' },
    { arch: 'x86_64', bootMode: 'hybrid', architecture: 'x86_64', amiBootMode: 'uefi-preferred' },
    { arch: 'aarch64', bootMode: 'bios', architecture: 'arm64', amiBootMode: 'uefi' },
    { arch: 'aarch64', bootMode: 'uefi', architecture: 'arm64', amiBootMode: 'uefi' },
  ] as const)('$arch with $bootMode firmware → $architecture, $amiBootMode', async (row) => {
    const { image } = smallImage({ arch: row.arch, bootMode: row.bootMode });
    const run = await tryPublish(image, awsPlan());
    const ami = fake.store.get('image', HOME, run.result!.amiId)!;
    expect({ architecture: ami.architecture, bootMode: ami.bootMode }).toEqual({
      architecture: row.architecture,
      bootMode: row.amiBootMode,
    });
  });

  test.each(['aws', 'cloudwatch'])(
    'with the %s klib IMDSv1 stays allowed, with a warning',
    async (klib) => {
      const { image } = smallImage({ klibs: ['tls', klib] });
      const run = await tryPublish(image, awsPlan());
      expect(fake.operations('RegisterImage')[0]!.params.ImdsSupport).toBeUndefined();
      expect(fake.store.get('image', HOME, run.result!.amiId)!.imdsSupport).toBeUndefined();
      expect(run.logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
        expect.stringMatching(/aws or cloudwatch klib.*IMDSv1/),
      ]);
    },
  );
});

describe('re-runs', () => {
  test('publishing the same bytes again reuses the AMI and uploads nothing', async () => {
    const { image } = smallImage();
    const first = await tryPublish(image, awsPlan());
    const before = fake.requests.length;

    const again = await tryPublish(image, awsPlan(), publishContext({ run: '1001-2' }));

    expect(again.result).toMatchObject({
      amiId: first.result!.amiId,
      snapshotId: first.result!.snapshotId,
      name: first.result!.name,
      reused: true,
    });
    const later = fake.requests.slice(before).map((r) => r.operation);
    expect(later).not.toContain('StartSnapshot');
    expect(later).not.toContain('PutSnapshotBlock');
    expect(later).not.toContain('RegisterImage');
    expect(again.recorder.events).toEqual([]);
    expect(fake.store.list('image')).toHaveLength(1);
  });

  test('a StartSnapshot whose answer was lost gives back the same snapshot (ClientToken)', async () => {
    const { image } = smallImage();
    fake.inject({
      kind: 'error',
      operation: 'StartSnapshot',
      code: 'InternalServerException',
      status: 500,
      afterEffect: true,
      times: 1,
    });
    const run = await tryPublish(image, awsPlan());
    const starts = fake.operations('StartSnapshot');
    expect(starts.map((s) => s.status)).toEqual([500, 201]);
    expect(starts[0]!.params.ClientToken).toBe(starts[1]!.params.ClientToken);
    expect(fake.store.list('snapshot').map((s) => s.id)).toEqual([run.result!.snapshotId]);
  });

  test('the same bytes on another channel get their own AMI (retention counts per channel)', async () => {
    const { image } = smallImage();
    await tryPublish(image, awsPlan());
    const release = await tryPublish(image, awsPlan(), {
      ...publishContext({ version: '1.2.3', run: '1002-1' }),
      channel: 'release',
    });
    expect(release.error).toBeUndefined();
    expect(release.result!.reused).toBe(false);
    expect(fake.store.list('image')).toHaveLength(2);
  });

  test('adopts the sealed snapshot a run that crashed before RegisterImage left', async () => {
    const { image, bytes } = smallImage();
    const context = publishContext({ run: '77-1' });
    // The crashed run: its snapshot uploaded and sealed, with the tags publish gives it.
    const job = describeJob(image, awsPlan(), context, {
      logger: recordingLogger(),
      recorder: noRecorder,
    });
    const clients = new AwsClients();
    const { timing } = virtualTiming();
    const { ec2, ebs } = clients.forRegion(HOME);
    const crashed = await uploadSnapshot({
      ebs,
      region: HOME,
      file: image.path,
      snapshot: { clientToken: 'crashed-run', tags: job.snapshotTags, description: 'x' },
      concurrency: 'adaptive',
      timing,
      logger: recordingLogger(),
      onStarted: () => {},
    });
    await waitForSnapshot(ec2, HOME, crashed.snapshotId, { timing, logger: recordingLogger() });
    clients.destroy();
    const before = fake.requests.length;

    const run = await tryPublish(image, awsPlan(), publishContext({ run: '77-2' }));

    expect(run.result).toMatchObject({ snapshotId: crashed.snapshotId, reused: false });
    const later = fake.requests.slice(before).map((r) => r.operation);
    expect(later).not.toContain('StartSnapshot');
    expect(later).not.toContain('PutSnapshotBlock');
    expect(fake.operations('RegisterImage')[0]!.params['BlockDeviceMapping.1.Ebs.SnapshotId']).toBe(
      crashed.snapshotId,
    );
    expect(run.recorder.events[0]).toBe(`created snapshot ${crashed.snapshotId} ${HOME}`);
    expect(run.recorder.unsettled()).toEqual([]);
    expect(
      (await fake.readSnapshot(crashed.snapshotId)).bytes.equals(bytes.subarray(0, 5 * 524288)),
    ).toBe(true);
  });

  test('a snapshot of the same bytes that an AMI already uses is not adopted', async () => {
    const { image } = smallImage();
    const tags = ownTags({ 'nanoship:kind': 'snapshot', 'nanoship:digest': image.sha256 });
    const { snapshotId } = fake.seedImage({
      region: HOME,
      name: 'someone-else',
      tags: { other: 'image' },
      snapshotTags: tags,
    });
    const run = await tryPublish(image, awsPlan());
    expect(run.result!.snapshotId).not.toBe(snapshotId);
    expect(fake.operations('StartSnapshot')).toHaveLength(1);
  });

  test('a duplicate name held by this image (a retried RegisterImage) is adopted', async () => {
    const { image } = smallImage();
    const now = new Date();
    const name = awsImageName(image, publishContext().provenance, now);
    // Same bytes and name, but tagged for another channel, so the reuse lookup misses it.
    const { imageId } = fake.seedImage({
      region: HOME,
      name,
      tags: ownTags({ 'nanoship:digest': image.sha256, 'nanoship:channel': 'release' }),
    });
    const run = await tryPublish(image, awsPlan(), publishContext(), { now });
    expect(fake.operations('RegisterImage', 400)[0]?.code).toBe('InvalidAMIName.Duplicate');
    expect(run.result!.amiId).toBe(imageId);
  });

  test('a duplicate name held by other bytes fails, and the new snapshot is deleted', async () => {
    const { image } = smallImage();
    const now = new Date();
    const name = awsImageName(image, publishContext().provenance, now);
    const { imageId } = fake.seedImage({ region: HOME, name, tags: ownTags() });
    const run = await tryPublish(image, awsPlan(), publishContext(), { now });
    expect(run.error).toBeInstanceOf(UserError);
    expect(run.error!.message).toBe(
      `An AMI named "${name}" already exists in ${HOME} (${imageId}) and holds a different image (digest ${'0'.repeat(64)}, this image is ${image.sha256}). Deregister it, or publish with another version or image name.`,
    );
    expect(fake.store.list('snapshot').map((s) => s.id)).toEqual([
      fake.store.list('image')[0]!.blockDevices[0]!.snapshotId,
    ]);
    expect(run.recorder.unsettled()).toEqual([]);
  });
});

describe('failures leave nothing behind', () => {
  test('a snapshot that seals into error fails at once with AWS’s message and is deleted', async () => {
    const { image } = smallImage();
    fake.inject({ kind: 'snapshot-error', message: 'Snapshot failed: internal checksum mismatch' });
    const run = await tryPublish(image, awsPlan());

    expect(run.error).toBeInstanceOf(UserError);
    expect(run.error!.message).toMatch(
      /^Snapshot snap-\w+ in eu-west-1 went to state error: Snapshot failed: internal checksum mismatch\. Run again/,
    );
    // At once: the poll that saw `error` was the last (the fake seals after one pending poll).
    expect(fake.operations('DescribeSnapshots').length).toBeLessThanOrEqual(3);
    expect(fake.operations('RegisterImage')).toHaveLength(0);
    expect(everything()).toEqual({ images: [], snapshots: [] });
    expect(run.recorder.unsettled()).toEqual([]);
  });

  test('a refused RegisterImage deletes the snapshot and says why in one line', async () => {
    const { image } = smallImage();
    fake.inject({
      kind: 'error',
      operation: 'RegisterImage',
      code: 'InvalidParameterValue',
      message: 'Value (uefi) for parameter BootMode is invalid.',
    });
    const run = await tryPublish(image, awsPlan());
    expect(run.error).toBeInstanceOf(UserError);
    expect(run.error!.message).toMatch(
      /^AWS failed ec2:RegisterImage in eu-west-1 for snap-\w+: InvalidParameterValue: Value \(uefi\) for parameter BootMode is invalid\.$/,
    );
    expect(fake.operations('DeleteSnapshot', 200)).toHaveLength(1);
    expect(everything()).toEqual({ images: [], snapshots: [] });
    expect(run.recorder.unsettled()).toEqual([]);
  });

  test('an AMI that ends failed is deregistered with its snapshot; the message has StateReason', async () => {
    const { image } = smallImage();
    fake.inject({
      kind: 'image-failed',
      code: 'Client.InvalidSnapshot',
      message: 'bad root volume',
    });
    const run = await tryPublish(image, awsPlan());
    expect(run.error!.message).toMatch(
      /^AMI ami-\w+ in eu-west-1 went to state failed: Client\.InvalidSnapshot: bad root volume\.$/,
    );
    expect(fake.operations('DeregisterImage', 200)).toHaveLength(1);
    expect(everything()).toEqual({ images: [], snapshots: [] });
  });

  test('UnauthorizedOperation names the IAM actions the role lacks', async () => {
    const { image } = smallImage();
    fake.inject({
      kind: 'error',
      operation: 'RegisterImage',
      code: 'UnauthorizedOperation',
      status: 403,
      message:
        'You are not authorized to perform this operation. Encoded authorization failure message: AbC123',
    });
    const run = await tryPublish(image, awsPlan());
    expect(run.error!.message).toMatch(
      /^AWS refused ec2:RegisterImage in eu-west-1 for snap-\w+: UnauthorizedOperation: You are not authorized to perform this operation\. Encoded authorization failure message: AbC123\. The credentials lack ec2:RegisterImage and ec2:CreateTags: grant them to the role \(nanoship's docs\/aws\.md lists the policies\)\.$/,
    );
    expect(everything()).toEqual({ images: [], snapshots: [] });
  });

  test('a failed copy deletes every AMI and snapshot the run made, in every region', async () => {
    const { image } = smallImage();
    fake.inject({
      kind: 'image-failed',
      region: 'us-west-2',
      code: 'InternalError',
      message: 'copy failed',
    });
    const run = await tryPublish(image, awsPlan({ copyRegions: ['us-east-1', 'us-west-2'] }));
    expect(run.error!.message).toMatch(
      /^AMI ami-\w+ in us-west-2 went to state failed: InternalError: copy failed\.$/,
    );
    expect(everything()).toEqual({ images: [], snapshots: [] });
    expect(run.recorder.unsettled()).toEqual([]);
    expect(run.recorder.events.filter((e) => e.startsWith('created'))).toHaveLength(4);
  });

  test('what cannot be deleted stays recorded for the post step, with a warning', async () => {
    const { image } = smallImage();
    fake.inject({ kind: 'error', operation: 'RegisterImage', code: 'InvalidParameterValue' });
    fake.inject({
      kind: 'error',
      operation: 'DeleteSnapshot',
      code: 'UnauthorizedOperation',
      status: 403,
    });
    const run = await tryPublish(image, awsPlan());
    expect(run.error!.message).toMatch(/ec2:RegisterImage/);
    expect(run.recorder.unsettled()).toEqual([
      { cloud: 'aws', kind: 'snapshot', region: HOME, id: expect.stringMatching(/^snap-/) },
    ]);
    expect(run.logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      expect.stringMatching(
        /^Could not delete snapshot snap-\w+ in eu-west-1: AWS refused ec2:DeleteSnapshot/,
      ),
    ]);
  });

  test('a cancel stops the upload and deletes the snapshot', async () => {
    const file = path.join(temp.dir, 'big.img');
    const image = imageAt(file, writeImage(file, [{ data: 64 }]));
    fake.inject({ kind: 'latency', operation: 'PutSnapshotBlock', ms: 20 });
    const abort = new AbortController();
    const running = tryPublish(image, awsPlan(), publishContext(), { signal: abort.signal });
    const started = setInterval(() => {
      if (fake.operations('PutSnapshotBlock').length > 0) abort.abort();
    }, 5);
    const run = await running;
    clearInterval(started);
    expect(run.error).toBeInstanceOf(UserError);
    expect(run.error!.message).toMatch(/cancelled/);
    expect(everything()).toEqual({ images: [], snapshots: [] });
    expect(run.recorder.unsettled()).toEqual([]);
  });
});
