#!/usr/bin/env node
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

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
var IMAGE_ARCH_FLAG = {
  type: "string",
  help: "x86_64 or aarch64: checked against the image's boot loaders (default: what they say)"
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
  "ca-bundle": { type: "string", help: 'CA bundle to add, or "none" (default: the host bundle)' },
  uefi: {
    type: "boolean",
    help: "x86_64: add an EFI System Partition, so the image boots through BIOS or UEFI (aarch64 images always boot through UEFI)"
  },
  "target-root": {
    type: "string",
    help: "sysroot to find shared libraries in, e.g. /usr/aarch64-linux-gnu for aarch64 programs on an x86 host (like TargetRoot)"
  }
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
  firmware: {
    type: "string",
    help: "auto (default: UEFI for UEFI and hybrid images, else BIOS), bios or uefi"
  },
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
      arch: IMAGE_ARCH_FLAG,
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
      arch: IMAGE_ARCH_FLAG,
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

export {
  COMMANDS,
  parseArgsConfig,
  commandHelp,
  mainHelp
};
