/**
 * V8's `--optimize-for-size` for the duration of a snapshot upload, set from inside the process
 * because the Action is started as `node dist/main.mjs`, with no way to pass Node a flag.
 *
 * Why: every PutSnapshotBlock costs the SDK ~180 KB of short-lived objects (its middleware
 * chain, promises, headers, the signature), ~70 MB/s at full speed, and with 16–64 requests in
 * flight many of them outlive a young-generation collection. V8's defaults answer that rate by
 * growing the young generation and letting the old one fill up before collecting it: on the
 * 1 GiB bench upload at 64 in flight (--trace-gc-nvp) the young generation grew to 32 MiB and
 * the old one was collected once, and the heap peaked at 100–170 MB for ~25 MB of live
 * objects. The flag makes V8 choose memory over speed where it sizes the heap
 * (Heap::ShouldOptimizeForMemoryUsage, read at every collection): the same upload kept a young
 * generation of 2–8 MiB, collected the old one 15 times, and peaked at a 31–44 MB heap. The
 * price is CPU: the collector runs more often, and an upload took ~15 % more CPU time (user +
 * system, interleaved runs, 1 GiB at 32 in flight: 3.6–4.8 s against 3.0–4.0 s). A real upload
 * waits on the network, not on the CPU; against the loopback fake on two shared cores it was
 * slower.
 *
 * V8 reads heap flags when it decides, so turning the flag on mid-run works; Node warns that
 * changing flags after start "may result in unpredictable behavior", which for this flag means
 * how large the heap grows. It is switched off again when the last upload ends, so the build
 * and boot stages keep V8's defaults.
 */
import { setFlagsFromString } from 'node:v8';

let holders = 0;

/** Runs `work` with V8 favouring memory; nested and parallel calls share one switch. */
export async function favoringMemory<T>(work: () => Promise<T>): Promise<T> {
  if (holders++ === 0) setFlagsFromString('--optimize-for-size');
  try {
    return await work();
  } finally {
    if (--holders === 0) setFlagsFromString('--no-optimize-for-size');
  }
}
