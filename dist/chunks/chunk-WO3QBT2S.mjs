#!/usr/bin/env node
import {
  isFile
} from "./chunk-ZBSW6YTE.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/smoke/accel.ts
const { open } = process.getBuiltinModule("node:fs/promises");
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

// src/smoke/firmware.ts
const { copyFile } = process.getBuiltinModule("node:fs/promises");
const { join } = process.getBuiltinModule("node:path");
var HOMEBREW_QEMU_SHARE = ["/opt/homebrew/share/qemu", "/usr/local/share/qemu"];
var UEFI_FIRMWARE_CANDIDATES = {
  x86_64: [
    // Debian 12+, Ubuntu 22.04+: package ovmf (4 MiB flash).
    { code: "/usr/share/OVMF/OVMF_CODE_4M.fd", vars: "/usr/share/OVMF/OVMF_VARS_4M.fd" },
    // Older Debian and Ubuntu: package ovmf (2 MiB flash).
    { code: "/usr/share/OVMF/OVMF_CODE.fd", vars: "/usr/share/OVMF/OVMF_VARS.fd" },
    // Fedora, RHEL: package edk2-ovmf.
    { code: "/usr/share/edk2/ovmf/OVMF_CODE.fd", vars: "/usr/share/edk2/ovmf/OVMF_VARS.fd" },
    // Arch Linux: package edk2-ovmf.
    { code: "/usr/share/edk2/x64/OVMF_CODE.4m.fd", vars: "/usr/share/edk2/x64/OVMF_VARS.4m.fd" },
    // QEMU's own bundle (Fedora's qemu, source builds), then Homebrew's qemu.
    ...["/usr/share/qemu", ...HOMEBREW_QEMU_SHARE].map((dir) => ({
      code: join(dir, "edk2-x86_64-code.fd"),
      vars: join(dir, "edk2-i386-vars.fd")
    }))
  ],
  aarch64: [
    // Debian, Ubuntu: package qemu-efi-aarch64 (64 MiB flash images).
    { code: "/usr/share/AAVMF/AAVMF_CODE.fd", vars: "/usr/share/AAVMF/AAVMF_VARS.fd" },
    // Fedora, RHEL: package edk2-aarch64.
    {
      code: "/usr/share/edk2/aarch64/QEMU_EFI-pflash.raw",
      vars: "/usr/share/edk2/aarch64/vars-template-pflash.raw"
    },
    // Arch Linux: package edk2-aarch64.
    { code: "/usr/share/edk2/aarch64/QEMU_CODE.fd", vars: "/usr/share/edk2/aarch64/QEMU_VARS.fd" },
    // QEMU's own bundle (Fedora's qemu, source builds), then Homebrew's qemu.
    ...["/usr/share/qemu", ...HOMEBREW_QEMU_SHARE].map((dir) => ({
      code: join(dir, "edk2-aarch64-code.fd"),
      vars: join(dir, "edk2-arm-vars.fd")
    }))
  ]
};
var UEFI_FIRMWARE_PACKAGES = {
  x86_64: "Debian/Ubuntu: sudo apt-get install -y ovmf; Fedora: sudo dnf install edk2-ovmf; macOS: brew install qemu",
  aarch64: "Debian/Ubuntu: sudo apt-get install -y qemu-efi-aarch64; Fedora: sudo dnf install edk2-aarch64; macOS: brew install qemu"
};
async function findUefiFirmware(arch, candidates = UEFI_FIRMWARE_CANDIDATES[arch]) {
  const present = await Promise.all(
    candidates.map(async (pair) => await isFile(pair.code) && await isFile(pair.vars))
  );
  const found = candidates.find((_, i) => present[i]);
  if (found !== void 0) return found;
  const looked = candidates.map((pair) => pair.code).join(", ");
  throw new UserError(
    `The ${arch} image boots through UEFI, but no UEFI firmware for QEMU is installed (looked for ${looked} and the variable store next to each). Install it (${UEFI_FIRMWARE_PACKAGES[arch]}); the Action does this itself on GitHub-hosted runners.`
  );
}
__name(findUefiFirmware, "findUefiFirmware");
async function copyFirmwareVars(firmware, path) {
  try {
    await copyFile(firmware.vars, path);
  } catch (error) {
    throw new UserError(
      `Cannot copy the UEFI variable store ${firmware.vars} for the smoke test: ${error.message}.`,
      { cause: error }
    );
  }
  return path;
}
__name(copyFirmwareVars, "copyFirmwareVars");

