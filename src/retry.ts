import { errorMessage } from './errors.js';
import type { Logger } from './log.js';

/** How often and how patiently to retry; callers pass it through so tests can skip the waits. */
export interface RetryOptions {
  /** Total number of attempts, the first one included (at least 1). */
  attempts: number;
  /** Wait after the first failure; it doubles after each further failure. */
  minDelayMs: number;
  /** Upper bound for any single wait. */
  maxDelayMs: number;
  /** Waits `ms` milliseconds; tests pass one that returns at once and records the delays. */
  sleep?: (ms: number) => Promise<void>;
}

/** What one retried operation is: its name in the log and which of its failures are worth retrying. */
export interface RetryCall extends RetryOptions {
  /** Names the operation in log lines, e.g. the URL being downloaded. */
  label: string;
  /** True when `error` is transient (a network error, a 5xx); false makes it final at once. */
  isRetryable: (error: unknown) => boolean;
  logger: Logger;
}

/** Three attempts, 2 s then 4 s apart: enough for a CDN hiccup without stalling a CI job. */
export const DEFAULT_RETRY: RetryOptions = { attempts: 3, minDelayMs: 2_000, maxDelayMs: 10_000 };

const sleepWithTimer = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `fn` until it succeeds, it fails with an error `isRetryable` rejects, or `attempts` are
 * used up; then the last error is thrown unchanged, so the caller decides how to word it. Each
 * retried failure logs "attempt n of m failed: reason; retrying after X ms" (info level).
 * `fn` receives the 1-based attempt number.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, call: RetryCall): Promise<T> {
  if (!Number.isInteger(call.attempts) || call.attempts < 1) {
    throw new Error(`retry: attempts must be a whole number >= 1, got ${call.attempts}`);
  }
  if (call.minDelayMs > call.maxDelayMs) {
    throw new Error(`retry: minDelayMs ${call.minDelayMs} exceeds maxDelayMs ${call.maxDelayMs}`);
  }
  const sleep = call.sleep ?? sleepWithTimer;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= call.attempts || !call.isRetryable(error)) throw error;
      const delayMs = retryDelayMs(attempt, call);
      call.logger.info(
        `${call.label}: attempt ${attempt} of ${call.attempts} failed: ${errorMessage(error)}; retrying after ${delayMs} ms`,
      );
      await sleep(delayMs);
    }
  }
}

/** The wait after failed attempt `attempt` (1-based): exponential from minDelayMs, capped at maxDelayMs. */
export function retryDelayMs(attempt: number, options: RetryOptions): number {
  return Math.min(options.maxDelayMs, options.minDelayMs * 2 ** (attempt - 1));
}
