/**
 * Deleting what publishing created: right after a failure (newest first), and in the post
 * step for whatever a crashed or cancelled run recorded and never settled.
 */
import { errorMessage } from '../../errors.js';
import type { CloudResource, PublishDeps } from '../types.js';
import { createGcpClients, type GcpClients, type GcpEndpoints } from './clients.js';
import { type ComputeContext, deleteImage } from './compute.js';

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
  }
}

function resourceLabel(resource: CloudResource): string {
  if (resource.cloud === 'gcp' && resource.kind === 'object') {
    return `gs://${resource.bucket}/${resource.id}`;
  }
  return `${resource.kind} ${resource.id}`;
}

/**
 * Deletes what a run recorded and never settled (the post step after a crash or a cancel):
 * staging objects and images. Never throws; a resource already gone counts as deleted.
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
    let clients: GcpClients;
    try {
      clients = await createGcpClients(project, endpoints);
    } catch (error) {
      deps.logger.warning(`Cannot clean up in project ${project}: ${errorMessage(error)}`);
      continue;
    }
    const ctx: ComputeContext = { clients, logger: deps.logger, now: () => new Date() };
    try {
      // Images first: an image still importing reads its object.
      const ordered = [...list].sort(
        (a, b) => Number(a.kind === 'object') - Number(b.kind === 'object'),
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
