#!/usr/bin/env node
import {
  require_dist2 as require_dist
} from "./chunk-TLKYCJZW.mjs";
import "./chunk-7WHGZY2X.mjs";
export default require_dist();
