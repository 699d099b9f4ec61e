#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  require_dist2 as require_dist
} from "./chunk-MP5AWKAM.mjs";
import "./chunk-HGNCOX5Y.mjs";
export default require_dist();
