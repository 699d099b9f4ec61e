/** The input ended in the middle of something; `what` says of what. */
export class TruncatedError extends Error {
  override name = 'TruncatedError';

  constructor(what: string) {
    super(`the archive ends in the middle of ${what}`);
  }
}

/**
 * Reads a chunked byte stream in the sizes a parser wants, holding at most one chunk plus the
 * bytes asked for. Used by the tar reader on top of gunzip's output.
 */
export class ByteReader {
  private readonly chunks: AsyncIterator<Uint8Array>;
  private buffered: Uint8Array = new Uint8Array(0);

  constructor(source: AsyncIterable<Uint8Array>) {
    this.chunks = source[Symbol.asyncIterator]();
  }

  /** Up to `max` bytes (at least one), or undefined at the end of the stream. */
  async readSome(max: number): Promise<Uint8Array | undefined> {
    if (this.buffered.length === 0) {
      const next = await this.chunks.next();
      if (next.done) return undefined;
      this.buffered = next.value;
    }
    const slice = this.buffered.subarray(0, max);
    this.buffered = this.buffered.subarray(slice.length);
    return slice;
  }

  /** Exactly `size` bytes; throws TruncatedError naming `what` when the stream ends first. */
  async readExactly(size: number, what: string): Promise<Uint8Array> {
    const out = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const slice = await this.readSome(size - filled);
      if (slice === undefined) throw new TruncatedError(what);
      out.set(slice, filled);
      filled += slice.length;
    }
    return out;
  }
}
