/**
 * An image's contents as text: the lines of a file listing and the manifest in the syntax
 * Nanos' mkfs reads. Shared by `nanoship inspect` and the job summary, apart from the reader:
 * the CLI's renderer, which every command loads, needs them and not the reader.
 */
import type { TfsEntry } from './tfs-reader.js';
import type { Tuple, Value } from './tree.js';
import { sortByName } from './tuple-codec.js';

/**
 * One line of a file listing: the size (or `link` / `dir`) right-aligned in 12 columns, then
 * the path. Shared by `nanoship inspect` and the job summary's file list.
 */
export function renderEntryLine(entry: TfsEntry): string {
  if (entry.kind === 'file') return `${String(entry.sizeBytes).padStart(12)}  ${entry.path}`;
  if (entry.kind === 'symlink') return `${'link'.padStart(12)}  ${entry.path} -> ${entry.target}`;
  return `${'dir'.padStart(12)}  ${entry.path}/`;
}

/** Characters that end a bare name in Nanos' manifest parser (tuple_parser.c), plus quotes. */
const NAME_NEEDS_QUOTES = /[\s()[\]:|/"\\#]/;
/** Characters that end a bare value; a leading `#` would start a comment. */
const VALUE_NEEDS_QUOTES = /[\s()[\]"\\]|^#/;

/**
 * Renders a tuple in the text manifest syntax Nanos' mkfs reads (format §7.2): one top-level
 * key per line, nested tuples and vectors inline, keys sorted by UTF-8 bytes, names and values
 * quoted when a bare form would not parse back to the same text.
 */
export function renderManifestText(tuple: Tuple): string {
  const lines = sortByName(tuple).map(
    ([key, value]) => `  ${renderName(key)}:${renderValue(value)}`,
  );
  return lines.length === 0 ? '()' : `(\n${lines.join('\n')}\n)`;
}

function renderValue(value: Value): string {
  if (typeof value === 'string') return quoteIf(value, VALUE_NEEDS_QUOTES);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(' ')}]`;
  return `(${sortByName(value)
    .map(([key, inner]) => `${renderName(key)}:${renderValue(inner)}`)
    .join(' ')})`;
}

function renderName(name: string): string {
  return quoteIf(name, NAME_NEEDS_QUOTES);
}

function quoteIf(text: string, needsQuotes: RegExp): string {
  if (text !== '' && !needsQuotes.test(text)) return text;
  return `"${text.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}
