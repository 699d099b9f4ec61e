// A young collection on request: V8 reports a forced young-generation collection, and no gc()
// is left behind in this context or in contexts made later.
import { constants, type PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { runInNewContext } from 'node:vm';
import { expect, test } from '@jest/globals';
import { collectYoungGarbage } from '../../../src/cloud/gcp/young-collection.js';

/** The garbage collections V8 reports while `run` runs (and shortly after). */
async function collectionsDuring(run: () => void) {
  const seen: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  run();
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  return seen.map(
    (entry) => (entry as { detail?: unknown }).detail as { kind: number; flags: number },
  );
}

const forcedYoung = (collection: { kind: number; flags: number }) =>
  collection.kind === constants.NODE_PERFORMANCE_GC_MINOR &&
  (collection.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0;

test('runs a forced young-generation collection, which V8 would not have run by itself', async () => {
  expect((await collectionsDuring(() => {})).filter(forcedYoung)).toHaveLength(0);
  expect((await collectionsDuring(collectYoungGarbage)).filter(forcedYoung)).toHaveLength(1);
});

test('leaves no gc global here or in contexts made afterwards', () => {
  collectYoungGarbage();
  expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  expect(runInNewContext('typeof gc')).toBe('undefined');
});
