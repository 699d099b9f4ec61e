#!/usr/bin/env node

// src/constants.ts
var OFFICIAL_KERNEL_BASE_URL = "https://storage.googleapis.com/nanos/release";
var DEFAULT_KERNEL_VERSION = "latest";

export {
  OFFICIAL_KERNEL_BASE_URL,
  DEFAULT_KERNEL_VERSION
};
