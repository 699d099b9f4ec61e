// The concurrency controller as a table of signals and the limits they lead to.
import { describe, expect, test } from '@jest/globals';
import {
  CLEAN_RUN_TO_GROW,
  CONCURRENCY_MAX,
  CONCURRENCY_MIN,
  CONCURRENCY_START,
  ConcurrencyController,
  type LoadSignal,
} from '../../../src/cloud/aws/concurrency.js';

/** Feeds `signals` (each reported in the epoch current when it is fed) and returns the limits. */
function drive(signals: LoadSignal[], controller = new ConcurrencyController('adaptive')) {
  return signals.map((signal) => {
    controller.report(signal, controller.epoch);
    return controller.limit;
  });
}

const many = (signal: LoadSignal, n: number): LoadSignal[] => Array(n).fill(signal);

describe('adaptive', () => {
  test('starts at 32', () => {
    expect(new ConcurrencyController('adaptive').limit).toBe(CONCURRENCY_START);
    expect(CONCURRENCY_START).toBe(32);
  });

  test.each([
    { name: 'a concurrency limit halves it', signals: ['concurrency-limit'], last: 16 },
    {
      name: 'each fresh one halves again, down to 4',
      signals: many('concurrency-limit', 6),
      last: 4,
    },
    {
      name: 'a throttle burst (3 in 20) halves it',
      signals: ['throttled', 'clean', 'throttled', 'throttled'],
      last: 16,
    },
    {
      name: 'two throttles are not a burst',
      signals: ['throttled', 'clean', 'throttled'],
      last: 32,
    },
    {
      name: `${CLEAN_RUN_TO_GROW} clean completions add 4`,
      signals: many('clean', CLEAN_RUN_TO_GROW),
      last: 36,
    },
    {
      name: 'a throttle restarts the clean run',
      signals: [...many('clean', 49), 'throttled', ...many('clean', 49)],
      last: 32,
    },
    {
      name: 'growth stops at 64',
      signals: many('clean', CLEAN_RUN_TO_GROW * 20),
      last: CONCURRENCY_MAX,
    },
  ] as { name: string; signals: LoadSignal[]; last: number }[])('$name', ({ signals, last }) => {
    expect(drive(signals).at(-1)).toBe(last);
  });

  test('rejections from requests started before a decrease do not decrease it again', () => {
    const controller = new ConcurrencyController('adaptive');
    const wave = controller.epoch; // 32 requests start under the limit of 32
    for (let i = 0; i < 28; i++) controller.report('concurrency-limit', wave);
    expect(controller.limit).toBe(16);
    expect(controller.stats).toEqual({ lowest: 16, highest: 32, decreases: 1 });
  });

  test('at the floor a limit signal changes nothing, and is not counted as a decrease', () => {
    const controller = new ConcurrencyController('adaptive');
    drive(many('concurrency-limit', 10), controller);
    expect(controller.limit).toBe(CONCURRENCY_MIN);
    expect(controller.stats.decreases).toBe(3);
  });
});

describe('fixed', () => {
  test('never moves, whatever the service says', () => {
    const controller = new ConcurrencyController(16);
    drive(
      [...many('concurrency-limit', 5), ...many('throttled', 10), ...many('clean', 500)],
      controller,
    );
    expect(controller.limit).toBe(16);
    expect(controller.stats).toEqual({ lowest: 16, highest: 16, decreases: 0 });
  });

  test.each([0, -1, 1.5, 65])('refuses %p', (setting) => {
    expect(() => new ConcurrencyController(setting)).toThrow(/concurrency/);
  });
});
