#!/usr/bin/env node
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
