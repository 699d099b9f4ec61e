/**
 * The Plan: every decision of a run, typed and validated before anything touches the network
 * or writes a byte. Both edges build it from the same `Options` (action inputs or CLI flags).
 */
import path from 'node:path';
import type { PublishPlan } from '../cloud/types.js';
import { UserError } from '../errors.js';
import type { GitHubEvent } from '../github/context.js';
import { FORK_PREVIEW_NOTICE } from '../github/fork.js';
import type { KernelRequest } from '../kernel/types.js';
import type { BuildPlan } from './build-plan.js';
import { planBuild } from './build-plan.js';
import type { OpsConfig } from './config.js';
import { planKernel } from './kernel-plan.js';
import type { Options, PlanContext } from './options.js';
import {
  type PreviewAction,
  type PreviewPlan,
  planPreview,
  previewActionOf,
} from './preview-plan.js';
import { planPublish } from './publish-plan.js';
import { planRelease, type ReleasePlan } from './release-plan.js';
import { planSmoke, type SmokePlan } from './smoke-plan.js';

export interface Plan {
  /** Present when a stage needs the kernel (building, direct boots, `nanoship kernel`). */
  kernel?: KernelRequest;
  build?: BuildPlan;
  smoke?: SmokePlan;
  /** An existing image to smoke-test (`nanoship run`) or publish, when nothing is built. */
  image?: string;
  /** Present when `publish` names a cloud; runs after a passing (or switched-off) smoke test. */
  publish?: PublishPlan;
  /** A pull request's preview: up after publishing, or down (then nothing is built). */
  preview?: PreviewPlan;
  /** Recording the published images in the GitHub Release (a tag or release run). */
  release?: ReleasePlan;
  /** What the user should know about the plan itself (e.g. why a fork gets no preview). */
  notices: string[];
}

/** Which stages the caller wants; the edges decide from the command or the inputs. */
export interface Stages {
  kernel: boolean;
  build: boolean;
  smoke: boolean;
  /** Plan the publish stage when the options name a cloud (default false). */
  publish?: boolean;
  /** Plan a preview: as the run's event says (`event`), or as a command says. */
  preview?: PreviewAction | 'event';
  /** Record published images in the GitHub Release when the run is a release. */
  release?: boolean;
  /** An existing image to smoke-test or publish instead of building one. */
  image?: string;
}

// Declared in options.ts, so that build-plan.ts can use it without importing this module.
export type { PlanContext };

/**
 * Reads and validates config.json. The schema library is loaded only here: it costs more start-up
 * time than the rest of the CLI together, and most runs have no config file.
 */
async function loadConfig(file: string, cwd: string): Promise<OpsConfig> {
  const { loadConfigFile } = await import('./config.js');
  return loadConfigFile(path.resolve(cwd, file));
}

/**
 * Builds the plan for the requested stages. Reads config.json (when given) and stats the
 * program; throws a UserError on the first bad option or key.
 */
export async function planFromOptions(
  options: Options,
  stages: Stages,
  context: PlanContext,
): Promise<Plan> {
  const { namer } = context;
  const env = context.env ?? {};
  const provenance = context.provenance ?? {};
  const event: GitHubEvent = context.event ?? { payload: {} };
  const notices: string[] = [];
  const previewAction = stages.preview === 'event' ? previewActionOf(event) : stages.preview;
  // Taking a preview down needs nothing built: the PR is closed.
  const down = previewAction === 'down';
  const config: OpsConfig =
    options.config && !down ? await loadConfig(options.config, context.cwd) : {};
  const smoke = stages.smoke && !down ? planSmoke(options, namer) : undefined;
  const needsKernel = !down && (stages.kernel || stages.build || smoke?.bootMode === 'direct');
  let preview =
    previewAction === undefined
      ? undefined
      : planPreview(
          options,
          namer,
          { env, event, provenance },
          smokeProbes(options, namer, smoke),
          previewAction,
        );
  // Images made for a preview carry its pull request (their channel is pr-<N>), so that
  // preview down finds and removes them.
  const imageProvenance = preview
    ? { ...provenance, pr: preview.pr, repo: preview.repo }
    : provenance;
  let publish =
    stages.publish && !down ? planPublish(options, namer, env, imageProvenance) : undefined;
  if (preview?.fork && !preview.allowForks) {
    notices.push(FORK_PREVIEW_NOTICE);
    preview = undefined;
    publish = undefined;
  }
  if (preview?.action === 'up' && !stages.build && stages.image === undefined) {
    throw new UserError(
      `A preview boots the image of the pull request: give the program to build (${namer('program')}) or a config.json with a Program.`,
    );
  }
  if (preview?.action === 'up' && !publish?.targets.includes(preview.cloud)) {
    // A preview boots the published image: its cloud is published to even when not named.
    const targets = [...(publish?.targets ?? []), preview.cloud];
    publish = planPublish({ ...options, publish: targets }, namer, env, imageProvenance);
  }
  return {
    kernel: needsKernel ? planKernel(options, namer, context.cwd, config.NanosVersion) : undefined,
    build: stages.build && !down ? await planBuild(options, config, context) : undefined,
    smoke,
    publish,
    preview,
    image: stages.image === undefined ? undefined : path.resolve(context.cwd, stages.image),
    release: stages.release && publish ? planRelease(options, env, event, provenance) : undefined,
    notices,
  };
}

/** The probes a preview checks by default: the smoke test's, parsed even when it does not run. */
function smokeProbes(options: Options, namer: PlanContext['namer'], smoke: SmokePlan | undefined) {
  if (smoke) return smoke;
  return options.probes.length > 0 ? planSmoke(options, namer) : undefined;
}
