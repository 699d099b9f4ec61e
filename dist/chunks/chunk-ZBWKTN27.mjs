#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/image/read-fully.ts
async function readFully(input, buffer, offset, length, position) {
  let got = 0;
  while (got < length) {
    const { bytesRead } = await input.read(buffer, offset + got, length - got, position + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got;
}
__name(readFully, "readFully");

export {
  readFully
};
