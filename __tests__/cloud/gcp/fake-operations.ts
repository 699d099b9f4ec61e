/**
 * Compute Engine's operations, shared by every mutating route of the fake: an operation runs
 * its work in the background and is DONE when the work settles; `wait` answers RUNNING as many
 * times as configured first (the real one returns after about two minutes); a repeated
 * `requestId` gets the first operation back. Global operations (images, firewalls) and zonal
 * ones (instances) are the same record, the zonal ones with their zone; each is reachable only
 * under its own path.
 */
import type { FirewallResource } from './fake-firewalls.js';
import type { Route, RouteContext } from './fake-http.js';
import type { InstanceRecord } from './fake-instances.js';
import type { StorageState } from './fake-storage.js';

export const SELF_LINK_BASE = 'https://www.googleapis.com/compute/v1';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface OperationError {
  code: string;
  message: string;
}

interface OperationRecord {
  resource: Record<string, unknown> & { name: string; status: string };
  /** The zone of a zonal operation; undefined for a global one. */
  zone?: string;
  /** `wait` calls still to answer RUNNING (the real one gives up after ~2 minutes). */
  waitsLeft: number;
  settled: Promise<void>;
}

export interface ProjectState {
  images: Map<string, ImageResource>;
  operations: Map<string, OperationRecord>;
  /** By `<zone>/<name>`. */
  instances: Map<string, InstanceRecord>;
  firewalls: Map<string, FirewallResource>;
  /** VPC networks that exist (firewall rules and instances name one). */
  networks: Set<string>;
}

/** An image as the fake stores it: the inserted body plus what Google adds. */
export type ImageResource = Record<string, unknown> & {
  name: string;
  status: 'PENDING' | 'READY' | 'FAILED' | 'DELETING';
  creationTimestamp: string;
  labels?: Record<string, string>;
  family?: string;
  deprecated?: Record<string, string>;
};

export interface ComputeState {
  dir: string;
  storage: StorageState;
  projects: Map<string, ProjectState>;
  requestIds: Map<string, string>;
  /** How many times `wait` answers RUNNING before it waits for the end (per operation). */
  earlyWaits: number;
  /** Errors the next image imports end with, one list per insert. */
  importFailures: OperationError[][];
  /** Zones that exist (instances are made in one of them). */
  zones: string[];
  /** Organisation policy constraints enforced (`compute.vmExternalIpAccess`). */
  constraints: Set<string>;
  /** Errors the next instance inserts end with, one list per insert. */
  instanceFailures: OperationError[][];
  /** Creation times: strictly increasing, so "newest" is never a tie. */
  nextTime: number;
  nextId: number;
}

export const DEFAULT_ZONES = [
  'us-central1-a',
  'us-central1-b',
  'us-central1-c',
  'us-east1-b',
  'europe-west1-b',
  'europe-west4-a',
];

export function newComputeState(
  dir: string,
  storage: StorageState,
  projects: string[],
  options: { zones?: string[]; networks?: string[] } = {},
) {
  const newProject = (): ProjectState => ({
    images: new Map(),
    operations: new Map(),
    instances: new Map(),
    firewalls: new Map(),
    networks: new Set(options.networks ?? ['default']),
  });
  const state: ComputeState = {
    dir,
    storage,
    projects: new Map(projects.map((p) => [p, newProject()])),
    requestIds: new Map(),
    earlyWaits: 1,
    importFailures: [],
    zones: options.zones ?? DEFAULT_ZONES,
    constraints: new Set(),
    instanceFailures: [],
    nextTime: Date.parse('2026-01-01T00:00:00Z'),
    nextId: 1000,
  };
  return state;
}

/** A new timestamp, later than every earlier one, in Compute's format. */
export function stamp(state: ComputeState): string {
  state.nextTime += 1000;
  return new Date(state.nextTime).toISOString().replace('Z', '-00:00');
}

/**
 * Registers an operation on `target` and runs `work` in the background; the operation is DONE
 * when it settles, with `error.errors` when it returned any.
 */
