/**
 * Launching and tearing down previews through the real Compute clients against the fake,
 * with instances that do not boot (fast): what reaches the wire, and every refusal ending in
 * one clear error with nothing left behind.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createGcpPreviewCloud } from '../../../src/cloud/gcp/index.js';
import { repoHash } from '../../../src/cloud/gcp/preview-resource.js';
import type { PreviewLaunch } from '../../../src/cloud/types.js';
import { isUserError } from '../../../src/errors.js';
import { depsOf, FAST, launchOf, PROJECT, PROVENANCE, REPO_ID, ZONE } from './preview-fixtures.js';
import { type GcpWorld, startWorld } from './publish-fixtures.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const NAME = `nanoship-pr7-${repoHash(REPO_ID)}-1a2b3c4`;
const IMAGE = { name: 'app', sha256: 'cd'.repeat(32), arch: 'x86_64' as const };
const IMAGE_URI = `projects/${PROJECT}/global/images/app-1a2b3c4`;

let world: GcpWorld;
beforeAll(async () => {
  world = await startWorld({ boot: false });
  world.fake.seedImage(PROJECT, { name: 'app-1a2b3c4', architecture: 'X86_64' });
  world.fake.seedImage(PROJECT, {
    name: 'app-arm-1a2b3c4',
    architecture: 'ARM64',
    guestOsFeatures: [{ type: 'GVNIC' }, { type: 'UEFI_COMPATIBLE' }],
  });
});
afterAll(async () => {
  await world.stop();
});

const cloud = (network?: string) =>
  createGcpPreviewCloud(
    {
      project: PROJECT,
      zone: ZONE,
      network,
      computeEndpoint: world.fake.computeEndpoint,
      storageEndpoint: world.fake.storageEndpoint,
    },
    FAST,
  );
const deps = () => depsOf(world, NOW);
let runs = 0;
/** A launch as a new workflow run makes it (its own run id, so its own request ids). */
const launch = (overrides: Partial<PreviewLaunch> = {}) =>
  launchOf(IMAGE_URI, IMAGE, {
    expiresAt: new Date(NOW.getTime() + 72 * 3_600_000),
    provenance: { ...PROVENANCE, run: `${100 + ++runs}-1` },
    ...overrides,
  });

/** The error `promise` rejects with. */
async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: Error) => e,
  );
  if (!error) throw new Error('expected a failure');
  return error;
}

function expectNothingLeft() {
  expect(world.fake.instances(PROJECT)).toEqual([]);
  expect(world.fake.firewalls(PROJECT)).toEqual([]);
  const open = world.created.filter(
    (r) => !world.settled.some((s) => JSON.stringify(s) === JSON.stringify(r)),
  );
  expect(open).toEqual([]);
}

beforeEach(async () => {
  for (const instance of world.fake.instances(PROJECT)) {
    world.fake.state.compute.projects.get(PROJECT)!.instances.delete(`${ZONE}/${instance.name}`);
  }
  world.fake.state.compute.projects.get(PROJECT)!.firewalls.clear();
  world.created.length = 0;
  world.settled.length = 0;
  world.fake.setConstraint('compute.vmExternalIpAccess', false);
  expect(world.fake.pendingFaults()).toEqual([]);
});

