#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  __name
} from "./chunk-HGNCOX5Y.mjs";

// src/log.ts
var silentLogger = {
  debug() {
  },
  info() {
  },
  notice() {
  },
  warning() {
  },
  group: /* @__PURE__ */ __name((_title, fn) => fn(), "group")
};

export {
  silentLogger
};
