/**
 * Reads what the image builder needs from an ELF file: class, byte order, machine, type, the
 * interpreter (PT_INTERP) and the dynamic section's DT_NEEDED / DT_RPATH / DT_RUNPATH /
 * DT_SONAME. It reads the headers and the few strings it needs through a file handle, never the
 * whole file, and checks every count and offset against the file size first, so a truncated or
 * hostile file gives a UserError and never a crash, a hang or a huge allocation.
 *
 *   const elf = await readElf('./server');
 *   assertArchitecture(elf, 'x86_64', './server');
 *   elf.needed; // ['libc.so.6']
 */
import { type FileHandle, open } from 'node:fs/promises';
import { UserError } from '../errors.js';
import { ByteCursor, ByteRangeError } from './bytes.js';

/** The architectures Nanos runs on (same spelling as the kernel toolchain's). */
export type ElfArchitecture = 'x86_64' | 'aarch64';

export interface ElfInfo {
  elfClass: 32 | 64;
  byteOrder: 'little' | 'big';
  /** e_machine, e.g. 62 (x86-64) or 183 (aarch64). */
  machine: number;
  /** A readable name for `machine`: 'x86_64', 'aarch64', 'i386', 'arm', … or 'machine 243'. */
  machineName: string;
  type: 'relocatable' | 'executable' | 'shared' | 'core' | 'other';
  /** PT_INTERP: the dynamic loader the kernel starts, e.g. /lib64/ld-linux-x86-64.so.2. */
  interpreter?: string;
  /** DT_NEEDED, in file order. */
  needed: string[];
  /** DT_RPATH entries (split on ':'), in order. */
  rpath: string[];
  /** DT_RUNPATH entries (split on ':'), in order. */
  runpath: string[];
  soname?: string;
  /** No interpreter and no needed libraries (static and static-pie programs): nothing to add. */
  isStatic: boolean;
}

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
const MACHO_MAGICS = ['cffaedfe', 'cefaedfe', 'feedfacf', 'feedface', 'cafebabe'];
const MACHINE_NAMES: Record<number, string> = {
  3: 'i386',
  8: 'mips',
  20: 'ppc',
  21: 'ppc64',
  22: 's390',
  40: 'arm',
  62: 'x86_64',
  183: 'aarch64',
  243: 'riscv',
};
const ARCHITECTURE_MACHINES: Record<ElfArchitecture, { machine: number; elfClass: 32 | 64 }> = {
  x86_64: { machine: 62, elfClass: 64 },
  aarch64: { machine: 183, elfClass: 64 },
};
const TYPES = ['other', 'relocatable', 'executable', 'shared', 'core'] as const;

const PT_DYNAMIC = 2;
const PT_INTERP = 3;
const PT_LOAD = 1;
const DT_NULL = 0n;
const DT_NEEDED = 1n;
const DT_STRTAB = 5n;
const DT_STRSZ = 10n;
const DT_SONAME = 14n;
const DT_RPATH = 15n;
const DT_RUNPATH = 29n;
/** Linux refuses interpreter paths longer than a page; so do we. */
const MAX_INTERP_BYTES = 4096;
/** Longest library name or path list we read; real ones are far shorter. */
const MAX_DYNAMIC_STRING_BYTES = 4096;
/** A dynamic section has a few dozen entries; 64 Ki of them is already absurd. */
const MAX_DYNAMIC_ENTRIES = 65536;

/** Layout of one ELF class: sizes of the fixed records. */
interface ClassLayout {
  headerBytes: number;
  phentBytes: number;
  dynEntryBytes: number;
}
const LAYOUTS: Record<32 | 64, ClassLayout> = {
  32: { headerBytes: 52, phentBytes: 32, dynEntryBytes: 8 },
  64: { headerBytes: 64, phentBytes: 56, dynEntryBytes: 16 },
};

interface ProgramHeader {
  type: number;
  offset: bigint;
  vaddr: bigint;
  filesz: bigint;
}

/** An open ELF file with its size, class and byte order, for the readers below. */
interface ElfSource {
  handle: FileHandle;
  path: string;
  size: number;
  elfClass: 32 | 64;
  little: boolean;
}

