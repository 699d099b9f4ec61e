#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  UserError
} from "./chunk-VGHMWJDJ.mjs";
import {
  __name
} from "./chunk-HGNCOX5Y.mjs";

// src/cloud/aws/index.ts
async function publishToAws(_image, _plan, _context, _deps) {
  throw new UserError("Publishing to AWS is not available in this version of nanoship yet.");
}
__name(publishToAws, "publishToAws");
async function deleteAwsResources(_resources, _deps) {
}
__name(deleteAwsResources, "deleteAwsResources");
export {
  deleteAwsResources,
  publishToAws
};
