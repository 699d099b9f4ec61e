/**
 * The knobs of AWS publishing a caller may turn: how many blocks go up at once, and the clock,
 * sleep and randomness every wait, backoff and progress line uses. Production passes nothing
 * and gets the defaults; the benchmark fixes the concurrency to compare settings; tests pass a
 * virtual clock whose sleep returns at once, so a 15-minute deadline costs no wall time.
 */
import { setTimeout as sleepFor } from 'node:timers/promises';

/** Time and chance, injected so that waits and backoffs can be driven without waiting. */
export interface Timing {
  /** Waits `ms` milliseconds; rejects with an AbortError when `signal` fires. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A monotonic clock in milliseconds (deadlines, rates); never the wall clock. */
  clock(): number;
  /** A number in [0, 1), for jitter. */
  random(): number;
}

export const realTiming: Timing = {
  sleep: (ms, signal) => sleepFor(ms, undefined, { signal }),
  clock: () => performance.now(),
  random: Math.random,
};

/**
 * `adaptive` starts near AWS's recommendation and follows what the service says (halves on
 * concurrency-limit and throttling bursts, grows after clean runs); a number fixes the count of
 * blocks in flight (4–64), for measurements or an account with a known quota.
 */
export type ConcurrencySetting = 'adaptive' | number;

export interface AwsTuning {
  concurrency: ConcurrencySetting;
  timing: Timing;
}

export const DEFAULT_AWS_TUNING: AwsTuning = { concurrency: 'adaptive', timing: realTiming };

/** The defaults with `overrides` applied, `timing` field by field. */
export function resolveTuning(overrides: Partial<AwsTuning> = {}): AwsTuning {
  return {
    concurrency: overrides.concurrency ?? DEFAULT_AWS_TUNING.concurrency,
    timing: { ...DEFAULT_AWS_TUNING.timing, ...overrides.timing },
  };
}
