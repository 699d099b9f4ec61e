import { describe, expect, test } from '@jest/globals';
import { recordingLogger } from '../src/log.js';
import { retry, retryDelayMs } from '../src/retry.js';

class Transient extends Error {}

/** Runs retry over a scripted sequence of outcomes and reports what happened. */
async function runScript(outcomes: ('ok' | 'transient' | 'final')[], attempts: number) {
  const logger = recordingLogger();
  const delays: number[] = [];
  let calls = 0;
  const result = await retry(
    async (attempt) => {
      calls++;
      const outcome = outcomes[attempt - 1];
      if (outcome === 'ok') return `ok on ${attempt}`;
      throw outcome === 'transient'
        ? new Transient(`transient ${attempt}`)
        : new Error(`final ${attempt}`);
    },
    {
      attempts,
      minDelayMs: 100,
      maxDelayMs: 250,
      sleep: async (ms) => {
        delays.push(ms);
      },
      isRetryable: (error) => error instanceof Transient,
      label: 'GET x',
      logger,
    },
  ).catch((error: Error) => `threw ${error.message}`);
  return { result, calls, delays, lines: logger.lines.map((l) => l.message) };
}

describe('retry attempt table', () => {
  test.each([
    { outcomes: ['ok'], attempts: 3, result: 'ok on 1', calls: 1, delays: [] },
    { outcomes: ['transient', 'ok'], attempts: 3, result: 'ok on 2', calls: 2, delays: [100] },
    {
      outcomes: ['transient', 'transient', 'ok'],
      attempts: 3,
      result: 'ok on 3',
      calls: 3,
      delays: [100, 200],
    },
    {
      outcomes: ['transient', 'transient', 'transient'],
      attempts: 3,
      result: 'threw transient 3',
      calls: 3,
      delays: [100, 200],
    },
    { outcomes: ['final', 'ok'], attempts: 3, result: 'threw final 1', calls: 1, delays: [] },
    {
      outcomes: ['transient', 'final', 'ok'],
      attempts: 3,
      result: 'threw final 2',
      calls: 2,
      delays: [100],
    },
    {
      outcomes: ['transient', 'ok'],
      attempts: 1,
      result: 'threw transient 1',
      calls: 1,
      delays: [],
    },
    {
      outcomes: ['transient', 'transient', 'transient', 'transient', 'ok'],
      attempts: 5,
      result: 'ok on 5',
      calls: 5,
      delays: [100, 200, 250, 250],
    },
  ] as const)('$outcomes with $attempts attempts → $result', async (row) => {
    const run = await runScript([...row.outcomes], row.attempts);
    expect(run.result).toBe(row.result);
    expect(run.calls).toBe(row.calls);
    expect(run.delays).toEqual(row.delays);
  });

  test('logs each retried failure with the attempt number, the reason and the wait', async () => {
    const run = await runScript(['transient', 'ok'], 3);
    expect(run.lines).toEqual(['GET x: attempt 1 of 3 failed: transient 1; retrying after 100 ms']);
  });

  test('refuses fewer than one attempt and a minimum delay above the maximum', async () => {
    const call = { isRetryable: () => true, label: 'x', logger: recordingLogger() };
    await expect(
      retry(async () => 1, { ...call, attempts: 0, minDelayMs: 0, maxDelayMs: 0 }),
    ).rejects.toThrow('attempts must be');
    await expect(
      retry(async () => 1, { ...call, attempts: 1, minDelayMs: 5, maxDelayMs: 1 }),
    ).rejects.toThrow('exceeds maxDelayMs');
  });

  test('doubles the delay from the minimum and caps it at the maximum', () => {
    const options = { attempts: 9, minDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, options))).toEqual([
      1000, 2000, 4000, 5000, 5000,
    ]);
  });
});
