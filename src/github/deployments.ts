/**
 * A GitHub deployment per pull-request preview, in the environment `pr-<N>`, so the PR page
 * shows "deployed" with a "View deployment" button on the preview's URL. GitHub keeps the
 * history; nanoship only ever adds statuses. No workflow token may delete an environment, so a
 * closed PR's deployments are marked `inactive` (shown as "destroyed" for transient ones).
 *
 *   const { deploymentId } = await startPreviewDeployment(octokit, { owner, repo, pr: 7, sha, cloud: 'aws' });
 *   await finishPreviewDeployment(octokit, { owner, repo, pr: 7, cloud: 'aws', deploymentId, state: 'success', environmentUrl });
 *   await deactivatePreviewDeployments(octokit, { owner, repo, pr: 7, cloud: 'aws' }); // on close
 */

import type { CloudName } from '../cloud/types.js';
import { UserError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import { callGitHub, type GitHubCall, type GitHubClient, type RepoRef } from './octokit.js';

/** GitHub refuses longer deployment status descriptions (422). */
export const DEPLOYMENT_DESCRIPTION_MAX_CHARS = 140;

/** The environment of a pull request's preview. */
export function previewEnvironment(pr: number): string {
  return `pr-${pr}`;
}

/** What nanoship puts in a deployment's `payload`, and reads back to tell its own apart. */
export interface PreviewPayload {
  tool: 'nanoship';
  cloud: CloudName;
  pr: number;
  /** Instance id (AWS) or name (GCE), when known at creation. */
  instance?: string;
}

export interface PreviewDeploymentTarget extends RepoRef {
  pr: number;
  cloud: CloudName;
}

export interface StartPreviewDeployment extends PreviewDeploymentTarget {
  /** The PR's head commit: a fork's branch is not a ref of this repository, its SHA is. */
  sha: string;
  instance?: string;
  /** The workflow run, shown as the deployment's log. */
  logUrl?: string;
  logger?: Logger;
}

function deploymentCall(verb: string, target: PreviewDeploymentTarget): GitHubCall {
  return {
    what: `${verb} the deployment of ${target.owner}/${target.repo} environment ${previewEnvironment(target.pr)}`,
    permission: 'deployments: write',
  };
}

function shortDescription(text: string): string {
  return text.length <= DEPLOYMENT_DESCRIPTION_MAX_CHARS
    ? text
    : `${text.slice(0, DEPLOYMENT_DESCRIPTION_MAX_CHARS - 1)}…`;
}

/**
 * Creates the deployment of the PR's head commit in `pr-<N>` and sets it `in_progress`.
 * `auto_merge: false`: the default merges the base branch into a branch that is behind it and
 * answers 202 "Auto-merged" without a deployment. `required_contexts: []`: the default demands
 * every commit status be green and answers 409 while checks (this very run) are pending.
 * Transient and not production, so GitHub shows it as "destroyed" once inactive.
 */
export async function startPreviewDeployment(
  octokit: GitHubClient,
  options: StartPreviewDeployment,
): Promise<{ deploymentId: number }> {
  const { owner, repo, pr, cloud, sha } = options;
  const payload: PreviewPayload = { tool: 'nanoship', cloud, pr, instance: options.instance };
  const response = await callGitHub(deploymentCall('create', options), () =>
    octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: sha,
      environment: previewEnvironment(pr),
      description: shortDescription(`nanoship preview of #${pr} on ${cloud}`),
      payload: payload as unknown as Record<string, unknown>,
      auto_merge: false,
      required_contexts: [],
      transient_environment: true,
      production_environment: false,
    }),
  );
  if (response.status !== 201 || !('id' in response.data)) {
    const message = 'message' in response.data ? response.data.message : '';
    throw new UserError(
      `GitHub: could not create the deployment of ${owner}/${repo} for #${pr}: ` +
        `POST /repos/${owner}/${repo}/deployments gave HTTP ${response.status} (${message}) instead of 201`,
    );
  }
  const deploymentId = response.data.id;
  await setDeploymentStatus(octokit, options, deploymentId, {
    state: 'in_progress',
    logUrl: options.logUrl,
    description: `Starting the preview on ${cloud}`,
  });
  (options.logger ?? silentLogger).info(
    `deployment ${deploymentId} of ${previewEnvironment(pr)} started for ${sha}`,
  );
  return { deploymentId };
}

export type DeploymentState = 'in_progress' | 'success' | 'failure' | 'error' | 'inactive';

interface StatusFields {
  state: DeploymentState;
  environmentUrl?: string;
  logUrl?: string;
  description?: string;
}