export function startOperation(
  state: ComputeState,
  project: string,
  operationType: string,
  targetLink: string,
  work: () => Promise<OperationError[] | undefined>,
  zone?: string,
) {
  const name = `operation-${state.nextId++}-${operationType}`;
  const scope = zone === undefined ? 'global' : `zones/${zone}`;
  const resource: OperationRecord['resource'] = {
    kind: 'compute#operation',
    id: String(state.nextId++),
    name,
    operationType,
    targetLink,
    status: 'RUNNING',
    progress: 0,
    insertTime: stamp(state),
    selfLink: `${SELF_LINK_BASE}/projects/${project}/${scope}/operations/${name}`,
    ...(zone === undefined ? {} : { zone: `${SELF_LINK_BASE}/projects/${project}/zones/${zone}` }),
  };
  const settled = work()
    .catch((error: Error): OperationError[] => [{ code: 'INTERNAL_ERROR', message: error.message }])
    .then((errors) => {
      resource.status = 'DONE';
      resource.progress = 100;
      resource.endTime = stamp(state);
      if (errors && errors.length > 0) resource.error = { errors };
    });
  state.projects.get(project)!.operations.set(name, {
    resource,
    zone,
    waitsLeft: state.earlyWaits,
    settled,
  });
  return resource;
}

export function projectOf(state: ComputeState, ctx: RouteContext): ProjectState | undefined {
  const project = state.projects.get(ctx.params[0]!);
  if (!project) ctx.fail(404, 'notFound', `The resource 'projects/${ctx.params[0]}' was not found`);
  return project;
}

const PROJECT = '^/compute/v1/projects/([^/]+)';

/** The operation a route names, if it lives there (global: no zone; zonal: that zone). */
function operationAt(state: ComputeState, ctx: RouteContext, zone: string | undefined) {
  const name = ctx.params[zone === undefined ? 1 : 2]!;
  const operation = projectOf(state, ctx)?.operations.get(name);
  if (ctx.res.headersSent) return undefined;
  if (!operation || operation.zone !== zone) {
    ctx.fail(404, 'notFound', `The resource 'operations/${name}' was not found`);
    return undefined;
  }
  return operation;
}

/** get and wait, for the global operations or (with `zonal`) the zonal ones. */
function operationRoutesOf(state: ComputeState, zonal: boolean): Route[] {
  const scope = zonal ? 'zones/([^/]+)' : 'global';
  const kind = zonal ? 'zoneOperations' : 'globalOperations';
  const zoneOf = (ctx: RouteContext) => (zonal ? ctx.params[1] : undefined);
  return [
    {
      id: `compute.${kind}.get`,
      method: 'GET',
      path: new RegExp(`${PROJECT}/${scope}/operations/([^/]+)$`),
      permissions: [`compute.${kind}.get`],
      handle(ctx) {
        const operation = operationAt(state, ctx, zoneOf(ctx));
        if (operation) ctx.send(200, operation.resource);
      },
    },
    {
      id: `compute.${kind}.wait`,
      method: 'POST',
      path: new RegExp(`${PROJECT}/${scope}/operations/([^/]+)/wait$`),
      permissions: [`compute.${kind}.get`],
      async handle(ctx) {
        await ctx.body();
        const operation = operationAt(state, ctx, zoneOf(ctx));
        if (!operation) return;
        if (operation.waitsLeft > 0) {
          operation.waitsLeft--;
          return ctx.send(200, { ...operation.resource, status: 'RUNNING' });
        }
        await operation.settled;
        ctx.send(200, operation.resource);
      },
    },
  ];
}

export function operationRoutes(state: ComputeState): Route[] {
  return [...operationRoutesOf(state, false), ...operationRoutesOf(state, true)];
}

/**
 * The operation this request's `requestId` already started (answered with it, as Google
 * ignores a repeated request), or undefined: go on. False when the id was malformed (answered).
 */
export function repeated(state: ComputeState, ctx: RouteContext): boolean {
  const requestId = ctx.query.requestId;
  if (requestId === undefined) return false;
  if (!UUID.test(requestId) || /^[0-]+$/.test(requestId)) {
    ctx.fail(400, 'invalid', `Invalid value for field 'requestId': '${requestId}'.`);
    return true;
  }
  const known = state.requestIds.get(requestId);
  if (known === undefined) return false;
  ctx.send(200, state.projects.get(ctx.params[0]!)!.operations.get(known)!.resource);
  return true;
}

/** Starts an operation and remembers it under the request's `requestId`, then answers. */
export function answerWithOperation(
  state: ComputeState,
  ctx: RouteContext,
  operationType: string,
  targetLink: string,
  work: () => Promise<OperationError[] | undefined>,
  zone?: string,
): void {
  const operation = startOperation(state, ctx.params[0]!, operationType, targetLink, work, zone);
  if (ctx.query.requestId !== undefined) state.requestIds.set(ctx.query.requestId, operation.name);
  ctx.send(200, operation);
}
