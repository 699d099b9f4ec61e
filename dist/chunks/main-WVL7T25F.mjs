#!/usr/bin/env node
import {
  COMMANDS,
  commandHelp,
  mainHelp,
  parseArgsConfig
} from "./chunk-IESPIS6F.mjs";
import {
  emptyOptions
} from "./chunk-L6RIYLHP.mjs";
import {
  UserError,
  errorMessage,
  isUserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/cli/console-logger.ts
function consoleLogger(print) {
  const write = /* @__PURE__ */ __name((prefix) => (message) => {
    print(`${prefix}${message}
`);
  }, "write");
  return {
    debug: process.env.NANOSHIP_DEBUG ? write("debug: ") : () => {
    },
    info: write(""),
    notice: write("notice: "),
    warning: write("warning: "),
    group: /* @__PURE__ */ __name(async (title, fn) => {
      print(`==> ${title}
`);
      return fn();
    }, "group")
  };
}
__name(consoleLogger, "consoleLogger");

// src/cli/flags.ts
const { parseArgs } = process.getBuiltinModule("node:util");
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
    uefi: values.uefi === true ? "true" : void 0,
    targetRoot: str(values["target-root"]),
    probes: list(values.probe),
    expectStatus: str(values["expect-status"]),
    expectBody: str(values["expect-body"]),
    expectExit: str(values["expect-exit"]),
    expectOutput: str(values["expect-output"]),
    timeout: str(values.timeout),
    accel: str(values.accel),
    bootMode: str(values["boot-mode"]),
    firmware: str(values.firmware),
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

// src/cli/output.ts
const { writeSync } = process.getBuiltinModule("node:fs");
var processTerminal = {
  out: textWriter(1, (rest) => process.stdout.write(rest)),
  err: textWriter(2, (rest) => process.stderr.write(rest))
};
function textWriter(fd, overflow) {
  let overflowing = false;
  return (text) => {
    const bytes = Buffer.from(text);
    if (overflowing) {
      overflow(bytes);
      return;
    }
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch (error) {
      const code = error.code;
      if (code === "EPIPE") return;
      if (code !== "EAGAIN") throw error;
      overflowing = true;
      overflow(bytes.subarray(written));
    }
  };
}
__name(textWriter, "textWriter");

// src/cli/main.ts
async function run(argv, terminal = processTerminal) {
  try {
    const invocation = parseInvocation(argv);
    if (invocation.version) {
      terminal.out(`${true ? "0.1.0" : "dev"}
`);
      return 0;
    }
    if (invocation.command === void 0 || invocation.help) {
      terminal.out(invocation.command ? commandHelp(invocation.command) : mainHelp());
      return 0;
    }
    const { HANDLERS } = await import("./handlers-GYYBO7CL.mjs");
    const outcome = await HANDLERS[invocation.command](invocation, consoleLogger(terminal.err));
    const output = invocation.json ? JSON.stringify(outcome.result, null, 2) : outcome.text;
    terminal.out(`${output}
`);
    return outcome.exitCode;
  } catch (error) {
    if (isUserError(error)) {
      terminal.err(`error: ${error.message}
`);
      return 1;
    }
    terminal.err(`nanoship bug: ${error instanceof Error ? error.stack : errorMessage(error)}
`);
    return 2;
  }
}
__name(run, "run");
export {
  run
};
