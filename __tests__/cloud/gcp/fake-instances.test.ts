/**
 * The fake's instances, firewall rules and zone operations hold callers to what Compute Engine
 * enforces (so a test passing against it means something), through the real clients. Instances
 * do not boot here; fake-vm.itg.test.ts boots them.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createPreviewClients, type PreviewClients } from '../../../src/cloud/gcp/clients.js';
import { describeGoogleError } from '../../../src/cloud/gcp/google-errors.js';
import { SerialLog } from './fake-vm.js';
import { PROJECT, ZONE } from './preview-fixtures.js';
import { type GcpWorld, startWorld } from './publish-fixtures.js';

let world: GcpWorld;
let clients: PreviewClients;
beforeAll(async () => {
  world = await startWorld({ boot: false });
  world.fake.seedImage(PROJECT, { name: 'app', architecture: 'X86_64' });
  world.fake.seedImage(PROJECT, { name: 'pending', status: 'PENDING' });
  clients = await createPreviewClients(PROJECT, {
    computeEndpoint: world.fake.computeEndpoint,
    storageEndpoint: world.fake.storageEndpoint,
  });
});
afterAll(async () => {
  await clients.close();
  await world.stop();
});

const UUID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let ids = 0;

function body(overrides: Record<string, unknown> = {}) {
  return {
    name: `vm-${++ids}`,
    machineType: `zones/${ZONE}/machineTypes/e2-micro`,
    disks: [
      {
        boot: true,
        autoDelete: true,
        initializeParams: { sourceImage: `projects/${PROJECT}/global/images/app` },
      },
    ],
    networkInterfaces: [
      { network: 'global/networks/default', accessConfigs: [{ type: 'ONE_TO_ONE_NAT' }] },
    ],
    ...overrides,
  };
}

async function insert(instanceResource: Record<string, unknown>, requestId = UUID(++ids)) {
  const [started] = await clients.instances.insert({
    project: PROJECT,
    zone: ZONE,
    instanceResource,
    requestId,
  });
  return started.latestResponse as unknown as { name: string; status: unknown; zone?: string };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return describeGoogleError(error);
}

async function waitDone(operation: string) {
  for (;;) {
    const [op] = await clients.zoneOperations.wait({ project: PROJECT, zone: ZONE, operation });
    if (String(op.status) === 'DONE') return op;
  }
}

describe('instances.insert', () => {
  test('goes RUNNING through a zonal operation, with a natIP and the instance internal IP', async () => {
    const request = body();
    const operation = await insert(request);
    expect(operation.zone).toMatch(/\/zones\/us-central1-a$/);
    const done = await waitDone(operation.name);
    expect(done.error).toBeFalsy();
    const [instance] = await clients.instances.get({
      project: PROJECT,
      zone: ZONE,
      instance: request.name,
    });
    expect(instance.status).toBe('RUNNING');
    expect(instance.networkInterfaces?.[0]?.networkIP).toBe('10.0.2.15');
    expect(instance.networkInterfaces?.[0]?.accessConfigs?.[0]?.natIP).toMatch(/^192\.0\.2\./);
  });

  test('a repeated request id gets the first operation back and makes nothing new', async () => {
    const request = body();
    const first = await insert(request, UUID(900));
    const again = await insert({ ...request, name: 'other-name' }, UUID(900));
    expect(again.name).toBe(first.name);
    await waitDone(first.name);
    expect(world.fake.instances(PROJECT).map((i) => i.name)).not.toContain('other-name');
  });

  test.each([
    ['a taken name', () => body({ name: 'vm-1' }), 409, 'alreadyExists'],
    ['a bad name', () => body({ name: 'VM_1' }), 400, 'invalid'],
    [
      'a machine type path of another zone',
      () => body({ machineType: 'zones/europe-west1-b/machineTypes/e2-micro' }),
      400,
      'invalid',
    ],
    ['a bare machine type', () => body({ machineType: 'e2-micro' }), 400, 'invalid'],
    [
      'an unknown machine type',
      () => body({ machineType: `zones/${ZONE}/machineTypes/z9-huge` }),
      400,
      'invalid',
    ],
    [
      'an image that does not exist',
      () =>
        body({
          disks: [
            {
              boot: true,
              initializeParams: { sourceImage: `projects/${PROJECT}/global/images/nope` },
            },
          ],
        }),
      404,
      'notFound',
    ],
    [
      'an image that is not READY',
      () =>
        body({
          disks: [
            {
              boot: true,
              initializeParams: { sourceImage: `projects/${PROJECT}/global/images/pending` },
            },
          ],
        }),
      400,
      'resourceNotReady',
    ],
    [
      'an Arm machine for an x86 image',
      () => body({ machineType: `zones/${ZONE}/machineTypes/t2a-standard-1` }),
      400,
      'invalid',
    ],
    [
      'a network that does not exist',
      () => body({ networkInterfaces: [{ network: 'global/networks/nope' }] }),
      404,
      'notFound',
    ],
    [
      'maxRunDuration below 30 s',
      () =>
        body({
          scheduling: { instanceTerminationAction: 'DELETE', maxRunDuration: { seconds: '10' } },
        }),
      400,
      'invalid',
    ],
    [
      'maxRunDuration without a termination action',
      () => body({ scheduling: { maxRunDuration: { seconds: '60' } } }),
      400,
      'invalid',
    ],
    ['an invalid label', () => body({ labels: { 'Bad Key': 'x' } }), 400, 'invalid'],
  ])('refuses %s', async (_, make, status, reason) => {
    const found = await refusal(insert(make()));
    expect({ status: found.status, reason: found.reason }).toEqual({ status, reason });
  });

  test('an unknown zone is refused', async () => {
    const found = await refusal(
      clients.instances.insert({
        project: PROJECT,
        zone: 'mars-north1-a',
        instanceResource: body(),
      }),
    );
    expect(found.status).toBe(400);
  });

  test('the external-IP organisation policy answers 412 naming the constraint', async () => {
    world.fake.setConstraint('compute.vmExternalIpAccess');
    try {
      const found = await refusal(insert(body()));
      expect(found).toMatchObject({ status: 412, reason: 'conditionNotMet' });
      expect(found.message).toContain('constraints/compute.vmExternalIpAccess');
      // Without an external IP the same policy has nothing to say.
      const operation = await insert(
        body({ networkInterfaces: [{ network: 'global/networks/default' }] }),
      );
      expect((await waitDone(operation.name)).error).toBeFalsy();
    } finally {
      world.fake.setConstraint('compute.vmExternalIpAccess', false);
    }
  });

  test('logs the permissions the body needs', async () => {
    const before = world.fake.requests.length;
    await waitDone((await insert(body({ labels: { a: 'b' }, tags: { items: ['t'] } }))).name);
    const [record] = world.fake.requests
      .slice(before)
      .filter((r) => r.route === 'compute.instances.insert');
    expect(record!.permissions.sort()).toEqual(
      [
        'compute.instances.create',
        'compute.disks.create',
        'compute.images.useReadOnly',
        'compute.subnetworks.use',
        'compute.subnetworks.useExternalIp',
        'compute.instances.setLabels',
        'compute.instances.setTags',
      ].sort(),
    );
  });
});

describe('lists, deletes and operations', () => {
  test('the aggregated list groups by zone, filters by label, and warns for empty zones', async () => {
    await waitDone((await insert(body({ name: 'labelled', labels: { team: 'edge' } }))).name);
    const found: [string, { instances?: { name?: string | null }[] | null }][] = [];
    for await (const entry of clients.instances.aggregatedListAsync(
      { project: PROJECT, filter: '(labels.team = "edge")' },
      { autoPaginate: false },
    )) {
      found.push(entry);
    }
    const withInstances = found.filter(([, scoped]) => (scoped.instances ?? []).length > 0);
    expect(
      withInstances.map(([zone, scoped]) => [zone, scoped.instances!.map((i) => i.name)]),
    ).toEqual([[`zones/${ZONE}`, ['labelled']]]);
    expect(found.length).toBeGreaterThan(1);
  });

  test('delete goes through a zonal operation; a global operation path does not know it', async () => {
    const [started] = await clients.instances.delete({
      project: PROJECT,
      zone: ZONE,
      instance: 'labelled',
    });
    const name = (started.latestResponse as { name: string }).name;
    const global = await refusal(clients.operations.get({ project: PROJECT, operation: name }));
    expect(global.status).toBe(404);
    await waitDone(name);
    const gone = await refusal(
      clients.instances.get({ project: PROJECT, zone: ZONE, instance: 'labelled' }),
    );
    expect(gone.status).toBe(404);
  });

  test('firewall rules: insert needs the network, a taken name is 409, delete is 404 once gone', async () => {
    const rule = {
      name: 'web',
      network: 'global/networks/default',
      targetTags: ['web'],
      allowed: [{ IPProtocol: 'tcp', ports: ['80', '8000-8010'] }],
    };
    await clients.firewalls.insert({ project: PROJECT, firewallResource: rule });
    expect(
      (await refusal(clients.firewalls.insert({ project: PROJECT, firewallResource: rule })))
        .status,
    ).toBe(409);
    const missing = await refusal(
      clients.firewalls.insert({
        project: PROJECT,
        firewallResource: { ...rule, name: 'web2', network: 'global/networks/nope' },
      }),
    );
    expect(missing).toMatchObject({ status: 404, reason: 'notFound' });
    const badPorts = await refusal(
      clients.firewalls.insert({
        project: PROJECT,
        firewallResource: {
          ...rule,
          name: 'web3',
          allowed: [{ IPProtocol: 'tcp', ports: ['70000'] }],
        },
      }),
    );
    expect(badPorts.status).toBe(400);
    const listed: string[] = [];
    for await (const found of clients.firewalls.listAsync(
      { project: PROJECT, filter: 'name eq "we.*"' },
      { autoPaginate: false },
    )) {
      listed.push(found.name!);
    }
    expect(listed).toEqual(['web']);
    await clients.firewalls.delete({ project: PROJECT, firewall: 'web' });
    expect(
      (await refusal(clients.firewalls.delete({ project: PROJECT, firewall: 'web' }))).status,
    ).toBe(404);
  });
});

describe('SerialLog', () => {
  test('offsets count from boot; the oldest bytes past 1 MB are dropped and start moves forward', () => {
    const log = new SerialLog();
    log.append(Buffer.from('hello '));
    log.append(Buffer.from('world'));
    expect(log.read(0, 4)).toEqual({ contents: 'hell', start: 0, next: 4 });
    expect(log.read(4, 100)).toEqual({ contents: 'o world', start: 4, next: 11 });
    expect(log.read(11, 100)).toEqual({ contents: '', start: 11, next: 11 });
    expect(log.read(-5, 100)).toEqual({ contents: 'world', start: 6, next: 11 });
    log.append(Buffer.alloc(1024 * 1024, 'x'));
    expect(log.read(0, 3)).toEqual({ contents: 'xxx', start: 11, next: 14 });
    expect(log.total).toBe(11 + 1024 * 1024);
  });
});
