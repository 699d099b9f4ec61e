#!/usr/bin/env node
import {
  compareVersionsDescending
} from "./chunk-BMI5FJTG.mjs";
import {
  channelOf
} from "./chunk-YP26X3DU.mjs";
import {
  DEFAULT_KERNEL_VERSION,
  OFFICIAL_KERNEL_BASE_URL
} from "./chunk-U2EJU7B7.mjs";
import {
  UserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/plan/kernel-plan.ts
const path = process.getBuiltinModule("node:path");

// kernel/releases.json
var releases_default = {};

// src/kernel/types.ts
var KERNEL_ARCHES = ["x86_64", "aarch64"];

// src/kernel/urls.ts
var VERSION_PATTERN = /^\d+\.\d+\.\d+(\.\d+)*(-[0-9A-Za-z.-]+)?$/;
function isExplicitVersion(version) {
  return VERSION_PATTERN.test(version);
}
__name(isExplicitVersion, "isExplicitVersion");
function checkExplicitVersion(version, origin, advice) {
  if (!isExplicitVersion(version)) {
    throw new UserError(
      `${origin} gave the Nanos version '${version}', which is not a release version like 0.1.55; ${advice}`
    );
  }
}
__name(checkExplicitVersion, "checkExplicitVersion");
function normalizeBaseUrl(baseUrl) {
  return baseUrl.replace(/\/+$/, "");
}
__name(normalizeBaseUrl, "normalizeBaseUrl");
function latestUrl(baseUrl) {
  return `${normalizeBaseUrl(baseUrl)}/latest.txt`;
}
__name(latestUrl, "latestUrl");
function releaseUrls(baseUrl, version, arch) {
  const stem = `${normalizeBaseUrl(baseUrl)}/${version}/${assetStem(version, arch)}`;
  return { archive: `${stem}.tar.gz`, md5: `${stem}.md5`, assetName: assetName(version, arch) };
}
__name(releaseUrls, "releaseUrls");
function assetName(version, arch) {
  return `${assetStem(version, arch)}.tar.gz`;
}
__name(assetName, "assetName");
function assetStem(version, arch) {
  const suffix = arch === "aarch64" ? "-virt" : "";
  return version === "nightly" ? `nanos-nightly-linux${suffix}` : `nanos-release-linux-${version}${suffix}`;
}
__name(assetStem, "assetStem");

// src/kernel/releases.ts
var SHA256_PATTERN = /^[0-9a-f]{64}$/;
function defaultKnownReleases() {
  return parseKnownReleases(releases_default, "kernel/releases.json");
}
__name(defaultKnownReleases, "defaultKnownReleases");
function parseKnownReleases(json, origin) {
  if (!isObject(json)) throw new Error(`${origin}: expected an object keyed by version`);
  for (const [version, assets] of Object.entries(json)) {
    if (!isObject(assets)) throw new Error(`${origin}: ${version} is not an object keyed by arch`);
    for (const [arch, asset] of Object.entries(assets)) {
      checkKnownAsset(asset, version, arch, `${origin}: ${version}.${arch}`);
    }
  }
  return json;
}
__name(parseKnownReleases, "parseKnownReleases");
function checkKnownAsset(asset, version, arch, where) {
  if (!KERNEL_ARCHES.includes(arch)) {
    throw new Error(`${where}: unknown architecture`);
  }
  if (!isObject(asset) || typeof asset.url !== "string" || typeof asset.sha256 !== "string") {
    throw new Error(`${where}: expected { "url": string, "sha256": string }`);
  }
  if (!SHA256_PATTERN.test(asset.sha256)) {
    throw new Error(`${where}: sha256 must be 64 lowercase hex digits`);
  }
  const downloaded = assetName(version, arch);
  if (asset.url !== downloaded) {
    throw new Error(`${where}: url is '${asset.url}', but nanoship downloads ${downloaded} for it`);
  }
}
__name(checkKnownAsset, "checkKnownAsset");
function findKnownAsset(releases, version, arch) {
  return Object.hasOwn(releases, version) ? releases[version]?.[arch] : void 0;
}
__name(findKnownAsset, "findKnownAsset");
function knownVersions(releases) {
  return Object.keys(releases).sort(compareVersionsDescending);
}
__name(knownVersions, "knownVersions");
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
__name(isObject, "isObject");

// src/plan/kernel-plan.ts
var ARCH_ALIASES = {
  x86_64: "x86_64",
  amd64: "x86_64",
  x64: "x86_64",
  aarch64: "aarch64",
  arm64: "aarch64"
};
function planKernel(options, namer, cwd, configVersion) {
  const fromOption = options.kernelVersion !== void 0;
  const raw = fromOption ? options.kernelVersion : configVersion;
  const version = (raw ?? "").trim() || DEFAULT_KERNEL_VERSION;
  if (version !== "latest" && version !== "nightly" && !isExplicitVersion(version)) {
    const where = fromOption ? namer("kernel-version") : "config.json NanosVersion";
    throw new UserError(
      `${where} must be a release such as 0.1.55, "latest" or "nightly", got "${version}".`
    );
  }
  const baseUrl = (options.kernelBaseUrl ?? "").trim() || OFFICIAL_KERNEL_BASE_URL;
  if (!/^https?:\/\/[^/]+/.test(baseUrl)) {
    throw new UserError(
      `${namer("kernel-base-url")} must be an http(s) URL such as ${OFFICIAL_KERNEL_BASE_URL}, got "${baseUrl}".`
    );
  }
  const sha256 = (options.kernelSha256 ?? "").trim().toLowerCase() || void 0;
  if (sha256 !== void 0 && !SHA256_PATTERN.test(sha256)) {
    throw new UserError(
      `${namer("kernel-sha256")} must be 64 hexadecimal digits (a sha256), got "${options.kernelSha256}".`
    );
  }
  const localDir = (options.kernelDir ?? "").trim() || void 0;
  if (localDir !== void 0 && sha256 !== void 0) {
    throw new UserError(
      `${namer("kernel-dir")} and ${namer("kernel-sha256")} cannot be used together: a local kernel is not downloaded, so there is no archive to check. Remove one of them.`
    );
  }
  return {
    version,
    baseUrl: normalizeBaseUrl(baseUrl),
    sha256,
    localDir: localDir === void 0 ? void 0 : path.resolve(cwd, localDir),
    arch: planArch(options.arch, namer)
  };
}
__name(planKernel, "planKernel");
function planArch(raw, namer) {
  const text = (raw ?? "").trim().toLowerCase();
  if (text === "") return "x86_64";
  const arch = ARCH_ALIASES[text];
  if (arch === void 0) {
    throw new UserError(
      `${namer("arch")} must be x86_64 (amd64) or aarch64 (arm64), got "${raw}".`
    );
  }
  return arch;
}
__name(planArch, "planArch");

// src/plan/validate.ts
function parseInteger(raw, name, namer, range, fallback) {
  if (raw === void 0 || raw.trim() === "") return fallback;
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) {
    throw new UserError(`${namer(name)} must be a whole number, got "${raw}".`);
  }
  const value = Number(text);
  if (value < range.min || value > range.max) {
    throw new UserError(
      `${namer(name)} must be between ${range.min} and ${range.max}, got ${value}.`
    );
  }
  return value;
}
__name(parseInteger, "parseInteger");
function parseChoice(raw, name, namer, choices, fallback) {
  if (raw === void 0 || raw.trim() === "") return fallback;
  const text = raw.trim();
  if (!choices.includes(text)) {
    throw new UserError(`${namer(name)} must be one of ${choices.join(", ")}, got "${raw}".`);
  }
  return text;
}
__name(parseChoice, "parseChoice");
var SIZE_UNITS = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
var MAX_SIZE_BYTES = 2 ** 32 * 512;
function parseSize(raw, where) {
  const match = /^(\d+)\s*([kmg]?)(i?b)?$/i.exec(raw.trim());
  if (!match) {
    throw new UserError(
      `${where} must be a size such as 512m, 2g or 1048576 (k/m/g are 1024-based), got "${raw}".`
    );
  }
  const bytes = Number(match[1]) * (SIZE_UNITS[match[2].toLowerCase()] ?? 1);
  if (bytes > MAX_SIZE_BYTES) {
    throw new UserError(
      `${where} must be at most 2 TiB (2048g, the most an MBR partition table can describe), got "${raw}".`
    );
  }
  return Math.ceil(bytes / 512) * 512;
}
__name(parseSize, "parseSize");
function parseRegExp(raw, name, namer) {
  if (raw === void 0 || raw === "") return void 0;
  try {
    return new RegExp(raw, "m");
  } catch (error) {
    throw new UserError(`${namer(name)} is not a valid regular expression: ${raw}`, {
      cause: error
    });
  }
}
__name(parseRegExp, "parseRegExp");
function parseKeyValue(raw, name, namer) {
  const at = raw.indexOf("=");
  if (at <= 0) {
    throw new UserError(`${namer(name)} takes KEY=VALUE, got "${raw}".`);
  }
  return [raw.slice(0, at), raw.slice(at + 1)];
}
__name(parseKeyValue, "parseKeyValue");
var DURATION_UNITS_MS = {
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 7 * 864e5
};
function parseDuration(raw, name, namer) {
  if (raw === void 0 || raw.trim() === "") return void 0;
  const match = /^(\d+)\s*([mhdw])$/i.exec(raw.trim());
  if (!match || Number(match[1]) === 0) {
    throw new UserError(
      `${namer(name)} must be a duration such as 30m, 72h, 90d or 2w, got "${raw}".`
    );
  }
  return Number(match[1]) * DURATION_UNITS_MS[match[2].toLowerCase()];
}
__name(parseDuration, "parseDuration");
function parseBoolean(raw, name, namer, fallback) {
  if (raw === void 0 || raw.trim() === "") return fallback;
  const text = raw.trim();
  if (["true", "True", "TRUE"].includes(text)) return true;
  if (["false", "False", "FALSE"].includes(text)) return false;
  throw new UserError(`${namer(name)} must be true or false, got "${raw}".`);
}
__name(parseBoolean, "parseBoolean");
function splitList(entries) {
  return entries.flatMap((entry) => entry.split(/[,\n]/)).map((item) => item.trim()).filter((item) => item !== "");
}
__name(splitList, "splitList");

