/**
 * The Compute Engine instance calls previews make, each one step: insert, get, list across
 * zones by label, delete, read the serial console, and wait for the zonal operation a mutation
 * returns or for the instance to run. Mutations carry a request id and are retried on
 * transient failures with the same id, so Google runs them once.
 */
import { randomUUID } from 'node:crypto';
import type { protos } from '@google-cloud/compute';
import { UserError } from '../../errors.js';
import type { PreviewClients } from './clients.js';
import {
  awaitOperation,
  type ComputeContext,
  type GceOperation,
  type OperationErrorItem,
  retried,
} from './compute.js';
import { constraintAdvice, googleFailure, isNotFound, policyConstraint } from './google-errors.js';

export type GceInstance = protos.google.cloud.compute.v1.IInstance;

/** Creating or deleting an instance takes seconds; 5 minutes means something is wrong. */
export const INSTANCE_OPERATION_DEADLINE_MS = 5 * 60_000;
/** From the insert operation's end to RUNNING: normally at once, STAGING for a few seconds. */
export const RUNNING_DEADLINE_MS = 5 * 60_000;
export const RUNNING_POLL_MS = 2_000;
/**
 * The serial console is read in pages; Google keeps the last 1 MB of it, so 64 pages is far
 * more than a whole buffer and only stops a server that never says "no more".
 */
const MAX_SERIAL_PAGES = 64;
const MAX_SERIAL_BYTES = 1024 * 1024;
/** Instance.Status.RUNNING when the client hands enums out as numbers. */
const RUNNING_NUMBER = 121282975;
/** Statuses from which an instance will not come to run by itself. */
const STOPPED = new Set(['STOPPING', 'STOPPED', 'SUSPENDING', 'SUSPENDED', 'TERMINATED']);

export interface PreviewContext extends ComputeContext {
  clients: PreviewClients;
  /** Waits between polls; tests pass one that returns at once. */
  sleep: (ms: number) => Promise<void>;
  pollMs: number;
}

/** Starts instances.insert in `zone`; returns its operation. A 409 is left to the caller. */
export async function insertInstance(
  ctx: PreviewContext,
  zone: string,
  instanceResource: GceInstance,
  requestId: string,
): Promise<GceOperation> {
  const { project, instances } = ctx.clients;
  const [started] = await retried(ctx, `creating instance ${instanceResource.name}`, () =>
    instances.insert({ project, zone, instanceResource, requestId }),
  );
  return started.latestResponse as GceOperation;
}

/** The instance, or undefined when there is none of that name in `zone`. */
export async function getInstance(
  ctx: PreviewContext,
  zone: string,
  name: string,
): Promise<GceInstance | undefined> {
  const { project, instances } = ctx.clients;
  try {
    const [instance] = await retried(ctx, `reading instance ${name}`, () =>
      instances.get({ project, zone, instance: name }),
    );
    return instance;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw googleFailure(error, {
      step: `reading instance ${name}`,
      project,
      permission: 'compute.instances.get',
    });
  }
}

/** Instances in every zone of the project that match `filter` (a Compute list filter). */
export async function listInstances(ctx: PreviewContext, filter: string): Promise<GceInstance[]> {
  const { project, instances } = ctx.clients;
  const found: GceInstance[] = [];
  try {
    const pages = instances.aggregatedListAsync(
      { project, filter, returnPartialSuccess: true },
      { autoPaginate: false },
    );
    for await (const [, scoped] of pages) found.push(...(scoped.instances ?? []));
  } catch (error) {
    throw googleFailure(error, {
      step: 'listing instances',
      project,
      permission: 'compute.instances.list',
    });
  }
  return found;
}

/**
 * Deletes an instance (its boot disk goes with it) and waits until it is gone. Returns false
 * when there was none to delete.
 */
export async function deleteInstance(
  ctx: PreviewContext,
  zone: string,
  name: string,
): Promise<boolean> {
  const { project, instances } = ctx.clients;
  const requestId = randomUUID();
  const step = `deleting instance ${name}`;
  let operation: GceOperation;
  try {
    const [started] = await retried(ctx, step, () =>
      instances.delete({ project, zone, instance: name, requestId }),
    );
    operation = started.latestResponse as GceOperation;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw googleFailure(error, { step, project, permission: 'compute.instances.delete' });
  }
  await waitForZoneOperation(ctx, zone, operation, step);
  return true;
}

