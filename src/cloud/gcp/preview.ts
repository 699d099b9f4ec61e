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
import { type PreviewContext, RUNNING_POLL_MS, readSerialOutput } from './instances.js';
import { createFirewall, createInstance } from './preview-create.js';
import {
  machineTypeOf,
  type PreviewNames,
  previewFromInstance,
  previewNames,
} from './preview-resource.js';
import { deleteOrphans, deletePreviewImages, findPreviews } from './sweep.js';
import { destroyPreview, undoLaunch } from './teardown.js';

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
