/**
 * Around a publish: retention and deprecation, where the project comes from, the post step's
 * cleanup, and cancellation. Real clients against the fake, as in publish.itg.test.ts.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { deleteGcpResources, publishToGcp } from '../../../src/cloud/gcp/index.js';
import { UserError } from '../../../src/errors.js';
import {
  BUCKET,
  CONTEXT,
  type GcpWorld,
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

describe('retention and deprecation', () => {
  beforeEach(async () => {
    world = await startWorld();
  });

  /** Labels of an image nanoship published earlier in the same group as CONTEXT's. */
  const groupLabels = (digest: string, channel = 'branch-main', repoId = '4242') => ({
    'nanoship-managed': 'true',
    'nanoship-kind': 'image',
    'nanoship-image': 'app',
    'nanoship-channel': channel,
    'nanoship-repo-id': repoId,
    'nanoship-digest': digest,
  });

  test('keep the newest of the group, deprecate the kept ones, touch nothing else', async () => {
    const seed = (name: string, labels?: Record<string, string>, family = 'app-branch-main') =>
      world.fake.seedImage(PROJECT, { name, family, labels });
    seed('app-old1', groupLabels('1'.repeat(63)));
    seed('app-old2', groupLabels('2'.repeat(63)));
    seed('app-old3', groupLabels('3'.repeat(63)));
    seed('app-release', groupLabels('4'.repeat(63), 'release'));
    seed('app-other-repo', groupLabels('5'.repeat(63), 'branch-main', '777'));
    seed('app-by-hand', { team: 'edge' });
    seed('app-foreign-managed-label', { 'nanoship-managed': 'false' });
    const image = await writeImage(world.dir, 'app', 64 * 1024);

    await publishToGcp(
      image,
      planFor(world, { gcpKeep: '3', gcpDeprecateAfter: '1h' }),
      CONTEXT,
      deps(),
    );

    const byName = Object.fromEntries(world.fake.images(PROJECT).map((i) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual([
      'app-1a2b3c4',
      'app-by-hand',
      'app-foreign-managed-label',
      'app-old2',
      'app-old3',
      'app-other-repo',
      'app-release',
    ]);
    const replacement = `https://www.googleapis.com/compute/v1/projects/${PROJECT}/global/images/app-1a2b3c4`;
    for (const name of ['app-old2', 'app-old3']) {
      expect(byName[name]!.deprecated).toEqual({
        state: 'DEPRECATED',
        replacement,
        deprecated: FIXED_NOW.toISOString(),
      });
    }
    for (const name of [
      'app-1a2b3c4',
      'app-release',
      'app-other-repo',
      'app-by-hand',
      'app-foreign-managed-label',
    ]) {
      expect(byName[name]!.deprecated).toBeUndefined();
    }
    expect(world.logger.lines.filter((l) => l.level === 'warning')).toEqual([]);
  }, 60_000);

  test('deprecation waits until an image is older than the grace period', async () => {
    world.fake.seedImage(PROJECT, {
      name: 'app-old',
      family: 'app-branch-main',
      labels: groupLabels('1'.repeat(63)),
    });
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    // The fake dates seeded images 2026-01-01; "now" is 2026-06-01: 30 weeks is not over yet.
    const plan = planFor(world, { gcpDeprecateAfter: '30w' });

    await publishToGcp(image, plan, CONTEXT, deps());

    expect(
      world.fake.images(PROJECT).find((i) => i.name === 'app-old')!.deprecated,
    ).toBeUndefined();
  }, 60_000);

  test('a refused deletion is a warning: the new image stays published', async () => {
    world.fake.seedImage(PROJECT, {
      name: 'app-old',
      family: 'app',
      labels: groupLabels('1'.repeat(63)),
    });
    world.fake.inject('compute.images.delete', {
      status: 403,
      reason: 'forbidden',
      message: "Required 'compute.images.delete' permission",
    });
    const image = await writeImage(world.dir, 'app', 64 * 1024);

    const published = await publishToGcp(image, planFor(world, { gcpKeep: '1' }), CONTEXT, deps());

    expect(published.image).toBe('app-1a2b3c4');
    expect(
      world.fake
        .images(PROJECT)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['app-1a2b3c4', 'app-old']);
    const warnings = world.logger.lines.filter((l) => l.level === 'warning').map((l) => l.message);
    expect(warnings).toEqual([
      expect.stringContaining(
        `Image app-1a2b3c4 is published, but 1 retention change(s) failed: Permission denied: deleting image app-old needs compute.images.delete in project ${PROJECT}`,
      ),
    ]);
  }, 60_000);
});