describe('what a launch asks for', () => {
  test('an instance with labels, tag, external IP, no service account and a 72 h backstop TTL', async () => {
    const preview = await cloud().launch(launch(), deps());
    expect(preview).toMatchObject({ id: NAME, location: ZONE, pr: 7, cloud: 'gcp' });
    expect(preview.address).toMatch(/^192\.0\.2\.\d+$/);
    const [instance] = world.fake.instances(PROJECT);
    expect(instance).toMatchObject({
      name: NAME,
      machineType: expect.stringMatching(/\/zones\/us-central1-a\/machineTypes\/e2-micro$/),
      tags: { items: [NAME] },
      labels: expect.objectContaining({
        'nanoship-managed': 'true',
        'nanoship-kind': 'preview',
        'nanoship-repo-id': REPO_ID,
        'nanoship-pr': '7',
        'nanoship-expires-at': String(NOW.getTime() / 1000 + 72 * 3600),
      }),
      scheduling: {
        automaticRestart: false,
        onHostMaintenance: 'MIGRATE',
        instanceTerminationAction: 'DELETE',
        maxRunDuration: { seconds: String(72 * 3600) },
      },
    });
    expect(instance).not.toHaveProperty('serviceAccounts');
    const [rule] = world.fake.firewalls(PROJECT);
    expect(rule).toMatchObject({
      name: `${NAME}-tcp`,
      direction: 'INGRESS',
      sourceRanges: ['0.0.0.0/0'],
      targetTags: [NAME],
      allowed: [{ IPProtocol: 'tcp', ports: ['8080'] }],
    });
    expect(JSON.parse(rule!.description!)).toMatchObject({
      'nanoship-repo-id': REPO_ID,
      'nanoship-pr': '7',
    });
    // The rule exists before the instance that needs it; both are recorded, neither settled.
    expect(world.created.map((r) => r.kind)).toEqual(['firewall', 'instance']);
    expect(world.settled).toEqual([]);
    const inserts = world.fake.requests.filter((r) => r.route === 'compute.instances.insert');
    expect(inserts.at(-1)!.query.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8/);
    await cloud().destroy(preview, deps());
    expectNothingLeft();
  });

  test('an expiry less than 30 s away still gets the 30 s Compute Engine allows', async () => {
    const preview = await cloud().launch(
      launch({ expiresAt: new Date(NOW.getTime() + 5_000) }),
      deps(),
    );
    expect(world.fake.instances(PROJECT)[0]!.scheduling).toMatchObject({
      maxRunDuration: { seconds: '30' },
    });
    await cloud().destroy(preview, deps());
  });

  test('an aarch64 image runs on t2a-standard-1 with gVNIC, terminated for maintenance', async () => {
    const preview = await cloud().launch(
      launch({
        imageRef: `projects/${PROJECT}/global/images/app-arm-1a2b3c4`,
        image: { ...IMAGE, arch: 'aarch64', bootMode: 'uefi', klibs: [] },
      }),
      deps(),
    );
    const [instance] = world.fake.instances(PROJECT);
    expect(instance!.machineType).toMatch(/\/machineTypes\/t2a-standard-1$/);
    expect(instance!.scheduling).toMatchObject({ onHostMaintenance: 'TERMINATE' });
    expect(instance!.networkInterfaces[0]).toMatchObject({ nicType: 'GVNIC' });
    await cloud().destroy(preview, deps());
  });

  test('a transient refusal is retried with the same request id, and one instance results', async () => {
    world.fake.inject('compute.instances.insert', { status: 503 });
    world.fake.inject('compute.firewalls.insert', { dropResponse: true });
    // An expiry of its own: a new request, not one an earlier test already made.
    const preview = await cloud().launch(
      launch({ expiresAt: new Date(NOW.getTime() + 7_000_000) }),
      deps(),
    );
    const ids = (route: string) =>
      world.fake.requests.filter((r) => r.route === route).map((r) => r.query.requestId);
    const instanceIds = ids('compute.instances.insert').slice(-2);
    expect(new Set(instanceIds).size).toBe(1);
    expect(new Set(ids('compute.firewalls.insert').slice(-2)).size).toBe(1);
    expect(world.fake.instances(PROJECT)).toHaveLength(1);
    expect(world.fake.firewalls(PROJECT)).toHaveLength(1);
    await cloud().destroy(preview, deps());
  });
});

describe('a launch that fails leaves nothing and says why', () => {
  test('quota refused at insert', async () => {
    world.fake.inject('compute.instances.insert', {
      status: 403,
      reason: 'quotaExceeded',
      message: "Quota 'CPUS' exceeded.  Limit: 0.0 in region us-central1.",
    });
    const error = await failure(cloud().launch(launch(), deps()));
    expect(isUserError(error)).toBe(true);
    expect(error.message).toMatch(
      /^Quota exceeded in project demo-project while creating instance/,
    );
    expect(error.message).toContain("Quota 'CPUS' exceeded");
    expectNothingLeft();
  });

  test('an organisation policy forbidding external IPs', async () => {
    world.fake.setConstraint('compute.vmExternalIpAccess');
    const error = await failure(cloud().launch(launch(), deps()));
    expect(isUserError(error)).toBe(true);
    expect(error.message).toContain('constraint compute.vmExternalIpAccess');
    expect(error.message).toContain('needs an external IP');
    expectNothingLeft();
  });

  test('an operation that ends with errors lists them all and tears down', async () => {
    world.fake.failNextInstance([
      { code: 'ZONE_RESOURCE_POOL_EXHAUSTED', message: 'The zone does not have enough resources.' },
      { code: 'QUOTA_EXCEEDED', message: "Quota 'IN_USE_ADDRESSES' exceeded." },
    ]);
    const error = await failure(cloud().launch(launch(), deps()));
    expect(error.message).toMatch(/ZONE_RESOURCE_POOL_EXHAUSTED: .*; QUOTA_EXCEEDED: /);
    expect(error.message).toContain('use another gcp-zone');
    expect(world.created.map((r) => r.kind)).toEqual(['firewall', 'instance']);
    expectNothingLeft();
  });

  test('an image that does not exist', async () => {
    const error = await failure(
      cloud().launch(launch({ imageRef: `projects/${PROJECT}/global/images/gone` }), deps()),
    );
    expect(error.message).toContain("projects/demo-project/global/images/gone' was not found");
    expectNothingLeft();
  });

  test('a network that does not exist: nothing is created', async () => {
    const error = await failure(cloud('previews').launch(launch(), deps()));
    expect(error.message).toMatch(/^Network previews does not exist in project demo-project/);
    expect(error.message).toContain('gcp-network');
    expect(world.created).toEqual([]);
    expectNothingLeft();
  });

  test('a missing repository id is refused before any call', async () => {
    const before = world.fake.requests.length;
    const error = await failure(
      cloud().launch(launch({ provenance: { pr: 7, repo: 'octo/app' } }), deps()),
    );
    expect(error.message).toContain('repository id');
    expect(
      world.fake.requests.slice(before).filter((r) => r.route?.startsWith('compute.')),
    ).toEqual([]);
  });

  test("a rule of that name that is not this preview's is not taken over", async () => {
    world.fake.seedFirewall(PROJECT, {
      name: `${NAME}-tcp`,
      description: 'hand-made',
      allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
    });
    const error = await failure(cloud().launch(launch(), deps()));
    expect(error.message).toContain(`Firewall rule ${NAME}-tcp exists`);
    expect(world.fake.firewalls(PROJECT).map((r) => r.description)).toEqual(['hand-made']);
    expect(world.fake.instances(PROJECT)).toEqual([]);
  });

  test("an instance name taken by someone else's instance", async () => {
    world.fake.seedInstance(PROJECT, ZONE, { name: NAME, labels: { team: 'web' } });
    const error = await failure(cloud().launch(launch(), deps()));
    expect(error.message).toContain(`Instance name ${NAME} is taken`);
    expect(world.fake.firewalls(PROJECT)).toEqual([]);
    expect(world.fake.instances(PROJECT).map((i) => i.labels)).toEqual([{ team: 'web' }]);
  });
});