// src/smoke/qemu.ts
const { createServer } = process.getBuiltinModule("node:net");
var QEMU_BINARIES = {
  x86_64: "qemu-system-x86_64",
  aarch64: "qemu-system-aarch64"
};
var QEMU_INSTALL_HINT = "Install QEMU (Debian/Ubuntu: sudo apt-get install -y qemu-system-x86; Fedora: sudo dnf install qemu-system-x86; macOS: brew install qemu) or pass the path of the binary.";
var QEMU_AARCH64_INSTALL_HINT = "Install QEMU for arm64 guests (Debian/Ubuntu: sudo apt-get install -y qemu-system-arm; Fedora: sudo dnf install qemu-system-aarch64; macOS: brew install qemu) or pass the path of the binary.";
function qemuArgs(spec) {
  const direct = spec.bootMode === "direct";
  if (direct && spec.kernelImg === void 0) {
    throw new Error("qemuArgs: direct boot needs kernelImg");
  }
  if (!direct && spec.uefi === void 0 && spec.arch === "aarch64") {
    throw new Error("qemuArgs: an aarch64 disk boot needs UEFI firmware");
  }
  return (spec.arch ?? "x86_64") === "aarch64" ? aarch64Args(spec, direct) : x86Args(spec, direct);
}
__name(qemuArgs, "qemuArgs");
function x86Args(spec, direct) {
  return [
    ...["-machine", direct ? "microvm,rtc=on,ioapic2=off" : "q35"],
    ...acceleratorArgs(spec.accel),
    ...commonArgs(spec),
    ...["-device", "isa-debug-exit"],
    ...direct ? ["-global", "virtio-mmio.force-legacy=false", "-kernel", spec.kernelImg] : [...firmwareArgs(spec.uefi), ...linuxBootArgs(spec.linuxBoot)],
    ...["-drive", `file=${escapeOptionValue(spec.disk)},format=raw,if=none,id=hd0`],
    ...direct ? ["-device", "virtio-blk-device,drive=hd0"] : ["-device", "virtio-scsi-pci,id=scsi0", "-device", "scsi-hd,bus=scsi0.0,drive=hd0"],
    ...["-netdev", userNetdev(spec.forwards)],
    ...["-device", direct ? "virtio-net-device,netdev=n0" : "virtio-net-pci,netdev=n0"],
    ...spec.extraArgs ?? []
  ];
}
__name(x86Args, "x86Args");
function aarch64Args(spec, direct) {
  const gic = spec.accel === "kvm" ? "host" : "2";
  return [
    ...["-machine", `virt,gic-version=${gic},highmem=off`],
    ...acceleratorArgs(spec.accel),
    ...commonArgs(spec),
    ...direct ? ["-kernel", spec.kernelImg] : firmwareArgs(spec.uefi),
    ...["-drive", `file=${escapeOptionValue(spec.disk)},format=raw,if=none,id=hd0`],
    ...["-device", "virtio-scsi-pci,id=scsi0", "-device", "scsi-hd,bus=scsi0.0,drive=hd0"],
    ...["-netdev", userNetdev(spec.forwards)],
    ...["-device", "virtio-net-pci,netdev=n0"],
    ...spec.extraArgs ?? []
  ];
}
__name(aarch64Args, "aarch64Args");
function commonArgs(spec) {
  return [
    ...["-m", `${spec.memoryMiB}M`, "-smp", String(spec.cpus)],
    ...["-nodefaults", "-display", "none", "-serial", "stdio", "-no-reboot"]
  ];
}
__name(commonArgs, "commonArgs");
function firmwareArgs(uefi) {
  if (uefi === void 0) return [];
  return [
    ...["-drive", `if=pflash,format=raw,readonly=on,file=${escapeOptionValue(uefi.code)}`],
    ...["-drive", `if=pflash,format=raw,file=${escapeOptionValue(uefi.vars)}`]
  ];
}
__name(firmwareArgs, "firmwareArgs");
function acceleratorArgs(accel) {
  return accel === "kvm" ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg", "-cpu", "max"];
}
__name(acceleratorArgs, "acceleratorArgs");
function linuxBootArgs(boot) {
  if (boot === void 0) return [];
  return ["-kernel", boot.kernel, "-initrd", boot.initrd, "-append", boot.append];
}
__name(linuxBootArgs, "linuxBootArgs");
function userNetdev(forwards) {
  const rules = forwards.map((f) => `hostfwd=tcp:127.0.0.1:${f.hostPort}-:${f.guestPort}`);
  return ["user", "id=n0", ...rules].join(",");
}
__name(userNetdev, "userNetdev");
function escapeOptionValue(value) {
  return value.replaceAll(",", ",,");
}
__name(escapeOptionValue, "escapeOptionValue");
async function pickFreePorts(count) {
  const servers = [];
  try {
    const ports = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      servers.push(server);
      ports.push(await listenOnAnyPort(server));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((s) => new Promise((done) => s.close(() => done()))));
  }
}
__name(pickFreePorts, "pickFreePorts");
function listenOnAnyPort(server) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("no port assigned"));
      else resolve(address.port);
    });
  });
}
__name(listenOnAnyPort, "listenOnAnyPort");
function qemuMissingError(binary, cause) {
  const hint = binary.endsWith("aarch64") ? QEMU_AARCH64_INSTALL_HINT : QEMU_INSTALL_HINT;
  return new UserError(`QEMU (${binary}) was not found or cannot be run. ${hint}`, {
    cause
  });
}
__name(qemuMissingError, "qemuMissingError");

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
  UEFI_FIRMWARE_CANDIDATES,
  findUefiFirmware,
  copyFirmwareVars,
  QEMU_BINARIES,
  qemuArgs,
  pickFreePorts,
  qemuMissingError,
  classifyConsole,
  describeConsoleFailure,
  consoleTail
};
