#!/usr/bin/env node
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
