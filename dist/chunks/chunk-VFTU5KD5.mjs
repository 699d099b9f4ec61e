#!/usr/bin/env node
import { createRequire as __nanoshipCreateRequire } from 'node:module';
import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';
const require = __nanoshipCreateRequire(import.meta.url);
const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);
const __nanoshipDirname = __nanoshipFilename.replace(/[\\/][^\\/]*$/, '');
import {
  ByteCursor,
  ByteRangeError,
  readBootLoaders
} from "./chunk-GCGBGZXF.mjs";
import {
  UserError
} from "./chunk-VGHMWJDJ.mjs";
import {
  __name
} from "./chunk-HGNCOX5Y.mjs";

// src/smoke/firmware.ts
const { copyFile } = require("node:fs/promises");
const { join } = require("node:path");

// src/fs-checks.ts
const { stat } = require("node:fs/promises");
async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
__name(isFile, "isFile");
async function isDirectory(dir) {
  try {
    return (await stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
__name(isDirectory, "isDirectory");

// src/smoke/firmware.ts
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
const { createServer } = require("node:net");
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

// src/image/elf.ts
const { open } = require("node:fs/promises");

// src/image/elf-source.ts
var PT_LOAD = 1;
var PT_DYNAMIC = 2;
var PT_INTERP = 3;
var LAYOUTS = {
  32: { headerBytes: 52, phentBytes: 32, dynEntryBytes: 8 },
  64: { headerBytes: 64, phentBytes: 56, dynEntryBytes: 16 }
};
async function readAt(source, offset, length, what) {
  const end = BigInt(offset) + BigInt(length);
  if (end > BigInt(source.size)) {
    throw new UserError(
      `${source.path} is truncated: ${what} at offset ${offset} (${length} bytes) extends past the end of the file (${source.size} bytes).`
    );
  }
  const bytes = new Uint8Array(Number(length));
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await source.handle.read(
      bytes,
      filled,
      bytes.length - filled,
      Number(offset) + filled
    );
    if (bytesRead === 0) {
      throw new UserError(`${source.path} is truncated: it ended while reading the ${what}.`);
    }
    filled += bytesRead;
  }
  return bytes;
}
__name(readAt, "readAt");
function reader(cursor, source) {
  const u16 = /* @__PURE__ */ __name(() => source.little ? cursor.u16le() : cursor.u16be(), "u16");
  const u32 = /* @__PURE__ */ __name(() => source.little ? cursor.u32le() : cursor.u32be(), "u32");
  const word = /* @__PURE__ */ __name(() => source.elfClass === 32 ? BigInt(u32()) : source.little ? cursor.u64leBig() : cursor.u64beBig(), "word");
  return { u16, u32, word };
}
__name(reader, "reader");

// src/image/elf-dynamic.ts
var DT_NULL = 0n;
var DT_NEEDED = 1n;
var DT_STRTAB = 5n;
var DT_STRSZ = 10n;
var DT_SONAME = 14n;
var DT_RPATH = 15n;
var DT_RUNPATH = 29n;
var MAX_DYNAMIC_STRING_BYTES = 4096;
var MAX_DYNAMIC_ENTRIES = 65536;
async function readDynamic(source, phdrs) {
  const dynamic = phdrs.find((phdr) => phdr.type === PT_DYNAMIC);
  if (dynamic === void 0) return { needed: [], rpath: [], runpath: [] };
  const entryBytes = LAYOUTS[source.elfClass].dynEntryBytes;
  const count = Math.min(Number(dynamic.filesz / BigInt(entryBytes)), MAX_DYNAMIC_ENTRIES);
  const table = await readAt(source, dynamic.offset, count * entryBytes, "dynamic section");
  const entries = parseDynamicEntries(source, table, count);
  const strtabAddress = entries.find((entry) => entry.tag === DT_STRTAB)?.value;
  const stringEntries = entries.filter(
    (entry) => [DT_NEEDED, DT_RPATH, DT_RUNPATH, DT_SONAME].includes(entry.tag)
  );
  if (stringEntries.length === 0) return { needed: [], rpath: [], runpath: [] };
  if (strtabAddress === void 0) {
    throw new UserError(
      `${source.path} is a malformed ELF file: its dynamic section has no string table (DT_STRTAB).`
    );
  }
  const strtab = locateStringTable(source, phdrs, strtabAddress, entries);
  const text = /* @__PURE__ */ __name(async (offset) => readDynamicString(source, strtab, offset), "text");
  const facts = { needed: [], rpath: [], runpath: [] };
  for (const entry of stringEntries) {
    const value = await text(entry.value);
    if (entry.tag === DT_NEEDED) facts.needed.push(value);
    else if (entry.tag === DT_RPATH) facts.rpath.push(...splitPathList(value));
    else if (entry.tag === DT_RUNPATH) facts.runpath.push(...splitPathList(value));
    else facts.soname = value;
  }
  return facts;
}
__name(readDynamic, "readDynamic");
function parseDynamicEntries(source, table, count) {
  const cursor = new ByteCursor(table);
  const { word } = reader(cursor, source);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const tag = word();
    const value = word();
    if (tag === DT_NULL) break;
    entries.push({ tag, value });
  }
  return entries;
}
__name(parseDynamicEntries, "parseDynamicEntries");
function locateStringTable(source, phdrs, address, entries) {
  const segment = phdrs.find(
    (phdr) => phdr.type === PT_LOAD && phdr.vaddr <= address && address < phdr.vaddr + phdr.filesz
  );
  if (segment === void 0) {
    throw new UserError(
      `${source.path} is a malformed ELF file: its string table address 0x${address.toString(16)} is outside every loadable segment.`
    );
  }
  const offset = segment.offset + (address - segment.vaddr);
  const segmentEnd = segment.offset + segment.filesz;
  const declared = entries.find((entry) => entry.tag === DT_STRSZ)?.value;
  const end = declared === void 0 ? segmentEnd : minBig(offset + declared, segmentEnd);
  return { offset, end: minBig(end, BigInt(source.size)) };
}
__name(locateStringTable, "locateStringTable");
async function readDynamicString(source, strtab, offset) {
  const start = strtab.offset + offset;
  if (start >= strtab.end) {
    throw new UserError(
      `${source.path} is a malformed ELF file: a dynamic string at offset ${offset} lies outside its string table.`
    );
  }
  const length = minBig(strtab.end - start, BigInt(MAX_DYNAMIC_STRING_BYTES));
  const bytes = await readAt(source, start, length, "dynamic string table");
  const nul = bytes.indexOf(0);
  if (nul === -1) {
    throw new UserError(
      `${source.path} is a malformed ELF file: a dynamic string at offset ${offset} has no end within ${length} bytes.`
    );
  }
  return Buffer.from(bytes.subarray(0, nul)).toString("utf8");
}
__name(readDynamicString, "readDynamicString");
function splitPathList(value) {
  return value.split(":").filter((entry) => entry !== "");
}
__name(splitPathList, "splitPathList");
function minBig(a, b) {
  return a < b ? a : b;
}
__name(minBig, "minBig");

// src/image/elf.ts
var ELF_MAGIC = [127, 69, 76, 70];
var MACHO_MAGICS = ["cffaedfe", "cefaedfe", "feedfacf", "feedface", "cafebabe"];
var MACHINE_NAMES = {
  3: "i386",
  8: "mips",
  20: "ppc",
  21: "ppc64",
  22: "s390",
  40: "arm",
  62: "x86_64",
  183: "aarch64",
  243: "riscv"
};
var ARCHITECTURE_MACHINES = {
  x86_64: { machine: 62, elfClass: 64 },
  aarch64: { machine: 183, elfClass: 64 }
};
var TYPES = ["other", "relocatable", "executable", "shared", "core"];
var MAX_INTERP_BYTES = 4096;
async function readElf(path) {
  const { handle, size } = await openForReading(path);
  try {
    const ident = await readAt({ handle, path, size }, 0, Math.min(size, 16), "ELF header");
    checkMagic(ident, path);
    const source = identify(ident, { handle, path, size });
    const header = await readAt(source, 0, LAYOUTS[source.elfClass].headerBytes, "ELF header");
    const fields = parseHeader(source, header);
    const phdrs = await readProgramHeaders(source, fields.phoff, fields.phnum, fields.phentsize);
    const interpreter = await readInterpreter(source, phdrs);
    const dynamic = await readDynamic(source, phdrs);
    return {
      elfClass: source.elfClass,
      byteOrder: source.little ? "little" : "big",
      machine: fields.machine,
      machineName: MACHINE_NAMES[fields.machine] ?? `machine ${fields.machine}`,
      type: TYPES[fields.type] ?? "other",
      ...interpreter === void 0 ? {} : { interpreter },
      ...dynamic,
      isStatic: interpreter === void 0 && dynamic.needed.length === 0
    };
  } catch (error) {
    if (error instanceof ByteRangeError || error instanceof RangeError) {
      throw new UserError(`${path} is a malformed ELF file: ${error.message}`, { cause: error });
    }
    throw error;
  } finally {
    await handle.close();
  }
}
__name(readElf, "readElf");
function assertArchitecture(elf, arch, what) {
  if (matchesArchitecture(elf, arch)) return;
  const want = ARCHITECTURE_MACHINES[arch];
  const found = elf.machine === want.machine ? `${elf.elfClass}-bit ${elf.machineName}` : elf.machineName;
  const other = Object.keys(ARCHITECTURE_MACHINES).find(
    (candidate) => matchesArchitecture(elf, candidate)
  );
  const switchArch = other === void 0 ? "" : `, or set arch (--arch, input arch) to ${other}`;
  throw new UserError(
    `${what} is built for ${found} but arch is ${arch}: build it for ${arch} Linux (${BUILD_HINTS[arch]})${switchArch}.`
  );
}
__name(assertArchitecture, "assertArchitecture");
var BUILD_HINTS = {
  x86_64: "Go: GOARCH=amd64; C: x86_64-linux-gnu-gcc; Rust: --target x86_64-unknown-linux-gnu",
  aarch64: "Go: GOARCH=arm64; C: aarch64-linux-gnu-gcc; Rust: --target aarch64-unknown-linux-gnu"
};
function matchesArchitecture(elf, arch) {
  const want = ARCHITECTURE_MACHINES[arch];
  return elf.machine === want.machine && elf.elfClass === want.elfClass;
}
__name(matchesArchitecture, "matchesArchitecture");
async function openForReading(path) {
  try {
    const handle = await open(path, "r");
    const info = await handle.stat();
    if (info.isDirectory()) {
      await handle.close();
      throw new UserError(`${path} is a directory, not an ELF file.`);
    }
    return { handle, size: info.size };
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = error.code;
    const reason = code === "ENOENT" ? "does not exist" : `cannot be opened (${code ?? error})`;
    throw new UserError(`${path} ${reason}.`, { cause: error });
  }
}
__name(openForReading, "openForReading");
function hex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join(" ");
}
__name(hex, "hex");
function checkMagic(ident, path) {
  if (ident.length >= 4 && ELF_MAGIC.every((byte, i) => ident[i] === byte)) return;
  const found = ident.subarray(0, 4);
  const hint = MACHO_MAGICS.includes(hex(found).replaceAll(" ", "")) ? " It looks like a macOS (Mach-O) program: build it for Linux." : found[0] === 35 && found[1] === 33 ? " It looks like a script: give the compiled program (or its interpreter) instead." : " Give a compiled Linux program.";
  const shown = found.length === 0 ? "an empty file" : hex(found);
  throw new UserError(
    `${path} is not an ELF file (magic 7f 45 4c 46 expected, found ${shown}).${hint}`
  );
}
__name(checkMagic, "checkMagic");
function identify(ident, file) {
  if (ident.length < 16) {
    throw new UserError(
      `${file.path} is truncated: the ELF identification needs 16 bytes, the file has ${file.size}.`
    );
  }
  const elfClass = ident[4] === 1 ? 32 : ident[4] === 2 ? 64 : void 0;
  if (elfClass === void 0) {
    throw new UserError(
      `${file.path} is a malformed ELF file: class byte ${ident[4]} is neither 1 (32-bit) nor 2 (64-bit).`
    );
  }
  if (ident[5] !== 1 && ident[5] !== 2) {
    throw new UserError(
      `${file.path} is a malformed ELF file: byte-order byte ${ident[5]} is neither 1 (little) nor 2 (big).`
    );
  }
  return { ...file, elfClass, little: ident[5] === 1 };
}
__name(identify, "identify");
function parseHeader(source, header) {
  const cursor = new ByteCursor(header).seek(16);
  const { u16, u32, word } = reader(cursor, source);
  const type = u16();
  const machine = u16();
  u32();
  word();
  const phoff = word();
  word();
  u32();
  u16();
  const phentsize = u16();
  const phnum = u16();
  return { type, machine, phoff, phentsize, phnum };
}
__name(parseHeader, "parseHeader");
async function readProgramHeaders(source, phoff, phnum, phentsize) {
  if (phnum === 0) return [];
  const minimum = LAYOUTS[source.elfClass].phentBytes;
  if (phentsize < minimum) {
    throw new UserError(
      `${source.path} is a malformed ELF file: program header entries are ${phentsize} bytes, at least ${minimum} expected.`
    );
  }
  const table = await readAt(source, phoff, phnum * phentsize, "program header table");
  const headers = [];
  for (let i = 0; i < phnum; i++) {
    const cursor = new ByteCursor(table.subarray(i * phentsize, (i + 1) * phentsize));
    const { u32, word } = reader(cursor, source);
    const type = u32();
    if (source.elfClass === 64) u32();
    const offset = word();
    const vaddr = word();
    word();
    const filesz = word();
    headers.push({ type, offset, vaddr, filesz });
  }
  return headers;
}
__name(readProgramHeaders, "readProgramHeaders");
async function readInterpreter(source, phdrs) {
  const interp = phdrs.find((phdr) => phdr.type === PT_INTERP);
  if (interp === void 0) return void 0;
  if (interp.filesz === 0n || interp.filesz > BigInt(MAX_INTERP_BYTES)) {
    throw new UserError(
      `${source.path} is a malformed ELF file: its interpreter path is ${interp.filesz} bytes (1 to ${MAX_INTERP_BYTES} expected).`
    );
  }
  const bytes = await readAt(source, interp.offset, interp.filesz, "interpreter path (PT_INTERP)");
  const nul = bytes.indexOf(0);
  const path = Buffer.from(bytes.subarray(0, nul === -1 ? bytes.length : nul)).toString("utf8");
  if (path === "")
    throw new UserError(`${source.path} is a malformed ELF file: its interpreter path is empty.`);
  return path;
}
__name(readInterpreter, "readInterpreter");

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
function describeGuest(result) {
  return result.firmware === void 0 ? `${result.arch}, kernel loaded by QEMU` : `${result.arch} through ${result.firmware === "uefi" ? "UEFI" : "BIOS"}`;
}
__name(describeGuest, "describeGuest");
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

