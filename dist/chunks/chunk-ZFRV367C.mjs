#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  __name
} from "./chunk-HGNCOX5Y.mjs";

// src/smoke/types.ts
var TCP_CANARY_GUEST_PORT = 1;
var DEFAULT_SETTLE_MS = 1e4;
var DEFAULT_KVM_SILENCE_MS = 15e3;

// src/smoke/signals.ts
function abortOnSignals(signals = ["SIGINT", "SIGTERM"]) {
  const controller = new AbortController();
  let received;
  const handler = /* @__PURE__ */ __name((name) => {
    received ??= name;
    controller.abort(new Error(`stopped by ${name}`));
  }, "handler");
  for (const name of signals) process.on(name, handler);
  return {
    signal: controller.signal,
    received: /* @__PURE__ */ __name(() => received, "received"),
    dispose: /* @__PURE__ */ __name(() => {
      for (const name of signals) process.off(name, handler);
    }, "dispose")
  };
}
__name(abortOnSignals, "abortOnSignals");

export {
  TCP_CANARY_GUEST_PORT,
  DEFAULT_SETTLE_MS,
  DEFAULT_KVM_SILENCE_MS,
  abortOnSignals
};
