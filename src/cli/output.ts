/**
 * The CLI's text goes to stdout and stderr through plain write(2) calls. `process.stdout` and
 * `process.stderr` are streams that, for a pipe or a terminal, load Node's networking code on
 * first use: about 3 ms of a small build, for a few lines of text.
 */
import { writeSync } from 'node:fs';

/** Where the CLI's text goes: the result to `out`, progress and errors to `err`. */
export interface Terminal {
  out(text: string): void;
  err(text: string): void;
}

/** The process's own stdout and stderr. */
export const processTerminal: Terminal = {
  out: textWriter(1, (rest) => process.stdout.write(rest)),
  err: textWriter(2, (rest) => process.stderr.write(rest)),
};

/**
 * A function that writes all of a text to the descriptor `fd`. A descriptor that another
 * process made non-blocking (a parent's pipe passed down as it is) refuses writes with EAGAIN
 * while the pipe is full; the rest, and everything after it, then goes to `overflow` (the
 * stream, which waits for room), so the order holds. When the reader has gone (EPIPE) nobody
 * can read the text, so it is dropped, as a shell pipeline drops output after `head` exits.
 */
export function textWriter(
  fd: number,
  overflow: (rest: Uint8Array) => void,
): (text: string) => void {
  let overflowing = false;
  return (text) => {
    const bytes = Buffer.from(text);
    if (overflowing) {
      overflow(bytes);
      return;
    }
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return;
      if (code !== 'EAGAIN') throw error;
      overflowing = true;
      overflow(bytes.subarray(written));
    }
  };
}
