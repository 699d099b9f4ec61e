/**
 * Finding and sweeping one repository's previews: the instances by label in every zone, their
 * firewall rules by name and description metadata, the images published for pull requests,
 * and leftovers no preview owns (rules without an instance, day-old staging objects). Nothing
 * without nanoship's labels (or metadata) and the filter's repository id is ever touched.
 */
import type { File } from '@google-cloud/storage';
import { errorMessage, UserError } from '../../errors.js';
import type { PreviewFilter, PreviewInstance } from '../types.js';
import { deleteImage, listImagesByLabels } from './compute.js';
import { deleteFirewall, type GceFirewall, listPreviewFirewalls } from './firewalls.js';
import { googleFailure } from './google-errors.js';
import { MANAGED_LABEL } from './image-resource.js';
import { listInstances, type PreviewContext } from './instances.js';
import {
  decodeFirewallMetadata,
  isPreviewOf,
  PreviewLabels,
  previewFromInstance,
  previewListFilter,
} from './preview-resource.js';

/**
 * A rule younger than this is never an orphan: a launch creates the rule first and the
 * instance a few seconds later, and a sweep running in between must not take the rule away.
 */
export const ORPHAN_RULE_GRACE_MS = 15 * 60_000;
/** Staging objects live for minutes; one a day old was left by a run that died. */
export const ORPHAN_OBJECT_AGE_MS = 86_400_000;

/** The filter's previews in every zone, each with the firewall rules that target it. */
export async function findPreviews(
  ctx: PreviewContext,
  filter: PreviewFilter,
): Promise<PreviewInstance[]> {
  const instances = (await listInstances(ctx, previewListFilter(filter))).filter((instance) =>
    isPreviewOf(instance.labels, filter),
  );
  if (instances.length === 0) return [];
  const rules = await rulesOf(ctx, filter);
  return instances.map((instance) => {
    const tags = new Set(instance.tags?.items ?? []);
    const own = rules.filter((rule) => (rule.targetTags ?? []).some((tag) => tags.has(tag)));
    return previewFromInstance(
      instance,
      ctx.clients.project,
      own.map((rule) => rule.name!),
    );
  });
}

/** nanoship's preview rules of the filter's repository (and pull request). */
async function rulesOf(ctx: PreviewContext, filter: PreviewFilter): Promise<GceFirewall[]> {
  return (await listPreviewFirewalls(ctx)).filter((rule) =>
    isPreviewOf(decodeFirewallMetadata(rule.description), filter),
  );
}

/**
 * Deletes the images published for the filter's pull request (every pull request of the
 * repository when it names none): nanoship's, of this repository, in a `pr-<N>` channel, so
 * a release or branch image is never touched. Returns one line per deleted image; throws one
 * UserError after trying them all if any could not be deleted.
 */
export async function deletePreviewImages(
  ctx: PreviewContext,
  filter: PreviewFilter,
): Promise<string[]> {
  const labels: Record<string, string> = {
    [MANAGED_LABEL]: 'true',
    [PreviewLabels.kind]: 'image',
    [PreviewLabels.repoId]: filter.repoId,
    ...(filter.pr === undefined ? {} : { [PreviewLabels.channel]: `pr-${filter.pr}` }),
  };
  const images = (await listImagesByLabels(ctx, labels)).filter((image) =>
    /^pr-\d+$/.test(image.labels?.[PreviewLabels.channel] ?? ''),
  );
  const lines: string[] = [];
  const failures: string[] = [];
  for (const image of images) {
    try {
      await deleteImage(ctx, image.name!);
      const pr = image.labels?.[PreviewLabels.channel]?.slice('pr-'.length);
      lines.push(`image ${image.name} (pull request #${pr}, project ${ctx.clients.project})`);
      ctx.logger.info(`Deleted image ${image.name}.`);
    } catch (error) {
      failures.push(errorMessage(error));
    }
  }
  throwIfFailed(failures, lines);
  return lines;
}

/**
 * Deletes what no preview owns any more: the repository's preview firewall rules whose tag no
 * nanoship instance of the repository carries (older than `ORPHAN_RULE_GRACE_MS`), and, when
 * a staging bucket is given, the repository's staging objects older than a day. Returns one
 * line per deleted resource.
 */
export async function deleteOrphans(
  ctx: PreviewContext,
  filter: PreviewFilter,
  bucket: string | undefined,
): Promise<string[]> {
  const now = ctx.now().getTime();
  const instances = await listInstances(ctx, previewListFilter({ repoId: filter.repoId }));
  const carried = new Set(
    instances
      .filter((instance) => isPreviewOf(instance.labels, { repoId: filter.repoId }))
      .flatMap((instance) => instance.tags?.items ?? []),
  );
  const lines: string[] = [];
  const failures: string[] = [];
  for (const rule of await rulesOf(ctx, filter)) {
    const age = now - (Date.parse(rule.creationTimestamp ?? '') || now);
    if ((rule.targetTags ?? []).some((tag) => carried.has(tag)) || age < ORPHAN_RULE_GRACE_MS) {
      continue;
    }
    try {
      if (await deleteFirewall(ctx, rule.name!)) {
        lines.push(`firewall rule ${rule.name} (no instance left)`);
        ctx.logger.info(`Deleted firewall rule ${rule.name}: no instance carries its tag.`);
      }
    } catch (error) {
      failures.push(errorMessage(error));
    }
  }
  if (bucket !== undefined) await deleteStaleObjects(ctx, filter, bucket, now, lines, failures);
  throwIfFailed(failures, lines);
  return lines;
}

/** The repository's staging objects (nanoship's, by metadata) older than a day. */
async function deleteStaleObjects(
  ctx: PreviewContext,
  filter: PreviewFilter,
  bucket: string,
  now: number,
  lines: string[],
  failures: string[],
): Promise<void> {
  const { project, storage } = ctx.clients;
  const prefix = `nanoship/${filter.repoId}/`;
  let files: File[];
  try {
    [files] = await storage.bucket(bucket).getFiles({ prefix });
  } catch (error) {
    throw googleFailure(error, {
      step: `listing gs://${bucket}/${prefix}`,
      project,
      permission: 'storage.objects.list',
      api: 'Cloud Storage',
    });
  }
  for (const file of files) {
    const created = Date.parse(file.metadata.timeCreated ?? '');
    if (file.metadata.metadata?.[MANAGED_LABEL] !== 'true') continue;
    if (Number.isNaN(created) || now - created < ORPHAN_OBJECT_AGE_MS) continue;
    try {
      await file.delete({ ignoreNotFound: true });
      lines.push(`staging object gs://${bucket}/${file.name} (left by a failed run)`);
      ctx.logger.info(`Deleted gs://${bucket}/${file.name}: a failed run's staging object.`);
    } catch (error) {
      failures.push(
        googleFailure(error, {
          step: `deleting gs://${bucket}/${file.name}`,
          project,
          permission: 'storage.objects.delete',
          api: 'Cloud Storage',
        }).message,
      );
    }
  }
}

function throwIfFailed(failures: string[], done: string[]): void {
  if (failures.length === 0) return;
  const deleted = done.length > 0 ? ` (deleted: ${done.join('; ')})` : '';
  throw new UserError(`${failures.length} deletion(s) failed${deleted}: ${failures.join(' | ')}`);
}
