// The block buffer pool: never more buffers than its capacity, whatever the number of blocks
// asking; waiting blocks are served in order, and one that gives up stops waiting.
import { describe, expect, test } from '@jest/globals';
import { BlockBufferPool, EBS_BLOCK_BYTES } from '../../../src/cloud/aws/blocks.js';

describe('BlockBufferPool', () => {
  test('never hands out more than its capacity, however many blocks ask', async () => {
    const pool = new BlockBufferPool(3);
    const out = new Set<Buffer>();
    let most = 0;
    // 40 blocks at once, each holding its buffer for a few turns of the event loop.
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const buffer = await pool.take();
        expect(out.has(buffer)).toBe(false);
        out.add(buffer);
        most = Math.max(most, out.size);
        for (let turn = 0; turn < i % 4; turn++) await new Promise(setImmediate);
        out.delete(buffer);
        pool.give(buffer);
      }),
    );
    expect(most).toBe(3);
    expect(pool.allocated).toBe(3);
    expect(pool.peakInUse).toBe(3);
  });

  test('allocates block-sized buffers only as they are first needed', async () => {
    const pool = new BlockBufferPool(8);
    const first = await pool.take();
    pool.give(first);
    expect(await pool.take()).toBe(first);
    expect(first).toHaveLength(EBS_BLOCK_BYTES);
    expect(pool.allocated).toBe(1);
  });

  test('serves waiting blocks in the order they asked', async () => {
    const pool = new BlockBufferPool(1);
    const held = await pool.take();
    const served: number[] = [];
    const waiting = [1, 2, 3].map((n) =>
      pool.take().then((buffer) => {
        served.push(n);
        pool.give(buffer);
      }),
    );
    pool.give(held);
    await Promise.all(waiting);
    expect(served).toEqual([1, 2, 3]);
  });

  test('a block that gives up while waiting leaves the queue; the buffer goes to the next', async () => {
    const pool = new BlockBufferPool(1);
    const held = await pool.take();
    const abort = new AbortController();
    const quitter = pool.take(abort.signal);
    const next = pool.take();
    abort.abort();
    await expect(quitter).rejects.toMatchObject({ name: 'AbortError' });
    pool.give(held);
    expect(await next).toBe(held);
    await expect(pool.take(abort.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  test('refuses a capacity below one', () => {
    expect(() => new BlockBufferPool(0)).toThrow(/capacity of at least 1, got 0/);
  });
});
