/**
 * Compute Engine's instances (cloud-publishing.md §5, §8.4): insert, get, list per zone and
 * aggregated, delete and the serial console, mutations as zonal operations, a repeated
 * `requestId` answered with the first operation. An inserted instance goes PROVISIONING →
 * STAGING → RUNNING, and, when the fake boots instances, RUNNING means a real QEMU is booting
 * a copy of the image's disk on the instance's own 127.0.0.N (its `natIP`), with the TCP
 * ports the firewall rules open for its tags at that moment forwarded (fake-vm.ts). Delete
 * kills it. A guest that ends makes the instance TERMINATED; `scheduling.maxRunDuration` is
 * honoured (scaled by `runDurationScale`) with its `instanceTerminationAction`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { matchesFilter, parseFilter } from './fake-filter.js';
import { forwardedPorts, networkLink, sendPage } from './fake-firewalls.js';
import type { Route, RouteContext } from './fake-http.js';
import { checkInstance, type InstanceBody, insertPermissions } from './fake-instance-checks.js';
import {
  answerWithOperation,
  type ComputeState,
  type OperationError,
  type ProjectState,
  projectOf,
  repeated,
  SELF_LINK_BASE,
  stamp,
} from './fake-operations.js';
import { type FakeVm, SerialLog, type VmHost } from './fake-vm.js';

export type InstanceResource = Record<string, unknown> & {
  name: string;
  zone: string;
  status: string;
  creationTimestamp: string;
  labels?: Record<string, string>;
  tags?: { items?: string[]; fingerprint?: string };
  networkInterfaces: (Record<string, unknown> & {
    network: string;
    networkIP: string;
    accessConfigs?: (Record<string, unknown> & { natIP?: string; type: string })[];
  })[];
  scheduling?: Record<string, unknown>;
};

export interface InstanceRecord {
  resource: InstanceResource;
  project: string;
  zone: string;
  vm?: FakeVm;
  /** The console of an instance that was not booted: empty. */
  idleSerial: SerialLog;
  expiry?: NodeJS.Timeout;
}

/** How instances come to life. */
export interface InstanceWorld {
  /** Undefined: instances are not booted (RUNNING at once, with a TEST-NET address). */
  host?: VmHost;
  /** maxRunDuration is multiplied by this (0.001: 30 s become 30 ms). */
  runDurationScale: number;
  /** Bytes one serial-port read returns at most. */
  serialPageBytes: number;
}

const P = '^/compute/v1/projects/([^/]+)';
const zoneLink = (project: string, zone: string) =>
  `${SELF_LINK_BASE}/projects/${project}/zones/${zone}`;
const instanceLink = (project: string, zone: string, name: string) =>
  `${zoneLink(project, zone)}/instances/${name}`;
/** The guest's address on QEMU's user network (and the instance's internal IP). */
const GUEST_IP = '10.0.2.15';
let nextTestNetHost = 1;

function recordOf(project: ProjectState, ctx: RouteContext): InstanceRecord | undefined {
  const [projectId, zone, name] = ctx.params as [string, string, string];
  const record = project.instances.get(`${zone}/${name}`);
  if (!record) {
    ctx.fail(
      404,
      'notFound',
      `The resource 'projects/${projectId}/zones/${zone}/instances/${name}' was not found`,
    );
  }
  return record;
}

function zoneKnown(state: ComputeState, ctx: RouteContext): boolean {
  if (state.zones.includes(ctx.params[1]!)) return true;
  ctx.fail(400, 'invalid', `Invalid value for field 'zone': '${ctx.params[1]}'. Unknown zone.`);
  return false;
}

function filtered(
  ctx: RouteContext,
  records: Iterable<InstanceRecord>,
): InstanceResource[] | undefined {
  try {
    const filter = parseFilter(ctx.query.filter ?? '');
    return [...records].map((r) => r.resource).filter((r) => matchesFilter(r, filter));
  } catch (error) {
    ctx.fail(400, 'invalid', `Invalid value for field 'filter': ${(error as Error).message}`);
    return undefined;
  }
}

