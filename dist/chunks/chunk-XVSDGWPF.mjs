#!/usr/bin/env node
import {
  open
} from "./chunk-A2KG4ATD.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/file-digest.ts
const { createHash } = process.getBuiltinModule("node:crypto");
var READ_BYTES = 256 * 1024;
async function sha256File(file) {
  const hash = createHash("sha256");
  const input = await open(file, "r");
  try {
    const buffer = Buffer.allocUnsafeSlow(READ_BYTES);
    for (; ; ) {
      const { bytesRead } = await input.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await input.close();
  }
  return hash.digest("hex");
}
__name(sha256File, "sha256File");

export {
  sha256File
};
