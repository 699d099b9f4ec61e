import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `check` until it returns something other than `undefined` or `false`, and returns that.
 * Tests wait on other processes (shells, QEMU, a killed step's children) this way rather than
 * with fixed pauses, which a loaded machine outruns. Throws, naming `what`, after `timeoutMs`.
 */
export async function waitUntil<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await sleep(intervalMs)) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) {
      throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`);
    }
  }
}
