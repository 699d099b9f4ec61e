/**
 * The Plan: every decision of a run, typed and validated before anything touches the network
 * or the disk. Both edges build it from the same `Options` (action inputs or CLI flags).
 */
import type { KernelRequest } from '../kernel/types.js';
import { planKernel } from './kernel-plan.js';
import type { OptionNamer, Options } from './options.js';

export interface Plan {
  kernel: KernelRequest;
}

/** Where relative paths are resolved and how options are named in messages. */
export interface PlanContext {
  cwd: string;
  namer: OptionNamer;
}

/** Builds the plan for the stages a command runs. Throws UserError on the first bad option. */
export function planFromOptions(options: Options, context: PlanContext): Plan {
  return { kernel: planKernel(options, context.namer, context.cwd) };
}