describe('a second launch of the same build', () => {
  test("uses the rule and instance an earlier attempt left, and they are this run's to undo", async () => {
    const first = await cloud().launch(launch(), deps());
    world.created.length = 0;
    const again = await cloud().launch(
      launch({ expiresAt: new Date(NOW.getTime() + 3_600_000) }),
      deps(),
    );
    expect(again.id).toBe(first.id);
    expect(world.fake.instances(PROJECT)).toHaveLength(1);
    expect(world.fake.firewalls(PROJECT)).toHaveLength(1);
    expect(world.created.map((r) => r.kind)).toEqual(['firewall', 'instance']);
    await cloud().destroy(again, deps());
    expectNothingLeft();
  });

  test('replaces a leftover rule that opens other ports', async () => {
    const first = await cloud().launch(launch({ ports: [22] }), deps());
    world.fake.state.compute.projects.get(PROJECT)!.instances.clear();
    const again = await cloud().launch(
      launch({ expiresAt: new Date(NOW.getTime() + 1000) }),
      deps(),
    );
    expect(world.fake.firewalls(PROJECT).map((r) => r.allowed)).toEqual([
      [{ IPProtocol: 'tcp', ports: ['8080'] }],
    ]);
    await cloud().destroy(
      { ...again, resources: [...first.resources, ...again.resources] },
      deps(),
    );
  });

  test('in the same run after a destroy: Google hands back the first operation, so it asks again', async () => {
    const request = launch();
    const first = await cloud().launch(request, deps());
    await cloud().destroy(first, deps());
    const before = world.fake.requests.length;
    const again = await cloud().launch(request, deps());
    const inserts = world.fake.requests
      .slice(before)
      .filter((r) => r.route === 'compute.instances.insert')
      .map((r) => r.query.requestId);
    expect(inserts).toHaveLength(2);
    expect(inserts[0]).not.toBe(inserts[1]);
    expect(world.fake.instances(PROJECT).map((i) => i.name)).toEqual([again.id]);
    expect(world.fake.firewalls(PROJECT).map((r) => r.name)).toEqual([`${again.id}-tcp`]);
    await cloud().destroy(again, deps());
    expectNothingLeft();
  });
});

describe('destroy and the console', () => {
  test('what is already gone counts as deleted; a refused deletion is reported after trying all', async () => {
    const preview = await cloud().launch(launch(), deps());
    world.fake.inject('compute.firewalls.delete', {
      status: 403,
      reason: 'forbidden',
      message:
        "Required 'compute.firewalls.delete' permission for 'projects/demo-project/global/firewalls/x'",
    });
    const error = await failure(cloud().destroy(preview, deps()));
    expect(error.message).toContain(`Preview ${NAME} is not completely removed (1 of 2`);
    expect(error.message).toContain('needs compute.firewalls.delete');
    expect(world.fake.instances(PROJECT)).toEqual([]);
    await cloud().destroy(preview, deps());
    expect(world.fake.firewalls(PROJECT)).toEqual([]);
  });

  test('the console of an instance that is gone is empty', async () => {
    const preview = await cloud().launch(launch(), deps());
    await cloud().destroy(preview, deps());
    expect(await cloud().consoleOutput(preview, deps())).toBe('');
  });
});
