#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  cliOptionName,
  directoryCache,
  emptyOptions,
  noRecorder,
  planFromOptions,
  planSweep,
  publishCommandOptionName,
  runPipeline
} from "../chunks/chunk-BXH7B4IV.mjs";
import {
  abortOnSignals
} from "../chunks/chunk-ZFRV367C.mjs";
import {
  githubRunFromEnv
} from "../chunks/chunk-VUOCBLMA.mjs";
import "../chunks/chunk-KDV6QEAU.mjs";
import "../chunks/chunk-BA3MQTAY.mjs";
import "../chunks/chunk-5FV7P62O.mjs";
import "../chunks/chunk-5CPZSK2A.mjs";
import "../chunks/chunk-OXXVJF2H.mjs";
import "../chunks/chunk-GVW4NW5S.mjs";
import "../chunks/chunk-5WMCHHXR.mjs";
import {
  inspectImage,
  renderEntryLine,
  renderManifestText
} from "../chunks/chunk-FJQM4ARM.mjs";
import "../chunks/chunk-RAFRH34D.mjs";
import "../chunks/chunk-XQAZEOO7.mjs";
import "../chunks/chunk-ATOFAETN.mjs";
import {
  UserError,
  errorMessage,
  isUserError
} from "../chunks/chunk-VGHMWJDJ.mjs";
import {
  __name
} from "../chunks/chunk-HGNCOX5Y.mjs";