export function instanceRoutes(state: ComputeState, world: InstanceWorld): Route[] {
  return [
    {
      id: 'compute.instances.insert',
      method: 'POST',
      path: new RegExp(`${P}/zones/([^/]+)/instances$`),
      permissions: ['compute.instances.create'],
      handle: (ctx) => insertInstance(state, world, ctx),
    },
    {
      id: 'compute.instances.list',
      method: 'GET',
      path: new RegExp(`${P}/zones/([^/]+)/instances$`),
      permissions: ['compute.instances.list'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        if (!project || !zoneKnown(state, ctx)) return;
        const zone = ctx.params[1]!;
        const items = filtered(
          ctx,
          [...project.instances.values()].filter((r) => r.zone === zone),
        );
        if (items) sendPage(ctx, 'compute#instanceList', items);
      },
    },
    {
      id: 'compute.instances.aggregatedList',
      method: 'GET',
      path: new RegExp(`${P}/aggregated/instances$`),
      permissions: ['compute.instances.list'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        if (!project) return;
        const all = filtered(ctx, project.instances.values());
        if (!all) return;
        const pageSize = Math.min(Number(ctx.query.maxResults ?? 500), 500);
        const start = Number(ctx.query.pageToken ?? 0);
        const page = all.slice(start, start + pageSize);
        const items: Record<string, unknown> = {};
        for (const zone of state.zones) {
          const here = page.filter((i) => i.zone.endsWith(`/zones/${zone}`));
          items[`zones/${zone}`] =
            here.length > 0
              ? { instances: here }
              : {
                  warning: {
                    code: 'NO_RESULTS_ON_PAGE',
                    message: 'There are no results for scope on this page.',
                  },
                };
        }
        const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
        ctx.send(200, { kind: 'compute#instanceAggregatedList', items, nextPageToken: next });
      },
    },
    {
      id: 'compute.instances.get',
      method: 'GET',
      path: new RegExp(`${P}/zones/([^/]+)/instances/([^/]+)$`),
      permissions: ['compute.instances.get'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        const record = project && recordOf(project, ctx);
        if (record) ctx.send(200, record.resource);
      },
    },
    {
      id: 'compute.instances.delete',
      method: 'DELETE',
      path: new RegExp(`${P}/zones/([^/]+)/instances/([^/]+)$`),
      permissions: ['compute.instances.delete'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        if (!project || repeated(state, ctx)) return;
        const record = recordOf(project, ctx);
        if (!record) return;
        record.resource.status = 'STOPPING';
        const link = instanceLink(record.project, record.zone, record.resource.name);
        answerWithOperation(
          state,
          ctx,
          'delete',
          link,
          () => removeInstance(world, project, record),
          record.zone,
        );
      },
    },
    {
      id: 'compute.instances.getSerialPortOutput',
      method: 'GET',
      path: new RegExp(`${P}/zones/([^/]+)/instances/([^/]+)/serialPort$`),
      permissions: ['compute.instances.getSerialPortOutput'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        const record = project && recordOf(project, ctx);
        if (!record) return;
        const port = Number(ctx.query.port ?? 1);
        if (![1, 2, 3, 4].includes(port))
          return ctx.fail(400, 'invalid', `Invalid value for field 'port': '${ctx.query.port}'.`);
        const log = port === 1 && record.vm ? record.vm.serial : record.idleSerial;
        const page = log.read(Number(ctx.query.start ?? 0), world.serialPageBytes);
        ctx.send(200, {
          kind: 'compute#serialPortOutput',
          contents: page.contents,
          start: String(page.start),
          next: String(page.next),
          selfLink: `${instanceLink(record.project, record.zone, record.resource.name)}/serialPort`,
        });
      },
    },
  ];
}

async function insertInstance(
  state: ComputeState,
  world: InstanceWorld,
  ctx: RouteContext,
): Promise<void> {
  const project = projectOf(state, ctx);
  const body = await ctx.json<InstanceBody & Record<string, unknown>>();
  if (!project || repeated(state, ctx) || !zoneKnown(state, ctx)) return;
  const [projectId, zone] = ctx.params as [string, string];
  ctx.permissions.push(...insertPermissions(body));
  const checked = checkInstance(state, project, projectId, zone, body);
  if ('status' in checked) return ctx.fail(checked.status, checked.reason, checked.message);
  const key = `${zone}/${body.name}`;
  if (project.instances.has(key)) {
    return ctx.fail(
      409,
      'alreadyExists',
      `The resource 'projects/${projectId}/zones/${zone}/instances/${body.name}' already exists`,
    );
  }
  const nic = body.networkInterfaces![0]!;
  const resource: InstanceResource = {
    ...body,
    kind: 'compute#instance',
    id: String(state.nextId++),
    name: body.name!,
    creationTimestamp: stamp(state),
    zone: zoneLink(projectId, zone),
    selfLink: instanceLink(projectId, zone, body.name!),
    machineType: `${zoneLink(projectId, zone)}/machineTypes/${checked.machineType}`,
    status: 'PROVISIONING',
    disks: [
      {
        kind: 'compute#attachedDisk',
        type: 'PERSISTENT',
        mode: 'READ_WRITE',
        boot: true,
        autoDelete: body.disks![0]!.autoDelete ?? true,
        deviceName: 'persistent-disk-0',
        source: `${zoneLink(projectId, zone)}/disks/${body.name}`,
        diskSizeGb: checked.image.diskSizeGb ?? '1',
        architecture: checked.image.architecture ?? 'X86_64',
      },
    ],
    networkInterfaces: [
      {
        ...nic,
        kind: 'compute#networkInterface',
        name: 'nic0',
        network: networkLink(projectId, checked.network),
        networkIP: GUEST_IP,
        accessConfigs: (nic.accessConfigs ?? []).map((a) => ({
          kind: 'compute#accessConfig',
          ...a,
          type: 'ONE_TO_ONE_NAT',
        })),
      },
    ],
    ...(body.tags ? { tags: { ...body.tags, fingerprint: 'fake' } } : {}),
    labelFingerprint: 'fake',
    fingerprint: 'fake',
  };
  const record: InstanceRecord = {
    resource,
    project: projectId,
    zone,
    idleSerial: new SerialLog(),
  };
  project.instances.set(key, record);
  const failure = state.instanceFailures.shift();
  answerWithOperation(
    state,
    ctx,
    'insert',
    resource.selfLink as string,
    async () => {
      const errors = failure ?? (await startInstance(state, world, project, record, checked));
      if (errors) project.instances.delete(key);
      return errors;
    },
    zone,
  );
}

