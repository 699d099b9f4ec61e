/**
 * The readiness check of a preview through its public address: the smoke test's probes (HTTP
 * with the expected status and body, TCP) against `address:port` on the real network, every
 * attempt bounded, until all hold or the deadline passes.
 */
import { errorMessage } from '../errors.js';
import type { ProbePlan } from '../plan/smoke-plan.js';
import {
  checkHttpAnswer,
  connectAttempt,
  describeProbeError,
  httpAttempt,
  pollUntil,
} from '../smoke/probe.js';

/** Between attempts against a public address: a cloud instance needs seconds, not ms. */
const PREVIEW_PROBE_INTERVAL_MS = 1_000;
const PREVIEW_PROBE_ATTEMPT_MS = 5_000;

export interface PreviewProbeOptions {
  expectStatus: number;
  expectBody?: RegExp;
  timeoutMs: number;
  signal?: AbortSignal;
}

export type ProbeOutcome = { ok: true; readyMs: number } | { ok: false; reason: string };

/** `http://address:port/path` for the comment and the outputs. */
export function probeUrl(address: string, probe: ProbePlan): string {
  return probe.kind === 'http'
    ? `http://${address}:${probe.port}${probe.path}`
    : `tcp://${address}:${probe.port}`;
}

/** Runs every probe against `address` until all hold (ok) or the first fails for good. */
export async function probePreview(
  address: string,
  probes: ProbePlan[],
  options: PreviewProbeOptions,
): Promise<ProbeOutcome> {
  const started = performance.now();
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const outcomes = await Promise.all(
    probes.map((probe) => probeOne(address, probe, options, signal)),
  );
  const failure = outcomes.find((outcome) => outcome !== undefined);
  if (failure !== undefined) return { ok: false, reason: failure };
  return { ok: true, readyMs: performance.now() - started };
}

/** One probe: undefined when it held, else why not. */
async function probeOne(
  address: string,
  probe: ProbePlan,
  options: PreviewProbeOptions,
  signal: AbortSignal,
): Promise<string | undefined> {
  let last: unknown;
  const poll = {
    signal,
    intervalMs: PREVIEW_PROBE_INTERVAL_MS,
    attemptMs: PREVIEW_PROBE_ATTEMPT_MS,
    maxInFlight: 1,
    onAttemptError: (error: unknown) => {
      last = error;
    },
  };
  const url = probeUrl(address, probe);
  try {
    if (probe.kind === 'tcp') {
      await pollUntil(connectAttempt(address, probe.port), poll);
      return undefined;
    }
    const answer = await pollUntil(httpAttempt(probe.port, probe.path, address), poll);
    const mismatch = checkHttpAnswer(
      { ...probe, expectStatus: options.expectStatus, expectBody: options.expectBody },
      answer,
    );
    return mismatch && `${url}: ${mismatch}`;
  } catch (error) {
    const why = last === undefined ? errorMessage(error) : describeProbeError(last);
    return `${url} did not answer within ${Math.round(options.timeoutMs / 1000)} s (last attempt: ${why})`;
  }
}
