/**
 * Deleting what publishing or a preview created: right after a failed publish (newest first),
 * and in the post step for whatever a crashed or cancelled run recorded and never settled.
 */
import { errorMessage } from '../../errors.js';
import type { CloudResource, PublishDeps } from '../types.js';
import {
  createGcpClients,
  createPreviewClients,
  type GcpClients,
  type GcpEndpoints,
  type PreviewClients,
} from './clients.js';
import { type ComputeContext, deleteImage } from './compute.js';
import { deleteFirewall } from './firewalls.js';
import { deleteInstance, RUNNING_POLL_MS } from './instances.js';

/** Deletes what a failed publish made, newest first; failures become warnings. */
export async function undo(ctx: ComputeContext, made: CloudResource[], deps: PublishDeps) {
  for (const resource of [...made].reverse()) {
    try {
      await deleteResource(ctx, resource);
      deps.recorder.settled(resource);
    } catch (error) {
      deps.logger.warning(
        `Could not delete ${resourceLabel(resource)} after the failure: ${errorMessage(error)}`,
      );
    }
  }
}

async function deleteResource(ctx: ComputeContext, resource: CloudResource): Promise<void> {
  if (resource.cloud !== 'gcp') return;
  if (resource.kind === 'object' && resource.bucket) {
    const file = ctx.clients.storage.bucket(resource.bucket).file(resource.id);
    await file.delete({ ignoreNotFound: true });
  } else if (resource.kind === 'image') {
    await deleteImage(ctx, resource.id);
  } else if (resource.kind === 'instance' && isPreviewContext(ctx)) {
    await deleteInstance(ctx, resource.zone!, resource.id);
  } else if (resource.kind === 'firewall' && isPreviewContext(ctx)) {
    await deleteFirewall(ctx, resource.id);
  }
}

function isPreviewContext(ctx: ComputeContext): ctx is PreviewContextOf {
  return 'instances' in ctx.clients;
}

type PreviewContextOf = Parameters<typeof deleteInstance>[0];

/** Instances before the firewall rules that open them; images before the objects they read. */
const DELETE_ORDER: Record<string, number> = { instance: 0, firewall: 1, image: 2, object: 3 };

function resourceLabel(resource: CloudResource): string {
  if (resource.cloud === 'gcp' && resource.kind === 'object') {
    return `gs://${resource.bucket}/${resource.id}`;
  }
  return `${resource.kind} ${resource.id}`;
}

/**
 * Deletes what a run recorded and never settled (the post step after a crash or a cancel):
 * preview instances and firewall rules, images, staging objects. Never throws; a resource already gone counts as deleted.
 * `endpoints`: the plan's endpoint overrides, so the post step reaches what main reached.
 */
export async function deleteGcpResources(
  resources: CloudResource[],
  deps: Pick<PublishDeps, 'logger'>,
  endpoints: GcpEndpoints = {},
): Promise<void> {
  const byProject = new Map<string, CloudResource[]>();
  for (const resource of resources) {
    if (resource.cloud !== 'gcp') continue;
    byProject.set(resource.project, [...(byProject.get(resource.project) ?? []), resource]);
  }
  for (const [project, list] of byProject) {
    let clients: GcpClients | PreviewClients;
    const previews = list.some((r) => r.kind === 'instance' || r.kind === 'firewall');
    try {
      clients = previews
        ? await createPreviewClients(project, endpoints)
        : await createGcpClients(project, endpoints);
    } catch (error) {
      deps.logger.warning(`Cannot clean up in project ${project}: ${errorMessage(error)}`);
      continue;
    }
    const ctx = {
      clients,
      logger: deps.logger,
      now: () => new Date(),
      sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
      pollMs: RUNNING_POLL_MS,
    };
    try {
      // An image still importing reads its object; a rule opens a running instance.
      const ordered = [...list].sort(
        (a, b) => (DELETE_ORDER[a.kind] ?? 9) - (DELETE_ORDER[b.kind] ?? 9),
      );
      for (const resource of ordered) {
        try {
          await deleteResource(ctx, resource);
          deps.logger.info(`Deleted ${resourceLabel(resource)} (left by a failed run).`);
        } catch (error) {
          deps.logger.warning(
            `Could not delete ${resourceLabel(resource)}: ${errorMessage(error)}`,
          );
        }
      }
    } finally {
      await clients.close();
    }
  }
}