/** STAGING, then (booting) a QEMU with the firewall's forwards, then RUNNING. */
async function startInstance(
  state: ComputeState,
  world: InstanceWorld,
  project: ProjectState,
  record: InstanceRecord,
  checked: Exclude<ReturnType<typeof checkInstance>, { status: number }>,
): Promise<OperationError[] | undefined> {
  const { resource } = record;
  resource.status = 'STAGING';
  const access = resource.networkInterfaces[0]!.accessConfigs?.[0];
  const tags = resource.tags?.items ?? [];
  if (world.host === undefined) {
    if (access) access.natIP = `192.0.2.${(nextTestNetHost++ % 254) + 1}`;
  } else {
    if (checked.image.architecture === 'ARM64') {
      return [
        {
          code: 'UNSUPPORTED_OPERATION',
          message: 'The fake boots x86_64 images only (no ARM64 QEMU here).',
        },
      ];
    }
    const disk = path.join(state.dir, 'disks', checked.imageProject, `${checked.image.name}.raw`);
    if (!existsSync(disk)) {
      return [
        {
          code: 'RESOURCE_NOT_FOUND',
          message: `The fake holds no disk for image ${checked.image.name} (seeded without one).`,
        },
      ];
    }
    try {
      const ports = access ? forwardedPorts(project, record.project, checked.network, tags) : [];
      const name = `${record.project}-${record.zone}-${resource.name}`;
      record.vm = await world.host.boot({ name, sourceDisk: disk, ports }, () => {
        // The guest ended (powered off, crashed): Compute Engine shows TERMINATED, without IP.
        resource.status = 'TERMINATED';
        if (access) delete access.natIP;
      });
      if (access) access.natIP = record.vm.address;
      if (project.instances.get(`${record.zone}/${resource.name}`) !== record) {
        await world.host.stop(record.vm); // deleted while it was starting
      }
    } catch (error) {
      return [{ code: 'INTERNAL_ERROR', message: (error as Error).message }];
    }
  }
  resource.status = 'RUNNING';
  if (checked.runSeconds !== undefined) scheduleExpiry(world, project, record, checked.runSeconds);
  return undefined;
}

/** Compute Engine's maxRunDuration: at the end, DELETE or STOP as the instance says. */
function scheduleExpiry(
  world: InstanceWorld,
  project: ProjectState,
  record: InstanceRecord,
  seconds: number,
) {
  const delayMs = seconds * 1000 * world.runDurationScale;
  // setTimeout fires at once for delays past 2^31 - 1 ms (24.8 days): no test runs that long.
  if (delayMs > 2 ** 31 - 1) return;
  record.expiry = setTimeout(() => {
    if (record.resource.scheduling?.instanceTerminationAction === 'DELETE') {
      record.resource.status = 'STOPPING';
      void removeInstance(world, project, record);
    } else {
      record.resource.status = 'TERMINATED';
      if (record.vm) void world.host?.stop(record.vm);
    }
  }, delayMs);
  record.expiry.unref();
}

/** Stops the VM (its disk goes too: autoDelete) and forgets the instance. */
async function removeInstance(
  world: InstanceWorld,
  project: ProjectState,
  record: InstanceRecord,
): Promise<undefined> {
  clearTimeout(record.expiry);
  if (record.vm) await world.host?.stop(record.vm);
  project.instances.delete(`${record.zone}/${record.resource.name}`);
  return undefined;
}

/** Stops every VM and expiry timer (the fake is closing). */
export async function stopAllInstances(state: ComputeState, world: InstanceWorld): Promise<void> {
  for (const project of state.projects.values()) {
    for (const record of project.instances.values()) clearTimeout(record.expiry);
  }
  await world.host?.closeAll();
}
