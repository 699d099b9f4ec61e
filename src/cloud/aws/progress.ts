/**
 * Progress lines of a snapshot upload: blocks sent of the total, the rate so far and the
 * concurrency, every few seconds and once at the end. Driven by block completions, not by a
 * timer, so it costs nothing between blocks and never outlives the upload.
 */
import type { Logger } from '../../log.js';
import type { UploadSession } from './block-upload.js';
import { EBS_BLOCK_BYTES } from './blocks.js';

/** Often enough to show a large upload moving; rarely enough not to flood the log. */
export const PROGRESS_INTERVAL_MS = 5_000;

const MB = 1_000_000;

export class UploadProgress {
  readonly #started: number;
  #lastLine: number;

  constructor(
    private readonly session: UploadSession,
    private readonly logger: Logger,
  ) {
    this.#started = session.timing.clock();
    this.#lastLine = this.#started;
  }

  /** Called after each stored block; logs when PROGRESS_INTERVAL_MS has passed. */
  blockDone(): void {
    const now = this.session.timing.clock();
    if (now - this.#lastLine < PROGRESS_INTERVAL_MS) return;
    this.#lastLine = now;
    this.logger.info(this.#line(now));
  }

  /** The closing line, with the concurrency range the upload went through. */
  finish(): void {
    const { lowest, highest, decreases } = this.session.controller.stats;
    const range = lowest === highest ? `${lowest}` : `${lowest}–${highest}, halved ${decreases}×`;
    this.logger.info(`${this.#line(this.session.timing.clock())}; concurrency ${range}.`);
  }

  #line(now: number): string {
    const { sent, totalBlocks, controller, snapshotId } = this.session;
    const seconds = Math.max(now - this.#started, 1) / 1000;
    const rate = (sent * EBS_BLOCK_BYTES) / MB / seconds;
    const percent = Math.floor((100 * sent) / totalBlocks);
    return `${snapshotId}: ${sent}/${totalBlocks} blocks (${percent}%), ${rate.toFixed(1)} MB/s, ${controller.limit} at once`;
  }
}
