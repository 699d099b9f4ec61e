#!/usr/bin/env node
import {
  UserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/image/passthrough.ts
var MAX_PASSTHROUGH_DEPTH = 64;
function toManifestValue(json, keyPath, depth = 0) {
  if (depth > MAX_PASSTHROUGH_DEPTH) {
    throw new UserError(`${keyPath} is nested more than ${MAX_PASSTHROUGH_DEPTH} levels deep.`);
  }
  if (typeof json === "string") return json;
  if (Array.isArray(json)) {
    return json.map((item, index) => toManifestValue(item, `${keyPath}[${index}]`, depth + 1));
  }
  if (typeof json === "object" && json !== null) {
    const tuple = /* @__PURE__ */ new Map();
    for (const key of Object.keys(json).sort()) {
      const item = json[key];
      tuple.set(key, toManifestValue(item, `${keyPath}.${key}`, depth + 1));
    }
    return tuple;
  }
  const shown = json === null ? "null" : `the ${typeof json} ${JSON.stringify(json)}`;
  throw new UserError(
    `${keyPath} is ${shown}, but manifest values must be strings, lists or objects: write it as a string (e.g. "${json === null ? "" : String(json)}").`
  );
}
__name(toManifestValue, "toManifestValue");

export {
  toManifestValue
};
