import module from 'node:module';

// Node's compile cache (in the system's temporary folder; NODE_DISABLE_COMPILE_CACHE=1 turns it
// off; Node >= 22.1) saves parsing the CLI from the second run on. It is switched on before the
// rest of the CLI is loaded, so that it covers that too.
module.enableCompileCache?.();
const { run } = await import('./main.js');

process.exitCode = await run(process.argv.slice(2));
