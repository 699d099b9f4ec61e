/**
 * The CLI edge: argv → command → result on stdout. A UserError becomes one `error:` line on
 * stderr and exit code 1; anything else is a bug and keeps its stack.
 */
import { errorMessage, isUserError } from '../errors.js';
import { commandHelp, mainHelp } from './commands.js';
import { consoleLogger } from './console-logger.js';
import { parseInvocation } from './flags.js';
import { processTerminal, type Terminal } from './output.js';

declare const NANOSHIP_VERSION: string | undefined;

/** Runs one CLI invocation and returns the process exit code. */
export async function run(argv: string[], terminal: Terminal = processTerminal): Promise<number> {
  try {
    const invocation = parseInvocation(argv);
    if (invocation.version) {
      terminal.out(`${typeof NANOSHIP_VERSION === 'string' ? NANOSHIP_VERSION : 'dev'}\n`);
      return 0;
    }
    if (invocation.command === undefined || invocation.help) {
      terminal.out(invocation.command ? commandHelp(invocation.command) : mainHelp());
      return 0;
    }
    // Loaded only for a command: help and version need none of the pipeline. HANDLERS is a
    // Record<CommandName, Handler>, so the compiler sees that every command has one.
    const { HANDLERS } = await import('./handlers.js');
    const outcome = await HANDLERS[invocation.command](invocation, consoleLogger(terminal.err));
    const output = invocation.json ? JSON.stringify(outcome.result, null, 2) : outcome.text;
    terminal.out(`${output}\n`);
    return outcome.exitCode;
  } catch (error) {
    if (isUserError(error)) {
      terminal.err(`error: ${error.message}\n`);
      return 1;
    }
    terminal.err(`nanoship bug: ${error instanceof Error ? error.stack : errorMessage(error)}\n`);
    return 2;
  }
}
