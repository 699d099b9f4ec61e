/**
 * The body of one PutSnapshotBlock: a pooled block buffer, sent as a one-chunk stream so that
 * the buffer goes back to the pool as soon as the request has handed its bytes to the operating
 * system, not when AWS answers. An answer takes most of a request's life (~100 ms per PUT
 * against a ~10 ms transfer; cloud-publishing §1.6.1), so buffers held until the answer would
 * make memory grow with the concurrency (64 × 512 KiB); released at the hand-off, a few cover
 * every request in flight.
 *
 *   const body = new BlockBody(buffer, () => pool.give(buffer));
 *   try { await ebs.send(new PutSnapshotBlockCommand({ …, BlockData: body })); }
 *   finally { body.settle(); }
 *
 * The SDK does not retry a request whose body is a stream (it cannot replay one): every retry is
 * the uploader's, which reads the block again into a buffer of its own.
 */
import { Readable } from 'node:stream';

export class BlockBody extends Readable {
  /** The block, until it is pushed. */
  #block: Buffer | undefined;
  readonly #length: number;
  /** Returns the buffer to its pool; called once, then cleared. */
  #release: (() => void) | undefined;
  #piped = false;

  /** `block` is handed over: it must not be written to until `release` is called. */
  constructor(block: Buffer, release: () => void) {
    super();
    this.#block = block;
    this.#length = block.length;
    this.#release = release;
  }

  /**
   * The body's length: the SDK takes a stream body's Content-Length from `byteLength`
   * (@smithy's calculateBodyLength), and PutSnapshotBlock needs it, as it needs every block
   * to be exactly 512 KiB.
   */
  get byteLength(): number {
    return this.#length;
  }

  override _read(): void {
    const block = this.#block;
    this.#block = undefined;
    this.push(block ?? null);
  }

  /**
   * The HTTP handler pipes the body into its request. The buffer is free again once that
   * request has either flushed its last byte to the socket ('finish': "handed off to the
   * operating system") or been torn down with its socket ('close': an abort, a timeout, a
   * dropped connection): before either, Node may still be writing from it.
   */
  override pipe<T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T {
    this.#piped = true;
    destination.once('finish', this.#releaseOnce);
    destination.once('close', this.#releaseOnce);
    return super.pipe(destination, options);
  }

  /**
   * Called once the request has settled, whatever its outcome. A body that was never piped
   * (the request failed before it was sent) gives its buffer back here; a piped one waits for
   * its request to let go of it (above), which an early answer can precede.
   */
  settle(): void {
    if (this.#piped) return;
    this.#block = undefined;
    this.destroy();
    this.#releaseOnce();
  }

  readonly #releaseOnce = () => {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  };
}
