#!/usr/bin/env node

// src/cli/index.ts
if (typeof process.getBuiltinModule !== "function") {
  process.stderr.write(`nanoship needs Node.js 24 or newer; this is Node.js ${process.version}.
`);
  process.exit(1);
}
process.getBuiltinModule("node:module").enableCompileCache?.();
var { run } = await import("../chunks/main-WVL7T25F.mjs");
process.exitCode = await run(process.argv.slice(2));
