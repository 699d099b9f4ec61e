/**
 * Pull-request previews: one instance per pull request and cloud, its URL in the PR, replaced
 * on every push only once the new one answers, removed with everything it owns when the PR
 * closes, and swept when a run could not remove it.
 *
 *   const cloud = await previewCloudFor(plan);
 *   const up = await previewUp(plan, { imageRef, image }, { cloud, github, repoId, logger, recorder });
 *   up.url;   // 'http://203.0.113.7:8080/'
 *   await previewDown(plan, { cloud, github, repoId, logger, recorder });
 */
import type {
  CloudName,
  ImageToPublish,
  PreviewCloud,
  PreviewInstance,
  PublishDeps,
} from '../cloud/types.js';
import { errorMessage, UserError } from '../errors.js';
import {
  deactivatePreviewDeployments,
  finishPreviewDeployment,
  startPreviewDeployment,
} from '../github/deployments.js';
import { callGitHub, type GitHubClient, parseRepository } from '../github/octokit.js';
import { previewCommentMarker, upsertStickyComment } from '../github/pr-comment.js';
import {
  consoleTail,
  renderPreviewComment,
  renderPreviewFailedComment,
  renderPreviewRemovedComment,
} from '../github/preview-comment.js';
import { listOpenPullRequests } from '../github/pull-request.js';
import type { PreviewPlan, SweepPlan } from '../plan/preview-plan.js';
import { probePreview, probeUrl } from './probe.js';

export interface PreviewDeps extends PublishDeps {
  cloud: PreviewCloud;
  /** The GitHub side (comment, deployment); undefined: none (a local run without a token). */
  github?: GitHubClient;
  /** GitHub's numeric id of the repository: what tags and labels key on. */
  repoId: string;
}

/** What a preview run did, for outputs, the summary and `--json`. */
export interface PreviewResult {
  action: 'up' | 'down' | 'skipped';
  cloud: CloudName;
  pr: number;
  /** The preview's URL (the first probe's, else the first port's). */
  url?: string;
  instance?: string;
  address?: string;
  location?: string;
  /** From the launched instance running to every probe answering. */
  readyMs?: number;
  expiresAt?: string;
  /** Earlier previews of the PR removed after the new one answered. */
  replaced?: string[];
  /** What preview down removed, in words. */
  removed?: string[];
  /** Why nothing was done (a fork's pull request). */
  reason?: string;
}

/** The published image a preview boots: an AMI id or a GCE image URI, and the image. */
export interface PreviewImage {
  imageRef: string;
  image: Pick<ImageToPublish, 'name' | 'sha256' | 'arch' | 'bootMode' | 'klibs'>;
}

/**
 * Launches the PR's preview, waits until it answers through its public address, then removes
 * the PR's earlier previews and reports the URL on GitHub. A preview that does not answer is
 * removed after its console output went to the log, and the run fails.
 */
