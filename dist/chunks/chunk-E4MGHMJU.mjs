#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/log.ts
var silentLogger = {
  debug() {
  },
  info() {
  },
  notice() {
  },
  warning() {
  },
  group: /* @__PURE__ */ __name((_title, fn) => fn(), "group")
};

export {
  silentLogger
};
