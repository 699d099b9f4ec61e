#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  ENV_ACCOUNT_ID,
  ENV_CREDENTIAL_SCOPE,
  ENV_EXPIRATION,
  ENV_KEY,
  ENV_SECRET,
  ENV_SESSION,
  fromEnv
} from "./chunk-VN2YZYZJ.mjs";
import "./chunk-6QQWXLXM.mjs";
import "./chunk-HOTS3EJX.mjs";
import "./chunk-ICYWYYWH.mjs";
import "./chunk-HGNCOX5Y.mjs";
export {
  ENV_ACCOUNT_ID,
  ENV_CREDENTIAL_SCOPE,
  ENV_EXPIRATION,
  ENV_KEY,
  ENV_SECRET,
  ENV_SESSION,
  fromEnv
};