// src/plan/publish-plan.ts
var CLOUDS = ["aws", "gcp"];
var AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
var AWS_SHARE_PATTERN = /^(\d{12}|arn:aws[a-z-]*:organizations::\d{12}:(organization\/o-[a-z0-9]{10,32}|ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}))$/;
var KEEP_RANGE = { min: 1, max: 1e3 };
var GCP_PROJECT_VARIABLES = [
  "CLOUDSDK_CORE_PROJECT",
  "CLOUDSDK_PROJECT",
  "GOOGLE_CLOUD_PROJECT",
  "GCLOUD_PROJECT",
  "GCP_PROJECT"
];
function parseTargets(raw, namer) {
  const targets = [];
  for (const item of splitList(raw)) {
    const cloud = item.toLowerCase();
    if (!CLOUDS.includes(cloud)) {
      throw new UserError(`${namer("publish")} takes aws and/or gcp, got "${item}".`);
    }
    if (!targets.includes(cloud)) targets.push(cloud);
  }
  return targets;
}
__name(parseTargets, "parseTargets");
function planPublish(options, namer, env, provenance) {
  const targets = parseTargets(options.publish, namer);
  if (targets.length === 0) return void 0;
  return {
    targets,
    aws: targets.includes("aws") ? planAws(options, namer, env) : void 0,
    gcp: targets.includes("gcp") ? planGcp(options, namer, env) : void 0,
    provenance,
    channel: channelOf(provenance),
    imageName: options.imageName?.trim() || void 0,
    // Only a named architecture: an image file says its own, and a default would contradict it.
    arch: options.arch?.trim() ? planArch(options.arch, namer) : void 0
  };
}
__name(planPublish, "planPublish");
function planAws(options, namer, env) {
  const region = (options.awsRegion?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION)?.trim();
  if (!region) {
    throw new UserError(
      `Publishing to AWS needs a region: set ${namer("aws-region")}, or AWS_REGION (aws-actions/configure-aws-credentials sets it from its aws-region input).`
    );
  }
  const copyRegions = splitList(options.awsCopyRegions);
  for (const [name, value] of [
    ["aws-region", region],
    ...copyRegions.map((r) => ["aws-copy-regions", r])
  ]) {
    if (!AWS_REGION_PATTERN.test(value)) {
      throw new UserError(
        `${namer(name)} must be an AWS region such as us-east-1, got "${value}".`
      );
    }
  }
  const shareAccounts = splitList(options.awsShareAccounts);
  for (const account of shareAccounts) {
    if (!AWS_SHARE_PATTERN.test(account)) {
      throw new UserError(
        `${namer("aws-share-accounts")} takes 12-digit account ids or organisation / OU ARNs (arn:aws:organizations::123456789012:organization/o-\u2026), got "${account}".`
      );
    }
  }
  const isPublic = parseBoolean(options.awsPublic, "aws-public", namer, false);
  const kmsKeyId = options.awsKmsKeyId?.trim() || void 0;
  if (isPublic && kmsKeyId !== void 0) {
    throw new UserError(
      `${namer("aws-public")} cannot be combined with ${namer("aws-kms-key-id")}: AWS does not allow encrypted AMIs to be public.`
    );
  }
  return {
    region,
    copyRegions: copyRegions.filter((r) => r !== region),
    shareAccounts,
    public: isPublic,
    kmsKeyId,
    tags: parseUserTags(options.awsTags, "aws-tags", namer, checkAwsTag),
    keep: parseInteger(options.awsKeep, "aws-keep", namer, KEEP_RANGE),
    deprecateAfterMs: parseDuration(options.awsDeprecateAfter, "aws-deprecate-after", namer)
  };
}
__name(planAws, "planAws");
function planGcp(options, namer, env) {
  const bucket = options.gcpBucket?.trim().replace(/^gs:\/\//, "").replace(/\/+$/, "");
  if (!bucket) {
    throw new UserError(
      `Publishing to Google Cloud needs a staging bucket for the upload: set ${namer("gcp-bucket")} to a Cloud Storage bucket the credentials can write to.`
    );
  }
  if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) {
    throw new UserError(`${namer("gcp-bucket")} is not a Cloud Storage bucket name: "${bucket}".`);
  }
  const project = options.gcpProject?.trim() || gcpProjectFromEnv(env);
  const family = options.gcpImageFamily?.trim() || void 0;
  if (family !== void 0 && !/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(family)) {
    throw new UserError(
      `${namer("gcp-image-family")} must be 1\u201363 lower-case letters, digits and hyphens, starting with a letter, got "${family}".`
    );
  }
  return {
    project,
    bucket,
    family,
    storageLocation: options.gcpStorageLocation?.trim() || void 0,
    labels: parseUserTags(options.gcpLabels, "gcp-labels", namer, checkGcpLabel),
    keep: parseInteger(options.gcpKeep, "gcp-keep", namer, KEEP_RANGE),
    deprecateAfterMs: parseDuration(options.gcpDeprecateAfter, "gcp-deprecate-after", namer),
    ...gcpEndpoints(env)
  };
}
__name(planGcp, "planGcp");
function gcpProjectFromEnv(env) {
  return GCP_PROJECT_VARIABLES.map((name) => env[name]?.trim()).find((value) => value) || void 0;
}
__name(gcpProjectFromEnv, "gcpProjectFromEnv");
function gcpEndpoints(env) {
  return {
    computeEndpoint: endpointOverride(env, "COMPUTE", "/compute/v1/"),
    storageEndpoint: endpointOverride(env, "STORAGE", "/storage/v1/")
  };
}
__name(gcpEndpoints, "gcpEndpoints");
function endpointOverride(env, api, apiPath) {
  const variable = `CLOUDSDK_API_ENDPOINT_OVERRIDES_${api}`;
  const raw = env[variable]?.trim();
  if (!raw) return void 0;
  let url;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new UserError(`${variable} must be a URL such as https://host${apiPath}, got "${raw}".`, {
      cause: error
    });
  }
  const path2 = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  if (!["http:", "https:"].includes(url.protocol) || path2 !== "/" && path2 !== apiPath) {
    throw new UserError(
      `${variable} must be an http(s) URL whose path is ${apiPath} (the client adds it), got "${raw}".`
    );
  }
  return `${url.protocol}//${url.host}${apiPath}`;
}
__name(endpointOverride, "endpointOverride");
function parseUserTags(entries, name, namer, check) {
  const tags = {};
  for (const entry of entries) {
    if (entry.trim() === "") continue;
    const [key, value] = parseKeyValue(entry.trim(), name, namer);
    const problem = check(key, value);
    if (problem !== void 0) throw new UserError(`${namer(name)}: "${entry}" ${problem}.`);
    tags[key] = value;
  }
  return tags;
}
__name(parseUserTags, "parseUserTags");
var checkAwsTag = /* @__PURE__ */ __name((key, value) => {
  if (/^(aws|nanoship):/i.test(key))
    return "uses a reserved prefix (aws: and nanoship: are not yours to set)";
  if (key.length > 128) return "has a key longer than 128 characters";
  if (value.length > 256) return "has a value longer than 256 characters";
  if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(`${key}${value}`)) {
    return "holds a character AWS tags do not allow (letters, digits, spaces and _ . : / = + - @ are allowed)";
  }
  return void 0;
}, "checkAwsTag");
var checkGcpLabel = /* @__PURE__ */ __name((key, value) => {
  if (!/^[a-z][a-z0-9_-]{0,62}$/.test(key)) {
    return "has a key that is not 1\u201363 lower-case letters, digits, _ or -, starting with a letter";
  }
  if (key.startsWith("nanoship")) return "uses the reserved prefix nanoship";
  if (!/^[a-z0-9_-]{0,63}$/.test(value)) {
    return "has a value that is not at most 63 lower-case letters, digits, _ or -";
  }
  return void 0;
}, "checkGcpLabel");

export {
  checkExplicitVersion,
  normalizeBaseUrl,
  latestUrl,
  releaseUrls,
  KERNEL_ARCHES,
  defaultKnownReleases,
  findKnownAsset,
  knownVersions,
  parseInteger,
  parseChoice,
  parseSize,
  parseRegExp,
  parseKeyValue,
  parseDuration,
  parseBoolean,
  splitList,
  planKernel,
  parseTargets,
  planPublish,
  gcpProjectFromEnv,
  gcpEndpoints
};
