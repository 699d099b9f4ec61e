import { describe, expect, test } from '@jest/globals';
import type { GceImage } from '../../../src/cloud/gcp/compute.js';
import { planRetention } from '../../../src/cloud/gcp/retention.js';

const HOUR = 3600_000;
const NOW = new Date('2026-06-01T12:00:00Z');

/** An image created `hoursAgo` before NOW, in family `app` unless said. */
const image = (name: string, hoursAgo: number, extra: Partial<GceImage> = {}): GceImage => ({
  name,
  family: 'app',
  status: 'READY',
  creationTimestamp: new Date(NOW.getTime() - hoursAgo * HOUR).toISOString(),
  ...extra,
});

const names = (images: GceImage[]) => images.map((i) => i.name);

describe('planRetention', () => {
  const published = image('app-new', 0);
  const group = [
    published,
    image('app-3', 3),
    image('app-1', 1),
    image('app-2', 2),
    image('app-4', 4),
  ];

  test.each([
    { name: 'nothing asked', keep: undefined, after: undefined, deleted: [], deprecated: [] },
    {
      name: 'keep 1: only the new one',
      keep: 1,
      after: undefined,
      deleted: ['app-1', 'app-2', 'app-3', 'app-4'],
      deprecated: [],
    },
    {
      name: 'keep 3: the new one and the two newest',
      keep: 3,
      after: undefined,
      deleted: ['app-3', 'app-4'],
      deprecated: [],
    },
    { name: 'keep more than there are', keep: 10, after: undefined, deleted: [], deprecated: [] },
    {
      name: 'deprecate at once',
      keep: undefined,
      after: 0,
      deleted: [],
      deprecated: ['app-1', 'app-2', 'app-3', 'app-4'],
    },
    {
      name: 'deprecate after 2 h',
      keep: undefined,
      after: 2 * HOUR,
      deleted: [],
      deprecated: ['app-2', 'app-3', 'app-4'],
    },
    {
      name: 'keep 3, deprecate the kept',
      keep: 3,
      after: 0,
      deleted: ['app-3', 'app-4'],
      deprecated: ['app-1', 'app-2'],
    },
  ])('$name', ({ keep, after, deleted, deprecated }) => {
    const plan = planRetention(group, published, { keep, deprecateAfterMs: after, now: NOW });
    expect(names(plan.delete)).toEqual(deleted);
    expect(names(plan.deprecate)).toEqual(deprecated);
  });

  test('never touches an image newer than the published one (a reused image, a concurrent run)', () => {
    const reused = image('app-old', 5);
    const plan = planRetention([image('app-newer', 1), reused, image('app-older', 6)], reused, {
      keep: 1,
      deprecateAfterMs: 0,
      now: NOW,
    });
    expect(names(plan.delete)).toEqual(['app-older']);
    expect(names(plan.deprecate)).toEqual([]);
  });

  test('leaves images being created or deleted alone', () => {
    const plan = planRetention(
      [
        published,
        image('app-pending', 1, { status: 'PENDING' }),
        image('app-deleting', 2, { status: 'DELETING' }),
      ],
      published,
      { keep: 1, now: NOW },
    );
    expect(plan.delete).toEqual([]);
  });

  test('deprecates only within the family, and not what is retired already', () => {
    const plan = planRetention(
      [
        published,
        image('app-other-family', 1, { family: 'edge' }),
        image('app-deprecated', 2, { deprecated: { state: 'DEPRECATED' } }),
        image('app-obsolete', 3, { deprecated: { state: 'OBSOLETE' } }),
        image('app-active', 4, { deprecated: { state: 'ACTIVE' } }),
      ],
      published,
      { deprecateAfterMs: 0, now: NOW },
    );
    expect(names(plan.deprecate)).toEqual(['app-active']);
  });

  test('breaks creation-time ties by name, so the choice is stable', () => {
    const tie = [published, image('app-b', 1), image('app-a', 1), image('app-c', 1)];
    expect(names(planRetention(tie, published, { keep: 2, now: NOW }).delete)).toEqual([
      'app-b',
      'app-a',
    ]);
  });
});
