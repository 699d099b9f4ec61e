/**
 * docs/gcp.md lists the IAM permissions publishing, previews and sweeps need, by mode. This
 * runs each mode's paths against the fake, maps every call it saw to the permissions Google
 * checks for it, and holds the doc to that: every permission used is documented for the mode,
 * and every one documented is used.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from '@jest/globals';
import {
  createGcpPreviewCloud,
  deleteGcpResources,
  publishToGcp,
} from '../../../src/cloud/gcp/index.js';
import { encodeFirewallMetadata } from '../../../src/cloud/gcp/preview-resource.js';
import { FAST, launchOf, PROVENANCE as PREVIEW_PROVENANCE, ZONE } from './preview-fixtures.js';
import {
  BUCKET,
  CONTEXT,
  type GcpWorld,
  PROJECT,
  planFor,
  startWorld,
  writeImage,
} from './publish-fixtures.js';

const doc = readFileSync(path.join(import.meta.dirname, '../../../docs/gcp.md'), 'utf8');

/** The "## Permissions" section: from its heading to the next one of the same level. */
function permissionsSection(): string {
  const start = doc.indexOf('\n## Permissions\n');
  const end = doc.indexOf('\n## ', start + 1);
  expect(start).toBeGreaterThan(0);
  return doc.slice(start, end);
}

/**
 * The permission table's rows, by mode (the first word of the Mode column): the permission
 * column only, so permissions named in passing (legacy networks) do not count.
 */
