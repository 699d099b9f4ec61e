#!/usr/bin/env node
import {
  require_dist2 as require_dist
} from "./chunk-MP5AWKAM.mjs";
import "./chunk-HGNCOX5Y.mjs";
export default require_dist();
