#!/usr/bin/env node
import { createRequire as __nanoshipRequire } from 'node:module';
const require = __nanoshipRequire(import.meta.url);
import {
  DEFAULT_SETTLE_MS,
  KLOG_AREA_BYTES,
  MBR_BYTES,
  TCP_CANARY_GUEST_PORT,
  abortOnSignals,
  decodeMbr,
  sha256File
} from "./chunk-PWQEA4ZN.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-KCZTDEGW.mjs";

// src/smoke/index.ts
import { mkdtemp, open as open5, rm as rm2, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

// src/smoke/accel.ts
import { open } from "node:fs/promises";
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
async function detectAccelerator(request, logger, device = KVM_DEVICE) {
  if (request === "tcg") return "tcg";
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

// src/smoke/console-log.ts
import { mkdir, open as open2 } from "node:fs/promises";
import { dirname } from "node:path";
import { finished } from "node:stream/promises";
var ConsoleLog = class _ConsoleLog {
  constructor(path, stream) {
    this.path = path;
    this.stream = stream;
    stream.on("error", (error) => {
      this.writeError ??= error;
    });
  }
  path;
  stream;
  writeError;
  /**
   * Creates (or truncates) the log at `path`, with its folder; a UserError naming the path and
   * the reason when that is not possible.
   */
  static async open(path) {
    try {
      await mkdir(dirname(path), { recursive: true });
      const handle = await open2(path, "w");
      return new _ConsoleLog(path, handle.createWriteStream());
    } catch (error) {
      throw new UserError(
        `Cannot write the console log ${path}: ${openFailure(error)}. Set console-log / --console-log to a writable path.`,
        { cause: error }
      );
    }
  }
  /** Appends console text; dropped once a write has failed. */
  write(chunk) {
    if (this.writeError === void 0) this.stream.write(chunk);
  }
  /** Flushes and closes the file; returns the first write error, if any. */
  async close() {
    this.stream.end();
    await finished(this.stream).catch((error) => {
      this.writeError ??= error;
    });
    return this.writeError;
  }
};
function openFailure(error) {
  switch (error.code) {
    case "EEXIST":
    // mkdir: a component of the folder path exists as a file
    case "ENOTDIR":
      return "part of its folder path is a file, not a folder";
    case "EISDIR":
      return "it is a folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    default:
      return errorMessage(error);
  }
}

// src/smoke/disk-copy.ts
import { createHash } from "node:crypto";
import { constants } from "node:fs";
import { copyFile, open as open3, rm } from "node:fs/promises";
var COPY_CHUNK_BYTES = 1024 * 1024;
var ZERO_CHUNK = Buffer.alloc(COPY_CHUNK_BYTES);
async function makeDiskCopy(source, destination) {
  try {
    if (await tryReflink(source, destination)) {
      return { path: destination, sourceSha256: await sha256File(source) };
    }
    return { path: destination, sourceSha256: await sparseCopy(source, destination) };
  } catch (error) {
    await rm(destination, { force: true });
    throw error;
  }
}
async function tryReflink(source, destination) {
  try {
    await copyFile(source, destination, constants.COPYFILE_FICLONE_FORCE);
    return true;
  } catch {
    return false;
  }
}
async function sparseCopy(source, destination) {
  const hash = createHash("sha256");
  const input = await open3(source, "r");
  const output = await open3(destination, "wx");
  try {
    const chunk = Buffer.alloc(COPY_CHUNK_BYTES);
    let position = 0;
    for (; ; ) {
      const { bytesRead } = await input.read(chunk, 0, COPY_CHUNK_BYTES, position);
      if (bytesRead === 0) break;
      const data = chunk.subarray(0, bytesRead);
      hash.update(data);
      if (!isAllZero(data)) await output.write(data, 0, bytesRead, position);
      position += bytesRead;
    }
    await output.truncate(position);
    return hash.digest("hex");
  } finally {
    await Promise.all([input.close(), output.close()]);
  }
}
function isAllZero(data) {
  return data.equals(ZERO_CHUNK.subarray(0, data.length));
}

// src/smoke/klog.ts
import { open as open4 } from "node:fs/promises";
var KLOG = {
  magic: { offset: 0, bytes: 4 },
  // ASCII "KLOG"
  bootId: { offset: 4, bytes: 8 },
  // LE u64
  exitCode: { offset: 12, bytes: 4 },
  // LE s32
  messages: { offset: 16, bytes: 4080 }
  // last console lines, NUL-terminated
};
var KLOG_MAGIC = "KLOG";
function decodeKlog(area) {
  if (area.length < KLOG.messages.offset) return void 0;
  const bytes = Buffer.from(area.buffer, area.byteOffset, area.byteLength);
  const magic = bytes.toString("latin1", KLOG.magic.offset, KLOG.magic.offset + KLOG.magic.bytes);
  if (magic !== KLOG_MAGIC) return void 0;
  const text = bytes.subarray(
    KLOG.messages.offset,
    Math.min(bytes.length, KLOG.messages.offset + KLOG.messages.bytes)
  );
  const end = text.indexOf(0);
  return {
    bootId: bytes.readBigUInt64LE(KLOG.bootId.offset),
    exitCode: bytes.readInt32LE(KLOG.exitCode.offset),
    messages: text.toString("utf8", 0, end === -1 ? text.length : end)
  };
}
async function klogOffset(imagePath) {
  const sector = await readAt(imagePath, 0, MBR_BYTES);
  if (sector.length < MBR_BYTES) return void 0;
  const mbr = decodeMbr(sector);
  const first = mbr.partitions.find((partition) => partition.index === 0);
  if (!mbr.hasSignature || first === void 0) return void 0;
  const offset = first.startLba * MBR_BYTES - KLOG_AREA_BYTES;
  return offset >= MBR_BYTES ? offset : void 0;
}
async function readKlogAt(diskPath, offset) {
  return decodeKlog(await readAt(diskPath, offset, KLOG_AREA_BYTES));
}
async function clearKlog(diskPath, offset) {
  const handle = await open4(diskPath, "r+");
  try {
    const area = Buffer.alloc(KLOG_AREA_BYTES);
    await handle.read(area, 0, KLOG_AREA_BYTES, offset);
    if (decodeKlog(area) === void 0) return false;
    await handle.write(Buffer.alloc(KLOG_AREA_BYTES), 0, KLOG_AREA_BYTES, offset);
    return true;
  } finally {
    await handle.close();
  }
}
function decodeDebugExitStatus(status) {
  return status % 2 === 1 ? status >> 1 : void 0;
}
function describeKernelExitCode(code) {
  if (code === 127) return "kernel halt or panic";
  if (code === 126) return "kernel fault";
  if (code === 125) return "gdb exit";
  return void 0;
}
async function readAt(path, position, length) {
  const handle = await open4(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

// src/smoke/qemu.ts
import { createServer } from "node:net";
var DEFAULT_QEMU_BINARY = "qemu-system-x86_64";
var QEMU_INSTALL_HINT = "Install QEMU (Debian/Ubuntu: sudo apt-get install -y qemu-system-x86; Fedora: sudo dnf install qemu-system-x86; macOS: brew install qemu) or pass the path of the binary.";
function qemuArgs(spec) {
  const direct = spec.bootMode === "direct";
  if (direct && spec.kernelImg === void 0) {
    throw new Error("qemuArgs: direct boot needs kernelImg");
  }
  return [
    ...["-machine", direct ? "microvm,rtc=on,ioapic2=off" : "q35"],
    ...acceleratorArgs(spec.accel),
    ...["-m", `${spec.memoryMiB}M`, "-smp", String(spec.cpus)],
    ...["-nodefaults", "-display", "none", "-serial", "stdio", "-no-reboot"],
    ...["-device", "isa-debug-exit"],
    ...direct ? ["-global", "virtio-mmio.force-legacy=false", "-kernel", spec.kernelImg] : linuxBootArgs(spec.linuxBoot),
    ...["-drive", `file=${escapeOptionValue(spec.disk)},format=raw,if=none,id=hd0`],
    ...direct ? ["-device", "virtio-blk-device,drive=hd0"] : ["-device", "virtio-scsi-pci,id=scsi0", "-device", "scsi-hd,bus=scsi0.0,drive=hd0"],
    ...["-netdev", userNetdev(spec.forwards)],
    ...["-device", direct ? "virtio-net-device,netdev=n0" : "virtio-net-pci,netdev=n0"],
    ...spec.extraArgs ?? []
  ];
}
function acceleratorArgs(accel) {
  return accel === "kvm" ? ["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg", "-cpu", "max"];
}
function linuxBootArgs(boot) {
  if (boot === void 0) return [];
  return ["-kernel", boot.kernel, "-initrd", boot.initrd, "-append", boot.append];
}
function userNetdev(forwards) {
  const rules = forwards.map((f) => `hostfwd=tcp:127.0.0.1:${f.hostPort}-:${f.guestPort}`);
  return ["user", "id=n0", ...rules].join(",");
}
function escapeOptionValue(value) {
  return value.replaceAll(",", ",,");
}
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
function qemuMissingError(binary, cause) {
  return new UserError(`QEMU (${binary}) was not found or cannot be run. ${QEMU_INSTALL_HINT}`, {
    cause
  });
}

// src/smoke/vm.ts
import { spawn } from "node:child_process";
var CONSOLE_WINDOW_CHARS = 256 * 1024;
var CONSOLE_LINE_LIMIT_CHARS = 16 * 1024;
var STDERR_LIMIT_CHARS = 8 * 1024;
var Vm = class _Vm {
  startedAt;
  /** Resolves when QEMU has exited (never rejects). */
  exited;
  child;
  /** Recent console chunks; trimmed to the window only when twice as long (cheap per chunk:
   * QEMU often delivers the console one character at a time). */
  windowChunks = [];
  windowLength = 0;
  pendingLine = "";
  stderrText = "";
  spawnError;
  lineListeners = [];
  constructor(binary, args) {
    this.startedAt = performance.now();
    this.child = spawn(binary, args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
    this.exited = new Promise((resolve) => {
      this.child.once("error", (error) => {
        this.spawnError = error;
        resolve({ status: null, signal: null, atMs: this.elapsedMs() });
      });
      this.child.once("close", (status, signal) => {
        resolve({ status, signal, atMs: this.elapsedMs() });
      });
    });
  }
  /**
   * Starts QEMU with stdout (the serial console) copied to `log` and to `onConsole`, and
   * stderr to `log`. A missing binary surfaces as `spawnFailure()` once `exited` resolves.
   */
  static start(binary, args, log, onConsole) {
    const vm = new _Vm(binary, args);
    vm.child.stdout?.setEncoding("utf8").on("data", (chunk) => {
      log.write(chunk);
      onConsole?.(chunk);
      vm.addConsole(chunk);
    });
    vm.child.stderr?.setEncoding("utf8").on("data", (chunk) => {
      log.write(chunk);
      if (vm.stderrText.length < STDERR_LIMIT_CHARS) vm.stderrText += chunk;
    });
    return vm;
  }
  /** Milliseconds since QEMU was spawned. */
  elapsedMs() {
    return performance.now() - this.startedAt;
  }
  /** The recent console text (the last 256 KiB). */
  consoleText() {
    const text = this.windowChunks.join("").slice(-CONSOLE_WINDOW_CHARS);
    this.windowChunks = [text];
    this.windowLength = text.length;
    return text;
  }
  /** What QEMU itself printed on stderr (its own errors, not the guest's). */
  stderr() {
    return this.stderrText.trim();
  }
  /** A UserError when QEMU could not be started at all (binary missing), else undefined. */
  spawnFailure(binary) {
    if (this.spawnError === void 0) return void 0;
    const code = this.spawnError.code;
    if (code === "ENOENT" || code === "EACCES") return qemuMissingError(binary, this.spawnError);
    return this.spawnError;
  }
  /** Calls `listener` with each batch of complete console lines as they arrive. */
  onLines(listener) {
    this.lineListeners.push(listener);
  }
  /** Kills QEMU's process group and waits for it to be gone; safe to call more than once. */
  async kill() {
    const pid = this.child.pid;
    if (pid !== void 0 && this.child.exitCode === null && this.child.signalCode === null) {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
      }
    }
    return this.exited;
  }
  addConsole(chunk) {
    this.windowChunks.push(chunk);
    this.windowLength += chunk.length;
    if (this.windowLength > 2 * CONSOLE_WINDOW_CHARS) this.consoleText();
    const lastNewline = chunk.lastIndexOf("\n");
    if (lastNewline === -1) {
      this.pendingLine += chunk;
      if (this.pendingLine.length >= CONSOLE_LINE_LIMIT_CHARS) this.emitLines("");
      return;
    }
    this.emitLines(chunk.slice(0, lastNewline + 1), chunk.slice(lastNewline + 1));
  }
  /** Hands the pending line plus `lines` to the listeners; `rest` becomes the pending line. */
  emitLines(lines, rest = "") {
    const text = this.pendingLine + lines;
    this.pendingLine = rest;
    for (const listener of this.lineListeners) listener(text);
  }
};

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
function describeConsoleFailure(failure) {
  return `${failure.marker.name} on the console: "${failure.line}"`;
}
function consoleTail(text, maxLines) {
  const lines = text.replace(/\r/g, "").trimEnd().split("\n");
  return lines.slice(-maxLines).join("\n");
}
function lineAround(text, index) {
  const start = text.lastIndexOf("\n", index) + 1;
  const newline = text.indexOf("\n", index);
  return text.slice(start, newline === -1 ? text.length : newline).trim();
}

// src/smoke/probe.ts
import { connect } from "node:net";
var PROBE_INTERVAL_MS = 10;
var PROBE_ATTEMPT_MS = 2e3;
var MAX_ATTEMPTS_IN_FLIGHT = Math.ceil(PROBE_ATTEMPT_MS / PROBE_INTERVAL_MS) + 1;
var BODY_LIMIT_BYTES = 64 * 1024;
var HEADER_LIMIT_BYTES = 16 * 1024;
var TCP_STABLE_MS = 400;
var TCP_CANARY_MS = 100;
var TCP_MAX_IN_FLIGHT = 1;
function pollUntil(attempt, options) {
  const intervalMs = options.intervalMs ?? PROBE_INTERVAL_MS;
  const attemptMs = options.attemptMs ?? PROBE_ATTEMPT_MS;
  return new Promise((resolve, reject) => {
    const inFlight = /* @__PURE__ */ new Set();
    let lastError = new Error("no attempt finished");
    let done = false;
    const finish = (settle) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      options.signal.removeEventListener("abort", onAbort);
      for (const controller of inFlight) controller.abort();
      settle();
    };
    const onAbort = () => finish(() => reject(lastError));
    const start = () => {
      if (done || inFlight.size >= (options.maxInFlight ?? MAX_ATTEMPTS_IN_FLIGHT)) return;
      const controller = new AbortController();
      const bound = setTimeout(() => controller.abort(new Error("no answer")), attemptMs);
      inFlight.add(controller);
      attempt(controller.signal).then(
        (value) => finish(() => resolve(value)),
        (error) => {
          if (done) return;
          lastError = error;
          options.onAttemptError?.(error);
        }
      ).finally(() => {
        clearTimeout(bound);
        inFlight.delete(controller);
      });
    };
    const timer = setInterval(start, intervalMs);
    if (options.signal.aborted) return onAbort();
    options.signal.addEventListener("abort", onAbort);
    start();
  });
}
function httpAttempt(hostPort, path) {
  const request = `GET ${path} HTTP/1.0\r
Host: 127.0.0.1\r
Connection: close\r
\r
`;
  return (signal) => new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port: hostPort, signal });
    const chunks = [];
    let size = 0;
    const finish = (error) => {
      socket.destroy();
      const answer = parseHttpResponse(Buffer.concat(chunks));
      if (answer !== void 0) resolve({ status: answer.status, body: answer.body });
      else reject(error ?? new Error("connection closed without an HTTP response"));
    };
    socket.once("connect", () => socket.write(request));
    socket.on("data", (chunk) => {
      chunks.push(chunk);
      size += chunk.length;
      const answer = parseHttpResponse(Buffer.concat(chunks));
      if (answer?.complete || size >= BODY_LIMIT_BYTES + HEADER_LIMIT_BYTES) finish();
    });
    socket.once("end", () => finish());
    socket.once("error", (error) => finish(error));
  });
}
function parseHttpResponse(bytes) {
  const headerEnd = bytes.indexOf("\r\n\r\n");
  if (headerEnd === -1) return void 0;
  const head = bytes.toString("latin1", 0, headerEnd);
  const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head);
  if (status === null) return void 0;
  const body = bytes.subarray(headerEnd + 4, headerEnd + 4 + BODY_LIMIT_BYTES);
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  const complete = body.length >= BODY_LIMIT_BYTES || length !== null && body.length >= Number(length[1]);
  return { status: Number(status[1]), body: body.toString("utf8"), complete };
}
function checkHttpAnswer(probe, answer) {
  const wantStatus = probe.expectStatus ?? 200;
  if (answer.status !== wantStatus) {
    return `got HTTP status ${answer.status}, want ${wantStatus}`;
  }
  if (probe.expectBody) probe.expectBody.lastIndex = 0;
  if (probe.expectBody !== void 0 && !probe.expectBody.test(answer.body)) {
    return `got body ${JSON.stringify(truncate(answer.body, 200))}, want a match for ${probe.expectBody}`;
  }
  return void 0;
}
function tcpAttempt(hostPort, canaryHostPort) {
  return async (signal) => {
    await expectCanaryRefused(canaryHostPort, signal);
    const socket = await openSocket(hostPort, signal);
    const openedAt = performance.now();
    try {
      const outcome = await firstOf(socket, TCP_STABLE_MS, signal);
      if (outcome === "data") return { openedAt };
      if (outcome === "closed") {
        throw new Error("connection closed by the guest (nothing listening)");
      }
      await expectCanaryRefused(canaryHostPort, signal);
      if (socket.destroyed || socket.readyState !== "open") {
        throw new Error("connection closed by the guest");
      }
      return { openedAt };
    } finally {
      socket.destroy();
    }
  };
}
async function expectCanaryRefused(port, signal) {
  const canary = await openSocket(port, signal);
  try {
    if (await firstOf(canary, TCP_CANARY_MS, signal) !== "closed") {
      throw new Error("the guest network is not answering yet");
    }
  } finally {
    canary.destroy();
  }
}
function openSocket(port, signal) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, signal });
    socket.once("connect", () => {
      socket.removeListener("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}
function firstOf(socket, ms, signal) {
  return new Promise((resolve, reject) => {
    const settle = (outcome) => {
      clearTimeout(timer);
      socket.removeAllListeners("data").removeAllListeners("close").removeAllListeners("end");
      signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => settle("open"), ms);
    socket.once("data", () => settle("data"));
    socket.once("end", () => settle("closed"));
    socket.once("close", () => settle("closed"));
    socket.on("error", () => settle("closed"));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
function describeProbeError(error) {
  const code = error?.code;
  if (code === "ECONNRESET" || code === "ECONNREFUSED") return "connection refused or reset";
  if (code === "ABORT_ERR") return "no answer";
  return errorMessage(error);
}
function truncate(text, max) {
  return text.length <= max ? text : `${text.slice(0, max)}\u2026`;
}

// src/smoke/watch.ts
var CRASH_GRACE_MS = 2e3;
var OUTPUT_OVERLAP_CHARS = 4096;
var KLOG_POLL_MS = 100;
function watchVm(vm, plan) {
  return new Promise((resolve) => new Watch(vm, plan, resolve).start());
}
var Watch = class {
  constructor(vm, plan, resolve) {
    this.vm = vm;
    this.plan = plan;
    this.resolve = resolve;
  }
  vm;
  plan;
  resolve;
  pending = /* @__PURE__ */ new Map();
  // expectation key → description
  stopProbes = new AbortController();
  timers = [];
  lastProbeError = /* @__PURE__ */ new Map();
  probes = /* @__PURE__ */ new Map();
  decided = false;
  readyMs;
  crash;
  outputTail = "";
  start() {
    const { plan } = this;
    this.vm.onLines((lines) => this.onConsole(lines));
    for (const probe of plan.probes) this.startProbe(probe);
    if (plan.expectOutput)
      this.pending.set("output", `console output matching ${plan.expectOutput}`);
    if (plan.expectExit !== void 0) this.pending.set("exit", `program exit`);
    void this.vm.exited.then((exit) => this.onExit(exit));
    if (plan.klog !== void 0) this.every(KLOG_POLL_MS, () => this.pollKlog());
    if (this.pending.size > 0) {
      this.after(plan.timeoutMs, () => this.decide(this.timeoutOutcome()));
    } else {
      const settleMs = Math.min(plan.settleMs, plan.timeoutMs);
      this.after(
        settleMs,
        () => this.pass(
          `no expectation was given and the VM stayed up for ${seconds(settleMs)} without a crash (this does not show the program works: add a probe or an exit-code expectation)`
        )
      );
    }
    if (plan.signal?.aborted) this.abort();
    plan.signal?.addEventListener("abort", this.onAbort, { once: true });
  }
  startProbe(probe) {
    const key = `${probe.kind}:${probe.port}:${probe.kind === "http" ? probe.path : ""}`;
    this.pending.set(key, describeProbe(probe));
    this.probes.set(key, probe);
    const hostPort = this.hostPort(probe.port);
    const options = {
      signal: this.stopProbes.signal,
      onAttemptError: (error) => this.lastProbeError.set(key, error)
    };
    if (probe.kind === "http") {
      const attempt = httpAttempt(hostPort, probe.path);
      pollUntil(attempt, options).then(
        (answer) => {
          this.readyMs ??= this.vm.elapsedMs();
          const mismatch = checkHttpAnswer(probe, answer);
          if (mismatch) this.fail(`HTTP probe ${probeUrl(probe)}: ${mismatch}`);
          else this.met(key);
        },
        () => {
        }
        // stopped: the verdict is already decided
      );
    } else {
      const attempt = tcpAttempt(hostPort, this.hostPort(TCP_CANARY_GUEST_PORT));
      pollUntil(attempt, { ...options, maxInFlight: TCP_MAX_IN_FLIGHT }).then(
        ({ openedAt }) => {
          this.readyMs ??= openedAt - this.vm.startedAt;
          this.met(key);
        },
        () => {
        }
      );
    }
  }
  onConsole(lines) {
    if (this.crash === void 0) {
      const failure = classifyConsole(lines);
      if (failure !== void 0) {
        this.crash = failure;
        const graceEndMs = this.vm.elapsedMs() + CRASH_GRACE_MS;
        this.after(graceEndMs, () => this.fail(describeConsoleFailure(failure)));
      }
    }
    const pattern = this.plan.expectOutput;
    if (pattern && this.pending.has("output")) {
      const text = this.outputTail + lines;
      this.outputTail = text.slice(-OUTPUT_OVERLAP_CHARS);
      pattern.lastIndex = 0;
      if (pattern.test(text)) this.met("output");
    }
  }
  async onExit(exit) {
    if (this.decided) return;
    if (exit.status === null && exit.signal === null) {
      this.decide({ verdict: "fail", reason: "QEMU could not be started", error: true });
      return;
    }
    if (exit.signal !== null) {
      this.fail(`QEMU was killed by ${exit.signal} from outside nanoship`);
      return;
    }
    const status = exit.status ?? 0;
    if (this.qemuRefusedToStart(status)) {
      this.fail(`QEMU failed to start: ${this.vm.stderr()}`);
      return;
    }
    const record = await this.readKlog();
    this.onProgramExit(
      programExitCode(status, record),
      record,
      `QEMU exited with status ${status}`
    );
  }
  async pollKlog() {
    if (this.decided) return;
    const record = await this.readKlog();
    if (record !== void 0) this.onProgramExit(record.exitCode, record, "klog record");
  }
  /** The exit record on the disk, if the kernel wrote one (a read error counts as none). */
  async readKlog() {
    const { klog } = this.plan;
    if (klog === void 0) return void 0;
    return readKlogAt(klog.disk, klog.offset).catch(() => void 0);
  }
  /** The program ended (QEMU exited, or the kernel wrote its exit record). */
  onProgramExit(code, record, how) {
    if (this.decided) return;
    if (this.crash !== void 0) {
      this.fail(describeConsoleFailure(this.crash), code);
      return;
    }
    if (code === void 0) {
      this.fail(`${how}, which carries no program exit code; console tail:
${this.tail()}`);
      return;
    }
    const exited = `the program exited with code ${code}${kernelMeaning(code)}`;
    const detail = code !== 0 && record ? `; kernel log tail:
${consoleTail(record.messages, 5)}` : "";
    const want = this.plan.expectExit;
    if (want !== void 0 && code !== want) {
      this.fail(`exit code: got ${code}${kernelMeaning(code)}, want ${want}${detail}`, code);
      return;
    }
    this.pending.delete("exit");
    if (want !== void 0) this.readyMs ??= this.vm.elapsedMs();
    const open6 = [...this.pending.values()];
    if (open6.length > 0) {
      this.fail(`${exited} before these were met: ${open6.join(", ")}${detail}`, code);
    } else if (want !== void 0 || this.hasExpectations()) {
      this.pass(`${exited}${want !== void 0 ? " as expected" : ""}`, code);
    } else {
      this.fail(
        `${exited} after ${seconds(this.vm.elapsedMs())}, before the settle time of ${seconds(this.plan.settleMs)}; if the program is meant to exit, expect its exit code${detail}`,
        code
      );
    }
  }
  met(key) {
    if (this.decided || !this.pending.delete(key)) return;
    this.readyMs ??= this.vm.elapsedMs();
    if (this.pending.size === 0) this.pass(`every expectation held: ${this.describeAll()}`);
  }
  timeoutOutcome() {
    const within = `within ${seconds(this.plan.timeoutMs)}`;
    const reasons = [...this.pending.entries()].map(([key, description]) => {
      if (key === "exit") {
        const hint = this.plan.bootMode === "direct" ? " (in direct boot mode a clean exit with code 0 leaves the VM idle unless the image sets debug_exit; use boot mode disk to check exit code 0)" : "";
        return `the program did not exit ${within} (want exit code ${this.plan.expectExit})${hint}`;
      }
      if (key === "output") return `the console never showed ${this.plan.expectOutput} ${within}`;
      const last = this.lastProbeError.get(key);
      const lastText = last === void 0 ? "" : ` (last attempt: ${describeProbeError(last)})`;
      const probe = this.probes.get(key);
      if (probe?.kind === "http") {
        return `no HTTP response on guest port ${probe.port} (GET ${probe.path}) ${within}${lastText}`;
      }
      return `${description} never accepted a connection ${within}${lastText}`;
    });
    return { verdict: "fail", reason: reasons.join("; ") || `timed out ${within}` };
  }
  qemuRefusedToStart(status) {
    return status === 1 && this.vm.consoleText() === "" && this.vm.stderr() !== "";
  }
  hasExpectations() {
    const { plan } = this;
    return plan.probes.length > 0 || plan.expectOutput !== void 0 || plan.expectExit !== void 0;
  }
  describeAll() {
    const parts = this.plan.probes.map(describeProbe);
    if (this.plan.expectOutput) parts.push(`console matched ${this.plan.expectOutput}`);
    return parts.join(", ");
  }
  tail() {
    return consoleTail(this.vm.consoleText(), 10);
  }
  hostPort(guestPort) {
    const forward = this.plan.forwards.find((f) => f.guestPort === guestPort);
    if (forward === void 0) throw new Error(`no host port forwarded to guest port ${guestPort}`);
    return forward.hostPort;
  }
  onAbort = () => this.abort();
  abort() {
    const reason = this.plan.signal?.reason ?? new Error("smoke test aborted");
    this.decide({ verdict: "fail", reason: "the smoke test was aborted", error: reason });
  }
  /** Every way to pass ends here, so a crash seen on the console fails whatever was met. */
  pass(reason, exitCode) {
    if (this.crash !== void 0) {
      this.fail(describeConsoleFailure(this.crash), exitCode);
      return;
    }
    this.decide({ verdict: "pass", reason, bootMs: this.readyMs, exitCode });
  }
  fail(reason, exitCode) {
    this.decide({ verdict: "fail", reason, bootMs: this.readyMs, exitCode });
  }
  decide(outcome) {
    if (this.decided) return;
    this.decided = true;
    this.stopProbes.abort();
    this.plan.signal?.removeEventListener("abort", this.onAbort);
    for (const timer of this.timers) clearTimeout(timer);
    this.resolve({ bootMs: this.readyMs, ...outcome });
  }
  /** Runs `fn` once `ms` have passed since QEMU started (at once if they already have). */
  after(ms, fn) {
    this.timers.push(setTimeout(fn, Math.max(0, ms - this.vm.elapsedMs())));
  }
  every(ms, fn) {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void fn().finally(() => {
        busy = false;
      });
    }, ms);
    this.timers.push(timer);
  }
};
function programExitCode(status, record) {
  const debugExit = decodeDebugExitStatus(status);
  if (debugExit !== void 0) return debugExit;
  if (status === 0) return record?.exitCode ?? 0;
  return void 0;
}
function kernelMeaning(code) {
  const meaning = describeKernelExitCode(code);
  return meaning === void 0 ? "" : ` (${meaning})`;
}
function describeProbe(probe) {
  return probe.kind === "http" ? `HTTP probe ${probeUrl(probe)} (guest port ${probe.port})` : `TCP probe on guest port ${probe.port}`;
}
function probeUrl(probe) {
  return `http://:${probe.port}${probe.path}`;
}
function seconds(ms) {
  return `${(ms / 1e3).toFixed(ms % 1e3 === 0 ? 0 : 1)} s`;
}

// src/smoke/index.ts
async function runSmoke(options, deps) {
  await validateOptions(options);
  const accel = await detectAccelerator(options.accel, deps.logger, options.kvmDevice);
  const log = await ConsoleLog.open(options.consoleLog);
  try {
    return await runInWorkDir(options, accel, log, deps);
  } finally {
    const writeError = await log.close();
    if (writeError !== void 0) {
      deps.logger.warning(
        `Writing the console log ${log.path} failed (${errorMessage(writeError)}); it is incomplete.`
      );
    }
  }
}
async function runInWorkDir(options, accel, log, deps) {
  const workDir = await mkdtemp(join(options.workDir ?? tmpdir(), "nanoship-smoke-"));
  try {
    const copy = await makeDiskCopy(options.image, join(workDir, "disk.img"));
    const klog = await prepareKlog(copy.path, deps.logger);
    const forwards = await forwardsFor(options);
    const binary = options.qemuBinary ?? DEFAULT_QEMU_BINARY;
    const args = qemuArgs({
      ...options,
      disk: copy.path,
      accel,
      forwards,
      extraArgs: options.extraQemuArgs
    });
    deps.logger.debug(`QEMU command: ${[binary, ...args].join(" ")}`);
    const outcome = await bootAndWatch(binary, args, log, options, { forwards, klog }, deps);
    const imageSha256After = await sha256File(options.image);
    const changed = imageSha256After !== copy.sourceSha256;
    return {
      ...outcome,
      ...changed && {
        verdict: "fail",
        reason: `the image changed during the test (sha256 ${copy.sourceSha256} before, ${imageSha256After} after); something else wrote to ${options.image}`
      },
      consoleLog: options.consoleLog,
      accel,
      imageSha256Before: copy.sourceSha256,
      imageSha256After,
      qemuCommand: [binary, ...args]
    };
  } finally {
    await rm2(workDir, { recursive: true, force: true });
  }
}
async function prepareKlog(disk, logger) {
  const offset = await klogOffset(disk);
  if (offset === void 0) return void 0;
  if (await clearKlog(disk, offset)) {
    logger.info("The image holds a klog record from an earlier boot; cleared it in the copy.");
  }
  return { disk, offset };
}
async function bootAndWatch(binary, args, log, options, vmDisk, deps) {
  const vm = Vm.start(binary, args, log, options.onConsole);
  let outcome;
  try {
    outcome = await watchVm(vm, {
      ...options,
      ...vmDisk,
      settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
      signal: deps.signal
    });
  } finally {
    await vm.kill();
  }
  if (outcome.error !== void 0) throw vm.spawnFailure(binary) ?? outcome.error;
  const { error: _, ...result } = outcome;
  return result;
}
async function forwardsFor(options) {
  const guestPorts = new Set(options.probes.map((p) => p.port));
  if (options.probes.some((p) => p.kind === "tcp")) guestPorts.add(TCP_CANARY_GUEST_PORT);
  const hostPorts = await pickFreePorts(guestPorts.size);
  return [...guestPorts].map((guestPort, i) => ({ guestPort, hostPort: hostPorts[i] }));
}
async function validateOptions(options) {
  await requireFile(options.image, "image");
  if (options.bootMode === "disk") await requireBootSignature(options.image);
  if (options.bootMode === "direct") {
    if (options.kernelImg === void 0) {
      throw new UserError(
        "Boot mode direct needs the kernel (kernel.img of the kernel release); pass it, or use boot mode disk."
      );
    }
    await requireFile(options.kernelImg, "kernel.img");
  }
  for (const probe of options.probes) {
    if (!Number.isInteger(probe.port) || probe.port < 1 || probe.port > 65535) {
      throw new UserError(`Probe port ${probe.port} is not a TCP port (1\u201365535).`);
    }
    if (probe.port === TCP_CANARY_GUEST_PORT && options.probes.some((p) => p.kind === "tcp")) {
      throw new UserError(
        `Guest port ${TCP_CANARY_GUEST_PORT} cannot be probed together with a TCP probe: TCP probes use it as a port where nothing listens.`
      );
    }
    if (probe.kind === "http" && !probe.path.startsWith("/")) {
      throw new UserError(`HTTP probe path "${probe.path}" must start with "/".`);
    }
  }
  const positive = {
    memoryMiB: options.memoryMiB,
    cpus: options.cpus,
    timeoutMs: options.timeoutMs
  };
  for (const [name, value] of Object.entries(positive)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new UserError(
        `Smoke test setting ${name} must be a positive whole number, got ${value}.`
      );
    }
  }
}
async function requireFile(path, what) {
  const info = await stat(path).catch((error) => {
    throw unreadable(path, what, error);
  });
  if (!info.isFile()) throw new UserError(`The ${what} ${path} is not a regular file.`);
}
async function requireBootSignature(image) {
  const handle = await open5(image, "r").catch((error) => {
    throw unreadable(image, "image", error);
  });
  try {
    const sector = Buffer.alloc(MBR_BYTES);
    const { bytesRead } = await handle.read(sector, 0, MBR_BYTES, 0);
    if (bytesRead === MBR_BYTES && decodeMbr(sector).hasSignature) return;
  } finally {
    await handle.close();
  }
  throw new UserError(
    `${image} is not a bootable disk image (no MBR boot signature); build it with nanoship build.`
  );
}
function unreadable(path, what, cause) {
  return new UserError(
    `The ${what} ${path} cannot be read: it does not exist or is not accessible.`,
    { cause }
  );
}
export {
  DEFAULT_SETTLE_MS,
  TCP_CANARY_GUEST_PORT,
  abortOnSignals,
  runSmoke
};
