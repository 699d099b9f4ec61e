#!/usr/bin/env node

// src/cli/index.ts
const module = process.getBuiltinModule("node:module");
module.enableCompileCache?.();
var { run } = await import("../chunks/main-NAEHJ5CL.mjs");
process.exitCode = await run(process.argv.slice(2));
