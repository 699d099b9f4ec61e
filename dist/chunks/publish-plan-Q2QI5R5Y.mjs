#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  gcpEndpoints,
  gcpProjectFromEnv,
  parseTargets,
  planPublish
} from "./chunk-EHSKS76T.mjs";
import "./chunk-OXXVJF2H.mjs";
import "./chunk-5WMCHHXR.mjs";
import "./chunk-ATOFAETN.mjs";
import "./chunk-VGHMWJDJ.mjs";
import "./chunk-HGNCOX5Y.mjs";
export {
  gcpEndpoints,
  gcpProjectFromEnv,
  parseTargets,
  planPublish
};
