/**
 * Builds small, valid ELF files byte by byte for tests: an ELF header, PT_INTERP, one PT_LOAD
 * covering the whole file, and PT_DYNAMIC with DT_STRTAB/DT_STRSZ/DT_NEEDED/DT_RPATH/DT_RUNPATH.
 * Nothing here runs; the bytes only have to be what `readElf` reads.
 */
import { ByteCursor } from '../../src/image/bytes.js';

export interface ElfSpec {
  elfClass?: 32 | 64;
  little?: boolean;
  machine?: number;
  type?: number;
  interpreter?: string;
  needed?: string[];
  rpath?: string;
  runpath?: string;
  soname?: string;
  /** Leave out PT_DYNAMIC entirely (a classic static program). */
  noDynamic?: boolean;
}

const LOAD_ADDRESS = 0x400000n;

/** Returns the bytes of an ELF file matching `spec`. */
export function buildElf(spec: ElfSpec = {}): Uint8Array {
  const is64 = (spec.elfClass ?? 64) === 64;
  const little = spec.little ?? true;
  const headerBytes = is64 ? 64 : 52;
  const phentBytes = is64 ? 56 : 32;
  const dynEntryBytes = is64 ? 16 : 8;

  const strings = buildStringTable(spec);
  const dynamicEntries: [bigint, bigint][] = [];
  const phdrCount = (spec.interpreter ? 1 : 0) + 1 + (spec.noDynamic ? 0 : 1);
  const interpOffset = headerBytes + phdrCount * phentBytes;
  const interpBytes = spec.interpreter ? Buffer.from(`${spec.interpreter}\0`) : Buffer.alloc(0);
  const strtabOffset = interpOffset + interpBytes.length;
  if (!spec.noDynamic) {
    for (const name of spec.needed ?? []) dynamicEntries.push([1n, strings.offsets.get(name)!]);
    if (spec.soname) dynamicEntries.push([14n, strings.offsets.get(spec.soname)!]);
    if (spec.rpath) dynamicEntries.push([15n, strings.offsets.get(spec.rpath)!]);
    if (spec.runpath) dynamicEntries.push([29n, strings.offsets.get(spec.runpath)!]);
    dynamicEntries.push([5n, LOAD_ADDRESS + BigInt(strtabOffset)]);
    dynamicEntries.push([10n, BigInt(strings.bytes.length)]);
    dynamicEntries.push([0n, 0n]);
  }
  const dynamicOffset = strtabOffset + (spec.noDynamic ? 0 : strings.bytes.length);
  const dynamicBytes = dynamicEntries.length * dynEntryBytes;
  const total = dynamicOffset + dynamicBytes;

  const out = ByteCursor.forWriting(total);
  const u16 = (v: number) => (little ? out.writeU16le(v) : out.writeU16be(v));
  const u32 = (v: number) => (little ? out.writeU32le(v) : out.writeU32be(v));
  const word = (v: number | bigint) =>
    is64 ? (little ? out.writeU64le(v) : out.writeU64be(v)) : u32(Number(v));

  out.writeBytes(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, little ? 1 : 2, 1, 0]));
  out.writeBytes(new Uint8Array(8));
  u16(spec.type ?? 3); // e_type
  u16(spec.machine ?? (is64 ? 62 : 3)); // e_machine
  u32(1); // e_version
  word(LOAD_ADDRESS); // e_entry
  word(headerBytes); // e_phoff
  word(0); // e_shoff
  u32(0); // e_flags
  u16(headerBytes); // e_ehsize
  u16(phentBytes); // e_phentsize
  u16(phdrCount); // e_phnum
  u16(0); // e_shentsize
  u16(0); // e_shnum
  u16(0); // e_shstrndx

  const phdr = (type: number, offset: number, size: number) => {
    u32(type);
    if (is64) u32(4); // p_flags
    word(offset);
    word(LOAD_ADDRESS + BigInt(offset)); // p_vaddr
    word(LOAD_ADDRESS + BigInt(offset)); // p_paddr
    word(size); // p_filesz
    word(size); // p_memsz
    if (!is64) u32(4); // p_flags
    word(8); // p_align
  };
  if (spec.interpreter) phdr(3, interpOffset, interpBytes.length);
  phdr(1, 0, total);
  if (!spec.noDynamic) phdr(2, dynamicOffset, dynamicBytes);

  out.writeBytes(interpBytes);
  if (!spec.noDynamic) out.writeBytes(strings.bytes);
  for (const [tag, value] of dynamicEntries) {
    word(tag);
    word(value);
  }
  return out.toBytes().slice();
}

function buildStringTable(spec: ElfSpec) {
  const offsets = new Map<string, bigint>();
  const parts: Buffer[] = [Buffer.from([0])];
  let length = 1;
  const values = [...(spec.needed ?? []), spec.soname, spec.rpath, spec.runpath];
  for (const value of values) {
    if (value === undefined || offsets.has(value)) continue;
    offsets.set(value, BigInt(length));
    const bytes = Buffer.from(`${value}\0`);
    parts.push(bytes);
    length += bytes.length;
  }
  return { offsets, bytes: Buffer.concat(parts) };
}
