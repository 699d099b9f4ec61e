/**
 * The Plan: every decision of a run, typed and validated before anything touches the network
 * or writes a byte. Both edges build it from the same `Options` (action inputs or CLI flags).
 */
import path from 'node:path';
import type { PublishPlan } from '../cloud/types.js';
import type { KernelRequest } from '../kernel/types.js';
import type { BuildPlan } from './build-plan.js';
import { planBuild } from './build-plan.js';
import type { OpsConfig } from './config.js';
import { planKernel } from './kernel-plan.js';
import type { Options, PlanContext } from './options.js';
import { planPublish } from './publish-plan.js';
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
}

/** Which stages the caller wants; the edges decide from the command or the inputs. */
export interface Stages {
  kernel: boolean;
  build: boolean;
  smoke: boolean;
  /** Plan the publish stage when the options name a cloud (default false). */
  publish?: boolean;
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
  const config: OpsConfig = options.config ? await loadConfig(options.config, context.cwd) : {};
  const smoke = stages.smoke ? planSmoke(options, context.namer) : undefined;
  const needsKernel = stages.kernel || stages.build || smoke?.bootMode === 'direct';
  return {
    kernel: needsKernel
      ? planKernel(options, context.namer, context.cwd, config.NanosVersion)
      : undefined,
    build: stages.build ? await planBuild(options, config, context) : undefined,
    smoke,
    publish: stages.publish
      ? planPublish(options, context.namer, context.env ?? {}, context.provenance ?? {})
      : undefined,
  };
}
