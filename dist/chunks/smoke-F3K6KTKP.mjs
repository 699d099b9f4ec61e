#!/usr/bin/env node
import {
  TCP_MAX_IN_FLIGHT,
  checkHttpAnswer,
  describeProbeError,
  httpAttempt,
  pollUntil,
  tcpAttempt
} from "./chunk-N6F42QVB.mjs";
import {
  QEMU_BINARIES,
  classifyConsole,
  consoleTail,
  copyFirmwareVars,
  describeConsoleFailure,
  detectAccelerator,
  findUefiFirmware,
  hostArchitecture,
  pickFreePorts,
  qemuArgs,
  qemuMissingError
} from "./chunk-WO3QBT2S.mjs";
import {
  DEFAULT_KVM_SILENCE_MS,
  DEFAULT_SETTLE_MS,
  TCP_CANARY_GUEST_PORT,
  abortOnSignals,
  describeGuest,
  readElf
} from "./chunk-ZBSW6YTE.mjs";
import {
  sha256File
} from "./chunk-XVSDGWPF.mjs";
import {
  readBootLoaders
} from "./chunk-5ELQOUC3.mjs";
import {
  KLOG_AREA_BYTES,
  MBR_BYTES,
  decodeMbr
} from "./chunk-HCBQV7ZK.mjs";
import "./chunk-A2KG4ATD.mjs";
import "./chunk-ZBWKTN27.mjs";
import "./chunk-NRA3RA25.mjs";
import "./chunk-4XZ7R34B.mjs";
import "./chunk-AS4ERZIM.mjs";
import {
  UserError,
  errorMessage
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/smoke/index.ts
const { mkdtemp, rm: rm2, stat } = process.getBuiltinModule("node:fs/promises");
const { tmpdir } = process.getBuiltinModule("node:os");
const { join } = process.getBuiltinModule("node:path");

// src/smoke/console-log.ts
const { mkdir, open } = process.getBuiltinModule("node:fs/promises");
const { dirname } = process.getBuiltinModule("node:path");
const { finished } = process.getBuiltinModule("node:stream/promises");
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
  static {
    __name(this, "ConsoleLog");
  }
  writeError;
  /**
   * Creates (or truncates) the log at `path`, with its folder; a UserError naming the path and
   * the reason when that is not possible.
   */
  static async open(path) {
    try {
      await mkdir(dirname(path), { recursive: true });
      const handle = await open(path, "w");
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
__name(openFailure, "openFailure");

// src/smoke/disk-copy.ts
const { createHash } = process.getBuiltinModule("node:crypto");
const { constants } = process.getBuiltinModule("node:fs");
const { copyFile, open: open2, rm } = process.getBuiltinModule("node:fs/promises");
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
__name(makeDiskCopy, "makeDiskCopy");
async function tryReflink(source, destination) {
  try {
    await copyFile(source, destination, constants.COPYFILE_FICLONE_FORCE);
    return true;
  } catch {
    return false;
  }
}
__name(tryReflink, "tryReflink");
async function sparseCopy(source, destination) {
  const hash = createHash("sha256");
  const input = await open2(source, "r");
  const output = await open2(destination, "wx");
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
__name(sparseCopy, "sparseCopy");
function isAllZero(data) {
  return data.equals(ZERO_CHUNK.subarray(0, data.length));
}
__name(isAllZero, "isAllZero");

// src/smoke/guest-machine.ts
var KERNEL_MACHINES = { 62: "x86_64", 183: "aarch64" };
async function resolveGuestMachine(options) {
  const binaryFor = /* @__PURE__ */ __name((arch) => options.qemuBinary ?? QEMU_BINARIES[arch], "binaryFor");
  if (options.linuxBoot !== void 0) {
    return { arch: "x86_64", firmware: "bios", binary: binaryFor("x86_64") };
  }
  if (options.bootMode === "direct") {
    const arch = await kernelArch(options.kernelImg);
    const loaders2 = await readBootLoaders(options.image).catch(() => void 0);
    if (loaders2 !== void 0 && loaders2.arch !== arch) {
      throw new UserError(
        `The kernel ${options.kernelImg} is an ${arch} kernel but ${options.image} is an ${loaders2.arch} image: use the kernel the image was built with (--kernel-dir / --arch).`
      );
    }
    return { arch, binary: binaryFor(arch) };
  }
  const loaders = await readBootLoaders(options.image);
  const firmware = chooseFirmware(options, loaders.bootMode);
  const uefi = firmware === "uefi" ? options.uefiFirmware ?? await findUefiFirmware(loaders.arch) : void 0;
  return { arch: loaders.arch, firmware, uefi, binary: binaryFor(loaders.arch) };
}
__name(resolveGuestMachine, "resolveGuestMachine");
function chooseFirmware(options, bootMode) {
  const wanted = options.firmware ?? (bootMode === "bios" ? "bios" : "uefi");
  if (wanted === "bios" && bootMode === "uefi") {
    throw new UserError(
      `${options.image} boots through UEFI only (it has no BIOS boot loader), so it cannot be booted with BIOS firmware.`
    );
  }
  if (wanted === "uefi" && bootMode === "bios") {
    throw new UserError(
      `${options.image} has no EFI System Partition, so it cannot be booted with UEFI firmware; build it with uefi: true (--uefi).`
    );
  }
  return wanted;
}
__name(chooseFirmware, "chooseFirmware");
async function kernelArch(kernelImg) {
  const elf = await readElf(kernelImg);
  const arch = elf.elfClass === 64 ? KERNEL_MACHINES[elf.machine] : void 0;
  if (arch === void 0) {
    throw new UserError(
      `${kernelImg} is built for ${elf.machineName}, not for x86_64 or aarch64: it is not a Nanos kernel.img.`
    );
  }
  return arch;
}
__name(kernelArch, "kernelArch");

// src/smoke/klog.ts
const { open: open3 } = process.getBuiltinModule("node:fs/promises");
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
__name(decodeKlog, "decodeKlog");
async function klogOffset(imagePath) {
  const sector = await readAt(imagePath, 0, MBR_BYTES);
  if (sector.length < MBR_BYTES) return void 0;
  const mbr = decodeMbr(sector);
  const first = mbr.partitions.find((partition) => partition.index === 0);
  if (!mbr.hasSignature || first === void 0) return void 0;
  const offset = first.startLba * MBR_BYTES - KLOG_AREA_BYTES;
  return offset >= MBR_BYTES ? offset : void 0;
}
__name(klogOffset, "klogOffset");
async function readKlogAt(diskPath, offset) {
  return decodeKlog(await readAt(diskPath, offset, KLOG_AREA_BYTES));
}
__name(readKlogAt, "readKlogAt");
async function clearKlog(diskPath, offset) {
  const handle = await open3(diskPath, "r+");
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
__name(clearKlog, "clearKlog");
function decodeDebugExitStatus(status) {
  return status % 2 === 1 ? status >> 1 : void 0;
}
__name(decodeDebugExitStatus, "decodeDebugExitStatus");
function describeKernelExitCode(code) {
  if (code === 127) return "kernel halt or panic";
  if (code === 126) return "kernel fault";
  if (code === 125) return "gdb exit";
  return void 0;
}
__name(describeKernelExitCode, "describeKernelExitCode");
async function readAt(path, position, length) {
  const handle = await open3(path, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
__name(readAt, "readAt");

// src/smoke/vm.ts
const { spawn } = process.getBuiltinModule("node:child_process");
var CONSOLE_WINDOW_CHARS = 256 * 1024;
var CONSOLE_LINE_LIMIT_CHARS = 16 * 1024;
var STDERR_LIMIT_CHARS = 8 * 1024;
var Vm = class _Vm {
  static {
    __name(this, "Vm");
  }
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
  stderrListeners = [];
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
      for (const listener of vm.stderrListeners) listener(chunk);
    });
    return vm;
  }
  /** QEMU's process id; undefined when it could not be spawned. */
  get pid() {
    return this.child.pid;
  }
  /** Whether the guest has written anything to its console yet. */
  hasConsoleOutput() {
    return this.windowLength > 0 || this.pendingLine !== "";
  }
  /** Calls `listener` with QEMU's own error output (stderr) as it arrives. */
  onStderr(listener) {
    this.stderrListeners.push(listener);
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

// src/smoke/watch.ts
var CRASH_GRACE_MS = 2e3;
var OUTPUT_OVERLAP_CHARS = 4096;
var KLOG_POLL_MS = 100;
var KVM_FAILURE_LINE = /^.*(KVM internal error|emulation failure|kvm run failed|KVM: entry failed|failed to set MSR|kvm[a-z_]*: Assertion|Could not access KVM kernel module|failed to initialize kvm).*$/im;
function kvmFailureLine(stderr) {
  return KVM_FAILURE_LINE.exec(stderr)?.[0]?.trim();
}
__name(kvmFailureLine, "kvmFailureLine");
var EXTERNAL_SIGNALS = /* @__PURE__ */ new Set(["SIGKILL", "SIGTERM", "SIGINT", "SIGHUP", "SIGQUIT"]);
function watchVm(vm, plan) {
  return new Promise((resolve) => new Watch(vm, plan, resolve).start());
}
__name(watchVm, "watchVm");
var Watch = class {
  constructor(vm, plan, resolve) {
    this.vm = vm;
    this.plan = plan;
    this.resolve = resolve;
  }
  vm;
  plan;
  resolve;
  static {
    __name(this, "Watch");
  }
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
    if (plan.accel === "kvm") this.watchKvm();
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
      onAttemptError: /* @__PURE__ */ __name((error) => this.lastProbeError.set(key, error), "onAttemptError")
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
  /** Under KVM: QEMU's own failure lines, and a guest that stays silent for too long. */
  watchKvm() {
    this.vm.onStderr(() => {
      const line = kvmFailureLine(this.vm.stderr());
      if (line !== void 0) this.kvmFailed(line);
    });
    const silenceMs = this.plan.kvmSilenceMs;
    if (silenceMs === void 0) return;
    this.after(silenceMs, () => {
      if (this.vm.hasConsoleOutput() || this.readyMs !== void 0) return;
      this.kvmFailed(
        `the guest printed nothing and answered nothing for ${seconds(silenceMs)} under KVM`
      );
    });
  }
  kvmFailed(line) {
    this.decide({
      verdict: "fail",
      reason: `KVM could not run the guest (QEMU: ${line}); this is a fault of the host, not of the image`,
      fault: "host",
      kvmFailure: line
    });
  }
  hostFault(reason) {
    this.decide({ verdict: "fail", reason, fault: "host" });
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
      this.decide({
        verdict: "fail",
        reason: "QEMU could not be started",
        fault: "host",
        error: true
      });
      return;
    }
    const kvmLine = this.plan.accel === "kvm" ? kvmFailureLine(this.vm.stderr()) : void 0;
    if (kvmLine !== void 0) {
      this.kvmFailed(kvmLine);
      return;
    }
    if (exit.signal !== null) {
      this.hostFault(
        EXTERNAL_SIGNALS.has(exit.signal) ? `QEMU was killed by ${exit.signal} from outside nanoship` : `QEMU crashed (${exit.signal})${this.stderrSuffix()}; this is a fault of the host's QEMU, not of the image`
      );
      return;
    }
    const status = exit.status ?? 0;
    if (this.qemuRefusedToStart(status)) {
      this.hostFault(describeStartFailure(this.vm.stderr()));
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
    const open4 = [...this.pending.values()];
    if (open4.length > 0) {
      this.fail(`${exited} before these were met: ${open4.join(", ")}${detail}`, code);
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
    return {
      verdict: "fail",
      fault: "program",
      reason: reasons.join("; ") || `timed out ${within}`
    };
  }
  stderrSuffix() {
    const text = this.vm.stderr();
    return text === "" ? "" : `: ${consoleTail(text, 3).replace(/\n/g, " | ")}`;
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
  onAbort = /* @__PURE__ */ __name(() => this.abort(), "onAbort");
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
    this.decide({ verdict: "fail", reason, fault: "program", bootMs: this.readyMs, exitCode });
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
__name(programExitCode, "programExitCode");
function describeStartFailure(stderr) {
  if (/host forwarding rule|hostfwd/i.test(stderr)) {
    return `QEMU could not forward a port on the host (another process took it): ${stderr}`;
  }
  return `QEMU failed to start: ${stderr}`;
}
__name(describeStartFailure, "describeStartFailure");
function kernelMeaning(code) {
  const meaning = describeKernelExitCode(code);
  return meaning === void 0 ? "" : ` (${meaning})`;
}
__name(kernelMeaning, "kernelMeaning");
function describeProbe(probe) {
  return probe.kind === "http" ? `HTTP probe ${probeUrl(probe)} (guest port ${probe.port})` : `TCP probe on guest port ${probe.port}`;
}
__name(describeProbe, "describeProbe");
function probeUrl(probe) {
  return `http://:${probe.port}${probe.path}`;
}
__name(probeUrl, "probeUrl");
function seconds(ms) {
  return `${(ms / 1e3).toFixed(ms % 1e3 === 0 ? 0 : 1)} s`;
}
__name(seconds, "seconds");

// src/smoke/index.ts
async function runSmoke(options, deps) {
  await validateOptions(options);
  const machine = await resolveGuestMachine(options);
  const accel = await detectAccelerator(options.accel, deps.logger, options.kvmDevice, {
    arch: machine.arch,
    hostArch: hostArchitecture()
  });
  const log = await ConsoleLog.open(options.consoleLog);
  try {
    return await runInWorkDir(options, machine, accel, log, deps);
  } finally {
    const writeError = await log.close();
    if (writeError !== void 0) {
      deps.logger.warning(
        `Writing the console log ${log.path} failed (${errorMessage(writeError)}); it is incomplete.`
      );
    }
  }
}
__name(runSmoke, "runSmoke");
async function runInWorkDir(options, machine, accel, log, deps) {
  const workDir = await mkdtemp(join(options.workDir ?? tmpdir(), "nanoship-smoke-"));
  try {
    let boot = await bootCopy(options, machine, accel, workDir, log, deps);
    let used = accel;
    const kvmFailure = boot.outcome.kvmFailure;
    if (kvmFailure !== void 0 && options.accel === "auto") {
      deps.logger.warning(
        `KVM could not run the guest (QEMU: ${kvmFailure}); booting again under TCG emulation from a fresh copy of the image. Use accel tcg to skip KVM on this host.`
      );
      log.write(`
--- nanoship: KVM failed (${kvmFailure}); booting again under TCG ---
`);
      used = "tcg";
      boot = await bootCopy(options, machine, used, workDir, log, deps);
    } else if (kvmFailure !== void 0) {
      boot.outcome.reason += ". Use accel tcg (or auto, which falls back to TCG) on this host.";
    }
    const imageSha256After = await sha256File(options.image);
    const changed = imageSha256After !== boot.sourceSha256;
    return {
      ...boot.outcome,
      ...changed && {
        verdict: "fail",
        fault: "program",
        reason: `the image changed during the test (sha256 ${boot.sourceSha256} before, ${imageSha256After} after); something else wrote to ${options.image}`
      },
      ...kvmFailure !== void 0 && { kvmFailure },
      consoleLog: options.consoleLog,
      accel: used,
      arch: machine.arch,
      ...machine.firmware === void 0 ? {} : { firmware: machine.firmware },
      imageSha256Before: boot.sourceSha256,
      imageSha256After,
      qemuCommand: boot.command
    };
  } finally {
    await rm2(workDir, { recursive: true, force: true });
  }
}
__name(runInWorkDir, "runInWorkDir");
async function bootCopy(options, machine, accel, workDir, log, deps) {
  const copy = await makeDiskCopy(options.image, join(workDir, `disk-${accel}.img`));
  try {
    const klog = await prepareKlog(copy.path, deps.logger);
    const forwards = await forwardsFor(options);
    const binary = machine.binary;
    const uefi = machine.uefi && {
      code: machine.uefi.code,
      vars: await copyFirmwareVars(machine.uefi, join(workDir, `uefi-vars-${accel}.fd`))
    };
    const args = qemuArgs({
      ...options,
      arch: machine.arch,
      uefi,
      disk: copy.path,
      accel,
      forwards,
      extraArgs: options.extraQemuArgs
    });
    deps.logger.debug(`QEMU command: ${[binary, ...args].join(" ")}`);
    const watch = {
      forwards,
      klog,
      accel,
      kvmSilenceMs: accel === "kvm" && options.accel === "auto" ? options.kvmSilenceMs ?? DEFAULT_KVM_SILENCE_MS : void 0
    };
    const outcome = await bootAndWatch(binary, args, log, options, watch, deps);
    return { outcome, sourceSha256: copy.sourceSha256, command: [binary, ...args] };
  } finally {
    await rm2(copy.path, { force: true });
  }
}
__name(bootCopy, "bootCopy");
async function prepareKlog(disk, logger) {
  const offset = await klogOffset(disk);
  if (offset === void 0) return void 0;
  if (await clearKlog(disk, offset)) {
    logger.info("The image holds a klog record from an earlier boot; cleared it in the copy.");
  }
  return { disk, offset };
}
__name(prepareKlog, "prepareKlog");
async function bootAndWatch(binary, args, log, options, vmDisk, deps) {
  const vm = Vm.start(binary, args, log, options.onConsole);
  if (vm.pid !== void 0) options.onVmStart?.(vm.pid);
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
__name(bootAndWatch, "bootAndWatch");
async function forwardsFor(options) {
  const guestPorts = new Set(options.probes.map((p) => p.port));
  if (options.probes.some((p) => p.kind === "tcp")) guestPorts.add(TCP_CANARY_GUEST_PORT);
  const hostPorts = await pickFreePorts(guestPorts.size);
  return [...guestPorts].map((guestPort, i) => ({ guestPort, hostPort: hostPorts[i] }));
}
__name(forwardsFor, "forwardsFor");
async function validateOptions(options) {
  await requireFile(options.image, "image");
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
__name(validateOptions, "validateOptions");
async function requireFile(path, what) {
  const info = await stat(path).catch((error) => {
    throw unreadable(path, what, error);
  });
  if (!info.isFile()) throw new UserError(`The ${what} ${path} is not a regular file.`);
}
__name(requireFile, "requireFile");
function unreadable(path, what, cause) {
  return new UserError(
    `The ${what} ${path} cannot be read: it does not exist or is not accessible.`,
    { cause }
  );
}
__name(unreadable, "unreadable");
export {
  DEFAULT_KVM_SILENCE_MS,
  DEFAULT_SETTLE_MS,
  TCP_CANARY_GUEST_PORT,
  abortOnSignals,
  describeGuest,
  runSmoke
};
