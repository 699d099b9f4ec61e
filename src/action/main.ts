/**
 * The Action's main step: inputs → Plan → pipeline → outputs and job summary. Whatever the
 * stages throw ends here as exactly one `setFailed` line (a UserError's message; a bug's stack
 * goes to the debug log). A failed smoke test sets its outputs first, then fails the step.
 */
import { rm } from 'node:fs/promises';
import * as core from '@actions/core';
import { errorMessage, isUserError } from '../errors.js';
import { githubRunFromEnv } from '../github/context.js';
import { actionsCacheLayer, toolCache } from '../kernel/actions-cache.js';
import { type PipelineResult, runPipeline } from '../pipeline.js';
import { actionInputName } from '../plan/options.js';
import { type Plan, planFromOptions } from '../plan/plan.js';
import { abortOnSignals } from '../smoke/signals.js';
import { coreLogger } from './core-logger.js';
import { GuestConsoleStream } from './guest-console.js';
import { ensureKvmAccess, ensureSmokePackages, smokeTargetOf } from './host-setup.js';
import { getInputs, smokeEnabled } from './inputs.js';
import { report } from './outputs.js';
import { makeScratchDir, markMainRan, recordQemuPid, stateRecorder } from './state.js';

export async function run(): Promise<void> {
  markMainRan();
  let signals: ReturnType<typeof abortOnSignals> | undefined;
  let scratch: string | undefined;
  let repoId: string | undefined;
  try {
    const options = getInputs();
    const build = options.program !== undefined || options.config !== undefined;
    const stages = {
      kernel: true,
      build,
      smoke: build && smokeEnabled(),
      publish: build,
      preview: 'event' as const,
      release: true,
    };
    const cwd = process.env.GITHUB_WORKSPACE ?? process.cwd();
    const { event, provenance } = await githubRunFromEnv(process.env);
    const token = options.githubToken;
    if (token) core.setSecret(token);
    const plan = await planFromOptions(options, stages, {
      cwd,
      namer: actionInputName,
      env: process.env,
      provenance,
      event,
    });
    repoId = provenance.repoId;
    if (plan.smoke) {
      await prepareHost(plan);
      // A cancelled workflow sends SIGINT, then SIGTERM: QEMU runs in its own process group,
      // so it is stopped through this signal rather than dying with us (self-hosted runners
      // live on). Without a smoke stage the signals keep their default effect.
      signals = abortOnSignals();
    }
    scratch = await makeScratchDir(process.env.RUNNER_TEMP);
    await report(await runWithGuestConsole(plan, scratch, signals?.signal, repoId));
  } catch (error) {
    if (!isUserError(error) && error instanceof Error) core.debug(error.stack ?? '');
    core.setFailed(errorMessage(error));
  } finally {
    signals?.dispose();
    if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * QEMU, UEFI firmware and KVM for the smoke test of the plan's image (x86 or arm64, BIOS or
 * UEFI). Only GitHub's throwaway machines get packages and a udev rule; a self-hosted runner
 * would keep them, so there nanoship only says what to do.
 */
async function prepareHost(plan: Plan): Promise<void> {
  const host = { githubHosted: process.env.RUNNER_ENVIRONMENT === 'github-hosted' };
  const target = await smokeTargetOf(plan);
  if (target !== undefined) await ensureSmokePackages(coreLogger, target, host);
  await ensureKvmAccess(coreLogger, host);
}

/** Runs the pipeline with the guest console streamed into the log, workflow commands off. */
async function runWithGuestConsole(
  plan: Plan,
  tempDir: string,
  signal: AbortSignal | undefined,
  repoId: string | undefined,
): Promise<PipelineResult> {
  const guestConsole = new GuestConsoleStream();
  const logger = guestConsole.around(coreLogger);
  try {
    return await runPipeline(plan, {
      logger,
      kernelCache: actionsCacheLayer(toolCache(), logger),
      tempDir,
      signal,
      onConsole: guestConsole.onConsole,
      onVmStart: recordQemuPid,
      recorder: stateRecorder,
      repoId,
    });
  } finally {
    guestConsole.close();
  }
}
