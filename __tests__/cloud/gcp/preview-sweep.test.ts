/**
 * Finding and sweeping previews in a project shared with others: nanoship's previews, rules,
 * images and staging objects of this repository go (or are found), and everything else —
 * other repositories' previews, hand-made instances and rules, release and branch images,
 * resources with look-alike names — survives.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createGcpPreviewCloud } from '../../../src/cloud/gcp/index.js';
import { encodeFirewallMetadata, repoHash } from '../../../src/cloud/gcp/preview-resource.js';
import type { PreviewCloud } from '../../../src/cloud/types.js';
import { BUCKET, depsOf, FAST, PROJECT, REPO_ID } from './preview-fixtures.js';
import { type GcpWorld, startWorld } from './publish-fixtures.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const HASH = repoHash(REPO_ID);
const OTHER = '999';

let world: GcpWorld;
let cloud: PreviewCloud;

/** Labels of a nanoship preview. */
function previewLabels(repoId: string, pr: number, sha = 'a1b2c3d') {
  return {
    'nanoship-managed': 'true',
    'nanoship-kind': 'preview',
    'nanoship-repo-id': repoId,
    'nanoship-pr': String(pr),
    'nanoship-sha': sha,
    'nanoship-expires-at': String(NOW.getTime() / 1000 + 3600),
  };
}

/** A preview instance and its rule, as a launch leaves them. */
function seedPreview(zone: string, repoId: string, pr: number, sha: string) {
  const name = `nanoship-pr${pr}-${repoHash(repoId)}-${sha}`;
  world.fake.seedInstance(PROJECT, zone, {
    name,
    labels: previewLabels(repoId, pr, sha),
    tags: { items: [name] },
    networkInterfaces: [
      {
        network: 'global/networks/default',
        networkIP: '10.0.2.15',
        accessConfigs: [{ type: 'ONE_TO_ONE_NAT', natIP: `203.0.113.${pr}` }],
      },
    ],
  });
  seedRule(`${name}-tcp`, repoId, pr, [name]);
  return name;
}

function seedRule(name: string, repoId: string, pr: number, tags: string[], created?: Date) {
  world.fake.seedFirewall(PROJECT, {
    name,
    targetTags: tags,
    allowed: [{ IPProtocol: 'tcp', ports: ['8080'] }],
    description: encodeFirewallMetadata(previewLabels(repoId, pr)),
    ...(created ? { creationTimestamp: created.toISOString() } : {}),
  });
}

const names = <T extends { name?: string | null }>(list: T[]) => list.map((x) => x.name).sort();

beforeAll(async () => {
  world = await startWorld({ boot: false });
  cloud = createGcpPreviewCloud(
    {
      project: PROJECT,
      zone: 'us-central1-a',
      bucket: BUCKET,
      computeEndpoint: world.fake.computeEndpoint,
      storageEndpoint: world.fake.storageEndpoint,
    },
    FAST,
  );
});
afterAll(async () => {
  await world.stop();
});

