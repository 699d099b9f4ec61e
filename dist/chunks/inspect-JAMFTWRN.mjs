#!/usr/bin/env node
import {
  inspectImage
} from "./chunk-DZUJT64S.mjs";
import "./chunk-YHTQLIQR.mjs";
import "./chunk-5ELQOUC3.mjs";
import "./chunk-HCBQV7ZK.mjs";
import "./chunk-A2KG4ATD.mjs";
import "./chunk-ZBWKTN27.mjs";
import "./chunk-NRA3RA25.mjs";
import "./chunk-4XZ7R34B.mjs";
import "./chunk-AS4ERZIM.mjs";
import "./chunk-PPIE5UIA.mjs";
import "./chunk-7WHGZY2X.mjs";
export {
  inspectImage
};