/** Waits for a zonal operation as `waitForOperation` does for a global one. */
export async function waitForZoneOperation(
  ctx: PreviewContext,
  zone: string,
  started: GceOperation,
  step: string,
): Promise<void> {
  const { project, zoneOperations } = ctx.clients;
  await awaitOperation(ctx, started, step, INSTANCE_OPERATION_DEADLINE_MS, {
    wait: (operation) => zoneOperations.wait({ project, zone, operation }),
    scope: `--zone ${zone}`,
    permission: 'compute.zoneOperations.get',
    hint: (errors) => instanceErrorHint(errors, project, zone),
  });
}

/** What to do about the operation errors an instance insert commonly ends with. */
export function instanceErrorHint(
  errors: OperationErrorItem[],
  project: string,
  zone: string,
): string | undefined {
  const text = errors.map((e) => `${e.code} ${e.message}`).join(' ');
  const constraint = policyConstraint(text);
  if (constraint)
    return `Organisation policy ${constraint}: ${constraintAdvice(constraint, project)}`;
  if (/ZONE_RESOURCE_POOL_EXHAUSTED|STOCKOUT/.test(text)) {
    return `Zone ${zone} has no capacity for this machine type right now: use another gcp-zone or preview-instance-type, or run again later.`;
  }
  if (/QUOTA_EXCEEDED/.test(text)) {
    return `Free some quota in project ${project} (instances, CPUs, external IPs of the region) or ask for more in the Google Cloud console (IAM & Admin → Quotas).`;
  }
  return undefined;
}

/**
 * Polls instances.get until the instance is RUNNING and returns it; a stopped or vanished
 * instance, or none running after `RUNNING_DEADLINE_MS`, is an error.
 */
export async function waitUntilRunning(
  ctx: PreviewContext,
  zone: string,
  name: string,
): Promise<GceInstance> {
  const deadline = ctx.now().getTime() + RUNNING_DEADLINE_MS;
  for (;;) {
    ctx.signal?.throwIfAborted();
    const instance = await getInstance(ctx, zone, name);
    const status = String(instance?.status ?? 'missing');
    if (status === 'RUNNING' || Number(status) === RUNNING_NUMBER) return instance!;
    if (instance === undefined || STOPPED.has(status)) {
      throw new UserError(
        `Instance ${name} in ${zone} is ${instance ? status : 'gone'} instead of RUNNING${instance?.statusMessage ? ` (${instance.statusMessage})` : ''}: Compute Engine stopped it, or its run time ran out.`,
      );
    }
    if (ctx.now().getTime() > deadline) {
      throw new UserError(
        `Instance ${name} in ${zone} is still ${status} after ${RUNNING_DEADLINE_MS / 60_000} min; see it with "gcloud compute instances describe ${name} --zone ${zone} --project ${ctx.clients.project}".`,
      );
    }
    await ctx.sleep(ctx.pollMs);
  }
}

/**
 * The serial console (port 1) of an instance, from the oldest byte Google still keeps: read
 * page by page, passing each answer's `next` as the following `start`, until a page comes
 * back empty. Undefined when the instance does not exist.
 */
export async function readSerialOutput(
  ctx: PreviewContext,
  zone: string,
  name: string,
): Promise<string | undefined> {
  const { project, instances } = ctx.clients;
  const parts: string[] = [];
  let start = '0';
  let bytes = 0;
  for (let page = 0; page < MAX_SERIAL_PAGES && bytes < MAX_SERIAL_BYTES; page++) {
    let output: protos.google.cloud.compute.v1.ISerialPortOutput;
    try {
      [output] = await retried(ctx, `reading the serial console of ${name}`, () =>
        instances.getSerialPortOutput({ project, zone, instance: name, port: 1, start }),
      );
    } catch (error) {
      if (isNotFound(error)) return page === 0 ? undefined : parts.join('');
      throw googleFailure(error, {
        step: `reading the serial console of instance ${name}`,
        project,
        permission: 'compute.instances.getSerialPortOutput',
      });
    }
    if (page === 0 && Number(output.start ?? 0) > 0) {
      parts.push(`[the first ${output.start} bytes of the console are no longer kept]\n`);
    }
    const contents = output.contents ?? '';
    if (contents === '') break;
    parts.push(contents);
    bytes += Buffer.byteLength(contents);
    if (output.next === undefined || output.next === null) break;
    start = String(output.next);
  }
  return parts.join('');
}