describe('findPreviews', () => {
  let ours7: string;
  let ours8: string;
  let theirs7: string;
  beforeAll(() => {
    ours7 = seedPreview('us-central1-a', REPO_ID, 7, 'a1b2c3d');
    ours8 = seedPreview('europe-west1-b', REPO_ID, 8, 'b2c3d4e');
    theirs7 = seedPreview('us-central1-a', OTHER, 7, 'a1b2c3d');
    // Hand-made look-alikes: a labelled-by-hand instance without the managed mark, and an
    // image-kind label set.
    world.fake.seedInstance(PROJECT, 'us-central1-a', {
      name: `nanoship-pr7-${HASH}-fffffff`,
      labels: { 'nanoship-repo-id': REPO_ID, 'nanoship-pr': '7' },
    });
    world.fake.seedInstance(PROJECT, 'us-central1-b', {
      name: 'web-1',
      labels: { ...previewLabels(REPO_ID, 7), 'nanoship-kind': 'image' },
    });
  });

  test("finds the repository's previews in every zone, each with its own rule", async () => {
    const found = await cloud.findPreviews({ repoId: REPO_ID }, depsOf(world, NOW));
    expect(found.map((p) => p.id).sort()).toEqual([ours7, ours8].sort());
    const eight = found.find((p) => p.id === ours8)!;
    expect(eight).toMatchObject({
      location: 'europe-west1-b',
      pr: 8,
      sha: 'b2c3d4e',
      address: '203.0.113.8',
      expiresAt: new Date(NOW.getTime() + 3_600_000),
    });
    expect(eight.resources).toEqual([
      { cloud: 'gcp', kind: 'instance', project: PROJECT, zone: 'europe-west1-b', id: ours8 },
      { cloud: 'gcp', kind: 'firewall', project: PROJECT, id: `${ours8}-tcp` },
    ]);
  });

  test('one pull request', async () => {
    const found = await cloud.findPreviews({ repoId: REPO_ID, pr: 7 }, depsOf(world, NOW));
    expect(found.map((p) => p.id)).toEqual([ours7]);
    expect(found[0]!.resources.map((r) => r.id)).toEqual([ours7, `${ours7}-tcp`]);
  });

  test('another repository sees only its own', async () => {
    const found = await cloud.findPreviews({ repoId: OTHER }, depsOf(world, NOW));
    expect(found.map((p) => p.id)).toEqual([theirs7]);
  });

  test('destroying what was found removes it and nothing else', async () => {
    const before = names(world.fake.instances(PROJECT));
    for (const preview of await cloud.findPreviews({ repoId: REPO_ID }, depsOf(world, NOW))) {
      await cloud.destroy(preview, depsOf(world, NOW));
    }
    expect(names(world.fake.instances(PROJECT))).toEqual(
      before.filter((name) => name !== ours7 && name !== ours8),
    );
    expect(names(world.fake.firewalls(PROJECT))).toEqual([`${theirs7}-tcp`]);
  });
});

describe('deletePreviewImages', () => {
  beforeAll(() => {
    const labels = (channel: string, repoId = REPO_ID) => ({
      'nanoship-managed': 'true',
      'nanoship-kind': 'image',
      'nanoship-repo-id': repoId,
      'nanoship-channel': channel,
    });
    world.fake.seedImage(PROJECT, { name: 'app-pr7-a', labels: labels('pr-7') });
    world.fake.seedImage(PROJECT, { name: 'app-pr7-b', labels: labels('pr-7') });
    world.fake.seedImage(PROJECT, { name: 'app-pr8', labels: labels('pr-8') });
    world.fake.seedImage(PROJECT, { name: 'app-1-2-3', labels: labels('release') });
    world.fake.seedImage(PROJECT, { name: 'app-main', labels: labels('branch-main') });
    world.fake.seedImage(PROJECT, { name: 'theirs-pr7', labels: labels('pr-7', OTHER) });
    world.fake.seedImage(PROJECT, {
      name: 'hand-made-pr7',
      labels: { 'nanoship-repo-id': REPO_ID, 'nanoship-channel': 'pr-7' },
    });
  });

  test("one pull request's images go; releases, branches, other repos and hand-made stay", async () => {
    const lines = await cloud.deletePreviewImages({ repoId: REPO_ID, pr: 7 }, depsOf(world, NOW));
    expect(lines.sort()).toEqual([
      `image app-pr7-a (pull request #7, project ${PROJECT})`,
      `image app-pr7-b (pull request #7, project ${PROJECT})`,
    ]);
    expect(names(world.fake.images(PROJECT))).toEqual(
      ['app-1-2-3', 'app-main', 'app-pr8', 'hand-made-pr7', 'theirs-pr7'].sort(),
    );
  });

  test('without a pull request: every pull request of the repository', async () => {
    const lines = await cloud.deletePreviewImages({ repoId: REPO_ID }, depsOf(world, NOW));
    expect(lines).toEqual([`image app-pr8 (pull request #8, project ${PROJECT})`]);
    expect(names(world.fake.images(PROJECT))).toEqual(
      ['app-1-2-3', 'app-main', 'hand-made-pr7', 'theirs-pr7'].sort(),
    );
  });
});

