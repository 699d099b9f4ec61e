#!/usr/bin/env node
import {
  FAT_EPOCH,
  FatBuilder,
  writeFat
} from "./chunk-4XZ7R34B.mjs";
import "./chunk-AS4ERZIM.mjs";
import "./chunk-PPIE5UIA.mjs";
import "./chunk-7WHGZY2X.mjs";
export {
  FAT_EPOCH,
  FatBuilder,
  writeFat
};