// src/cli/commands.ts
var KERNEL_FLAGS = {
  "kernel-version": {
    type: "string",
    help: "Nanos release: 0.1.55, latest (default; resolved and printed) or nightly"
  },
  "kernel-base-url": { type: "string", help: "release mirror laid out like the official one" },
  "kernel-sha256": { type: "string", help: "sha256 the release archive must have" },
  "kernel-dir": {
    type: "string",
    help: "use a local kernel directory (kernel.img, boot.img, klibs/) instead of downloading"
  },
  arch: { type: "string", help: "x86_64 (default) or aarch64" },
  "cache-dir": {
    type: "string",
    help: "cache folder; kernels go in its kernels/ (default: $XDG_CACHE_HOME/nanoship, else ~/.cache/nanoship; ~/Library/Caches/nanoship on macOS)"
  }
};
var BUILD_FLAGS = {
  config: { type: "string", help: "ops-compatible config.json" },
  output: { type: "string", help: "image path (default: .nanoship/<name>.img)" },
  "image-name": { type: "string", help: "image name (default: program file name)" },
  arg: { type: "string", multiple: true, help: "program argument (repeatable)" },
  env: { type: "string", multiple: true, help: "KEY=VALUE environment variable (repeatable)" },
  file: { type: "string", multiple: true, help: "host[:image] file to add (repeatable)" },
  dir: { type: "string", multiple: true, help: "host directory to add (repeatable)" },
  size: { type: "string", help: "minimum image size, e.g. 64m (like BaseVolumeSz)" },
  "ca-bundle": { type: "string", help: 'CA bundle to add, or "none" (default: the host bundle)' }
};
var SMOKE_FLAGS = {
  probe: {
    type: "string",
    multiple: true,
    help: "http://:PORT/PATH or tcp://:PORT the guest must answer (repeatable)"
  },
  "expect-status": { type: "string", help: "HTTP status the probes expect (default 200)" },
  "expect-body": { type: "string", help: "regular expression the HTTP body must match" },
  "expect-exit": { type: "string", help: "exit code the program must end with" },
  "expect-output": { type: "string", help: "regular expression the console must show" },
  timeout: { type: "string", help: "seconds before the smoke test gives up (default 120)" },
  accel: { type: "string", help: "auto (default), kvm or tcg" },
  "boot-mode": { type: "string", help: "disk (default, as clouds boot) or direct (faster)" },
  memory: { type: "string", help: "guest memory in MiB (default 512)" },
  cpus: { type: "string", help: "guest CPUs (default 1)" },
  "console-log": { type: "string", help: "where to write the console log" }
};
var AWS_FLAGS = {
  "aws-region": {
    type: "string",
    help: "home region (default $AWS_REGION, then $AWS_DEFAULT_REGION)"
  },
  "aws-copy-regions": {
    type: "string",
    multiple: true,
    help: "regions to copy the AMI to (comma-separated or repeated)"
  },
  "aws-share-accounts": {
    type: "string",
    multiple: true,
    help: "account ids or organisation/OU ARNs to share the AMI with"
  },
  "aws-public": { type: "boolean", help: "make the AMI public (anyone can launch it)" },
  "aws-kms-key-id": { type: "string", help: "KMS key that encrypts the snapshot" },
  "aws-tags": {
    type: "string",
    multiple: true,
    help: "KEY=VALUE tag for snapshot and AMI (repeatable)"
  },
  "aws-keep": {
    type: "string",
    help: "AMIs to keep per image name and channel; older ones are deleted"
  },
  "aws-deprecate-after": { type: "string", help: "deprecate the AMI after this long, e.g. 90d" }
};
var GCP_FLAGS = {
  "gcp-project": { type: "string", help: "project (default: the credentials' project)" },
  "gcp-bucket": { type: "string", help: "Cloud Storage bucket that stages the upload (required)" },
  "gcp-image-family": { type: "string", help: "image family (default: the image name)" },
  "gcp-storage-location": { type: "string", help: "where the image is stored, e.g. us" },
  "gcp-labels": {
    type: "string",
    multiple: true,
    help: "KEY=VALUE label for the image (repeatable)"
  },
  "gcp-keep": { type: "string", help: "images to keep per image name and channel" },
  "gcp-deprecate-after": { type: "string", help: "deprecate the image after this long, e.g. 90d" }
};
var PUBLISH_FLAG = {
  publish: {
    type: "string",
    multiple: true,
    help: "publish the image to aws and/or gcp after building it"
  }
};
var PREVIEW_FLAGS = {
  preview: { type: "string", help: "cloud of the preview: aws or gcp" },
  pr: { type: "string", help: "pull request number" },
  repo: { type: "string", help: "repository as owner/name (default $GITHUB_REPOSITORY)" },
  "preview-port": {
    type: "string",
    multiple: true,
    help: "port to open, e.g. 8080 or 9000-9010 (default the probes' ports)"
  },
  "preview-probe": {
    type: "string",
    multiple: true,
    help: "http://:PORT/PATH or tcp://:PORT the preview must answer (default the --probe ones)"
  },
  probe: SMOKE_FLAGS.probe,
  "expect-status": SMOKE_FLAGS["expect-status"],
  "expect-body": SMOKE_FLAGS["expect-body"],
  "preview-instance-type": { type: "string", help: "instance / machine type" },
  "preview-ttl": { type: "string", help: "how long the preview may live (default 72h)" },
  "preview-timeout": {
    type: "string",
    help: "seconds the preview has to answer through its public address (default 300)"
  },
  "preview-allow-forks": { type: "boolean", help: "also preview pull requests from forks" },
  "aws-subnet-id": { type: "string", help: "subnet of AWS previews (default the default VPC)" },
  "gcp-zone": { type: "string", help: "zone of Google Cloud previews, e.g. us-central1-a" },
  "gcp-network": { type: "string", help: "network of Google Cloud previews (default default)" }
};
var COMMON_FLAGS = {
  json: { type: "boolean", help: "print the result as JSON on stdout" },
  help: { type: "boolean", help: "show this help" }
};
var COMMANDS = {
  kernel: {
    summary: "download, verify and cache a Nanos kernel release (or check a local one)",
    usage: "nanoship kernel [--kernel-version V] [--kernel-base-url URL] [--kernel-dir DIR]",
    flags: { ...KERNEL_FLAGS, ...COMMON_FLAGS }
  },
  build: {
    summary: "pack a compiled program into a bootable Nanos disk image",
    usage: "nanoship build <program> [--config config.json] [--output image.img] [flags]",
    positionals: ["program"],
    flags: {
      ...KERNEL_FLAGS,
      ...BUILD_FLAGS,
      ...PUBLISH_FLAG,
      ...AWS_FLAGS,
      ...GCP_FLAGS,
      ...COMMON_FLAGS
    }
  },
  inspect: {
    summary: "show an image's manifest and file tree",
    usage: "nanoship inspect <image> [--json]",
    positionals: ["image"],
    flags: { ...COMMON_FLAGS }
  },
  run: {
    summary: "boot an image in QEMU and check that it works (the smoke test)",
    usage: "nanoship run <image> [--probe http://:8080/] [--expect-exit 0] [flags]",
    positionals: ["image"],
    flags: { ...KERNEL_FLAGS, ...SMOKE_FLAGS, ...COMMON_FLAGS }
  },
  publish: {
    summary: "publish an image as an AWS AMI or a Google Compute Engine image",
    usage: "nanoship publish <aws|gcp> <image> [--aws-region R] [--gcp-project P --gcp-bucket B] [flags]",
    positionals: ["cloud", "image"],
    flags: {
      "image-name": { type: "string", help: "image name (default: the file name without .img)" },
      arch: KERNEL_FLAGS.arch,
      ...AWS_FLAGS,
      ...GCP_FLAGS,
      ...COMMON_FLAGS
    }
  },
  preview: {
    summary: "bring a pull request's preview up from an image, or take it down",
    usage: "nanoship preview up <image> --preview aws|gcp --pr N --repo owner/name [flags] | nanoship preview down --preview aws|gcp --pr N --repo owner/name",
    positionals: ["up|down", "image?"],
    flags: {
      ...PREVIEW_FLAGS,
      "image-name": { type: "string", help: "image name (default: the file name without .img)" },
      arch: KERNEL_FLAGS.arch,
      ...AWS_FLAGS,
      ...GCP_FLAGS,
      ...COMMON_FLAGS
    }
  },
  sweep: {
    summary: "remove a repository's previews whose pull request closed or whose TTL passed",
    usage: "nanoship sweep --preview aws|gcp [--repo owner/name] [--preview-ttl 72h]",
    flags: {
      preview: PREVIEW_FLAGS.preview,
      repo: PREVIEW_FLAGS.repo,
      "preview-ttl": PREVIEW_FLAGS["preview-ttl"],
      "aws-region": AWS_FLAGS["aws-region"],
      "gcp-project": GCP_FLAGS["gcp-project"],
      "gcp-zone": PREVIEW_FLAGS["gcp-zone"],
      ...COMMON_FLAGS
    }
  }
};
function parseArgsConfig(spec) {
  const config = {};
  for (const [name, flag] of Object.entries(spec.flags)) {
    config[name] = { type: flag.type, multiple: flag.multiple === true };
  }
  return config;
}
__name(parseArgsConfig, "parseArgsConfig");
function commandHelp(name) {
  const spec = COMMANDS[name];
  const width = Math.max(...Object.keys(spec.flags).map((flag) => flag.length)) + 4;
  const lines = Object.entries(spec.flags).map(([flag, { type, help }]) => {
    const left = `--${flag}${type === "string" ? " <value>" : ""}`;
    return `  ${left.padEnd(width + 8)} ${help}`;
  });
  return [`${spec.summary}
`, `Usage: ${spec.usage}
`, "Flags:", ...lines, ""].join("\n");
}
__name(commandHelp, "commandHelp");
function mainHelp() {
  const lines = Object.entries(COMMANDS).map(
    ([name, spec]) => `  ${name.padEnd(10)} ${spec.summary}`
  );
  return [
    "nanoship: ship a compiled program as a Nanos unikernel image\n",
    "Usage: nanoship <command> [flags]\n",
    "Commands:",
    ...lines,
    "",
    'Run "nanoship <command> --help" for the flags of a command.',
    ""
  ].join("\n");
}
__name(mainHelp, "mainHelp");

