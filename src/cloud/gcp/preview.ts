/**
 * Pull-request previews on Compute Engine: a firewall rule opening the preview's TCP ports on
 * a network tag, then an instance carrying that tag, booted from the PR's published image,
 * with an external IP, nanoship's labels, and `maxRunDuration` + `instanceTerminationAction:
 * DELETE` so that Google deletes it at its expiry even if every sweep fails.
 *
 *   const cloud = createGcpPreviewCloud({ zone: 'us-central1-a' });
 *   const preview = await cloud.launch(request, deps);   // RUNNING, preview.address = its IP
 *   await cloud.destroy(preview, deps);                   // the instance, then its rule
 *
 * Every resource is reported to `deps.recorder` the moment it may exist and is settled when
 * it is deleted; a launch that fails deletes what it made before it throws one UserError.
 * A launch that succeeds leaves its resources unsettled: the caller settles them once the
 * preview answers (so the Action's post step removes a preview whose run died before that).
 */
import { randomUUID } from 'node:crypto';
import { errorMessage, isUserError, UserError } from '../../errors.js';
import type { RetryOptions } from '../../retry.js';
import type {
  CloudResource,
  PreviewCloud,
  PreviewInstance,
  PreviewLaunch,
  PublishDeps,
} from '../types.js';
import { createPreviewClients } from './clients.js';
import { SMALL_OPERATION_DEADLINE_MS, waitForOperation } from './compute.js';
import { deleteFirewall, type GceFirewall, getFirewall, insertFirewall } from './firewalls.js';
import { describeGoogleError, googleFailure } from './google-errors.js';
import { requestIdFor } from './image-resource.js';
import {
  deleteInstance,
  type GceInstance,
  getInstance,
  insertInstance,
  type PreviewContext,
  RUNNING_POLL_MS,
  readSerialOutput,
  waitForZoneOperation,
  waitUntilRunning,
} from './instances.js';
import {
  decodeFirewallMetadata,
  firewallResourceFor,
  instanceResourceFor,
  isPreviewOf,
  machineTypeOf,
  natIpOf,
  PreviewLabels,
  type PreviewNames,
  previewFromInstance,
  previewNames,
} from './preview-resource.js';
import { deleteOrphans, deletePreviewImages, findPreviews } from './sweep.js';

export interface GcpPreviewSettings {
  /** Undefined: the project of the credentials (ADC). */
  project?: string;
  zone: string;
  /** VPC network of the instance and its firewall rule; default `default`. */
  network?: string;
  /** gcloud's endpoint overrides, as in GcpPublishPlan. */
  computeEndpoint?: string;
  storageEndpoint?: string;
  /**
   * The staging bucket publishing uploads to. When set, `deleteOrphans` also deletes the
   * repository's staging objects older than a day (a failed run's leftovers); when not, the
   * bucket's lifecycle rule (docs/gcp.md) is what removes them.
   */
  bucket?: string;
}

