/**
 * AWS publishing: the tested image → an EBS snapshot through the EBS direct APIs (no S3
 * bucket, no vmimport role) → an AMI, copied, shared, deprecated and retired as the plan says.
 * Credentials and endpoints come from the SDK's standard chain and variables only.
 *
 *   const published = await publishToAws(image, plan.aws, { provenance, channel },
 *     { logger, recorder, signal });
 *   // published.amiIds: { 'eu-west-1': 'ami-…', 'us-east-1': 'ami-…' }
 *
 *   // post step, after a crash or a cancel: whatever was recorded and never settled
 *   await deleteAwsResources(leftovers, { logger });
 *
 *   // previews: one instance per pull request, from the PR's AMI
 *   const previews = createAwsPreviewCloud({ region: 'eu-west-1' });
 *   const preview = await previews.launch({ imageRef: amiId, image, provenance, ports: [8080],
 *     expiresAt }, deps);            // preview.address: its public IPv4
 *   await previews.destroy(preview, deps);
 *
 * The steps live beside this file: snapshot-upload.ts (blocks), wait.ts (sealing, availability),
 * ami.ts (RegisterImage), distribute.ts (copy, share, public, deprecate), retention.ts
 * (aws-keep), cleanup.ts (deletion and the run's ledger), errors.ts (one line per failure);
 * for previews preview.ts (the PreviewCloud), security-groups.ts, instances.ts, sweep.ts
 * (the PR's AMIs, orphans) and preview-tags.ts (names, tags, tokens).
 */
import { errorMessage } from '../../errors.js';
import type {
  AwsPublished,
  AwsPublishPlan,
  CloudResource,
  ImageToPublish,
  PublishContext,
  PublishDeps,
} from '../types.js';
import { deleteAll } from './cleanup.js';
import { AwsClients } from './clients.js';
import { describeJob, runPublish } from './publisher.js';
import { type AwsTuning, resolveTuning } from './tuning.js';

export {
  type AwsPreviewSettings,
  type AwsPreviewTuning,
  createAwsPreviewCloud,
  PREVIEW_IMDS_V1_WARNING,
} from './preview.js';
export type { AwsTuning, ConcurrencySetting, Timing } from './tuning.js';

/**
 * Publishes `image` as an AMI in `plan.region` and copies it to `plan.copyRegions`. An AMI that
 * already holds the same bytes (same digest, image name, channel and repository) is reused
 * without an upload. Calls `deps.recorder.created` the moment each snapshot or AMI exists and
 * `settled` once all are published; on failure deletes them first, then throws one UserError.
 * `tuning` is for measurements and tests (fixed concurrency, a virtual clock).
 */
export async function publishToAws(
  image: ImageToPublish,
  plan: AwsPublishPlan,
  context: PublishContext,
  deps: PublishDeps,
  tuning: Partial<AwsTuning> = {},
): Promise<AwsPublished> {
  const job = describeJob(image, plan, context, deps);
  return runPublish({ ...job, tuning: resolveTuning(tuning) }, deps);
}

/**
 * Deletes AWS resources a run recorded and never settled: AMIs (with their snapshots) first,
 * then snapshots. Resources already gone count as deleted. Never throws: what cannot be
 * deleted is named in a warning, with the reason.
 */
export async function deleteAwsResources(
  resources: CloudResource[],
  deps: Pick<PublishDeps, 'logger'>,
  tuning: Partial<AwsTuning> = {},
): Promise<void> {
  const own = resources.filter(
    (r): r is Extract<CloudResource, { cloud: 'aws' }> => r.cloud === 'aws',
  );
  if (own.length === 0) return;
  const clients = new AwsClients();
  try {
    const failures = await deleteAll(clients, own, resolveTuning(tuning).timing, deps.logger);
    for (const { resource, reason } of failures) {
      deps.logger.warning(
        `Could not delete AWS ${resource.kind} ${resource.id} in ${resource.region}: ${reason} Delete it by hand (it carries nanoship:* tags).`,
      );
    }
  } catch (error) {
    deps.logger.warning(`Cleaning up AWS resources failed: ${errorMessage(error)}`);
  } finally {
    clients.destroy();
  }
}
