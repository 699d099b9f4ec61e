/**
 * The Action's main step: inputs → Plan → pipeline → outputs and job summary. Whatever the
 * stages throw ends here as exactly one `setFailed` line (a UserError's message; a bug's stack
 * goes to the debug log). A failed smoke test sets its outputs first, then fails the step.
 */
import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { errorMessage, isUserError } from '../errors.js';
import { inspectImage } from '../image/inspect.js';
import { actionsCacheLayer, toolCache } from '../kernel/actions-cache.js';
import { runPipeline } from '../pipeline.js';
import { actionInputName } from '../plan/options.js';
import { planFromOptions } from '../plan/plan.js';
import { abortOnSignals } from '../smoke/signals.js';
import { coreLogger } from './core-logger.js';
import { ensureKvmAccess, ensureQemu } from './host-setup.js';
import { getInputs, smokeEnabled } from './inputs.js';
import { setOutputs, writeSummary } from './outputs.js';
import { markMainRan } from './state.js';

export async function run(): Promise<void> {
  try {
    markMainRan();
    const options = getInputs();
    const build = options.program !== undefined || options.config !== undefined;
    const smoke = build && smokeEnabled();
    const plan = await planFromOptions(
      options,
      { kernel: true, build, smoke },
      { cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(), namer: actionInputName },
    );
    if (smoke) {
      await ensureQemu(coreLogger);
      await ensureKvmAccess(coreLogger);
    }
    // A cancelled workflow sends SIGINT, then SIGTERM: QEMU runs in its own process group, so
    // it is stopped through this signal rather than dying with us (self-hosted runners live on).
    const signals = abortOnSignals();
    const result = await runPipeline(plan, {
      logger: coreLogger,
      kernelCache: actionsCacheLayer(toolCache(), coreLogger),
      tempDir: process.env.RUNNER_TEMP,
      signal: signals.signal,
      onConsole: (chunk) => process.stdout.write(chunk),
    }).finally(() => signals.dispose());
    setOutputs(result);
    // The packer reads its own output back for the summary's file list.
    const inspection = result.image && (await inspectImage(result.image.path));
    const consoleText =
      result.smoke && (await readFile(result.smoke.consoleLog, 'utf8').catch(() => ''));
    await writeSummary(result, { inspection, consoleText });
    if (result.smoke?.verdict === 'fail')
      core.setFailed(`Smoke test failed: ${result.smoke.reason}`);
  } catch (error) {
    if (!isUserError(error) && error instanceof Error) core.debug(error.stack ?? '');
    core.setFailed(errorMessage(error));
  }
}
