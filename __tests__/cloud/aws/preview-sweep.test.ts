// Lookups and sweeps of AWS previews touch nanoship's resources of one repository only: each
// test seeds look-alikes (another repository's, untagged, terminated, too young) that must
// come through untouched. Booting is off: these are about tags, not VMs.
import { CreateSecurityGroupCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { noRecorder, type PreviewCloud } from '../../../src/cloud/types.js';
import { type AwsFake, startAwsFake } from './fake.js';
import { HOME, ownTags, REPO_ID, useFakeAws } from './fixtures.js';
import {
  HOUR_MS,
  launchRequest,
  PR,
  previewDeps,
  SHA,
  virtualPreviewCloud,
} from './preview-fixtures.js';

const OTHER_REPO = '999';

let fake: AwsFake;
let restoreEnv: () => void;
let imageId: string;
let cloud: PreviewCloud;

beforeEach(async () => {
  // Small pages: every listing below has to follow NextToken.
  fake = await startAwsFake({ describePageSize: 2, instances: { boot: false } });
  restoreEnv = useFakeAws({ all: fake.endpoint });
  imageId = fake.seedImage({ region: HOME, name: 'preview-image' }).imageId;
  cloud = virtualPreviewCloud().cloud;
});
afterEach(async () => {
  restoreEnv();
  await fake.close();
});

/** Launches a preview of `pr` (of `repoId`), `hoursAgo` hours back on the tags' clock. */
async function launch(
  pr: number,
  options: { repoId?: string; run?: string; hoursAgo?: number } = {},
) {
  const now = new Date(Date.now() - (options.hoursAgo ?? 0) * HOUR_MS);
  return cloud.launch(
    launchRequest(imageId, {
      provenance: { pr, repoId: options.repoId ?? REPO_ID, run: options.run ?? `${pr}-1` },
    }),
    previewDeps(now),
  );
}

/** Deps of a later run (a teardown): it settles what an earlier run recorded. */
const laterRun = () => ({ ...previewDeps(), recorder: noRecorder });

const groupIds = () => fake.store.list('security-group', HOME).map((g) => g.id);

describe('findPreviews', () => {
  test("finds the repository's live previews, by PR when asked, with their groups and tags read back", async () => {
    const seven = await launch(PR);
    const eight = await launch(8);
    const foreign = await launch(PR, { repoId: OTHER_REPO });
    const gone = await launch(9);
    await cloud.destroy(gone, laterRun());
    // An instance carrying our repo id and PR but not nanoship's managed tag.
    const untagged = await launch(PR, { run: 'untagged' });
    delete fake.store.get('instance', HOME, untagged.id)!.tags['nanoship:managed'];

    const all = await cloud.findPreviews({ repoId: REPO_ID }, previewDeps());
    expect(all.map((p) => p.id)).toEqual([seven.id, eight.id]);
    const [found] = await cloud.findPreviews({ repoId: REPO_ID, pr: PR }, previewDeps());
    expect(found).toEqual({
      ...seven,
      createdAt: expect.any(Date),
      expiresAt: new Date(Math.floor(seven.expiresAt!.getTime() / 1000) * 1000),
    });
    expect(found!.resources).toEqual(seven.resources);
    expect(found!.sha).toBe(SHA);
    expect(all.map((p) => p.id)).not.toContain(foreign.id);
    const describes = fake.operations('DescribeInstances').at(-1)!.params;
    expect(describes).toMatchObject({
      'Filter.1.Name': 'tag:nanoship:managed',
      'Filter.2.Name': 'tag:nanoship:repo-id',
      'Filter.3.Name': 'tag:nanoship:kind',
      'Filter.4.Name': 'tag:nanoship:pr',
      'Filter.5.Name': 'instance-state-name',
    });
  });

  test('finds nothing, and asks nothing more, when the repository has no preview', async () => {
    await launch(PR, { repoId: OTHER_REPO });
    const before = fake.requests.length;
    expect(await cloud.findPreviews({ repoId: REPO_ID }, previewDeps())).toEqual([]);
    expect(fake.requests.slice(before).map((r) => r.operation)).toEqual(['DescribeInstances']);
  });
});

describe('deletePreviewImages', () => {
  test("deletes the PR's AMIs and snapshots only; keeps one a live instance runs from", async () => {
    const pr7 = (channel = `pr-${PR}`, extra: Record<string, string> = {}) =>
      ownTags({ 'nanoship:channel': channel, 'nanoship:pr': channel.slice(3), ...extra });
    const own = fake.seedImage({ region: HOME, name: 'own', tags: pr7() });
    const other = fake.seedImage({ region: HOME, name: 'pr8', tags: pr7('pr-8') });
    const foreign = fake.seedImage({
      region: HOME,
      name: 'foreign',
      tags: pr7(`pr-${PR}`, { 'nanoship:repo-id': OTHER_REPO }),
    });
    const unmanaged = fake.seedImage({ region: HOME, name: 'unmanaged', tags: pr7() });
    delete fake.store.get('image', HOME, unmanaged.imageId)!.tags['nanoship:managed'];
    const release = fake.seedImage({
      region: HOME,
      name: 'release',
      tags: ownTags({ 'nanoship:channel': 'release' }),
    });
    const running = fake.seedImage({ region: HOME, name: 'running', tags: pr7() });
    const preview = await cloud.launch(launchRequest(running.imageId), previewDeps());

    const lines = await cloud.deletePreviewImages({ repoId: REPO_ID, pr: PR }, previewDeps());
    expect(lines.sort()).toEqual(
      [
        `Deleted AMI ${own.imageId} (own) and snapshot ${own.snapshotId} in ${HOME}.`,
        `Kept AMI ${running.imageId} (running) in ${HOME}: instance ${preview.id} still runs from it.`,
      ].sort(),
    );
    expect(fake.store.find('image', own.imageId)).toBeUndefined();
    expect(fake.store.find('snapshot', own.snapshotId)).toBeUndefined();
    for (const kept of [other, foreign, unmanaged, release, running]) {
      expect(fake.store.find('image', kept.imageId)).toBeDefined();
      expect(fake.store.find('snapshot', kept.snapshotId)).toBeDefined();
    }

    // Every PR of the repository: the pr-8 one goes too, the release and the foreign stay.
    await cloud.destroy(preview, laterRun());
    const all = await cloud.deletePreviewImages({ repoId: REPO_ID }, previewDeps());
    expect(all).toHaveLength(2);
    expect(fake.store.find('image', other.imageId)).toBeUndefined();
    expect(fake.store.find('image', running.imageId)).toBeUndefined();
    for (const kept of [foreign, unmanaged, release])
      expect(fake.store.find('image', kept.imageId)).toBeDefined();
  });
});

describe('deleteOrphans', () => {
  test("deletes old groups without instance and old snapshots without AMI, nanoship's of the repository only", async () => {
    // Groups: an orphan (its instance terminated, no teardown of the group), a young orphan,
    // one in use, another repository's orphan, and one without nanoship's tags.
    const orphan = await launch(PR, { hoursAgo: 2 });
    terminateOnly(orphan.id);
    const young = await launch(8, { hoursAgo: 0 });
    terminateOnly(young.id);
    const inUse = await launch(9, { hoursAgo: 3 });
    const foreign = await launch(PR, { repoId: OTHER_REPO, hoursAgo: 3 });
    terminateOnly(foreign.id);
    const ec2 = new EC2Client({ region: HOME });
    const { GroupId: handMade } = await ec2.send(
      new CreateSecurityGroupCommand({ GroupName: 'hand-made', Description: 'not nanoship' }),
    );
    ec2.destroy();
    // Snapshots: old orphan, young orphan, old with an AMI, another repository's old orphan.
    const old = new Date(Date.now() - 3 * HOUR_MS);
    const oldOrphan = fake.seedSnapshot({ region: HOME, tags: ownTags(), createdAt: old });
    const youngOrphan = fake.seedSnapshot({ region: HOME, tags: ownTags() });
    const withImage = fake.seedImage({
      region: HOME,
      name: 'has-ami',
      tags: ownTags(),
      createdAt: old,
    });
    const foreignSnap = fake.seedSnapshot({
      region: HOME,
      tags: ownTags({ 'nanoship:repo-id': OTHER_REPO }),
      createdAt: old,
    });

    const lines = await cloud.deleteOrphans({ repoId: REPO_ID }, previewDeps());
    const orphanGroup = orphan.resources[1]!.id;
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Deleted security group ${orphanGroup} \\(nanoship-pr7-[0-9a-f]{8}-7-1\\) in eu-west-1: no instance uses it\\.$`,
        ),
      ),
      `Deleted snapshot ${oldOrphan} (image webapp, channel branch-main) in ${HOME}: no AMI uses it.`,
    ]);
    expect(groupIds().sort()).toEqual(
      [young.resources[1]!.id, inUse.resources[1]!.id, foreign.resources[1]!.id, handMade!].sort(),
    );
    for (const kept of [youngOrphan, withImage.snapshotId, foreignSnap]) {
      expect(fake.store.find('snapshot', kept)).toBeDefined();
    }
  });
});

/** Ends an instance the way a crash would leave it: terminated, its group left behind. */
function terminateOnly(instanceId: string) {
  const instance = fake.store.get('instance', HOME, instanceId)!;
  instance.state = 'terminated';
  instance.groupHoldsLeft = 0;
}
