#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  UserError,
  errorMessage
} from "./chunk-VGHMWJDJ.mjs";
import {
  __name
} from "./chunk-HGNCOX5Y.mjs";

// src/smoke/accel.ts
const { open } = require("node:fs/promises");
var KVM_DEVICE = "/dev/kvm";
var KVM_UDEV_RULE = 'KERNEL=="kvm", GROUP="kvm", MODE="0666", OPTIONS+="static_node=kvm"';
var KVM_RUNNER_HINT = `On GitHub-hosted Linux runners add a step before nanoship: echo '${KVM_UDEV_RULE}' | sudo tee /etc/udev/rules.d/99-kvm4all.rules && sudo udevadm control --reload-rules && sudo udevadm trigger --name-match=kvm`;
async function kvmUnavailableReason(device) {
  try {
    const handle = await open(device, "r+");
    await handle.close();
    return void 0;
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT") return `${device} does not exist`;
    if (code === "EACCES" || code === "EPERM") return `no read/write permission on ${device}`;
    return `${device} cannot be opened: ${errorMessage(error)}`;
  }
}
__name(kvmUnavailableReason, "kvmUnavailableReason");
function hostArchitecture(nodeArch = process.arch) {
  return nodeArch === "x64" ? "x86_64" : nodeArch === "arm64" ? "aarch64" : void 0;
}
__name(hostArchitecture, "hostArchitecture");
async function detectAccelerator(request, logger, device = KVM_DEVICE, guest = {
  arch: "x86_64",
  hostArch: "x86_64"
}) {
  if (request === "tcg") return "tcg";
  if (guest.hostArch !== guest.arch) {
    const reason2 = `KVM runs guests of the host's own architecture only, and this is an ${guest.arch} guest on ${guest.hostArch === void 0 ? "a host of another architecture" : `an ${guest.hostArch} host`}`;
    if (request === "kvm") {
      throw new UserError(
        `KVM was requested (accel: kvm) but ${reason2}. Use accel auto or tcg to boot under emulation, or run on an ${guest.arch} machine.`
      );
    }
    logger.info(`Booting under TCG emulation: ${reason2}.`);
    return "tcg";
  }
  const reason = await kvmUnavailableReason(device);
  if (reason === void 0) return "kvm";
  if (request === "kvm") {
    throw new UserError(
      `KVM was requested (accel: kvm) but cannot be used: ${reason}. Use accel auto or tcg to boot under emulation. ${KVM_RUNNER_HINT}`
    );
  }
  logger.notice(
    `KVM not available (${reason}); booting under TCG emulation, which is much slower. ${KVM_RUNNER_HINT}`
  );
  return "tcg";
}
__name(detectAccelerator, "detectAccelerator");

// src/smoke/console.ts
var CONSOLE_MARKERS = [
  { name: "fatal signal", kind: "fatal-signal", pattern: /\*\*\* signal \d+ received by tid \d+/ },
  { name: "kernel-mode fault", kind: "kernel-fault", pattern: /occurs in kernel mode/ },
  { name: "kernel instruction fault", kind: "kernel-fault", pattern: /kernel instruction fault/ },
  { name: "page table corruption", kind: "kernel-fault", pattern: /bug: pte entries reserved/ },
  { name: "cpu fault state", kind: "kernel-fault", pattern: /\bcpu \d+, state \S+, vector \d+/ },
  { name: "fault context dump", kind: "kernel-fault", pattern: /\bcpu: \d+, context type: / },
  {
    name: "program startup failure",
    kind: "kernel-halt",
    pattern: /program startup failed (before|on) exec/
  },
  { name: "root filesystem failure", kind: "kernel-halt", pattern: /unable to open filesystem/ },
  { name: "kernel load failure", kind: "kernel-halt", pattern: /kernel elf parse failed/ },
  { name: "boot file read failure", kind: "kernel-halt", pattern: /filesystem_read_entire failed/ },
  { name: "stage2 read failure", kind: "kernel-halt", pattern: /ERROR READING STAGE2 SECTORS/ },
  { name: "multiple root filesystems", kind: "kernel-halt", pattern: /multiple root filesystems/ }
];
function classifyConsole(text) {
  let best;
  for (const marker of CONSOLE_MARKERS) {
    const match = marker.pattern.exec(text);
    if (match === null) continue;
    if (best !== void 0 && best.index <= match.index) continue;
    best = { failure: { marker, line: lineAround(text, match.index) }, index: match.index };
  }
  return best?.failure;
}
__name(classifyConsole, "classifyConsole");
function describeConsoleFailure(failure) {
  return `${failure.marker.name} on the console: "${failure.line}"`;
}
__name(describeConsoleFailure, "describeConsoleFailure");
function consoleTail(text, maxLines) {
  const lines = text.replace(/\r/g, "").trimEnd().split("\n");
  return lines.slice(-maxLines).join("\n");
}
__name(consoleTail, "consoleTail");
function lineAround(text, index) {
  const start = text.lastIndexOf("\n", index) + 1;
  const newline = text.indexOf("\n", index);
  return text.slice(start, newline === -1 ? text.length : newline).trim();
}
__name(lineAround, "lineAround");

export {
  KVM_DEVICE,
  KVM_UDEV_RULE,
  hostArchitecture,
  detectAccelerator,
  classifyConsole,
  describeConsoleFailure,
  consoleTail
};
