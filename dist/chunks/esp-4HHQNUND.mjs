#!/usr/bin/env node
import {
  ESP_BYTES,
  NANOS_ESP_GEOMETRY,
  UEFI_LOADER_PATHS,
  planEsp
} from "./chunk-PDDZGCAV.mjs";
import "./chunk-A2HU6RPF.mjs";
import "./chunk-CDYYUFGZ.mjs";
import "./chunk-VGHMWJDJ.mjs";
import "./chunk-HGNCOX5Y.mjs";
export {
  ESP_BYTES,
  NANOS_ESP_GEOMETRY,
  UEFI_LOADER_PATHS,
  planEsp
};
