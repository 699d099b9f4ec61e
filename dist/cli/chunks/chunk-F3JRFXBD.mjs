#!/usr/bin/env node
import { createRequire as __nanoshipRequire } from 'node:module';
const require = __nanoshipRequire(import.meta.url);

// src/smoke/signals.ts
function abortOnSignals(signals = ["SIGINT", "SIGTERM"]) {
  const controller = new AbortController();
  let received;
  const handler = (name) => {
    received ??= name;
    controller.abort(new Error(`stopped by ${name}`));
  };
  for (const name of signals) process.on(name, handler);
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      for (const name of signals) process.off(name, handler);
    }
  };
}

export {
  abortOnSignals
};
