#!/usr/bin/env node
import {
  ESP_BYTES,
  NANOS_ESP_GEOMETRY,
  UEFI_LOADER_PATHS,
  planEsp
} from "./chunk-NRA3RA25.mjs";
import "./chunk-4XZ7R34B.mjs";
import "./chunk-AS4ERZIM.mjs";
import "./chunk-PPIE5UIA.mjs";
import "./chunk-7WHGZY2X.mjs";
export {
  ESP_BYTES,
  NANOS_ESP_GEOMETRY,
  UEFI_LOADER_PATHS,
  planEsp
};
