#!/usr/bin/env node
import {
  ENV_ACCOUNT_ID,
  ENV_CREDENTIAL_SCOPE,
  ENV_EXPIRATION,
  ENV_KEY,
  ENV_SECRET,
  ENV_SESSION,
  fromEnv
} from "./chunk-4FUTVEUL.mjs";
import "./chunk-75ANFKTY.mjs";
import "./chunk-YBJ27IM3.mjs";
import "./chunk-MTV5QAAV.mjs";
import "./chunk-7WHGZY2X.mjs";
export {
  ENV_ACCOUNT_ID,
  ENV_CREDENTIAL_SCOPE,
  ENV_EXPIRATION,
  ENV_KEY,
  ENV_SECRET,
  ENV_SESSION,
  fromEnv
};
