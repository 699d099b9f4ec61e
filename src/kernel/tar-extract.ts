import { createReadStream } from 'node:fs';
import { link, mkdir, open, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { errorMessage, UserError } from '../errors.js';
import { ByteReader, TruncatedError } from './byte-reader.js';
import {
  decodePaxRecords,
  decodeString,
  decodeTarHeader,
  TAR_BLOCK_BYTES,
  TarFormatError,
  type TarHeader,
} from './tar-header.js';

/** GNU long names and pax headers are held in memory; a release needs a few hundred bytes. */
const MAX_EXTENSION_BYTES = 1024 * 1024;

/** File data is copied in slices of this size, so memory stays bounded whatever the entry size. */
const COPY_SLICE_BYTES = 64 * 1024;

/**
 * Extracts the gzip-compressed tar `archive` into `destDir` (which must exist), streaming.
 * Regular files, directories and links that stay inside `destDir` are written; an absolute
 * name, a `..` component, an escaping link or a device entry is refused. Any damage (bad gzip,
 * truncated data, bad header) throws a UserError "archive is truncated or corrupt: <label>: …";
 * what was already written is left for the caller, which extracts into a scratch directory.
 */
export async function extractTarGz(archive: string, destDir: string, label: string): Promise<void> {
  // Loaded here, not at start-up: only a download needs it, and most runs find the kernel cached.
  const { createGunzip } = await import('node:zlib');
  try {
    await pipeline(
      createReadStream(archive),
      createGunzip(),
      async (source: AsyncIterable<Buffer>) => {
        await extractEntries(new ByteReader(source), destDir);
      },
    );
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (isDamage(error)) {
      throw new UserError(
        `archive is truncated or corrupt: ${label}: ${errorMessage(error)}; run again, and if it repeats, the copy on the server is damaged: check --kernel-base-url (input kernel-base-url)`,
        { cause: error },
      );
    }
    throw error;
  }
}

/** Names set by a GNU long-name/long-link entry or a pax header for the entry that follows. */
interface PendingNames {
  name?: string;
  linkname?: string;
  size?: number;
}

async function extractEntries(reader: ByteReader, destDir: string): Promise<void> {
  let pending: PendingNames = {};
  for (;;) {
    const header = decodeTarHeader(await reader.readExactly(TAR_BLOCK_BYTES, 'a header'));
    if (header === null) break;
    const size = pending.size ?? header.size;
    if (header.type === 'gnu-long-name' || header.type === 'gnu-long-link') {
      const text = decodeString(await readExtension(reader, header.size));
      pending =
        header.type === 'gnu-long-name'
          ? { ...pending, name: text }
          : { ...pending, linkname: text };
      continue;
    }
    if (header.type === 'pax-header' || header.type === 'pax-global-header') {
      const records = decodePaxRecords(await readExtension(reader, header.size));
      if (header.type === 'pax-header') pending = { ...pending, ...paxNames(records) };
      continue;
    }
    const entry = {
      ...header,
      size,
      name: pending.name ?? header.name,
      linkname: pending.linkname ?? header.linkname,
    };
    pending = {};
    await extractEntry(reader, entry, destDir);
  }
  // Drain the zero padding after the end marker so the gzip stream is checked to its end.
  while ((await reader.readSome(COPY_SLICE_BYTES)) !== undefined) {}
}

async function extractEntry(reader: ByteReader, entry: TarHeader, destDir: string): Promise<void> {
  const target = safeEntryPath(destDir, entry.name);
  switch (entry.type) {
    case 'file':
      await mkdir(path.dirname(target), { recursive: true });
      await copyData(reader, entry, target);
      return;
    case 'directory':
      await mkdir(target, { recursive: true });
      break;
    case 'symlink':
      checkSymlinkTarget(entry);
      await mkdir(path.dirname(target), { recursive: true });
      await symlink(entry.linkname, target);
      break;
    case 'hardlink':
      await mkdir(path.dirname(target), { recursive: true });
      await link(safeEntryPath(destDir, entry.linkname), target);
      break;
    default:
      throw new UserError(
        `the kernel archive holds '${entry.name}' of tar type '${entry.typeflag}', which nanoship does not extract (only files, directories and links)`,
      );
  }
  await skipData(reader, entry.size);
}

async function copyData(reader: ByteReader, entry: TarHeader, target: string): Promise<void> {
  // Keep the execute bits, drop set-id bits and group/other write.
  const file = await open(target, 'w', entry.mode & 0o755 || 0o644);
  try {
    let left = entry.size;
    while (left > 0) {
      const slice = await reader.readSome(Math.min(left, COPY_SLICE_BYTES));
      if (slice === undefined) throw new TruncatedError(`the data of '${entry.name}'`);
      await file.write(slice);
      left -= slice.length;
    }
  } finally {
    await file.close();
  }
  await skipData(reader, 0, entry.size);
}

/** Skips `size` bytes of data plus the padding to the next block (of `padFor` bytes when given). */
async function skipData(reader: ByteReader, size: number, padFor = size): Promise<void> {
  let left = size + padding(padFor);
  while (left > 0) {
    const slice = await reader.readSome(Math.min(left, COPY_SLICE_BYTES));
    if (slice === undefined) throw new TruncatedError('entry data');
    left -= slice.length;
  }
}

async function readExtension(reader: ByteReader, size: number): Promise<Uint8Array> {
  if (size > MAX_EXTENSION_BYTES) {
    throw new TarFormatError(`an extended header of ${size} bytes is implausibly large`);
  }
  const body = await reader.readExactly(size, 'an extended header');
  await skipData(reader, 0, size);
  return body;
}

function paxNames(records: Map<string, string>): PendingNames {
  const names: PendingNames = {};
  const name = records.get('path');
  const linkname = records.get('linkpath');
  const size = records.get('size');
  if (name !== undefined) names.name = name;
  if (linkname !== undefined) names.linkname = linkname;
  if (size !== undefined) names.size = Number.parseInt(size, 10);
  return names;
}

/**
 * The host path for an entry name, refusing names that could land outside `root`: absolute
 * paths, drive letters, backslashes, NUL and any `..` component.
 */
function safeEntryPath(root: string, name: string): string {
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  const unsafe =
    name.startsWith('/') ||
    /^[A-Za-z]:/.test(name) ||
    name.includes('\\') ||
    name.includes('\0') ||
    parts.includes('..');
  if (unsafe) {
    throw new UserError(
      `the kernel archive holds an entry named '${name}', which would be written outside the extraction folder; refusing to extract it (the archive is not a Nanos release)`,
    );
  }
  return path.join(root, ...parts);
}

/**
 * A symlink may only point down from its own folder (relative, no `..`): any chain of such
 * links stays inside the extraction folder, whatever order entries come in.
 */
function checkSymlinkTarget(entry: TarHeader): void {
  const target = entry.linkname;
  if (target.startsWith('/') || target.includes('\\') || target.split('/').includes('..')) {
    throw new UserError(
      `the kernel archive holds a symlink '${entry.name}' -> '${target}' that points outside its folder; refusing to extract it (the archive is not a Nanos release)`,
    );
  }
}

function padding(size: number): number {
  return (TAR_BLOCK_BYTES - (size % TAR_BLOCK_BYTES)) % TAR_BLOCK_BYTES;
}

/** Damage to the archive, as opposed to a local failure such as a full disk. */
function isDamage(error: unknown): boolean {
  if (error instanceof TarFormatError || error instanceof TruncatedError) return true;
  // zlib reports bad or cut gzip data with codes like Z_DATA_ERROR / Z_BUF_ERROR.
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}
