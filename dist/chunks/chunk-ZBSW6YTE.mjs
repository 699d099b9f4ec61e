#!/usr/bin/env node
import {
  open,
  stat
} from "./chunk-A2KG4ATD.mjs";
import {
  ByteCursor,
  ByteRangeError
} from "./chunk-AS4ERZIM.mjs";
import {
  UserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/smoke/types.ts
var TCP_CANARY_GUEST_PORT = 1;
function describeGuest(result) {
  return result.firmware === void 0 ? `${result.arch}, kernel loaded by QEMU` : `${result.arch} through ${result.firmware === "uefi" ? "UEFI" : "BIOS"}`;
}
__name(describeGuest, "describeGuest");
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

// src/fs-checks.ts
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
    const info = await handle.stat().catch(async (error) => {
      await handle.close();
      throw error;
    });
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

export {
  isFile,
  isDirectory,
  readElf,
  assertArchitecture,
  matchesArchitecture,
  TCP_CANARY_GUEST_PORT,
  describeGuest,
  DEFAULT_SETTLE_MS,
  DEFAULT_KVM_SILENCE_MS,
  abortOnSignals
};
