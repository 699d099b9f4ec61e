/**
 * publishToGcp with the real @google-cloud clients against the fake, reached only through
 * gcloud's endpoint variables (turned into the plan by planPublish) and an external_account
 * credentials file, as a runner after google-github-actions/auth would have them.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createDiskTarball } from '../../../src/cloud/gcp/disk-tarball.js';
import { publishToGcp } from '../../../src/cloud/gcp/index.js';
import { UserError } from '../../../src/errors.js';
import {
  BUCKET,
  CONTEXT,
  compareWithPadded,
  type GcpWorld,
  GIB,
  PROJECT,
  planFor,
  startWorld,
  writeImage,
} from './publish-fixtures.js';

const MIB = 2 ** 20;
const FIXED_NOW = new Date('2026-06-01T12:00:00Z');

let world: GcpWorld;
afterEach(async () => {
  await world?.stop();
});

const deps = () => ({ logger: world.logger, recorder: world.recorder, now: () => FIXED_NOW });
const routes = (id: string) => world.fake.requests.filter((r) => r.route === id);

describe('a new image', () => {
  beforeEach(async () => {
    world = await startWorld();
  });

  test('is uploaded as a disk.raw tarball, imported, and its staging object deleted', async () => {
    const image = await writeImage(world.dir, 'app', 3 * MIB, 5 * MIB);
    const plan = planFor(world, { gcpStorageLocation: 'eu', gcpLabels: ['team=edge'] });

    const published = await publishToGcp(image, plan, CONTEXT, deps());

    expect(published).toEqual({
      project: PROJECT,
      image: 'app-1a2b3c4',
      imageUri: `projects/${PROJECT}/global/images/app-1a2b3c4`,
      family: 'app-branch-main',
      reused: false,
    });
    const [created] = world.fake.images(PROJECT);
    expect(created).toMatchObject({
      name: 'app-1a2b3c4',
      status: 'READY',
      family: 'app-branch-main',
      architecture: 'X86_64',
      diskSizeGb: '1',
      storageLocations: ['eu'],
      guestOsFeatures: [{ type: 'GVNIC' }],
      rawDisk: {
        source: `https://storage.googleapis.com/${BUCKET}/nanoship/4242/1a2b3c4/app.tar.gz`,
      },
      labels: expect.objectContaining({
        'nanoship-managed': 'true',
        'nanoship-kind': 'image',
        'nanoship-digest': image.sha256.slice(0, 63),
        'nanoship-repo-id': '4242',
        'nanoship-channel': 'branch-main',
        team: 'edge',
      }),
    });
    const mismatch = await compareWithPadded(
      world.fake.extractedDisk(PROJECT, 'app-1a2b3c4'),
      image.path,
      GIB,
    );
    expect(mismatch).toBeUndefined();
    expect(world.fake.objects(BUCKET)).toEqual([]);
    const object = {
      cloud: 'gcp',
      kind: 'object',
      project: PROJECT,
      bucket: BUCKET,
      id: 'nanoship/4242/1a2b3c4/app.tar.gz',
    };
    const img = { cloud: 'gcp', kind: 'image', project: PROJECT, id: 'app-1a2b3c4' };
    expect(world.created).toEqual([object, img]);
    expect(world.settled).toEqual(expect.arrayContaining([object, img]));
    const [session] = routes('storage.objects.insert');
    expect(session!.query).toMatchObject({ uploadType: 'resumable', ifGenerationMatch: '0' });
    const [insert] = routes('compute.images.insert');
    expect(insert!.query.requestId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(routes('compute.globalOperations.wait').length).toBeGreaterThanOrEqual(2);
    expect(world.fake.pendingFaults()).toEqual([]);
  }, 60_000);
});

describe('the upload', () => {
  beforeEach(async () => {
    world = await startWorld();
  });

  test('resumes after the connection drops mid-chunk and after a 503, and the object is whole', async () => {
    const image = await writeImage(world.dir, 'app', 3 * MIB);
    world.fake.inject('storage.objects.upload', { dropAfterBytes: 1_500_000 });
    world.fake.inject('storage.objects.upload', { status: 503, reason: 'backendError' });

    await publishToGcp(image, planFor(world), CONTEXT, deps());

    expect(world.fake.pendingFaults()).toEqual([]);
    const puts = routes('storage.objects.upload').map((r) => r.status);
    // Status query (308), the chunk dropped mid-body (no answer), status query (308: the
    // whole granules kept), the rest of the chunk (503), status query (308), the rest (200).
    expect(puts).toEqual([308, 0, 308, 503, 308, 200]);
    const mismatch = await compareWithPadded(
      world.fake.extractedDisk(PROJECT, 'app-1a2b3c4'),
      image.path,
      GIB,
    );
    expect(mismatch).toBeUndefined();
  }, 60_000);

  test('a reply without CRC32C and MD5 makes the client refuse the object (guards the fake)', async () => {
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    world.fake.setOmitHashes(true);

    const failure = publishToGcp(image, planFor(world), CONTEXT, deps());

    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(/arrived damaged/);
    expect(world.fake.objects(BUCKET)).toEqual([]);
    expect(routes('compute.images.insert')).toEqual([]);
  }, 60_000);

  const STAGED = 'nanoship/4242/1a2b3c4/app.tar.gz';

  test('a staging object an earlier attempt left for the same digest is imported as it is', async () => {
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    const bytes: Buffer[] = [];
    for await (const chunk of createDiskTarball(image.path, image.sizeBytes).chunks)
      bytes.push(chunk);
    await world.fake.putObject(BUCKET, STAGED, Buffer.concat(bytes), {
      'nanoship-digest': image.sha256,
    });

    const published = await publishToGcp(image, planFor(world), CONTEXT, deps());

    expect(published.reused).toBe(false);
    expect(world.fake.images(PROJECT).map((i) => i.status)).toEqual(['READY']);
    expect(routes('storage.objects.upload')).toEqual([]);
    expect(world.fake.objects(BUCKET)).toEqual([]);
    expect(world.created.map((r) => r.kind)).toEqual(['object', 'image']);
  }, 60_000);

  test('a staging object holding another image is refused and left alone', async () => {
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    await world.fake.putObject(BUCKET, STAGED, Buffer.from('not this build'), {
      'nanoship-digest': 'f'.repeat(64),
    });

    const refused = publishToGcp(image, planFor(world), CONTEXT, deps());

    await expect(refused).rejects.toThrow(
      `The staging object gs://${BUCKET}/${STAGED} already exists and holds another image`,
    );
    expect(world.fake.objects(BUCKET).map((o) => o.name)).toEqual([STAGED]);
    expect(world.fake.images(PROJECT)).toEqual([]);
  }, 60_000);
});

describe('an image that exists', () => {
  beforeEach(async () => {
    world = await startWorld();
  });

  test('is reused on a re-run: same digest, nothing uploaded or created', async () => {
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    const first = await publishToGcp(image, planFor(world), CONTEXT, deps());
    const requestsBefore = world.fake.requests.length;
    const later = { ...CONTEXT, provenance: { ...CONTEXT.provenance, run: '99-2' } };

    const again = await publishToGcp(image, planFor(world), later, deps());

    expect(again).toEqual({ ...first, reused: true });
    const rerun = world.fake.requests.slice(requestsBefore).map((r) => r.route);
    expect(rerun).not.toContain('storage.objects.insert');
    expect(rerun).not.toContain('compute.images.insert');
    expect(world.fake.images(PROJECT)).toHaveLength(1);
  }, 60_000);

  test('of another build under the same name stops the publish before any upload', async () => {
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    world.fake.seedImage(PROJECT, {
      name: 'app-1a2b3c4',
      labels: { 'nanoship-managed': 'true', 'nanoship-digest': 'e'.repeat(63) },
    });

    const failure = publishToGcp(image, planFor(world), CONTEXT, deps());

    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(
      `Image name app-1a2b3c4 is taken in project ${PROJECT} by a different build (its digest label ${'e'.repeat(63)}, this image's sha256 is ${image.sha256})`,
    );
    expect(routes('storage.objects.insert')).toEqual([]);
    expect(world.created).toEqual([]);
  }, 60_000);
});

describe('a failing import', () => {
  beforeEach(async () => {
    world = await startWorld();
  });

  test('fails with every operation error and deletes the image and the staging object', async () => {
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    world.fake.failNextImport([
      { code: 'QUOTA_EXCEEDED', message: "Quota 'IMAGES' exceeded. Limit: 100.0 globally." },
      { code: 'RESOURCE_OPERATION_RATE_EXCEEDED', message: 'Operation rate exceeded.' },
    ]);

    const failure = publishToGcp(image, planFor(world), CONTEXT, deps());

    await expect(failure).rejects.toThrow(
      "Google Cloud failed importing image app-1a2b3c4 from https://storage.googleapis.com/nanoship-staging/nanoship/4242/1a2b3c4/app.tar.gz: QUOTA_EXCEEDED: Quota 'IMAGES' exceeded. Limit: 100.0 globally.; RESOURCE_OPERATION_RATE_EXCEEDED: Operation rate exceeded..",
    );
    expect(world.fake.images(PROJECT)).toEqual([]);
    expect(world.fake.objects(BUCKET)).toEqual([]);
    expect(world.settled).toEqual([...world.created].reverse()); // undone newest first
    expect(world.created.map((r) => r.kind)).toEqual(['object', 'image']);
  }, 60_000);

  test('a lost insert response is retried with the same request id: one image', async () => {
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    world.fake.inject('compute.images.insert', { dropResponse: true });

    await publishToGcp(image, planFor(world), CONTEXT, deps());

    const inserts = routes('compute.images.insert');
    expect(inserts).toHaveLength(2);
    expect(inserts[0]!.query.requestId).toBe(inserts[1]!.query.requestId);
    expect(world.fake.images(PROJECT).map((i) => i.name)).toEqual(['app-1a2b3c4']);
    expect(world.logger.lines.map((l) => l.message)).toContainEqual(
      expect.stringMatching(/^creating image app-1a2b3c4: attempt 1 of 4 failed: /),
    );
  }, 60_000);

  test('the Compute API switched off is named as such', async () => {
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    world.fake.inject('compute.images.list', {
      status: 403,
      reason: 'accessNotConfigured',
      message:
        'Compute Engine API has not been used in project 123456789012 before or it is disabled.',
    });

    const failure = publishToGcp(image, planFor(world), CONTEXT, deps());

    await expect(failure).rejects.toThrow(
      `Compute Engine API not enabled in project ${PROJECT} (403 accessNotConfigured: Compute Engine API has not been used in project 123456789012 before or it is disabled.): enable it with "gcloud services enable compute.googleapis.com --project ${PROJECT}"`,
    );
  }, 60_000);
});

describe('a missing staging bucket', () => {
  beforeEach(async () => {
    world = await startWorld({ buckets: ['another-bucket'] });
  });

  test('is named, and nothing is created', async () => {
    const image = await writeImage(world.dir, 'app', 64 * 1024);

    const failure = publishToGcp(image, planFor(world), CONTEXT, deps());

    await expect(failure).rejects.toThrow(
      `Cloud Storage bucket ${BUCKET} not found (The specified bucket does not exist.): create it (nanoship does not), or set gcp-bucket to a bucket the credentials can write to.`,
    );
    expect(world.created).toEqual([]);
    expect(world.fake.images(PROJECT)).toEqual([]);
  }, 60_000);
});