// src/cli/console-logger.ts
function consoleLogger(stream = process.stderr) {
  const write = /* @__PURE__ */ __name((prefix) => (message) => {
    stream.write(`${prefix}${message}
`);
  }, "write");
  return {
    debug: process.env.NANOSHIP_DEBUG ? write("debug: ") : () => {
    },
    info: write(""),
    notice: write("notice: "),
    warning: write("warning: "),
    group: /* @__PURE__ */ __name(async (title, fn) => {
      stream.write(`==> ${title}
`);
      return fn();
    }, "group")
  };
}
__name(consoleLogger, "consoleLogger");

// src/cli/flags.ts
import { parseArgs } from "node:util";
function isCommand(word) {
  return Object.hasOwn(COMMANDS, word);
}
__name(isCommand, "isCommand");
function parseInvocation(argv) {
  const [first, ...rest] = argv;
  if (first === void 0 || first === "--help" || first === "-h" || first === "help") {
    return { positionals: [], options: emptyOptions(), json: false, help: true, version: false };
  }
  if (first === "--version" || first === "-v") {
    return { positionals: [], options: emptyOptions(), json: false, help: false, version: true };
  }
  if (!isCommand(first)) {
    throw new UserError(
      `Unknown command "${first}". Commands: ${Object.keys(COMMANDS).join(", ")}. Run "nanoship --help".`
    );
  }
  const spec = COMMANDS[first];
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: parseArgsConfig(spec),
      allowPositionals: true,
      strict: true
    });
  } catch (error) {
    throw new UserError(
      `${error.message.replace(/\. To specify.*$/s, "")}. Run "nanoship ${first} --help".`,
      { cause: error }
    );
  }
  const values = parsed.values;
  const positionals = parsed.positionals;
  const help = values.help === true;
  if (!help) checkPositionals(first, positionals);
  return {
    command: first,
    positionals,
    options: toOptions(values, first, positionals),
    json: values.json === true,
    help,
    version: false,
    cacheDir: str(values["cache-dir"])
  };
}
__name(parseInvocation, "parseInvocation");
function checkPositionals(command, positionals) {
  const spec = COMMANDS[command];
  const wanted = spec.positionals ?? [];
  const required = wanted.filter((name) => !name.endsWith("?"));
  if (positionals.length > wanted.length) {
    throw new UserError(
      `Unexpected argument "${positionals[wanted.length]}" for "nanoship ${command}". Usage: ${spec.usage}`
    );
  }
  if (positionals.length < required.length) {
    const missing = required.slice(positionals.length).join(" and the ");
    throw new UserError(
      `"nanoship ${command}" needs the ${missing} as its argument${required.length > 1 ? "s" : ""}. Usage: ${spec.usage}`
    );
  }
}
__name(checkPositionals, "checkPositionals");
function str(value) {
  return typeof value === "string" ? value : void 0;
}
__name(str, "str");
function list(value) {
  return Array.isArray(value) ? value.map(String) : [];
}
__name(list, "list");
function toOptions(values, command, positionals) {
  return {
    kernelVersion: str(values["kernel-version"]),
    kernelBaseUrl: str(values["kernel-base-url"]),
    kernelSha256: str(values["kernel-sha256"]),
    kernelDir: str(values["kernel-dir"]),
    arch: str(values.arch),
    program: command === "build" ? positionals[0] : void 0,
    config: str(values.config),
    args: list(values.arg),
    env: list(values.env),
    files: list(values.file),
    dirs: list(values.dir),
    output: str(values.output),
    imageName: str(values["image-name"]),
    size: str(values.size),
    caBundle: str(values["ca-bundle"]),
    probes: list(values.probe),
    expectStatus: str(values["expect-status"]),
    expectBody: str(values["expect-body"]),
    expectExit: str(values["expect-exit"]),
    expectOutput: str(values["expect-output"]),
    timeout: str(values.timeout),
    accel: str(values.accel),
    bootMode: str(values["boot-mode"]),
    memory: str(values.memory),
    cpus: str(values.cpus),
    consoleLog: str(values["console-log"]),
    publish: command === "publish" ? positionals.slice(0, 1) : list(values.publish),
    awsRegion: str(values["aws-region"]),
    awsCopyRegions: list(values["aws-copy-regions"]),
    awsShareAccounts: list(values["aws-share-accounts"]),
    awsPublic: values["aws-public"] === true ? "true" : void 0,
    awsKmsKeyId: str(values["aws-kms-key-id"]),
    awsTags: list(values["aws-tags"]),
    awsKeep: str(values["aws-keep"]),
    awsDeprecateAfter: str(values["aws-deprecate-after"]),
    gcpProject: str(values["gcp-project"]),
    gcpBucket: str(values["gcp-bucket"]),
    gcpImageFamily: str(values["gcp-image-family"]),
    gcpStorageLocation: str(values["gcp-storage-location"]),
    gcpLabels: list(values["gcp-labels"]),
    gcpKeep: str(values["gcp-keep"]),
    gcpDeprecateAfter: str(values["gcp-deprecate-after"]),
    preview: str(values.preview),
    previewPorts: list(values["preview-port"]),
    previewProbes: list(values["preview-probe"]),
    previewInstanceType: str(values["preview-instance-type"]),
    previewTtl: str(values["preview-ttl"]),
    previewAllowForks: values["preview-allow-forks"] === true ? "true" : void 0,
    previewTimeout: str(values["preview-timeout"]),
    awsSubnetId: str(values["aws-subnet-id"]),
    gcpZone: str(values["gcp-zone"]),
    gcpNetwork: str(values["gcp-network"]),
    pr: str(values.pr),
    repo: str(values.repo)
  };
}
__name(toOptions, "toOptions");