function table(): Map<string, Set<string>> {
  const modes = new Map<string, Set<string>>();
  for (const line of permissionsSection().split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const permission = /^`([a-z]+\.[A-Za-z]+\.[A-Za-z]+)`$/.exec(cells[2] ?? '')?.[1];
    if (!line.startsWith('|') || permission === undefined) continue;
    const mode = cells[1]!.split(/[\s(]/)[0]!;
    modes.set(mode, new Set([...(modes.get(mode) ?? []), permission]));
  }
  return modes;
}

/** The permissions documented for `modes`. */
const documented = (...modes: string[]) =>
  new Set(modes.flatMap((mode) => [...(table().get(mode) ?? [])]));

let worlds: GcpWorld[] = [];
afterEach(async () => {
  for (const world of worlds) await world.stop();
  worlds = [];
});

/** Runs `scenario` in a fresh world and returns the permissions its calls needed. */
async function permissionsUsedBy(
  scenario: (world: GcpWorld) => Promise<void>,
  ...setup: Parameters<typeof startWorld>
): Promise<Set<string>> {
  const world = await startWorld(...setup);
  worlds.push(world);
  await scenario(world);
  return new Set(world.fake.requests.flatMap((request) => request.permissions));
}

const deps = (world: GcpWorld) => ({
  logger: world.logger,
  recorder: world.recorder,
  now: () => new Date('2026-06-01T00:00:00Z'),
});
const groupLabels = {
  'nanoship-managed': 'true',
  'nanoship-image': 'app',
  'nanoship-channel': 'branch-main',
  'nanoship-repo-id': '4242',
};

test('docs/gcp.md documents exactly the permissions the publish paths use', async () => {
  // A publish that deletes one older image and deprecates another.
  const publishing = await permissionsUsedBy(async (world) => {
    world.fake.seedImage(PROJECT, {
      name: 'app-a',
      family: 'app-branch-main',
      labels: { ...groupLabels, 'nanoship-digest': 'a' },
    });
    world.fake.seedImage(PROJECT, {
      name: 'app-b',
      family: 'app-branch-main',
      labels: { ...groupLabels, 'nanoship-digest': 'b' },
    });
    const image = await writeImage(world.dir, 'app', 64 * 1024);
    const plan = planFor(world, { gcpKeep: '2', gcpDeprecateAfter: '1h' });
    await publishToGcp(image, plan, CONTEXT, deps(world));
    expect(
      world.fake
        .images(PROJECT)
        .map((i) => i.name)
        .sort(),
    ).toEqual(['app-1a2b3c4', 'app-b']);
  });
  // A publish without a project, from workload identity credentials.
  const lookingUp = await permissionsUsedBy(
    async (world) => {
      const image = await writeImage(world.dir, 'app', 64 * 1024);
      await publishToGcp(image, planFor(world, { gcpProject: undefined }), CONTEXT, deps(world));
    },
    { projectNumbers: { '555000111222': PROJECT } },
    { projectNumber: '555000111222' },
  );
  // The post step's cleanup.
  const cleaning = await permissionsUsedBy(async (world) => {
    world.fake.seedImage(PROJECT, { name: 'left' });
    await world.fake.putObject('nanoship-staging', 'nanoship/x.tar.gz', Buffer.from('x'));
    await deleteGcpResources(
      [
        { cloud: 'gcp', kind: 'image', project: PROJECT, id: 'left' },
        {
          cloud: 'gcp',
          kind: 'object',
          project: PROJECT,
          bucket: 'nanoship-staging',
          id: 'nanoship/x.tar.gz',
        },
      ],
      { logger: world.logger },
      planFor(world),
    );
  });

  const used = new Set([...publishing, ...lookingUp, ...cleaning]);
  expect([...used].sort()).toEqual([...documented('publish', 'retire', 'project')].sort());
}, 120_000);

const NOW = new Date('2026-06-01T00:00:00Z');
const previewSettings = (world: GcpWorld, bucket?: string) => ({
  project: PROJECT,
  zone: ZONE,
  bucket,
  computeEndpoint: world.fake.computeEndpoint,
  storageEndpoint: world.fake.storageEndpoint,
});
const prImageLabels = {
  'nanoship-managed': 'true',
  'nanoship-kind': 'image',
  'nanoship-repo-id': '4242',
  'nanoship-channel': 'pr-7',
};

test('docs/gcp.md documents exactly the permissions preview up and down use', async () => {
  const previewing = await permissionsUsedBy(
    async (world) => {
      world.fake.seedImage(PROJECT, { name: 'app-1a2b3c4', labels: prImageLabels });
      const cloud = createGcpPreviewCloud(previewSettings(world), FAST);
      const image = { name: 'app', sha256: 'ab'.repeat(32), arch: 'x86_64' as const };
      const previewDeps = { ...deps(world), now: () => NOW };
      // Up: launch; the console when the probe fails.
      const launched = await cloud.launch(
        launchOf(`projects/${PROJECT}/global/images/app-1a2b3c4`, image, {
          expiresAt: new Date(NOW.getTime() + 3_600_000),
        }),
        previewDeps,
      );
      await cloud.consoleOutput(launched, previewDeps);
      // Down: find the pull request's previews, destroy them, delete its images.
      const found = await cloud.findPreviews({ repoId: '4242', pr: 7 }, previewDeps);
      expect(found.map((p) => p.id)).toEqual([launched.id]);
      for (const preview of found) await cloud.destroy(preview, previewDeps);
      expect(await cloud.deletePreviewImages({ repoId: '4242', pr: 7 }, previewDeps)).toHaveLength(
        1,
      );
      // The post step, for a launch whose run died.
      world.fake.seedImage(PROJECT, { name: 'app-1a2b3c4' });
      const dying = await cloud.launch(
        launchOf(`projects/${PROJECT}/global/images/app-1a2b3c4`, image, {
          provenance: { ...PREVIEW_PROVENANCE, run: '79-1' },
        }),
        previewDeps,
      );
      await deleteGcpResources(dying.resources, { logger: world.logger }, planFor(world));
      expect(world.fake.instances(PROJECT)).toEqual([]);
      expect(world.fake.firewalls(PROJECT)).toEqual([]);
    },
    { boot: false },
  );
  expect([...previewing].sort()).toEqual([...documented('preview')].sort());
}, 120_000);

test('docs/gcp.md documents exactly the permissions the sweep uses', async () => {
  const sweeping = await permissionsUsedBy(
    async (world) => {
      const labels = {
        'nanoship-managed': 'true',
        'nanoship-kind': 'preview',
        'nanoship-repo-id': '4242',
        'nanoship-pr': '7',
      };
      world.fake.seedInstance(PROJECT, ZONE, {
        name: 'nanoship-pr7-x-a',
        labels,
        tags: { items: ['nanoship-pr7-x-a'] },
      });
      world.fake.seedFirewall(PROJECT, {
        name: 'nanoship-pr7-x-a-tcp',
        targetTags: ['nanoship-pr7-x-a'],
        allowed: [{ IPProtocol: 'tcp', ports: ['8080'] }],
        description: encodeFirewallMetadata(labels),
      });
      world.fake.seedFirewall(PROJECT, {
        name: 'nanoship-pr8-x-b-tcp',
        targetTags: ['nanoship-pr8-x-b'],
        allowed: [{ IPProtocol: 'tcp', ports: ['8080'] }],
        description: encodeFirewallMetadata({ ...labels, 'nanoship-pr': '8' }),
      });
      world.fake.seedImage(PROJECT, { name: 'app-pr7', labels: prImageLabels });
      const stale = await world.fake.putObject(
        BUCKET,
        'nanoship/4242/abc/app.tar.gz',
        Buffer.from('x'),
        {
          'nanoship-managed': 'true',
        },
      );
      stale.timeCreated = '2026-01-01T00:00:00Z';
      const cloud = createGcpPreviewCloud(previewSettings(world, BUCKET), FAST);
      const previewDeps = { ...deps(world), now: () => NOW };
      for (const preview of await cloud.findPreviews({ repoId: '4242' }, previewDeps)) {
        await cloud.destroy(preview, previewDeps);
      }
      await cloud.deletePreviewImages({ repoId: '4242', pr: 7 }, previewDeps);
      const orphans = await cloud.deleteOrphans({ repoId: '4242' }, previewDeps);
      expect(orphans).toHaveLength(2);
    },
    { boot: false },
  );
  expect([...sweeping].sort()).toEqual([...documented('sweep')].sort());
}, 120_000);

test('the custom roles in docs/gcp.md grant every documented compute and storage permission', () => {
  const roles = [...permissionsSection().matchAll(/--permissions=([\w.,]+)/g)].flatMap((m) =>
    m[1]!.split(','),
  );
  const all = [...table().values()].flatMap((modes) => [...modes]);
  const wanted = new Set(all.filter((p) => !p.startsWith('resourcemanager.')));
  expect([...new Set(roles)].sort()).toEqual([...wanted].sort());
});
