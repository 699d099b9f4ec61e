#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');

// src/constants.ts
var OFFICIAL_KERNEL_BASE_URL = "https://storage.googleapis.com/nanos/release";
var DEFAULT_KERNEL_VERSION = "latest";

export {
  OFFICIAL_KERNEL_BASE_URL,
  DEFAULT_KERNEL_VERSION
};
