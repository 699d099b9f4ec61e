#!/usr/bin/env node
import {
  FAT_EPOCH,
  FatBuilder,
  writeFat
} from "./chunk-A2HU6RPF.mjs";
import "./chunk-CDYYUFGZ.mjs";
import "./chunk-VGHMWJDJ.mjs";
import "./chunk-HGNCOX5Y.mjs";
export {
  FAT_EPOCH,
  FatBuilder,
  writeFat
};