/** Adds one status to a deployment. `auto_inactive` is off: nanoship says what is inactive. */
async function setDeploymentStatus(
  octokit: GitHubClient,
  target: PreviewDeploymentTarget,
  deploymentId: number,
  fields: StatusFields,
): Promise<void> {
  await callGitHub(deploymentCall(`set status ${fields.state} on`, target), () =>
    octokit.rest.repos.createDeploymentStatus({
      owner: target.owner,
      repo: target.repo,
      deployment_id: deploymentId,
      state: fields.state,
      environment_url: fields.environmentUrl,
      log_url: fields.logUrl,
      description: fields.description ? shortDescription(fields.description) : undefined,
      auto_inactive: false,
    }),
  );
}

export interface FinishPreviewDeployment extends PreviewDeploymentTarget {
  deploymentId: number;
  state: 'success' | 'failure';
  /** The preview's URL; the PR's "View deployment" button opens it. */
  environmentUrl?: string;
  logUrl?: string;
  description?: string;
  logger?: Logger;
}

/**
 * Sets the deployment `success` (with the preview URL) or `failure`. After a success, the
 * earlier deployments of `pr-<N>` for the same cloud that are not yet inactive are set
 * inactive: GitHub's `auto_inactive` skips transient deployments, so it would not do this.
 * Returns the ids set inactive.
 */
export async function finishPreviewDeployment(
  octokit: GitHubClient,
  options: FinishPreviewDeployment,
): Promise<{ deactivated: number[] }> {
  await setDeploymentStatus(octokit, options, options.deploymentId, {
    state: options.state,
    environmentUrl: options.state === 'success' ? options.environmentUrl : undefined,
    logUrl: options.logUrl,
    description:
      options.description ??
      (options.state === 'success' ? 'Preview is up' : 'Preview did not come up'),
  });
  if (options.state !== 'success') return { deactivated: [] };
  const deactivated = await deactivatePreviewDeployments(octokit, {
    ...options,
    except: options.deploymentId,
    description: 'Replaced by a newer preview',
  });
  return { deactivated };
}

export interface DeactivatePreviewDeployments extends PreviewDeploymentTarget {
  /** A deployment to leave alone (the one that just succeeded). */
  except?: number;
  logUrl?: string;
  description?: string;
  logger?: Logger;
}

/**
 * Sets every deployment of `pr-<N>` inactive unless it already is, or it is `except`, or its
 * payload names another cloud (that cloud's preview is its own job's business). Deployments
 * another tool made in `pr-<N>` carry no cloud and are included. Returns the ids changed.
 */
export async function deactivatePreviewDeployments(
  octokit: GitHubClient,
  options: DeactivatePreviewDeployments,
): Promise<number[]> {
  const { owner, repo, pr } = options;
  const deployments = await callGitHub(deploymentCall('list', options), () =>
    octokit.paginate(octokit.rest.repos.listDeployments, {
      owner,
      repo,
      environment: previewEnvironment(pr),
      per_page: 100,
    }),
  );
  const changed: number[] = [];
  for (const deployment of deployments) {
    if (deployment.id === options.except) continue;
    const cloud = payloadCloud(deployment.payload);
    if (cloud !== undefined && cloud !== options.cloud) continue;
    if ((await latestState(octokit, options, deployment.id)) === 'inactive') continue;
    await setDeploymentStatus(octokit, options, deployment.id, {
      state: 'inactive',
      logUrl: options.logUrl,
      description: options.description ?? 'Pull request closed; preview removed',
    });
    changed.push(deployment.id);
  }
  if (changed.length > 0) {
    (options.logger ?? silentLogger).info(
      `set ${changed.length} deployment(s) of ${previewEnvironment(pr)} inactive: ${changed.join(', ')}`,
    );
  }
  return changed;
}

/** The newest status of a deployment (GitHub lists newest first). */
async function latestState(
  octokit: GitHubClient,
  target: PreviewDeploymentTarget,
  deploymentId: number,
): Promise<string | undefined> {
  const { data } = await callGitHub(deploymentCall('read the statuses of', target), () =>
    octokit.rest.repos.listDeploymentStatuses({
      owner: target.owner,
      repo: target.repo,
      deployment_id: deploymentId,
      per_page: 1,
    }),
  );
  return data[0]?.state;
}

/** The `cloud` of a nanoship payload; GitHub returns the payload as sent (object or string). */
function payloadCloud(payload: unknown): string | undefined {
  let value = payload;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { tool, cloud } = value as Partial<PreviewPayload>;
  return tool === 'nanoship' && typeof cloud === 'string' ? cloud : undefined;
}
