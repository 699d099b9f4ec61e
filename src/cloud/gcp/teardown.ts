/**
 * Removing a preview: its instance first (the boot disk goes with it), then its firewall rule,
 * each settled with the recorder once gone; what is already gone counts as deleted.
 */
import { errorMessage, UserError } from '../../errors.js';
import type { CloudResource, PreviewInstance, PublishDeps } from '../types.js';
import { deleteFirewall } from './firewalls.js';
import { deleteInstance, type PreviewContext } from './instances.js';

/** Deletes what a failed launch made: the instance first, then its rule. Never throws. */
export async function undoLaunch(ctx: PreviewContext, made: CloudResource[], deps: PublishDeps) {
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
export async function destroyPreview(
  ctx: PreviewContext,
  preview: PreviewInstance,
  deps: PublishDeps,
) {
  const resources = [...preview.resources];
  // A preview handed over without its instance among the resources still names it.
  if (!resources.some((r) => r.kind === 'instance')) {
    const { project } = ctx.clients;
    resources.unshift({
      cloud: 'gcp',
      kind: 'instance',
      project,
      zone: preview.location,
      id: preview.id,
    });
  }
  const failures = await deleteResources(ctx, resources, deps);
  if (failures.length > 0) {
    throw new UserError(
      `Preview ${preview.id} is not completely removed (${failures.length} of ${resources.length} resources left): ${failures.join(' | ')}`,
    );
  }
}
