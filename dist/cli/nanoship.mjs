#!/usr/bin/env node

// src/cli/index.ts
const module = process.getBuiltinModule("node:module");
module.enableCompileCache?.();
var { run } = await import("../chunks/main-55LBXXV3.mjs");
process.exitCode = await run(process.argv.slice(2));