/** Waits and retries; tests shorten them. */
export interface GcpPreviewTuning {
  retry?: RetryOptions;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const sleepWithTimer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The PreviewCloud of Compute Engine in `settings.zone`. */
export function createGcpPreviewCloud(
  settings: GcpPreviewSettings,
  tuning: GcpPreviewTuning = {},
): PreviewCloud {
  /** Runs `fn` with fresh clients for `project`, closed afterwards. */
  async function withContext<T>(
    deps: PublishDeps,
    project: string | undefined,
    fn: (ctx: PreviewContext) => Promise<T>,
  ): Promise<T> {
    const clients = await createPreviewClients(project ?? settings.project, settings);
    const ctx: PreviewContext = {
      clients,
      logger: deps.logger,
      now: deps.now ?? (() => new Date()),
      signal: deps.signal,
      retry: tuning.retry,
      sleep: tuning.sleep ?? sleepWithTimer,
      pollMs: tuning.pollMs ?? RUNNING_POLL_MS,
    };
    try {
      return await fn(ctx);
    } finally {
      await clients.close();
    }
  }
  const projectOf = (instance: PreviewInstance) =>
    instance.resources.find((r) => r.cloud === 'gcp')?.project;
  return {
    launch: (request, deps) =>
      withContext(deps, undefined, (ctx) => launchPreview(ctx, request, settings, deps)),
    consoleOutput: (instance, deps) =>
      withContext(deps, projectOf(instance), async (ctx) => {
        return (await readSerialOutput(ctx, instance.location, instance.id)) ?? '';
      }),
    destroy: (instance, deps) =>
      withContext(deps, projectOf(instance), (ctx) => destroyPreview(ctx, instance, deps)),
    findPreviews: (filter, deps) =>
      withContext(deps, undefined, (ctx) => findPreviews(ctx, filter)),
    deletePreviewImages: (filter, deps) =>
      withContext(deps, undefined, (ctx) => deletePreviewImages(ctx, filter)),
    deleteOrphans: (filter, deps) =>
      withContext(deps, undefined, (ctx) => deleteOrphans(ctx, filter, settings.bucket)),
  };
}

/** Checks what Compute Engine would refuse less clearly, before any call. */
function checkLaunch(request: PreviewLaunch): void {
  if (!request.provenance.repoId) {
    throw new UserError(
      'A preview needs the repository id (GITHUB_REPOSITORY_ID): its labels key on it, so that teardown and sweeps find it.',
    );
  }
  const bad = request.ports.filter((p) => !Number.isInteger(p) || p < 1 || p > 65535);
  if (request.ports.length === 0 || bad.length > 0) {
    throw new UserError(
      `A preview opens TCP ports 1–65535, at least one; got ${request.ports.length === 0 ? 'none' : bad.join(', ')}.`,
    );
  }
}

async function launchPreview(
  ctx: PreviewContext,
  request: PreviewLaunch,
  settings: GcpPreviewSettings,
  deps: PublishDeps,
): Promise<PreviewInstance> {
  checkLaunch(request);
  const { project } = ctx.clients;
  const names = previewNames(request);
  const network = settings.network ?? 'default';
  const made: CloudResource[] = [];
  const record = (resource: CloudResource) => {
    if (made.some((r) => r.kind === resource.kind && r.id === resource.id)) return;
    made.push(resource);
    deps.recorder.created(resource);
  };
  // Request ids come from the run (outside CI a random part, as for images) and the launch's
  // expiry: every retry of a call sends the same id, so Google runs it once, while a later
  // launch of the same build in the same run (after a destroy) is a new request; Google
  // remembers ids for an hour and would hand back the first, finished operation.
  const attempt = `${request.provenance.run ?? randomUUID()}/${request.expiresAt.toISOString()}`;
  deps.logger.info(
    `Starting preview ${names.instance} in ${settings.zone} (${machineTypeOf(request)}, project ${project}) from ${request.imageRef}, TCP ports ${request.ports.join(', ')} open.`,
  );
  try {
    await createFirewall(ctx, request, names, network, attempt, record);
    const instance = await createInstance(ctx, request, names, settings, attempt, record);
    const preview = previewFromInstance(instance, project, [names.firewall]);
    deps.logger.info(`Preview ${names.instance} is RUNNING at ${preview.address}.`);
    return preview;
  } catch (error) {
    const cleanup = { ...ctx, signal: undefined };
    if (made.some((r) => r.kind === 'instance')) await logConsole(cleanup, settings.zone, names);
    await undoLaunch(cleanup, made, deps);
    if (isUserError(error) || ctx.signal?.aborted) throw error;
    throw new UserError(`Starting preview ${names.instance} failed: ${errorMessage(error)}`, {
      cause: error,
    });
  }
}

/**
 * Request ids are derived from the request, so Google runs a retried call once. The other
 * side of that: for about an hour Google answers a repeated id with the first, finished
 * operation, so a launch of a build whose earlier launch (in this run, since destroyed) used
 * the same id gets no resource. A resource missing after a successful operation is therefore
 * asked for again once, under a random id.
 */
const INSERT_ROUNDS = 2;

/** firewalls.insert and its operation; a rule an earlier attempt left for this instance is used. */
async function createFirewall(
  ctx: PreviewContext,
  request: PreviewLaunch,
  names: PreviewNames,
  network: string,
  attempt: string,
  record: (resource: CloudResource) => void,
): Promise<void> {
  const { project } = ctx.clients;
  const resource = firewallResourceFor(request, names, network);
  const step = `creating firewall rule ${names.firewall}`;
  const firewall: CloudResource = { cloud: 'gcp', kind: 'firewall', project, id: names.firewall };
  for (let round = 1; round <= INSERT_ROUNDS; round++) {
    const requestId =
      round === 1
        ? requestIdFor('firewalls.insert', project, names.firewall, attempt)
        : randomUUID();
    try {
      const operation = await insertFirewall(ctx, resource, requestId);
      record(firewall);
      await waitForOperation(ctx, operation, step, SMALL_OPERATION_DEADLINE_MS);
    } catch (error) {
      if (describeGoogleError(error).status !== 409) {
        throw firewallFailure(error, step, project, network);
      }
      if (await adoptFirewall(ctx, request, names, resource)) return record(firewall);
      continue;
    }
    if ((await getFirewall(ctx, names.firewall)) !== undefined) return;
    ctx.logger.info(`Firewall rule ${names.firewall} is missing after its insert: asking again.`);
  }
  throw new UserError(
    `Firewall rule ${names.firewall} could not be created in project ${project} (it was missing after ${INSERT_ROUNDS} inserts that Google reported done); run again.`,
  );
}

/**
 * A rule of this name exists. If it is nanoship's for this preview with the same ports and
 * tag, it is used (true); if it is nanoship's for this preview but differs, it is deleted so
 * it can be made anew (false); anyone else's is an error.
 */
async function adoptFirewall(
  ctx: PreviewContext,
  request: PreviewLaunch,
  names: PreviewNames,
  wanted: Record<string, unknown>,
): Promise<boolean> {
  const existing = await getFirewall(ctx, names.firewall);
  if (existing === undefined) return false;
  const metadata = decodeFirewallMetadata(existing.description);
  const { repoId, pr } = request.provenance;
  if (!isPreviewOf(metadata, { repoId: repoId!, pr })) {
    throw new UserError(
      `Firewall rule ${names.firewall} exists in project ${ctx.clients.project} and is not nanoship's rule for this pull request (its description holds no matching nanoship metadata): delete it ("gcloud compute firewall-rules delete ${names.firewall} --project ${ctx.clients.project}") or rename it.`,
    );
  }
  if (sameOpening(existing, wanted as GceFirewall)) {
    ctx.logger.info(
      `Firewall rule ${names.firewall} already exists (an earlier attempt's): using it.`,
    );
    return true;
  }
  ctx.logger.info(
    `Firewall rule ${names.firewall} of an earlier attempt opens other ports: replacing it.`,
  );
  await deleteFirewall(ctx, names.firewall);
  return false;
}

function sameOpening(a: GceFirewall, b: GceFirewall): boolean {
  const opening = (rule: GceFirewall) =>
    JSON.stringify({
      network: rule.network?.replace(/^.*\/(global\/networks\/)/, '$1'),
      tags: [...(rule.targetTags ?? [])].sort(),
      allowed: (rule.allowed ?? []).map((x) => [x.IPProtocol, [...(x.ports ?? [])].sort()]),
      sources: [...(rule.sourceRanges ?? [])].sort(),
    });
  return opening(a) === opening(b);
}

/** A refused firewall insert; a missing network gets its own words. */
function firewallFailure(error: unknown, step: string, project: string, network: string) {
  if (isUserError(error)) return error;
  const { status, message } = describeGoogleError(error);
  if (status === 404 && message.includes(`networks/${network}`)) {
    return new UserError(
      `Network ${network} does not exist in project ${project} (${message}): name an existing VPC network with gcp-network. Projects made under the organisation policy compute.skipDefaultNetworkCreation have no default network.`,
      { cause: error },
    );
  }
  return googleFailure(error, {
    step,
    project,
    permission: 'compute.firewalls.create',
  });
}

/** instances.insert, its operation, then RUNNING with an external address. */
async function createInstance(
  ctx: PreviewContext,
  request: PreviewLaunch,
  names: PreviewNames,
  settings: GcpPreviewSettings,
  attempt: string,
  record: (resource: CloudResource) => void,
): Promise<GceInstance> {
  const { project } = ctx.clients;
  const { zone } = settings;
  const network = settings.network ?? 'default';
  const resource = instanceResourceFor(request, names, { project, zone, network, now: ctx.now() });
  const step = `creating instance ${names.instance} in ${zone}`;
  const instance: CloudResource = {
    cloud: 'gcp',
    kind: 'instance',
    project,
    zone,
    id: names.instance,
  };
  for (let round = 1; round <= INSERT_ROUNDS; round++) {
    const requestId =
      round === 1
        ? requestIdFor('instances.insert', project, zone, names.instance, attempt)
        : randomUUID();
    try {
      const operation = await insertInstance(ctx, zone, resource, requestId);
      record(instance);
      await waitForZoneOperation(ctx, zone, operation, step);
    } catch (error) {
      if (isUserError(error) || describeGoogleError(error).status !== 409) {
        throw isUserError(error)
          ? error
          : googleFailure(error, { step, project, permission: 'compute.instances.create' });
      }
      await adoptInstance(ctx, request, names, zone, resource);
      record(instance);
      break;
    }
    if ((await getInstance(ctx, zone, names.instance)) !== undefined) break;
    ctx.logger.info(`Instance ${names.instance} is missing after its insert: asking again.`);
  }
  const running = await waitUntilRunning(ctx, zone, names.instance);
  if (natIpOf(running) === undefined) {
    throw new UserError(
      `Instance ${names.instance} runs without an external IP address, so the preview cannot be reached; an organisation policy (compute.vmExternalIpAccess) may have removed it.`,
    );
  }
  return running;
}

/** An instance of this name exists: nanoship's for this very build is used, else an error. */
async function adoptInstance(
  ctx: PreviewContext,
  request: PreviewLaunch,
  names: PreviewNames,
  zone: string,
  wanted: Record<string, unknown>,
): Promise<void> {
  const existing = await getInstance(ctx, zone, names.instance);
  const labels = existing?.labels ?? {};
  const { repoId, pr } = request.provenance;
  const sha = (wanted.labels as Record<string, string>)[PreviewLabels.sha];
  if (
    existing &&
    isPreviewOf(labels, { repoId: repoId!, pr }) &&
    labels[PreviewLabels.sha] === sha
  ) {
    ctx.logger.info(`Instance ${names.instance} of this build already exists: using it.`);
    return;
  }
  throw new UserError(
    `Instance name ${names.instance} is taken in ${zone} of project ${ctx.clients.project} by ${existing ? 'an instance that is not this preview' : 'an instance being deleted'}: delete it ("gcloud compute instances delete ${names.instance} --zone ${zone} --project ${ctx.clients.project}") and run again.`,
  );
}

/** The serial console of an instance that failed to start, for the log (best effort). */
async function logConsole(ctx: PreviewContext, zone: string, names: PreviewNames) {
  try {
    const output = await readSerialOutput(ctx, zone, names.instance);
    if (output) {
      await ctx.logger.group(`Serial console of ${names.instance}`, async () =>
        ctx.logger.info(output),
      );
    }
  } catch (error) {
    ctx.logger.debug(
      `Reading the serial console of ${names.instance} failed: ${errorMessage(error)}`,
    );
  }
}

/** Deletes what a failed launch made: the instance first, then its rule. Never throws. */
async function undoLaunch(ctx: PreviewContext, made: CloudResource[], deps: PublishDeps) {
  const failures = await deleteResources(ctx, made, deps);
  for (const failure of failures) {
    deps.logger.warning(`After the failed launch: ${failure}`);
  }
}

/** Deletes the instance(s) of `resources`, then the firewall rules; returns the failures. */
async function deleteResources(
  ctx: PreviewContext,
  resources: CloudResource[],
  deps: PublishDeps,
): Promise<string[]> {
  const order = { instance: 0, firewall: 1 } as Record<string, number>;
  const ordered = resources
    .filter((r) => r.cloud === 'gcp' && r.kind in order)
    .sort((a, b) => order[a.kind]! - order[b.kind]!);
  const failures: string[] = [];
  for (const resource of ordered) {
    if (resource.cloud !== 'gcp') continue;
    try {
      const existed =
        resource.kind === 'instance'
          ? await deleteInstance(ctx, resource.zone!, resource.id)
          : await deleteFirewall(ctx, resource.id);
      deps.recorder.settled(resource);
      deps.logger.info(
        existed
          ? `Deleted ${resource.kind} ${resource.id}.`
          : `${resource.kind} ${resource.id} was already gone.`,
      );
    } catch (error) {
      failures.push(`could not delete ${resource.kind} ${resource.id}: ${errorMessage(error)}`);
    }
  }
  return failures;
}

/** Deletes the preview's instance, then its firewall rule; one UserError if any remain. */
async function destroyPreview(ctx: PreviewContext, preview: PreviewInstance, deps: PublishDeps) {
  const failures = await deleteResources(ctx, preview.resources, deps);
  if (failures.length > 0) {
    throw new UserError(
      `Preview ${preview.id} is not completely removed (${failures.length} of ${preview.resources.length} resources left): ${failures.join(' | ')}`,
    );
  }
}
