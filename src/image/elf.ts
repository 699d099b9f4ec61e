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

import { UserError } from '../errors.js';
import { type OpenFile, open } from '../files.js';
import type { KernelArch } from '../kernel/types.js';
import { ByteCursor, ByteRangeError } from './bytes.js';
import { readDynamic } from './elf-dynamic.js';
import {
  type ElfSource,
  LAYOUTS,
  type ProgramHeader,
  PT_INTERP,
  readAt,
  reader,
} from './elf-source.js';

/** The architectures Nanos runs on: the kernel's own names. */
export type ElfArchitecture = KernelArch;

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

/** Linux refuses interpreter paths longer than a page; so do we. */
const MAX_INTERP_BYTES = 4096;

/**
 * Reads the ELF facts of the file at `path`. Throws a UserError when the file is missing, not
 * an ELF file, truncated, or has offsets or counts that point outside it.
 */
export async function readElf(path: string): Promise<ElfInfo> {
  const { handle, size } = await openForReading(path);
  try {
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
 * Refuses a program built for another CPU than the image's, naming both and how to fix it.
 * `what` names the file in the message (e.g. "program ./server").
 */
export function assertArchitecture(elf: ElfInfo, arch: ElfArchitecture, what: string): void {
  if (matchesArchitecture(elf, arch)) return;
  const want = ARCHITECTURE_MACHINES[arch];
  const found =
    elf.machine === want.machine ? `${elf.elfClass}-bit ${elf.machineName}` : elf.machineName;
  const other = (Object.keys(ARCHITECTURE_MACHINES) as ElfArchitecture[]).find((candidate) =>
    matchesArchitecture(elf, candidate),
  );
  const switchArch = other === undefined ? '' : `, or set arch (--arch, input arch) to ${other}`;
  throw new UserError(
    `${what} is built for ${found} but arch is ${arch}: ` +
      `build it for ${arch} Linux (${BUILD_HINTS[arch]})${switchArch}.`,
  );
}

/** How the usual toolchains build for each architecture. */
const BUILD_HINTS: Record<ElfArchitecture, string> = {
  x86_64: 'Go: GOARCH=amd64; C: x86_64-linux-gnu-gcc; Rust: --target x86_64-unknown-linux-gnu',
  aarch64: 'Go: GOARCH=arm64; C: aarch64-linux-gnu-gcc; Rust: --target aarch64-unknown-linux-gnu',
};

/** True when `elf` can be loaded next to a program for `arch` (same machine and class). */
export function matchesArchitecture(elf: ElfInfo, arch: ElfArchitecture): boolean {
  const want = ARCHITECTURE_MACHINES[arch];
  return elf.machine === want.machine && elf.elfClass === want.elfClass;
}

/** Opens `path` and stats it once: the same stat refuses a directory and gives the size. */
async function openForReading(path: string): Promise<{ handle: OpenFile; size: number }> {
  try {
    const handle = await open(path, 'r');
    // A plain descriptor is not closed when it is collected, so every failure here closes it.
    const info = await handle.stat().catch(async (error: unknown) => {
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
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : `cannot be opened (${code ?? error})`;
    throw new UserError(`${path} ${reason}.`, { cause: error });
  }
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
