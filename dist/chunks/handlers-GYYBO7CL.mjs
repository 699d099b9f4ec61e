#!/usr/bin/env node
import {
  COMMANDS
} from "./chunk-IESPIS6F.mjs";
import {
  directoryCache,
  noRecorder,
  planFromOptions,
  planSweep,
  renderEntryLine,
  renderManifestText,
  runPipeline,
  withLocalDigest
} from "./chunk-4W7R6OZB.mjs";
import {
  cliOptionName,
  publishCommandOptionName
} from "./chunk-L6RIYLHP.mjs";
import {
  githubRunFromEnv
} from "./chunk-NOYHZJHO.mjs";
import "./chunk-FR7OTKT4.mjs";
import "./chunk-E4MGHMJU.mjs";
import "./chunk-5AHXHABJ.mjs";
import "./chunk-BMI5FJTG.mjs";
import "./chunk-U4C62QU5.mjs";
import "./chunk-DERJX6PK.mjs";
import "./chunk-YP26X3DU.mjs";
import "./chunk-YHTQLIQR.mjs";
import "./chunk-U2EJU7B7.mjs";
import {
  abortOnSignals,
  describeGuest
} from "./chunk-ZBSW6YTE.mjs";
import "./chunk-XVSDGWPF.mjs";
import "./chunk-HCBQV7ZK.mjs";
import "./chunk-A2KG4ATD.mjs";
import "./chunk-ZBWKTN27.mjs";
import "./chunk-AS4ERZIM.mjs";
import {
  UserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/cli/handlers.ts
const os = process.getBuiltinModule("node:os");
const path = process.getBuiltinModule("node:path");

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
    ["guest", describeGuest(result)],
    ["exit code", result.exitCode === void 0 ? void 0 : String(result.exitCode)],
    [
      "kvm",
      result.kvmFailure === void 0 || result.accel === "kvm" ? void 0 : `failed (${result.kvmFailure}); booted again under TCG`
    ],
    ["console", result.consoleLog]
  ])}`;
}
__name(renderSmoke, "renderSmoke");
var BOOT_MODE_TEXT = {
  bios: "BIOS",
  uefi: "UEFI",
  hybrid: "BIOS or UEFI (hybrid)"
};
function renderInspection(inspection) {
  const tree = inspection.root.entries.map((entry) => `  ${renderEntryLine(entry)}`);
  const boot = inspection.bootfs?.entries.filter((entry) => entry.kind === "file").map((entry) => entry.path).join(", ");
  const { esp } = inspection;
  const espFiles = esp?.entries.filter((entry) => entry.kind === "file").map((entry) => `${entry.path} (${entry.sizeBytes} bytes)`).join(", ");
  return [
    `${inspection.path}: ${inspection.sizeBytes} bytes${inspection.partitioned ? "" : " (raw filesystem, no partition table)"}`,
    inspection.boot && `boots with: ${BOOT_MODE_TEXT[inspection.boot.mode]}, ${inspection.boot.arch}`,
    esp && `EFI System Partition at ${esp.offsetBytes} (${esp.sizeBytes} bytes): ${espFiles || "no files"}`,
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
  const shown = toolchain && await withLocalDigest(toolchain);
  return { result: shown, text: shown ? renderToolchain(shown) : "", exitCode: 0 };
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
  const { inspectImage } = await import("./inspect-JAMFTWRN.mjs");
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
  const { runSweep } = await import("./run-K5AFUOZZ.mjs");
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
export {
  HANDLERS,
  defaultCacheDir
};
