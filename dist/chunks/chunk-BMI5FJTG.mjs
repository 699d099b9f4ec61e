#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/kernel/version-order.ts
function compareVersionsDescending(a, b) {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (diff !== 0 && !Number.isNaN(diff)) return diff;
  }
  return b.localeCompare(a);
}
__name(compareVersionsDescending, "compareVersionsDescending");

export {
  compareVersionsDescending
};