export async function previewUp(
  plan: PreviewPlan,
  published: PreviewImage,
  deps: PreviewDeps,
): Promise<PreviewResult> {
  const { logger } = deps;
  const now = deps.now?.() ?? new Date();
  const expiresAt = new Date(now.getTime() + plan.ttlMs);
  const github = githubTarget(plan, deps);
  const deployment =
    github && plan.sha
      ? await startPreviewDeployment(github.octokit, {
          ...github.repo,
          pr: plan.pr,
          cloud: plan.cloud,
          sha: plan.sha,
          logUrl: plan.github.runUrl,
          logger,
        })
      : undefined;
  const earlier = await deps.cloud.findPreviews({ repoId: deps.repoId, pr: plan.pr }, deps);
  let instance: PreviewInstance;
  try {
    instance = await deps.cloud.launch(
      {
        imageRef: published.imageRef,
        image: published.image,
        provenance: {
          repo: plan.repo,
          repoId: deps.repoId,
          sha: plan.sha,
          pr: plan.pr,
          run: plan.run,
        },
        ports: plan.ports,
        instanceType: plan.instanceType,
        expiresAt,
      },
      deps,
    );
  } catch (error) {
    await reportFailure(plan, deps, deployment?.deploymentId, errorMessage(error));
    throw error;
  }
  logger.info(
    `Preview instance ${instance.id} runs at ${instance.address} (${instance.location}); probing it.`,
  );
  const url = previewUrl(plan, instance.address);
  const outcome = await probePreview(instance.address, plan.probes, {
    expectStatus: plan.expectStatus,
    expectBody: plan.expectBody,
    timeoutMs: plan.probeTimeoutMs,
    signal: deps.signal,
  });
  if (!outcome.ok) {
    const consoleText = await deps.cloud
      .consoleOutput(instance, deps)
      .catch((error: unknown) => `(no console output: ${errorMessage(error)})`);
    await logger.group(`Console output of the preview instance ${instance.id}`, async () => {
      logger.info(consoleText || '(empty)');
    });
    await deps.cloud.destroy(instance, deps);
    await reportFailure(plan, deps, deployment?.deploymentId, outcome.reason, consoleText);
    throw new UserError(
      `The preview did not come up: ${outcome.reason}. The instance's console output is in the log, and the instance was removed.`,
    );
  }
  // The new preview answers: only now do the earlier ones go, so the PR never has none.
  const replaced: string[] = [];
  for (const old of earlier.filter((candidate) => candidate.id !== instance.id)) {
    await deps.cloud.destroy(old, deps);
    replaced.push(`${old.id} (${old.location})`);
  }
  for (const resource of instance.resources) deps.recorder.settled(resource);
  if (github) {
    if (deployment) {
      await finishPreviewDeployment(github.octokit, {
        ...github.repo,
        pr: plan.pr,
        cloud: plan.cloud,
        deploymentId: deployment.deploymentId,
        state: 'success',
        environmentUrl: url,
        logUrl: plan.github.runUrl,
        logger,
      });
    }
    await upsertStickyComment(
      github.octokit,
      { ...github.repo, issue: plan.pr, marker: previewCommentMarker(plan.cloud) },
      renderPreviewComment({
        cloud: plan.cloud,
        url,
        digest: published.image.sha256,
        sha: plan.sha ?? '',
        bootMs: outcome.readyMs,
        image: published.imageRef,
        instance: instance.id,
        location: instance.location,
        expiresAt,
        runUrl: plan.github.runUrl,
      }),
      { logger },
    );
  }
  return {
    action: 'up',
    cloud: plan.cloud,
    pr: plan.pr,
    url,
    instance: instance.id,
    address: instance.address,
    location: instance.location,
    readyMs: outcome.readyMs,
    expiresAt: expiresAt.toISOString(),
    replaced,
  };
}

/**
 * Removes the PR's previews, their security groups / firewall rules and the PR's images, sets
 * its deployments inactive and updates the comment. Safe to run again: what is gone is gone.
 */
export async function previewDown(plan: PreviewPlan, deps: PreviewDeps): Promise<PreviewResult> {
  const { logger } = deps;
  const filter = { repoId: deps.repoId, pr: plan.pr };
  const removed: string[] = [];
  for (const preview of await deps.cloud.findPreviews(filter, deps)) {
    await deps.cloud.destroy(preview, deps);
    removed.push(`instance ${preview.id} (${preview.location})`);
  }
  removed.push(...(await deps.cloud.deletePreviewImages(filter, deps)));
  removed.push(...(await deps.cloud.deleteOrphans(filter, deps)));
  logger.info(
    removed.length > 0
      ? `Removed the preview of #${plan.pr}: ${removed.join('; ')}.`
      : `Pull request #${plan.pr} has no preview on ${plan.cloud} to remove.`,
  );
  const github = githubTarget(plan, deps);
  if (github) {
    const deactivated = await deactivatePreviewDeployments(github.octokit, {
      ...github.repo,
      pr: plan.pr,
      cloud: plan.cloud,
      logUrl: plan.github.runUrl,
      description: 'Pull request closed: preview removed',
      logger,
    });
    if (removed.length > 0 || deactivated.length > 0) {
      await upsertStickyComment(
        github.octokit,
        { ...github.repo, issue: plan.pr, marker: previewCommentMarker(plan.cloud) },
        renderPreviewRemovedComment({
          cloud: plan.cloud,
          sha: plan.sha,
          removedAt: deps.now?.() ?? new Date(),
          removed,
          runUrl: plan.github.runUrl,
        }),
        { logger },
      );
    }
  }
  return { action: 'down', cloud: plan.cloud, pr: plan.pr, removed };
}

