/**
 * The CLI edge: argv → command → result on stdout. A UserError becomes one `error:` line on
 * stderr and exit code 1; anything else is a bug and keeps its stack.
 */
import module from 'node:module';
import { errorMessage, isUserError } from '../errors.js';
import { commandHelp, mainHelp } from './commands.js';
import { consoleLogger } from './console-logger.js';
import { parseInvocation } from './flags.js';

declare const NANOSHIP_VERSION: string | undefined;

/** Runs one CLI invocation and returns the process exit code. */
export async function run(argv: string[]): Promise<number> {
  try {
    const invocation = parseInvocation(argv);
    if (invocation.version) {
      process.stdout.write(`${typeof NANOSHIP_VERSION === 'string' ? NANOSHIP_VERSION : 'dev'}\n`);
      return 0;
    }
    if (invocation.command === undefined || invocation.help) {
      process.stdout.write(invocation.command ? commandHelp(invocation.command) : mainHelp());
      return 0;
    }
    // Loaded only for a command: help and version need none of the pipeline. From the second
    // run on, Node's compile cache (in the system's temporary folder; NODE_DISABLE_COMPILE_CACHE=1
    // turns it off; Node >= 22.1) saves parsing it: ~20 million instructions of a small build.
    // Help and version gain nothing from it (measured): they parse two small chunks. HANDLERS
    // is a Record<CommandName, Handler>, so the compiler sees that every command has one.
    module.enableCompileCache?.();
    const { HANDLERS } = await import('./handlers.js');
    const outcome = await HANDLERS[invocation.command](invocation, consoleLogger());
    const output = invocation.json ? JSON.stringify(outcome.result, null, 2) : outcome.text;
    process.stdout.write(`${output}\n`);
    return outcome.exitCode;
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`error: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(
      `nanoship bug: ${error instanceof Error ? error.stack : errorMessage(error)}\n`,
    );
    return 2;
  }
}
