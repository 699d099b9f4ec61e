#!/usr/bin/env node
import {
  FatBuilder
} from "./chunk-4XZ7R34B.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/image/esp.ts
var ESP_BYTES = 33 * 1024 * 1024;
var NANOS_ESP_GEOMETRY = {
  partitionBytes: ESP_BYTES,
  totalSectors: 67276,
  sectorsPerFat: 518,
  reservedSectors: 32,
  sectorsPerCluster: 1,
  sectorsPerTrack: 32,
  heads: 64,
  // Nanos' volume serial number: fixed, like everything else in a reproducible image.
  volumeId: 3745773982,
  oemName: "NANOSHIP"
};
var UEFI_LOADER_PATHS = {
  x86_64: "EFI/BOOT/BOOTX64.EFI",
  aarch64: "EFI/BOOT/BOOTAA64.EFI"
};
function planEsp(loader) {
  return new FatBuilder(NANOS_ESP_GEOMETRY).file(UEFI_LOADER_PATHS[loader.arch], {
    kind: "host",
    path: loader.path,
    size: loader.sizeBytes
  }).plan();
}
__name(planEsp, "planEsp");

export {
  ESP_BYTES,
  NANOS_ESP_GEOMETRY,
  UEFI_LOADER_PATHS,
  planEsp
};
