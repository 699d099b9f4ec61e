#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/cloud/naming.ts
var TagKeys = {
  managed: "nanoship:managed",
  kind: "nanoship:kind",
  image: "nanoship:image",
  channel: "nanoship:channel",
  repo: "nanoship:repo",
  repoId: "nanoship:repo-id",
  ref: "nanoship:ref",
  sha: "nanoship:sha",
  pr: "nanoship:pr",
  run: "nanoship:run",
  version: "nanoship:version",
  digest: "nanoship:digest",
  expiresAt: "nanoship:expires-at"
};
function buildLabel(image, provenance) {
  if (provenance.version) return provenance.version;
  if (provenance.sha) return provenance.sha.slice(0, 7);
  return image.sha256.slice(0, 12);
}
__name(buildLabel, "buildLabel");
function channelOf(provenance) {
  if (provenance.version) return "release";
  if (provenance.pr !== void 0) return `pr-${provenance.pr}`;
  const branch = /^refs\/heads\/(.+)$/.exec(provenance.ref ?? "")?.[1];
  if (branch) return `branch-${branch}`;
  return "local";
}
__name(channelOf, "channelOf");
function compactTimestamp(now) {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}
__name(compactTimestamp, "compactTimestamp");
var AMI_NAME_ILLEGAL = /[^A-Za-z0-9()[\] ./'@_-]/g;
var AMI_NAME_MAX = 128;
function awsImageName(image, provenance, now) {
  const clean = /* @__PURE__ */ __name((text) => text.replace(AMI_NAME_ILLEGAL, "-"), "clean");
  const tail = `/${clean(buildLabel(image, provenance))}/${compactTimestamp(now)}`;
  const head = "nanoship/";
  const room = AMI_NAME_MAX - head.length - tail.length;
  return `${head}${clean(image.name).slice(0, Math.max(1, room))}${tail}`;
}
__name(awsImageName, "awsImageName");
var GCE_NAME_MAX = 63;
function gceName(text, max = GCE_NAME_MAX) {
  let name = text.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^[^a-z]+/, "");
  if (name === "") name = "nanoship";
  return name.slice(0, max).replace(/-+$/, "");
}
__name(gceName, "gceName");
function gcpImageName(image, provenance) {
  const label = gceName(`x-${buildLabel(image, provenance)}`).slice(2);
  const head = gceName(image.name, GCE_NAME_MAX - label.length - 1);
  return `${head}-${label}`;
}
__name(gcpImageName, "gcpImageName");
function nanoshipTags(context) {
  const { provenance: p } = context;
  const tags = {
    [TagKeys.managed]: "true",
    [TagKeys.kind]: context.kind,
    [TagKeys.image]: context.image.name,
    [TagKeys.channel]: context.channel,
    [TagKeys.repo]: p.repo,
    [TagKeys.repoId]: p.repoId,
    [TagKeys.ref]: p.ref,
    [TagKeys.sha]: p.sha,
    [TagKeys.pr]: p.pr === void 0 ? void 0 : String(p.pr),
    [TagKeys.run]: p.run,
    [TagKeys.version]: p.version,
    [TagKeys.digest]: context.image.sha256,
    [TagKeys.expiresAt]: context.expiresAt?.toISOString().replace(/\.\d{3}Z$/, "Z")
  };
  const own = Object.fromEntries(
    Object.entries(tags).filter((entry) => entry[1] !== void 0)
  );
  return { ...context.extra, ...own };
}
__name(nanoshipTags, "nanoshipTags");
var LABEL_MAX = 63;
function gcpLabelValue(text) {
  return text.toLowerCase().replace(/[^a-z0-9_-]/g, "_").slice(0, LABEL_MAX);
}
__name(gcpLabelValue, "gcpLabelValue");
function nanoshipLabels(context) {
  const { expiresAt, extra, ...rest } = context;
  const tags = nanoshipTags(rest);
  const labels = {};
  for (const [key, value] of Object.entries(tags)) {
    labels[key.replace(/:/g, "-")] = gcpLabelValue(value);
  }
  if (expiresAt !== void 0) {
    labels[TagKeys.expiresAt.replace(/:/g, "-")] = String(Math.floor(expiresAt.getTime() / 1e3));
  }
  return { ...extra, ...labels };
}
__name(nanoshipLabels, "nanoshipLabels");

export {
  TagKeys,
  channelOf,
  compactTimestamp,
  awsImageName,
  gceName,
  gcpImageName,
  nanoshipTags,
  gcpLabelValue,
  nanoshipLabels
};
