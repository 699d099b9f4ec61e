/**
 * How pipeline modules speak. Modules never call `@actions/core` or write to the console
 * themselves: the Action edge passes a logger backed by `@actions/core`, the CLI one that
 * writes to stderr (so stdout stays clean for `--json`), and tests one that records.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  /** Something the user should know but need not act on (e.g. falling back to TCG). */
  notice(message: string): void;
  /** Something the user should act on; the run still succeeds. */
  warning(message: string): void;
  /** Runs `fn` inside a titled, collapsible section. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

/** A logger that drops everything; the default for library calls that pass none. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  notice() {},
  warning() {},
  group: (_title, fn) => fn(),
};

/** A logger that keeps every line, for tests and for summaries. */
export function recordingLogger(): Logger & { lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  const add = (level: string) => (message: string) => {
    lines.push({ level, message });
  };
  return {
    lines,
    debug: add('debug'),
    info: add('info'),
    notice: add('notice'),
    warning: add('warning'),
    group: async (title, fn) => {
      lines.push({ level: 'group', message: title });
      return fn();
    },
  };
}