export interface SweepResult {
  cloud: CloudName;
  removed: string[];
  /** Previews left running: PR open and TTL not passed. */
  kept: string[];
}

/**
 * Removes the repository's previews whose PR is closed or whose TTL passed, the images of
 * closed PRs, and leftovers no preview owns. Only nanoship's resources of this repository.
 */
export async function sweepPreviews(plan: SweepPlan, deps: PreviewDeps): Promise<SweepResult> {
  const now = deps.now?.() ?? new Date();
  const github = deps.github && { octokit: deps.github, repo: parseRepository(plan.repo) };
  const open = github ? await listOpenPullRequests(github.octokit, github.repo) : undefined;
  const removed: string[] = [];
  const kept: string[] = [];
  const closedPrs = new Set<number>();
  for (const preview of await deps.cloud.findPreviews({ repoId: deps.repoId }, deps)) {
    const closed = open !== undefined && !open.has(preview.pr);
    const createdAt = preview.createdAt?.getTime();
    const expired =
      (preview.expiresAt !== undefined && preview.expiresAt.getTime() <= now.getTime()) ||
      (createdAt !== undefined && createdAt + plan.ttlMs <= now.getTime());
    const what = `instance ${preview.id} of #${preview.pr} (${preview.location})`;
    if (!closed && !expired) {
      kept.push(what);
      continue;
    }
    await deps.cloud.destroy(preview, deps);
    removed.push(`${what}: ${closed ? 'pull request closed' : 'TTL passed'}`);
    if (closed) closedPrs.add(preview.pr);
  }
  for (const pr of closedPrs) {
    removed.push(...(await deps.cloud.deletePreviewImages({ repoId: deps.repoId, pr }, deps)));
  }
  removed.push(...(await deps.cloud.deleteOrphans({ repoId: deps.repoId }, deps)));
  deps.logger.info(
    `Sweep of ${plan.repo} on ${plan.cloud}: removed ${removed.length}, kept ${kept.length}.`,
  );
  return { cloud: plan.cloud, removed, kept };
}

/** GitHub's numeric id of `owner/name`, asked of the API (the CLI outside a runner). */
export async function repositoryId(octokit: GitHubClient, fullName: string): Promise<string> {
  const { owner, repo } = parseRepository(fullName);
  const response = await callGitHub(
    { what: `read the repository ${fullName}`, permission: 'contents: read' },
    () => octokit.rest.repos.get({ owner, repo }),
  );
  return String(response.data.id);
}

/** The preview's URL: the first HTTP probe's, else the first port's. */
export function previewUrl(plan: Pick<PreviewPlan, 'probes' | 'ports'>, address: string): string {
  const http = plan.probes.find((probe) => probe.kind === 'http');
  if (http) return probeUrl(address, http);
  return `http://${address}:${plan.ports[0]}/`;
}

function githubTarget(plan: PreviewPlan, deps: PreviewDeps) {
  return deps.github ? { octokit: deps.github, repo: parseRepository(plan.repo) } : undefined;
}

/** The deployment goes `failure` and the comment says why, with the console's end. */
async function reportFailure(
  plan: PreviewPlan,
  deps: PreviewDeps,
  deploymentId: number | undefined,
  reason: string,
  consoleText?: string,
): Promise<void> {
  const github = githubTarget(plan, deps);
  if (!github) return;
  try {
    if (deploymentId !== undefined) {
      await finishPreviewDeployment(github.octokit, {
        ...github.repo,
        pr: plan.pr,
        cloud: plan.cloud,
        deploymentId,
        state: 'failure',
        logUrl: plan.github.runUrl,
        logger: deps.logger,
      });
    }
    await upsertStickyComment(
      github.octokit,
      { ...github.repo, issue: plan.pr, marker: previewCommentMarker(plan.cloud) },
      renderPreviewFailedComment({
        cloud: plan.cloud,
        sha: plan.sha ?? '',
        reason,
        console: consoleText === undefined ? undefined : consoleTail(consoleText, 8_000),
        runUrl: plan.github.runUrl,
      }),
      { logger: deps.logger },
    );
  } catch (error) {
    // The preview's own failure is what the run reports; GitHub's refusal is secondary.
    deps.logger.warning(`Could not report the failed preview on GitHub: ${errorMessage(error)}`);
  }
}