// src/cli/handlers.ts
import os from "node:os";
import path from "node:path";

// src/cli/render.ts
var MIB = 1024 * 1024;
function rows(pairs) {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs.filter(([, value]) => value !== void 0).map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join("\n");
}
__name(rows, "rows");
function renderToolchain(toolchain) {
  const title = toolchain.source === "local" ? "kernel from a local directory" : `kernel ${toolchain.version} (${toolchain.source})`;
  return `${title}
${rows([
    ["dir", toolchain.dir],
    ["kernel.img", toolchain.kernelImg],
    ["boot.img", toolchain.bootImg],
    ["klibs", toolchain.klibs.length > 0 ? toolchain.klibs.join(", ") : void 0],
    ["sha256", toolchain.sha256],
    ["url", toolchain.url]
  ])}`;
}
__name(renderToolchain, "renderToolchain");
function renderImage(image) {
  return `image ${image.name}
${rows([
    ["path", image.path],
    ["sha256", image.sha256],
    ["size", `${image.sizeBytes} bytes (${(image.sizeBytes / MIB).toFixed(1)} MiB)`],
    ["kernel", image.kernelVersion],
    ["files", String(image.files)],
    [
      "libraries",
      image.libraries.length > 0 ? image.libraries.map((lib) => lib.imagePath).join(", ") : "none (static)"
    ],
    ["klibs", image.klibs.length > 0 ? image.klibs.join(", ") : void 0]
  ])}`;
}
__name(renderImage, "renderImage");
function renderSmoke(result) {
  const blame = result.fault === "host" ? " (host fault)" : "";
  return `smoke test: ${result.verdict.toUpperCase()}${blame}: ${result.reason}
${rows([
    [
      "boot",
      result.bootMs === void 0 ? void 0 : `${Math.round(result.bootMs)} ms to ready (${result.accel})`
    ],
    ["exit code", result.exitCode === void 0 ? void 0 : String(result.exitCode)],
    [
      "kvm",
      result.kvmFailure === void 0 || result.accel === "kvm" ? void 0 : `failed (${result.kvmFailure}); booted again under TCG`
    ],
    ["console", result.consoleLog]
  ])}`;
}
__name(renderSmoke, "renderSmoke");
function renderInspection(inspection) {
  const tree = inspection.root.entries.map((entry) => `  ${renderEntryLine(entry)}`);
  const boot = inspection.bootfs?.entries.filter((entry) => entry.kind === "file").map((entry) => entry.path).join(", ");
  return [
    `${inspection.path}: ${inspection.sizeBytes} bytes${inspection.partitioned ? "" : " (raw filesystem, no partition table)"}`,
    boot === void 0 ? void 0 : `bootfs: ${boot}`,
    `root filesystem: uuid ${inspection.root.uuid}${inspection.root.label ? `, label ${inspection.root.label}` : ""}`,
    "",
    "manifest:",
    renderManifestText(inspection.root.manifest),
    "",
    "files:",
    ...tree
  ].filter((line) => line !== void 0).join("\n");
}
__name(renderInspection, "renderInspection");
function renderPublished(published) {
  const parts = [];
  const { aws, gcp } = published;
  if (aws) {
    const copies = Object.entries(aws.amiIds).filter(([region]) => region !== aws.region).map(([region, id]) => `${region} ${id}`);
    parts.push(
      `AWS AMI ${aws.amiId} in ${aws.region}${aws.reused ? " (reused: same image digest)" : ""}
${rows(
        [
          ["name", aws.name],
          ["snapshot", aws.snapshotId],
          ["copies", copies.length > 0 ? copies.join(", ") : void 0]
        ]
      )}`
    );
  }
  if (gcp) {
    parts.push(
      `Google Compute image ${gcp.image}${gcp.reused ? " (reused: same image digest)" : ""}
${rows(
        [
          ["uri", gcp.imageUri],
          ["project", gcp.project],
          ["family", gcp.family]
        ]
      )}`
    );
  }
  return parts.join("\n");
}
__name(renderPublished, "renderPublished");
function renderPreview(preview2) {
  if (preview2.action === "down") {
    const removed = preview2.removed ?? [];
    return removed.length > 0 ? `preview of #${preview2.pr} on ${preview2.cloud} removed:
${removed.map((line) => `  ${line}`).join("\n")}` : `preview of #${preview2.pr} on ${preview2.cloud}: nothing to remove`;
  }
  if (preview2.action === "skipped") return `no preview: ${preview2.reason ?? ""}`;
  return `preview of #${preview2.pr} up at ${preview2.url}
${rows([
    ["instance", preview2.instance],
    ["where", preview2.location],
    [
      "ready",
      preview2.readyMs === void 0 ? void 0 : `${Math.round(preview2.readyMs)} ms after running`
    ],
    ["expires", preview2.expiresAt],
    ["replaced", preview2.replaced?.length ? preview2.replaced.join(", ") : void 0]
  ])}`;
}
__name(renderPreview, "renderPreview");
function renderSweep(result) {
  const lines = [
    `sweep on ${result.cloud}: removed ${result.removed.length}, kept ${result.kept.length}`,
    ...result.removed.map((line) => `  removed ${line}`),
    ...result.kept.map((line) => `  kept ${line}`)
  ];
  return lines.join("\n");
}
__name(renderSweep, "renderSweep");

