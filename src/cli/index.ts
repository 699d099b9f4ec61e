// Every part of the bundle loads Node's own modules through process.getBuiltinModule (Node
// 20.16 and 22.3 on; scripts/bundles.ts): on an older Node the first of them would end the
// CLI with a TypeError and a stack trace, so the entry checks for it before loading anything.
if (typeof process.getBuiltinModule !== 'function') {
  process.stderr.write(`nanoship needs Node.js 24 or newer; this is Node.js ${process.version}.\n`);
  process.exit(1);
}

// Node's compile cache (in the system's temporary folder; NODE_DISABLE_COMPILE_CACHE=1 turns it
// off; Node >= 22.1) saves parsing the CLI from the second run on. It is switched on before the
// rest of the CLI is loaded, so that it covers that too.
process.getBuiltinModule('node:module').enableCompileCache?.();
const { run } = await import('./main.js');

process.exitCode = await run(process.argv.slice(2));