describe('deleteOrphans', () => {
  let kept: string;
  beforeAll(async () => {
    kept = seedPreview('us-central1-c', REPO_ID, 21, 'c3d4e5f');
    seedRule(`nanoship-pr22-${HASH}-d4e5f60-tcp`, REPO_ID, 22, [`nanoship-pr22-${HASH}-d4e5f60`]);
    // A launch in progress: its rule exists, its instance not yet.
    seedRule(
      `nanoship-pr23-${HASH}-e5f6071-tcp`,
      REPO_ID,
      23,
      ['x'],
      new Date(NOW.getTime() - 60_000),
    );
    seedRule(`nanoship-pr22-${repoHash(OTHER)}-d4e5f60-tcp`, OTHER, 22, ['gone']);
    world.fake.seedFirewall(PROJECT, {
      name: `nanoship-pr24-${HASH}-f607182-tcp`,
      description: 'made by hand, named like ours',
      targetTags: ['nobody'],
      allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
    });
    const old = new Date(NOW.getTime() - 2 * 86_400_000).toISOString();
    const managed = { 'nanoship-managed': 'true' };
    const put = async (name: string, metadata?: Record<string, string>, timeCreated = old) => {
      const object = await world.fake.putObject(BUCKET, name, Buffer.from('x'), metadata);
      object.timeCreated = timeCreated;
    };
    await put(`nanoship/${REPO_ID}/aaaaaaa/app.tar.gz`, managed);
    await put(
      `nanoship/${REPO_ID}/bbbbbbb/app.tar.gz`,
      managed,
      new Date(NOW.getTime() - 3_600_000).toISOString(),
    );
    await put(`nanoship/${OTHER}/aaaaaaa/app.tar.gz`, managed);
    await put(`nanoship/${REPO_ID}/notes.txt`);
  });

  test('rules no instance carries and day-old staging objects go; the rest stays', async () => {
    const orphan = `nanoship-pr22-${HASH}-d4e5f60-tcp`;
    const before = names(world.fake.firewalls(PROJECT));
    expect(before).toEqual(
      expect.arrayContaining([
        `${kept}-tcp`,
        orphan,
        `nanoship-pr23-${HASH}-e5f6071-tcp`,
        `nanoship-pr22-${repoHash(OTHER)}-d4e5f60-tcp`,
        `nanoship-pr24-${HASH}-f607182-tcp`,
      ]),
    );
    const lines = await cloud.deleteOrphans({ repoId: REPO_ID }, depsOf(world, NOW));
    expect(lines.sort()).toEqual([
      `firewall rule ${orphan} (no instance left)`,
      `staging object gs://${BUCKET}/nanoship/${REPO_ID}/aaaaaaa/app.tar.gz (left by a failed run)`,
    ]);
    expect(names(world.fake.firewalls(PROJECT))).toEqual(before.filter((n) => n !== orphan));
    expect(
      world.fake
        .objects(BUCKET)
        .map((o) => o.name)
        .sort(),
    ).toEqual([
      `nanoship/${REPO_ID}/bbbbbbb/app.tar.gz`,
      `nanoship/${REPO_ID}/notes.txt`,
      `nanoship/${OTHER}/aaaaaaa/app.tar.gz`,
    ]);
  });

  test('without a bucket the staging objects are left to the lifecycle rule', async () => {
    await world.fake.putObject(BUCKET, `nanoship/${REPO_ID}/ccccccc/app.tar.gz`, Buffer.from('x'), {
      'nanoship-managed': 'true',
    });
    world.fake.objects(BUCKET).at(-1)!.timeCreated = '2026-01-01T00:00:00Z';
    const noBucket = createGcpPreviewCloud(
      {
        project: PROJECT,
        zone: 'us-central1-a',
        computeEndpoint: world.fake.computeEndpoint,
        storageEndpoint: world.fake.storageEndpoint,
      },
      FAST,
    );
    expect(await noBucket.deleteOrphans({ repoId: REPO_ID }, depsOf(world, NOW))).toEqual([]);
    expect(world.fake.objects(BUCKET).map((o) => o.name)).toContain(
      `nanoship/${REPO_ID}/ccccccc/app.tar.gz`,
    );
  });
});