// src/cli/handlers.ts
function defaultCacheDir() {
  if (process.env.XDG_CACHE_HOME) return path.join(process.env.XDG_CACHE_HOME, "nanoship");
  if (process.platform === "darwin") {
    return path.join(os.homedir(), "Library", "Caches", "nanoship");
  }
  return path.join(os.homedir(), ".cache", "nanoship");
}
__name(defaultCacheDir, "defaultCacheDir");
async function runStages(invocation, logger, stages) {
  const { provenance } = await githubRunFromEnv(process.env);
  const plan = await planFromOptions(invocation.options, stages, {
    cwd: process.cwd(),
    namer: invocation.command === "publish" ? publishCommandOptionName : cliOptionName,
    env: process.env,
    provenance
  });
  const cacheDir = path.resolve(invocation.cacheDir ?? defaultCacheDir());
  const signals = plan.smoke ? abortOnSignals() : void 0;
  try {
    return await runPipeline(plan, {
      logger,
      kernelCache: directoryCache(path.join(cacheDir, "kernels")),
      signal: signals?.signal,
      repoId: provenance.repoId
    });
  } finally {
    signals?.dispose();
    const received = signals?.received();
    if (received !== void 0) process.kill(process.pid, received);
  }
}
__name(runStages, "runStages");
var kernel = /* @__PURE__ */ __name(async (invocation, logger) => {
  const { toolchain } = await runStages(invocation, logger, {
    kernel: true,
    build: false,
    smoke: false
  });
  return { result: toolchain, text: toolchain ? renderToolchain(toolchain) : "", exitCode: 0 };
}, "kernel");
var build = /* @__PURE__ */ __name(async (invocation, logger) => {
  const { image, published } = await runStages(invocation, logger, {
    kernel: true,
    build: true,
    smoke: false,
    publish: true
  });
  if (published === void 0) {
    return { result: image, text: image ? renderImage(image) : "", exitCode: 0 };
  }
  return {
    result: { image, published },
    text: [image ? renderImage(image) : "", renderPublished(published)].join("\n"),
    exitCode: 0
  };
}, "build");
var publish = /* @__PURE__ */ __name(async (invocation, logger) => {
  const [, image] = invocation.positionals;
  const { published } = await runStages(invocation, logger, {
    kernel: false,
    build: false,
    smoke: false,
    publish: true,
    image
  });
  if (published === void 0) throw new Error("the publish stage did not run");
  return { result: published, text: renderPublished(published), exitCode: 0 };
}, "publish");
var run = /* @__PURE__ */ __name(async (invocation, logger) => {
  const { smoke } = await runStages(invocation, logger, {
    kernel: false,
    build: false,
    smoke: true,
    image: invocation.positionals[0]
  });
  if (smoke === void 0) throw new Error("the smoke stage did not run");
  return { result: smoke, text: renderSmoke(smoke), exitCode: smoke.verdict === "pass" ? 0 : 1 };
}, "run");
var inspect = /* @__PURE__ */ __name(async (invocation) => {
  const inspection = await inspectImage(path.resolve(invocation.positionals[0] ?? ""));
  return { result: inspection, text: renderInspection(inspection), exitCode: 0 };
}, "inspect");
var preview = /* @__PURE__ */ __name(async (invocation, logger) => {
  const [action, image] = invocation.positionals;
  if (action !== "up" && action !== "down") {
    throw new UserError(
      `"nanoship preview" takes up or down, got "${action}". Usage: ${COMMANDS.preview.usage}`
    );
  }
  if (action === "up" && image === void 0) {
    throw new UserError(
      `"nanoship preview up" needs the image as its argument. Usage: ${COMMANDS.preview.usage}`
    );
  }
  if (action === "down" && image !== void 0) {
    throw new UserError(
      `"nanoship preview down" takes no image (got "${image}"). Usage: ${COMMANDS.preview.usage}`
    );
  }
  if (!invocation.options.preview) {
    throw new UserError('"nanoship preview" needs the cloud: give --preview aws or --preview gcp.');
  }
  const { preview: result } = await runStages(invocation, logger, {
    kernel: false,
    build: false,
    smoke: false,
    publish: action === "up",
    preview: action,
    image
  });
  if (result === void 0) throw new Error("the preview stage did not run");
  return { result, text: renderPreview(result), exitCode: 0 };
}, "preview");
var sweep = /* @__PURE__ */ __name(async (invocation, logger) => {
  const { provenance, event } = await githubRunFromEnv(process.env);
  const plan = planSweep(invocation.options, cliOptionName, {
    env: process.env,
    event,
    provenance
  });
  const { runSweep } = await import("../chunks/run-V7G7E3AF.mjs");
  const result = await runSweep(plan, { logger, recorder: noRecorder, repoId: provenance.repoId });
  return { result, text: renderSweep(result), exitCode: 0 };
}, "sweep");
var HANDLERS = {
  kernel,
  build,
  run,
  inspect,
  publish,
  preview,
  sweep
};

// src/cli/main.ts
async function run2(argv) {
  try {
    const invocation = parseInvocation(argv);
    if (invocation.version) {
      process.stdout.write(`${true ? "0.1.0" : "dev"}
`);
      return 0;
    }
    if (invocation.command === void 0 || invocation.help) {
      process.stdout.write(invocation.command ? commandHelp(invocation.command) : mainHelp());
      return 0;
    }
    const outcome = await HANDLERS[invocation.command](invocation, consoleLogger());
    const output = invocation.json ? JSON.stringify(outcome.result, null, 2) : outcome.text;
    process.stdout.write(`${output}
`);
    return outcome.exitCode;
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`error: ${error.message}
`);
      return 1;
    }
    process.stderr.write(
      `nanoship bug: ${error instanceof Error ? error.stack : errorMessage(error)}
`
    );
    return 2;
  }
}
__name(run2, "run");

// src/cli/index.ts
void run2(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
