/**
 * The CLI's Logger: everything goes to `print`, the terminal's stderr, so that stdout carries
 * only the result (human text or `--json`).
 */
import type { Logger } from '../log.js';

export function consoleLogger(print: (text: string) => void): Logger {
  const write = (prefix: string) => (message: string) => {
    print(`${prefix}${message}\n`);
  };
  return {
    debug: process.env.NANOSHIP_DEBUG ? write('debug: ') : () => {},
    info: write(''),
    notice: write('notice: '),
    warning: write('warning: '),
    group: async (title, fn) => {
      print(`==> ${title}\n`);
      return fn();
    },
  };
}
