/**
 * How many PutSnapshotBlock requests may be in flight: an additive-increase,
 * multiplicative-decrease controller over what the service answers. It starts at AWS's
 * recommendation, halves when EBS says "too many at once" (ConcurrentLimitExceededException,
 * which the SDK does not retry) or throttles in a burst, and grows slowly after a clean run.
 * It only counts; the uploader asks it for the limit before starting each block.
 */
import type { ConcurrencySetting } from './tuning.js';

/**
 * Where the adaptive limit starts: AWS's performance guide and cloud-publishing §1.6.1
 * (coldsnap uses 64 fixed, ops 10). A 64 MiB image is 128 blocks, so a slow start would cost
 * more than the occasional halving.
 */
export const CONCURRENCY_START = 32;
/** Below 4 the per-request latency dominates and an upload crawls; nothing legitimate needs less. */
export const CONCURRENCY_MIN = 4;
/** Never unbounded: 64 × 512 KiB is the uploader's whole buffer memory (32 MiB). */
export const CONCURRENCY_MAX = 64;
/** Added after a clean run: slow, so a limit found by halving is not overshot at once. */
export const GROW_STEP = 4;
/** Consecutive completions without a retry that earn one GROW_STEP. */
export const CLEAN_RUN_TO_GROW = 50;
/** A burst: this many retried completions among the last THROTTLE_WINDOW of one epoch. */
export const THROTTLE_BURST = 3;
export const THROTTLE_WINDOW = 20;

/** What one finished request says about the load. */
export type LoadSignal = 'clean' | 'throttled' | 'concurrency-limit';

export class ConcurrencyController {
  readonly adaptive: boolean;
  #limit: number;
  /**
   * Bumped by every decrease. A request reports the epoch it started in, and only a request
   * started under the current limit can lower it again: the 28 rejections of one 32-wide wave
   * are one signal, not five halvings to the floor.
   */
  #epoch = 0;
  #recent: boolean[] = [];
  #cleanRun = 0;
  #lowest: number;
  #highest: number;
  #decreases = 0;

  constructor(setting: ConcurrencySetting) {
    this.adaptive = setting === 'adaptive';
    if (setting !== 'adaptive' && !(Number.isInteger(setting) && setting >= 1)) {
      throw new Error(`concurrency must be 'adaptive' or a whole number >= 1, got ${setting}`);
    }
    if (typeof setting === 'number' && setting > CONCURRENCY_MAX) {
      throw new Error(`concurrency ${setting} exceeds the maximum of ${CONCURRENCY_MAX}`);
    }
    this.#limit = setting === 'adaptive' ? CONCURRENCY_START : setting;
    this.#lowest = this.#limit;
    this.#highest = this.#limit;
  }

  get limit(): number {
    return this.#limit;
  }

  get epoch(): number {
    return this.#epoch;
  }

  /** The range the limit moved in, and how often it was halved. */
  get stats(): { lowest: number; highest: number; decreases: number } {
    return { lowest: this.#lowest, highest: this.#highest, decreases: this.#decreases };
  }

  /** Records the outcome of a request that started in `epoch`. */
  report(signal: LoadSignal, epoch: number): void {
    if (!this.adaptive) return;
    if (signal === 'concurrency-limit') {
      if (epoch === this.#epoch) this.#decrease();
      return;
    }
    const throttled = signal === 'throttled';
    this.#cleanRun = throttled ? 0 : this.#cleanRun + 1;
    if (epoch === this.#epoch) {
      this.#recent.push(throttled);
      if (this.#recent.length > THROTTLE_WINDOW) this.#recent.shift();
      if (this.#recent.filter(Boolean).length >= THROTTLE_BURST) {
        this.#decrease();
        return;
      }
    }
    if (this.#cleanRun >= CLEAN_RUN_TO_GROW) {
      this.#cleanRun = 0;
      this.#set(Math.min(CONCURRENCY_MAX, this.#limit + GROW_STEP));
    }
  }

  #decrease(): void {
    this.#recent = [];
    this.#cleanRun = 0;
    if (this.#limit === CONCURRENCY_MIN) return;
    this.#epoch++;
    this.#decreases++;
    this.#set(Math.max(CONCURRENCY_MIN, Math.floor(this.#limit / 2)));
  }

  #set(limit: number): void {
    this.#limit = limit;
    this.#lowest = Math.min(this.#lowest, limit);
    this.#highest = Math.max(this.#highest, limit);
  }
}
