/**
 * docs/gcp.md lists the IAM permissions publishing needs. This runs the publish paths against
 * the fake, maps every call it saw to the permissions Google checks for it, and holds the doc
 * to that: every permission used is documented, and every one documented is used.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from '@jest/globals';
import { deleteGcpResources, publishToGcp } from '../../../src/cloud/gcp/index.js';
import {
  CONTEXT,
  type GcpWorld,
  PROJECT,
  planFor,
  startWorld,
  writeImage,
} from './publish-fixtures.js';

const doc = readFileSync(path.join(import.meta.dirname, '../../../docs/gcp.md'), 'utf8');
const PERMISSION = /`((?:compute|storage|resourcemanager)\.[A-Za-z]+\.[A-Za-z]+)`/g;

/** The "## Permissions" section: from its heading to the next one of the same level. */
function permissionsSection(): string {
  const start = doc.indexOf('\n## Permissions\n');
  const end = doc.indexOf('\n## ', start + 1);
  expect(start).toBeGreaterThan(0);
  return doc.slice(start, end);
}

const documented = () => new Set([...permissionsSection().matchAll(PERMISSION)].map((m) => m[1]!));

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
  expect([...used].sort()).toEqual([...documented()].sort());
}, 120_000);

test('the custom roles in docs/gcp.md grant every documented compute and storage permission', () => {
  const roles = [...permissionsSection().matchAll(/--permissions=([\w.,]+)/g)].flatMap((m) =>
    m[1]!.split(','),
  );
  const wanted = [...documented()].filter((p) => !p.startsWith('resourcemanager.'));
  expect([...new Set(roles)].sort()).toEqual(wanted.sort());
});
