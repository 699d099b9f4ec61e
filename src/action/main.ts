/**
 * The Action's main step: inputs → Plan → pipeline → outputs and job summary. Whatever the
 * stages throw ends here as exactly one `setFailed` line (a UserError's message; a bug's stack
 * goes to the debug log). A failed smoke test sets its outputs first, then fails the step.
 */
import { rm } from 'node:fs/promises';
import * as core from '@actions/core';
import { errorMessage, isUserError } from '../errors.js';
import { actionsCacheLayer, toolCache } from '../kernel/actions-cache.js';
import { runPipeline } from '../pipeline.js';
import { actionInputName } from '../plan/options.js';
import { planFromOptions } from '../plan/plan.js';
import { abortOnSignals } from '../smoke/signals.js';
import { coreLogger } from './core-logger.js';
import { ensureKvmAccess, ensureQemu } from './host-setup.js';
import { getInputs, smokeEnabled } from './inputs.js';
import { report } from './outputs.js';
import { makeScratchDir, markMainRan } from './state.js';

export async function run(): Promise<void> {
  markMainRan();
  // A cancelled workflow sends SIGINT, then SIGTERM: QEMU runs in its own process group, so
  // it is stopped through this signal rather than dying with us (self-hosted runners live on).
  const signals = abortOnSignals();
  let scratch: string | undefined;
  try {
    const options = getInputs();
    const build = options.program !== undefined || options.config !== undefined;
    const stages = { kernel: true, build, smoke: build && smokeEnabled() };
    const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const plan = await planFromOptions(options, stages, { cwd, namer: actionInputName });
    if (stages.smoke) {
      await ensureQemu(coreLogger);
      await ensureKvmAccess(coreLogger);
    }
    scratch = await makeScratchDir(process.env.RUNNER_TEMP);
    const kernelCache = actionsCacheLayer(toolCache(), coreLogger);
    const onConsole = (chunk: string) => process.stdout.write(chunk);
    const { signal } = signals;
    await report(
      await runPipeline(plan, {
        logger: coreLogger,
        kernelCache,
        tempDir: scratch,
        signal,
        onConsole,
      }),
    );
  } catch (error) {
    if (!isUserError(error) && error instanceof Error) core.debug(error.stack ?? '');
    core.setFailed(errorMessage(error));
  } finally {
    signals.dispose();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }
}
