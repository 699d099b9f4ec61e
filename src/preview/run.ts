/**
 * The preview stage as the pipeline runs it: the cloud's side and the GitHub side made from
 * the plan, the repository id found, then up (with the image just published) or down.
 */
import type { PublishDeps, Published } from '../cloud/types.js';
import { UserError } from '../errors.js';
import { createGitHubClient } from '../github/octokit.js';
import type { PreviewPlan, SweepPlan } from '../plan/preview-plan.js';
import { previewCloudFor } from './clouds.js';
import {
  type PreviewDeps,
  type PreviewImage,
  type PreviewResult,
  previewDown,
  previewUp,
  repositoryId,
  type SweepResult,
  sweepPreviews,
} from './index.js';

/** What the preview stage needs besides the plan: the image just published, for `up`. */
export interface PreviewStageInput {
  published?: Published;
  image?: PreviewImage['image'];
}

/** Runs the preview the plan asks for. */
export async function runPreviewStage(
  plan: PreviewPlan,
  input: PreviewStageInput,
  deps: PublishDeps & { repoId?: string },
): Promise<PreviewResult> {
  const previewDeps = await previewDependencies(plan, deps);
  if (plan.action === 'down') return previewDown(plan, previewDeps);
  const imageRef =
    plan.cloud === 'aws' ? input.published?.aws?.amiId : input.published?.gcp?.imageUri;
  if (imageRef === undefined || input.image === undefined) {
    throw new Error(`preview up on ${plan.cloud} without an image published there`);
  }
  return previewUp(plan, { imageRef, image: input.image }, previewDeps);
}

/** Runs a sweep of the repository's previews on the plan's cloud. */
export async function runSweep(
  plan: SweepPlan,
  deps: PublishDeps & { repoId?: string },
): Promise<SweepResult> {
  return sweepPreviews(plan, await previewDependencies(plan, deps));
}

async function previewDependencies(
  plan: PreviewPlan | SweepPlan,
  deps: PublishDeps & { repoId?: string },
): Promise<PreviewDeps> {
  if (!plan.github.token) {
    throw new UserError(
      'Previews report on GitHub and need a token: the Action passes github-token (default: the workflow GITHUB_TOKEN); the CLI reads GITHUB_TOKEN.',
    );
  }
  const github = createGitHubClient({
    token: plan.github.token,
    apiUrl: plan.github.apiUrl,
    logger: deps.logger,
  });
  const repoId = deps.repoId ?? (await repositoryId(github, plan.repo));
  return { ...deps, cloud: await previewCloudFor(plan), github, repoId };
}
