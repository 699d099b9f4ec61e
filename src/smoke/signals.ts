/**
 * An AbortSignal that fires on SIGINT/SIGTERM, for the CLI and the Action to pass to
 * `runSmoke` so that QEMU is killed and the throwaway copy removed before nanoship exits.
 * While installed, the signals no longer end the process by themselves: the caller exits after
 * `runSmoke` has rejected (conventionally with status 128 + signal number).
 */
export function abortOnSignals(signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): {
  signal: AbortSignal;
  /** Which signal arrived, once one has. */
  received(): NodeJS.Signals | undefined;
  /** Removes the handlers (restoring the default behaviour). */
  dispose(): void;
} {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const handler = (name: NodeJS.Signals) => {
    received ??= name;
    controller.abort(new Error(`stopped by ${name}`));
  };
  for (const name of signals) process.on(name, handler);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      for (const name of signals) process.off(name, handler);
    },
  };
}
