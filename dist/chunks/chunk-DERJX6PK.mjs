#!/usr/bin/env node
import {
  errorMessage
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/retry.ts
var DEFAULT_RETRY = { attempts: 3, minDelayMs: 2e3, maxDelayMs: 1e4 };
var sleepWithTimer = /* @__PURE__ */ __name((ms) => new Promise((resolve) => setTimeout(resolve, ms)), "sleepWithTimer");
async function retry(fn, call) {
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
        `${call.label}: attempt ${attempt} of ${call.attempts} failed: ${errorMessage(error)}; retrying after ${delayMs} ms`
      );
      await sleep(delayMs);
    }
  }
}
__name(retry, "retry");
function retryDelayMs(attempt, options) {
  return Math.min(options.maxDelayMs, options.minDelayMs * 2 ** (attempt - 1));
}
__name(retryDelayMs, "retryDelayMs");

export {
  DEFAULT_RETRY,
  retry
};
