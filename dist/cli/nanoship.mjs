#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');

// src/cli/index.ts
const module = require("node:module");
module.enableCompileCache?.();
var { run } = await import("../chunks/main-NAEHJ5CL.mjs");
process.exitCode = await run(process.argv.slice(2));
