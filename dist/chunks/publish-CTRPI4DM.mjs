#!/usr/bin/env node
import {
  deleteResources,
  imageFromBuild,
  imageFromFile,
  publishImage
} from "./chunk-J37FAHTC.mjs";
import "./chunk-COVSWCVJ.mjs";
import "./chunk-LBVLAXKG.mjs";
import "./chunk-XQAZEOO7.mjs";
import "./chunk-VGHMWJDJ.mjs";
import "./chunk-HGNCOX5Y.mjs";
export {
  deleteResources,
  imageFromBuild,
  imageFromFile,
  publishImage
};
