/**
 * The guest console in the step's log, with workflow commands switched off while it streams.
 * The guest runs the program under test, which may come from a pull request: a console line
 * such as `::add-mask::`, `::error::` or `::stop-commands::` would otherwise be obeyed by the
 * runner. Before the first console text `::stop-commands::<random token>` goes out, and
 * `::<token>::` ends the window before nanoship itself speaks again (every logger call, the
 * end of a log group, and the end of the pipeline through `close()`).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.js';

export class GuestConsoleStream {
  /** The token of the open window; undefined while commands are on. */
  private token?: string;
  /** Whether the last text written ended a line (the closing command must start one). */
  private atLineStart = true;

  constructor(
    private readonly write: (text: string) => void = (text) => {
      process.stdout.write(text);
    },
  ) {}

  /** Writes a console chunk, opening the window first when it is closed. */
  readonly onConsole = (chunk: string): void => {
    if (chunk === '') return;
    if (this.token === undefined) {
      // A fresh, unguessable token each time: the guest cannot print the line that ends it.
      this.token = randomUUID();
      this.write(`::stop-commands::${this.token}\n`);
    }
    this.write(chunk);
    this.atLineStart = chunk.endsWith('\n');
  };

  /** Ends the window, if open, so that workflow commands work again. */
  close(): void {
    if (this.token === undefined) return;
    this.write(`${this.atLineStart ? '' : '\n'}::${this.token}::\n`);
    this.token = undefined;
    this.atLineStart = true;
  }

  /** `logger`, ending the window before each of its messages and before a group ends. */
  around(logger: Logger): Logger {
    const before =
      (say: (message: string) => void) =>
      (message: string): void => {
        this.close();
        say(message);
      };
    return {
      debug: before((message) => logger.debug(message)),
      info: before((message) => logger.info(message)),
      notice: before((message) => logger.notice(message)),
      warning: before((message) => logger.warning(message)),
      group: (title, fn) => {
        this.close();
        return logger.group(title, async () => {
          try {
            return await fn();
          } finally {
            this.close();
          }
        });
      },
    };
  }
}
