#!/usr/bin/env node
import {
  inspectImage
} from "./chunk-HYKVPF37.mjs";
import "./chunk-RYOAQSOQ.mjs";
import "./chunk-2C6IXAKM.mjs";
import "./chunk-MRQI3Y3P.mjs";
import "./chunk-LBVLAXKG.mjs";
import "./chunk-XQAZEOO7.mjs";
import "./chunk-PDDZGCAV.mjs";
import "./chunk-A2HU6RPF.mjs";
import "./chunk-CDYYUFGZ.mjs";
import "./chunk-VGHMWJDJ.mjs";
import "./chunk-HGNCOX5Y.mjs";
export {
  inspectImage
};