// src/smoke/types.ts
var TCP_CANARY_GUEST_PORT = 1;
var DEFAULT_SETTLE_MS = 1e4;
var DEFAULT_KVM_SILENCE_MS = 15e3;

// src/smoke/signals.ts
function abortOnSignals(signals = ["SIGINT", "SIGTERM"]) {
  const controller = new AbortController();
  let received;
  const handler = /* @__PURE__ */ __name((name) => {
    received ??= name;
    controller.abort(new Error(`stopped by ${name}`));
  }, "handler");
  for (const name of signals) process.on(name, handler);
  return {
    signal: controller.signal,
    received: /* @__PURE__ */ __name(() => received, "received"),
    dispose: /* @__PURE__ */ __name(() => {
      for (const name of signals) process.off(name, handler);
    }, "dispose")
  };
}
__name(abortOnSignals, "abortOnSignals");

export {
  isFile,
  isDirectory,
  readElf,
  assertArchitecture,
  matchesArchitecture,
  UEFI_FIRMWARE_CANDIDATES,
  copyFirmwareVars,
  QEMU_BINARIES,
  qemuArgs,
  pickFreePorts,
  qemuMissingError,
  resolveGuestMachine,
  describeGuest,
  TCP_CANARY_GUEST_PORT,
  DEFAULT_SETTLE_MS,
  DEFAULT_KVM_SILENCE_MS,
  abortOnSignals
};
