/**
 * After a publish: older images of the same build group (image name, channel and repository,
 * as labelled) are deleted beyond `keep`, and the rest, once older than `deprecateAfterMs`,
 * are marked DEPRECATED with the new image as their replacement. Compute Engine cannot
 * deprecate on a schedule (its timestamps are informational), so "deprecate this long after
 * publishing" happens at the first publish after that time, and only to an image that now has
 * a replacement. Only images carrying nanoship's labels for the group are ever touched, never
 * the image just published, and never one created after it (a concurrent run's).
 */
import { errorMessage } from '../../errors.js';
import {
  type ComputeContext,
  deleteImage,
  deprecateImage,
  type GceImage,
  listImagesByLabels,
} from './compute.js';
import { GROUP_LABELS, MANAGED_LABEL } from './image-resource.js';

export interface RetentionOptions {
  keep?: number;
  deprecateAfterMs?: number;
  now: Date;
}

export interface RetentionPlan {
  delete: GceImage[];
  deprecate: GceImage[];
}

const RETIRED_STATES = new Set(['DEPRECATED', 'OBSOLETE', 'DELETED']);
const time = (image: GceImage) => Date.parse(image.creationTimestamp ?? '') || 0;

/**
 * Chooses what to delete and deprecate among `group` (the published image's group, which
 * may include it). Newest first; ties broken by name so the choice is stable.
 */
export function planRetention(
  group: GceImage[],
  published: GceImage,
  options: RetentionOptions,
): RetentionPlan {
  const older = group
    .filter((image) => image.name !== published.name && time(image) < time(published))
    .filter((image) => image.status !== 'PENDING' && image.status !== 'DELETING')
    .sort((a, b) => time(b) - time(a) || (b.name ?? '').localeCompare(a.name ?? ''));
  const room = options.keep === undefined ? older.length : Math.max(0, options.keep - 1);
  const kept = older.slice(0, room);
  const deprecate =
    options.deprecateAfterMs === undefined
      ? []
      : kept.filter(
          (image) =>
            image.family === published.family &&
            !RETIRED_STATES.has(String(image.deprecated?.state ?? '')) &&
            time(image) + options.deprecateAfterMs! <= options.now.getTime(),
        );
  return { delete: older.slice(room), deprecate };
}

export interface RetentionResult {
  deleted: string[];
  deprecated: string[];
  /** One line per change that failed; the publish itself stands. */
  failures: string[];
}

/**
 * Lists the group of `published`, then deletes and deprecates as `planRetention` says. A
 * failed change is reported, not thrown: the new image is published either way.
 */
export async function applyRetention(
  ctx: ComputeContext,
  published: GceImage,
  options: RetentionOptions,
): Promise<RetentionResult> {
  const result: RetentionResult = { deleted: [], deprecated: [], failures: [] };
  if (options.keep === undefined && options.deprecateAfterMs === undefined) return result;
  const labels: Record<string, string> = { [MANAGED_LABEL]: 'true' };
  for (const key of GROUP_LABELS) {
    const value = published.labels?.[key];
    if (value !== undefined) labels[key] = value;
  }
  let group: GceImage[];
  try {
    group = await listImagesByLabels(ctx, labels);
  } catch (error) {
    result.failures.push(errorMessage(error));
    return result;
  }
  // Images without one of the group's labels belong to another group (say, no repo id).
  const inGroup = group.filter((image) =>
    GROUP_LABELS.every((key) => image.labels?.[key] === published.labels?.[key]),
  );
  const plan = planRetention(inGroup, published, options);
  for (const image of plan.delete) {
    try {
      await deleteImage(ctx, image.name!);
      result.deleted.push(image.name!);
    } catch (error) {
      result.failures.push(errorMessage(error));
    }
  }
  for (const image of plan.deprecate) {
    try {
      await deprecateImage(ctx, image.name!, published.selfLink!);
      result.deprecated.push(image.name!);
    } catch (error) {
      result.failures.push(errorMessage(error));
    }
  }
  return result;
}
