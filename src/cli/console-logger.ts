/**
 * The CLI's Logger: everything goes to stderr so that stdout carries only the result
 * (human text or `--json`).
 */
import type { Logger } from '../log.js';

export function consoleLogger(stream: NodeJS.WritableStream = process.stderr): Logger {
  const write = (prefix: string) => (message: string) => {
    stream.write(`${prefix}${message}\n`);
  };
  return {
    debug: process.env.NANOSHIP_DEBUG ? write('debug: ') : () => {},
    info: write(''),
    notice: write('notice: '),
    warning: write('warning: '),
    group: async (title, fn) => {
      stream.write(`==> ${title}\n`);
      return fn();
    },
  };
}