/**
 * Reads the ELF facts of the file at `path`. Throws a UserError when the file is missing, not
 * an ELF file, truncated, or has offsets or counts that point outside it.
 */
export async function readElf(path: string): Promise<ElfInfo> {
  const handle = await openForReading(path);
  try {
    const size = (await handle.stat()).size;
    const ident = await readAt({ handle, path, size }, 0, Math.min(size, 16), 'ELF header');
    checkMagic(ident, path);
    const source = identify(ident, { handle, path, size });
    const header = await readAt(source, 0, LAYOUTS[source.elfClass].headerBytes, 'ELF header');
    const fields = parseHeader(source, header);
    const phdrs = await readProgramHeaders(source, fields.phoff, fields.phnum, fields.phentsize);
    const interpreter = await readInterpreter(source, phdrs);
    const dynamic = await readDynamic(source, phdrs);
    return {
      elfClass: source.elfClass,
      byteOrder: source.little ? 'little' : 'big',
      machine: fields.machine,
      machineName: MACHINE_NAMES[fields.machine] ?? `machine ${fields.machine}`,
      type: TYPES[fields.type] ?? 'other',
      ...(interpreter === undefined ? {} : { interpreter }),
      ...dynamic,
      isStatic: interpreter === undefined && dynamic.needed.length === 0,
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

/**
 * Refuses a program or library built for another CPU than the kernel's, naming both.
 * `what` names the file in the message (e.g. "program ./server").
 */
export function assertArchitecture(elf: ElfInfo, arch: ElfArchitecture, what: string): void {
  const want = ARCHITECTURE_MACHINES[arch];
  if (elf.machine === want.machine && elf.elfClass === want.elfClass) return;
  const found =
    elf.machine === want.machine ? `${elf.elfClass}-bit ${elf.machineName}` : elf.machineName;
  throw new UserError(
    `${what} is ${found} but the kernel is ${arch}: build the program for ${arch} ` +
      `(64-bit Linux), or choose the kernel architecture that matches it.`,
  );
}

/** True when `elf` can be loaded next to a program for `arch` (same machine and class). */
export function matchesArchitecture(elf: ElfInfo, arch: ElfArchitecture): boolean {
  const want = ARCHITECTURE_MACHINES[arch];
  return elf.machine === want.machine && elf.elfClass === want.elfClass;
}

async function openForReading(path: string): Promise<FileHandle> {
  try {
    const handle = await open(path, 'r');
    if ((await handle.stat()).isDirectory()) {
      await handle.close();
      throw new UserError(`${path} is a directory, not an ELF file.`);
    }
    return handle;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be opened (${code ?? error})`;
    throw new UserError(`${path} ${reason}.`, { cause: error });
  }
}

/** Reads exactly `length` bytes at `offset`, or throws a UserError naming `what` if the file ends first. */
async function readAt(
  source: Pick<ElfSource, 'handle' | 'path' | 'size'>,
  offset: number | bigint,
  length: number | bigint,
  what: string,
): Promise<Uint8Array> {
  const end = BigInt(offset) + BigInt(length);
  if (end > BigInt(source.size)) {
    throw new UserError(
      `${source.path} is truncated: ${what} at offset ${offset} (${length} bytes) extends past the end of the file (${source.size} bytes).`,
    );
  }
  const bytes = new Uint8Array(Number(length));
  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await source.handle.read(
      bytes,
      filled,
      bytes.length - filled,
      Number(offset) + filled,
    );
    if (bytesRead === 0) {
      throw new UserError(`${source.path} is truncated: it ended while reading the ${what}.`);
    }
    filled += bytesRead;
  }
  return bytes;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

function checkMagic(ident: Uint8Array, path: string): void {
  if (ident.length >= 4 && ELF_MAGIC.every((byte, i) => ident[i] === byte)) return;
  const found = ident.subarray(0, 4);
  const hint = MACHO_MAGICS.includes(hex(found).replaceAll(' ', ''))
    ? ' It looks like a macOS (Mach-O) program: build it for Linux.'
    : found[0] === 0x23 && found[1] === 0x21
      ? ' It looks like a script: give the compiled program (or its interpreter) instead.'
      : ' Give a compiled Linux program.';
  const shown = found.length === 0 ? 'an empty file' : hex(found);
  throw new UserError(
    `${path} is not an ELF file (magic 7f 45 4c 46 expected, found ${shown}).${hint}`,
  );
}

/** Reads class and byte order from e_ident. */
function identify(ident: Uint8Array, file: Pick<ElfSource, 'handle' | 'path' | 'size'>): ElfSource {
  if (ident.length < 16) {
    throw new UserError(
      `${file.path} is truncated: the ELF identification needs 16 bytes, the file has ${file.size}.`,
    );
  }
  const elfClass = ident[4] === 1 ? 32 : ident[4] === 2 ? 64 : undefined;
  if (elfClass === undefined) {
    throw new UserError(
      `${file.path} is a malformed ELF file: class byte ${ident[4]} is neither 1 (32-bit) nor 2 (64-bit).`,
    );
  }
  if (ident[5] !== 1 && ident[5] !== 2) {
    throw new UserError(
      `${file.path} is a malformed ELF file: byte-order byte ${ident[5]} is neither 1 (little) nor 2 (big).`,
    );
  }
  return { ...file, elfClass, little: ident[5] === 1 };
}

/** Integer reads in the file's byte order and class width. */
function reader(cursor: ByteCursor, source: ElfSource) {
  const u16 = () => (source.little ? cursor.u16le() : cursor.u16be());
  const u32 = () => (source.little ? cursor.u32le() : cursor.u32be());
  const word = (): bigint =>
    source.elfClass === 32 ? BigInt(u32()) : source.little ? cursor.u64leBig() : cursor.u64beBig();
  return { u16, u32, word };
}

function parseHeader(source: ElfSource, header: Uint8Array) {
  const cursor = new ByteCursor(header).seek(16);
  const { u16, u32, word } = reader(cursor, source);
  const type = u16();
  const machine = u16();
  u32(); // e_version
  word(); // e_entry
  const phoff = word();
  word(); // e_shoff
  u32(); // e_flags
  u16(); // e_ehsize
  const phentsize = u16();
  const phnum = u16();
  return { type, machine, phoff, phentsize, phnum };
}

async function readProgramHeaders(
  source: ElfSource,
  phoff: bigint,
  phnum: number,
  phentsize: number,
): Promise<ProgramHeader[]> {
  if (phnum === 0) return [];
  const minimum = LAYOUTS[source.elfClass].phentBytes;
  if (phentsize < minimum) {
    throw new UserError(
      `${source.path} is a malformed ELF file: program header entries are ${phentsize} bytes, at least ${minimum} expected.`,
    );
  }
  // phnum is a 16-bit field, so the table is at most 65535 entries; readAt bounds it by the file.
  const table = await readAt(source, phoff, phnum * phentsize, 'program header table');
  const headers: ProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const cursor = new ByteCursor(table.subarray(i * phentsize, (i + 1) * phentsize));
    const { u32, word } = reader(cursor, source);
    const type = u32();
    if (source.elfClass === 64) u32(); // p_flags sits here in 64-bit headers
    const offset = word();
    const vaddr = word();
    word(); // p_paddr
    const filesz = word();
    headers.push({ type, offset, vaddr, filesz });
  }
  return headers;
}

async function readInterpreter(
  source: ElfSource,
  phdrs: ProgramHeader[],
): Promise<string | undefined> {
  const interp = phdrs.find((phdr) => phdr.type === PT_INTERP);
  if (interp === undefined) return undefined;
  if (interp.filesz === 0n || interp.filesz > BigInt(MAX_INTERP_BYTES)) {
    throw new UserError(
      `${source.path} is a malformed ELF file: its interpreter path is ${interp.filesz} bytes (1 to ${MAX_INTERP_BYTES} expected).`,
    );
  }
  const bytes = await readAt(source, interp.offset, interp.filesz, 'interpreter path (PT_INTERP)');
  const nul = bytes.indexOf(0);
  const path = Buffer.from(bytes.subarray(0, nul === -1 ? bytes.length : nul)).toString('utf8');
  if (path === '')
    throw new UserError(`${source.path} is a malformed ELF file: its interpreter path is empty.`);
  return path;
}

interface DynamicFacts {
  needed: string[];
  rpath: string[];
  runpath: string[];
  soname?: string;
}

async function readDynamic(source: ElfSource, phdrs: ProgramHeader[]): Promise<DynamicFacts> {
  const dynamic = phdrs.find((phdr) => phdr.type === PT_DYNAMIC);
  if (dynamic === undefined) return { needed: [], rpath: [], runpath: [] };
  const entryBytes = LAYOUTS[source.elfClass].dynEntryBytes;
  const count = Math.min(Number(dynamic.filesz / BigInt(entryBytes)), MAX_DYNAMIC_ENTRIES);
  const table = await readAt(source, dynamic.offset, count * entryBytes, 'dynamic section');
  const entries = parseDynamicEntries(source, table, count);
  const strtabAddress = entries.find((entry) => entry.tag === DT_STRTAB)?.value;
  const stringEntries = entries.filter((entry) =>
    [DT_NEEDED, DT_RPATH, DT_RUNPATH, DT_SONAME].includes(entry.tag),
  );
  if (stringEntries.length === 0) return { needed: [], rpath: [], runpath: [] };
  if (strtabAddress === undefined) {
    throw new UserError(
      `${source.path} is a malformed ELF file: its dynamic section has no string table (DT_STRTAB).`,
    );
  }
  const strtab = locateStringTable(source, phdrs, strtabAddress, entries);
  const text = async (offset: bigint) => readDynamicString(source, strtab, offset);
  const facts: DynamicFacts = { needed: [], rpath: [], runpath: [] };
  for (const entry of stringEntries) {
    const value = await text(entry.value);
    if (entry.tag === DT_NEEDED) facts.needed.push(value);
    else if (entry.tag === DT_RPATH) facts.rpath.push(...splitPathList(value));
    else if (entry.tag === DT_RUNPATH) facts.runpath.push(...splitPathList(value));
    else facts.soname = value;
  }
  return facts;
}

function parseDynamicEntries(source: ElfSource, table: Uint8Array, count: number) {
  const cursor = new ByteCursor(table);
  const { word } = reader(cursor, source);
  const entries: { tag: bigint; value: bigint }[] = [];
  for (let i = 0; i < count; i++) {
    const tag = word();
    const value = word();
    if (tag === DT_NULL) break;
    entries.push({ tag, value });
  }
  return entries;
}

/** Finds the file range of the dynamic string table from its load address (DT_STRTAB). */
function locateStringTable(
  source: ElfSource,
  phdrs: ProgramHeader[],
  address: bigint,
  entries: { tag: bigint; value: bigint }[],
): { offset: bigint; end: bigint } {
  const segment = phdrs.find(
    (phdr) => phdr.type === PT_LOAD && phdr.vaddr <= address && address < phdr.vaddr + phdr.filesz,
  );
  if (segment === undefined) {
    throw new UserError(
      `${source.path} is a malformed ELF file: its string table address 0x${address.toString(16)} is outside every loadable segment.`,
    );
  }
  const offset = segment.offset + (address - segment.vaddr);
  const segmentEnd = segment.offset + segment.filesz;
  const declared = entries.find((entry) => entry.tag === DT_STRSZ)?.value;
  const end = declared === undefined ? segmentEnd : minBig(offset + declared, segmentEnd);
  return { offset, end: minBig(end, BigInt(source.size)) };
}

/** Reads the NUL-terminated string at `offset` in the string table, bounded by the table. */
async function readDynamicString(
  source: ElfSource,
  strtab: { offset: bigint; end: bigint },
  offset: bigint,
): Promise<string> {
  const start = strtab.offset + offset;
  if (start >= strtab.end) {
    throw new UserError(
      `${source.path} is a malformed ELF file: a dynamic string at offset ${offset} lies outside its string table.`,
    );
  }
  const length = minBig(strtab.end - start, BigInt(MAX_DYNAMIC_STRING_BYTES));
  const bytes = await readAt(source, start, length, 'dynamic string table');
  const nul = bytes.indexOf(0);
  if (nul === -1) {
    throw new UserError(
      `${source.path} is a malformed ELF file: a dynamic string at offset ${offset} has no end within ${length} bytes.`,
    );
  }
  return Buffer.from(bytes.subarray(0, nul)).toString('utf8');
}

function splitPathList(value: string): string[] {
  return value.split(':').filter((entry) => entry !== '');
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