describe('the project', () => {
  afterEach(() => {
    delete process.env.METADATA_SERVER_DETECTION;
  });

  test('comes from the credentials when the plan has none (Resource Manager for an external account)', async () => {
    world = await startWorld(
      { projectNumbers: { '555000111222': PROJECT } },
      {
        projectNumber: '555000111222',
        serviceAccount: 'publisher@demo-project.iam.gserviceaccount.com',
      },
    );
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    const plan = planFor(world, { gcpProject: undefined });
    expect(plan.project).toBeUndefined();

    const published = await publishToGcp(image, plan, CONTEXT, deps());

    expect(published.project).toBe(PROJECT);
    expect(routes('cloudresourcemanager.projects.get')).not.toEqual([]);
    expect(routes('iamcredentials.generateAccessToken')).not.toEqual([]);
  }, 60_000);

  test('that cannot be found is one clear error saying how to set it', async () => {
    world = await startWorld({}, { projectNumber: '999999999999' });
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    const plan = planFor(world, { gcpProject: undefined });

    const failure = publishToGcp(image, plan, CONTEXT, deps());

    await expect(failure).rejects.toThrow(UserError);
    await expect(failure).rejects.toThrow(
      /^Could not find out which Google Cloud project to publish to \(.*\): set gcp-project \(Action input; --gcp-project on the command line\), or GOOGLE_CLOUD_PROJECT/,
    );
    expect(routes('storage.objects.insert')).toEqual([]);
  }, 60_000);
});

describe('deleteGcpResources', () => {
  beforeEach(async () => {
    world = await startWorld();
  });

  test('deletes recorded leftovers and takes the ones already gone as deleted', async () => {
    await world.fake.putObject(BUCKET, 'nanoship/4242/1a2b3c4/app.tar.gz', Buffer.from('tarball'));
    world.fake.seedImage(PROJECT, { name: 'app-1a2b3c4', status: 'FAILED' });
    world.fake.seedImage(PROJECT, { name: 'someone-elses' });
    const plan = planFor(world);
    const resources = [
      {
        cloud: 'gcp',
        kind: 'object',
        project: PROJECT,
        bucket: BUCKET,
        id: 'nanoship/4242/1a2b3c4/app.tar.gz',
      },
      { cloud: 'gcp', kind: 'image', project: PROJECT, id: 'app-1a2b3c4' },
      {
        cloud: 'gcp',
        kind: 'object',
        project: PROJECT,
        bucket: BUCKET,
        id: 'nanoship/gone.tar.gz',
      },
      { cloud: 'gcp', kind: 'image', project: PROJECT, id: 'gone' },
    ] as const;

    await deleteGcpResources([...resources], { logger: world.logger }, plan);

    expect(world.fake.objects(BUCKET)).toEqual([]);
    expect(world.fake.images(PROJECT).map((i) => i.name)).toEqual(['someone-elses']);
    expect(world.logger.lines.filter((l) => l.level === 'warning')).toEqual([]);
    // Images first: an import still running reads its object.
    const order = world.fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.route);
    expect(order.indexOf('compute.images.delete')).toBeLessThan(
      order.indexOf('storage.objects.delete'),
    );
  }, 60_000);

  test('never throws: a refusal becomes a warning', async () => {
    world.fake.seedImage(PROJECT, { name: 'app-1a2b3c4' });
    world.fake.inject(
      'compute.images.delete',
      { status: 403, reason: 'forbidden', message: 'denied' },
      4,
    );

    await deleteGcpResources(
      [{ cloud: 'gcp', kind: 'image', project: PROJECT, id: 'app-1a2b3c4' }],
      { logger: world.logger },
      planFor(world),
    );

    expect(world.logger.lines.filter((l) => l.level === 'warning').map((l) => l.message)).toEqual([
      expect.stringMatching(
        /^Could not delete image app-1a2b3c4: Permission denied: deleting image app-1a2b3c4 needs compute.images.delete/,
      ),
    ]);
  }, 60_000);
});

describe('an aborted publish', () => {
  beforeEach(async () => {
    world = await startWorld();
  });

  test('stops the upload and leaves no object or image behind', async () => {
    const image = await writeImage(world.dir, 'app', 2 * MIB);
    const abort = new AbortController();
    const recorder = {
      created: (r: Parameters<typeof world.recorder.created>[0]) => {
        world.recorder.created(r);
        abort.abort(new Error('cancelled by the runner'));
      },
      settled: world.recorder.settled,
    };

    const failure = publishToGcp(image, planFor(world), CONTEXT, {
      ...deps(),
      recorder,
      signal: abort.signal,
    });

    await expect(failure).rejects.toMatchObject({ name: 'AbortError' });
    expect(world.fake.images(PROJECT)).toEqual([]);
    expect(world.fake.objects(BUCKET)).toEqual([]);
    expect(world.settled).toEqual(world.created);
  }, 60_000);
});
