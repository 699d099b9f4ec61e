/**
 * Reads the dynamic section of an ELF file: DT_NEEDED, DT_RPATH, DT_RUNPATH and DT_SONAME.
 * The strings live in the dynamic string table, found through DT_STRTAB's load address; each
 * string is read on its own, bounded by the table and the file, never the whole table.
 */
import { UserError } from '../errors.js';
import { ByteCursor } from './bytes.js';
import {
  type ElfSource,
  LAYOUTS,
  type ProgramHeader,
  PT_DYNAMIC,
  PT_LOAD,
  readAt,
  reader,
} from './elf-source.js';

const DT_NULL = 0n;
const DT_NEEDED = 1n;
const DT_STRTAB = 5n;
const DT_STRSZ = 10n;
const DT_SONAME = 14n;
const DT_RPATH = 15n;
const DT_RUNPATH = 29n;
/** Longest library name or path list we read; real ones are far shorter. */
const MAX_DYNAMIC_STRING_BYTES = 4096;
/** A dynamic section has a few dozen entries; 64 Ki of them is already absurd. */
const MAX_DYNAMIC_ENTRIES = 65536;

export interface DynamicFacts {
  needed: string[];
  rpath: string[];
  runpath: string[];
  soname?: string;
}

/** Reads the dynamic facts, or empty lists when there is no PT_DYNAMIC (a static program). */
export async function readDynamic(
  source: ElfSource,
  phdrs: ProgramHeader[],
): Promise<DynamicFacts> {
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
