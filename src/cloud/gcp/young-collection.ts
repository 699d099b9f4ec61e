/**
 * A young-generation garbage collection on request, for code that drops large buffers at a
 * rate V8 does not see. V8 runs a young collection when its young generation fills with
 * JavaScript objects, and a full one when memory held outside its heap (ArrayBuffers, such as
 * Node's Buffers) has grown 64 MB since the last. Code that turns out many megabytes of
 * Buffers while allocating few objects (the gzip of a tarball: zlib's output chunks, and
 * whatever the uploader copies them into) therefore holds up to 64 MB of dead buffers, and
 * a young collection would free them in a millisecond or two.
 *
 * V8 offers that collection only through `gc()`, which exists where `--expose-gc` was on when
 * a context was made. The Action runs as `node dist/main.mjs` with no flags, so the flag is
 * switched on just long enough to make one context and take its `gc`, then off again: no
 * other context, the main one included, gets a `gc` global.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' }) => void;

/** V8's gc(), made once; null where it could not be had (nothing is collected then). */
let collect: Collect | null | undefined;

function collector(): Collect | null {
  if (collect === undefined) {
    const exposed = (globalThis as { gc?: Collect }).gc;
    if (typeof exposed === 'function') collect = exposed;
    else {
      try {
        setFlagsFromString('--expose-gc');
        collect = runInNewContext('gc') as Collect;
      } catch {
        collect = null;
      } finally {
        setFlagsFromString('--no-expose-gc');
      }
    }
  }
  return collect;
}

/**
 * Collects the young generation now: objects (and the buffers they own) allocated since the
 * last collection and no longer referenced are freed; V8 gives their buffers back shortly
 * after, on a background thread. Costs 1–3 ms with a small heap.
 */
export function collectYoungGarbage(): void {
  collector()?.({ type: 'minor' });
}
