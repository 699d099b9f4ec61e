#!/usr/bin/env node
import {
  inspectImage
} from "./chunk-DZUJT64S.mjs";
import "./chunk-YHTQLIQR.mjs";
import {
  sha256File
} from "./chunk-XVSDGWPF.mjs";
import {
  readBootLoaders
} from "./chunk-5ELQOUC3.mjs";
import "./chunk-HCBQV7ZK.mjs";
import "./chunk-A2KG4ATD.mjs";
import "./chunk-ZBWKTN27.mjs";
import {
  UEFI_LOADER_PATHS
} from "./chunk-NRA3RA25.mjs";
import "./chunk-4XZ7R34B.mjs";
import "./chunk-AS4ERZIM.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/cloud/publish.ts
const path = process.getBuiltinModule("node:path");
function imageFromBuild(image) {
  return {
    path: image.path,
    name: image.name,
    sha256: image.sha256,
    sizeBytes: image.sizeBytes,
    arch: image.arch,
    bootMode: image.bootMode,
    klibs: image.klibs,
    kernelVersion: image.kernelVersion
  };
}
__name(imageFromBuild, "imageFromBuild");
function loaderText(loaders) {
  return loaders.mode === "bios" ? "BIOS boot loader, x86_64 only" : `UEFI loader ${UEFI_LOADER_PATHS[loaders.arch]}`;
}
__name(loaderText, "loaderText");
async function bootOfFile(file) {
  const { bootMode, arch } = await readBootLoaders(file);
  return { mode: bootMode, arch };
}
__name(bootOfFile, "bootOfFile");
async function imageFromFile(file, options) {
  const inspection = await inspectImage(file);
  if (!inspection.partitioned || inspection.bootfs === void 0) {
    throw new UserError(
      `${file} is not a bootable nanoship image (no partition table or boot filesystem); build it with nanoship build.`
    );
  }
  const loaders = inspection.boot ?? await bootOfFile(file);
  if (options.arch !== void 0 && options.arch !== loaders.arch) {
    throw new UserError(
      `${file} is an ${loaders.arch} image (${loaderText(loaders)}), but --arch is ${options.arch}. Publishing takes the architecture from the image: drop --arch, or publish an image built with --arch ${options.arch}.`
    );
  }
  const klibs = inspection.bootfs.entries.filter((entry) => entry.kind === "file" && entry.path.startsWith("/klib/")).map((entry) => entry.path.slice("/klib/".length));
  return {
    path: file,
    name: options.name ?? path.basename(file).replace(/\.img$/, ""),
    sha256: await sha256File(file),
    sizeBytes: inspection.sizeBytes,
    arch: loaders.arch,
    bootMode: loaders.mode,
    klibs,
    kernelVersion: "unknown"
  };
}
__name(imageFromFile, "imageFromFile");
async function publishImage(plan, image, deps) {
  const context = { provenance: plan.provenance, channel: plan.channel };
  const jobs = {
    aws: /* @__PURE__ */ __name(async () => {
      const { publishToAws } = await import("./aws-INP3TRFP.mjs");
      return publishToAws(image, plan.aws, context, deps);
    }, "aws"),
    gcp: /* @__PURE__ */ __name(async () => {
      const { publishToGcp } = await import("./gcp-H4EWN2GO.mjs");
      return publishToGcp(image, plan.gcp, context, deps);
    }, "gcp")
  };
  const settled = await Promise.allSettled(plan.targets.map((cloud) => jobs[cloud]()));
  const published = {};
  const failures = [];
  plan.targets.forEach((cloud, i) => {
    const outcome = settled[i];
    if (outcome.status === "fulfilled") Object.assign(published, { [cloud]: outcome.value });
    else failures.push(errorMessage(outcome.reason));
  });
  if (failures.length === 1)
    throw settled.find((s) => s.status === "rejected").reason;
  if (failures.length > 1) throw new UserError(failures.join(" Also: "));
  return published;
}
__name(publishImage, "publishImage");
async function deleteResources(resources, deps, gcpEndpoints = {}) {
  const aws = resources.filter((r) => r.cloud === "aws");
  const gcp = resources.filter((r) => r.cloud === "gcp");
  const work = [];
  if (aws.length > 0) {
    work.push(import("./aws-INP3TRFP.mjs").then((m) => m.deleteAwsResources(aws, deps)));
  }
  if (gcp.length > 0) {
    work.push(import("./gcp-H4EWN2GO.mjs").then((m) => m.deleteGcpResources(gcp, deps, gcpEndpoints)));
  }
  for (const outcome of await Promise.allSettled(work)) {
    if (outcome.status === "rejected") {
      deps.logger.warning(`Cleaning up cloud resources failed: ${errorMessage(outcome.reason)}`);
    }
  }
}
__name(deleteResources, "deleteResources");
export {
  deleteResources,
  imageFromBuild,
  imageFromFile,
  publishImage
};
