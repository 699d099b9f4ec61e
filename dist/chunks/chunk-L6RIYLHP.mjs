#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/plan/options.ts
function emptyOptions() {
  return {
    args: [],
    env: [],
    files: [],
    dirs: [],
    probes: [],
    publish: [],
    awsCopyRegions: [],
    awsShareAccounts: [],
    awsTags: [],
    gcpLabels: [],
    previewPorts: [],
    previewProbes: []
  };
}
__name(emptyOptions, "emptyOptions");
var ACTION_INPUT_IDS = /* @__PURE__ */ new Map([
  ["arg", "args"],
  ["file", "files"],
  ["dir", "dirs"]
]);
var cliOptionName = /* @__PURE__ */ __name((name) => name === "program" ? "the <program> argument" : `--${name}`, "cliOptionName");
var publishCommandOptionName = /* @__PURE__ */ __name((name) => name === "publish" ? "the <cloud> argument" : cliOptionName(name), "publishCommandOptionName");
var actionInputName = /* @__PURE__ */ __name((name) => `input "${ACTION_INPUT_IDS.get(name) ?? name}"`, "actionInputName");

export {
  emptyOptions,
  cliOptionName,
  publishCommandOptionName,
  actionInputName
};
