#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
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
