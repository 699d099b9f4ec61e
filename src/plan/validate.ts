/**
 * Small validators shared by the plan builders. Each names the option the value came from
 * (through the edge's OptionNamer) and says what a good value looks like.
 */
import { UserError } from '../errors.js';
import type { OptionNamer } from './options.js';

/** Parses a whole number within [min, max]; undefined/empty gives `fallback`. */
export function parseInteger(
  raw: string | undefined,
  name: string,
  namer: OptionNamer,
  range: { min: number; max: number },
  fallback: number,
): number;
export function parseInteger(
  raw: string | undefined,
  name: string,
  namer: OptionNamer,
  range: { min: number; max: number },
): number | undefined;
export function parseInteger(
  raw: string | undefined,
  name: string,
  namer: OptionNamer,
  range: { min: number; max: number },
  fallback?: number,
): number | undefined {
  if (raw === undefined || raw.trim() === '') return fallback;
  const text = raw.trim();
  if (!/^-?\d+$/.test(text)) {
    throw new UserError(`${namer(name)} must be a whole number, got "${raw}".`);
  }
  const value = Number(text);
  if (value < range.min || value > range.max) {
    throw new UserError(
      `${namer(name)} must be between ${range.min} and ${range.max}, got ${value}.`,
    );
  }
  return value;
}

/** Parses one of a fixed set of words; undefined/empty gives `fallback`. */
export function parseChoice<T extends string>(
  raw: string | undefined,
  name: string,
  namer: OptionNamer,
  choices: readonly T[],
  fallback: T,
): T {
  if (raw === undefined || raw.trim() === '') return fallback;
  const text = raw.trim() as T;
  if (!choices.includes(text)) {
    throw new UserError(`${namer(name)} must be one of ${choices.join(', ')}, got "${raw}".`);
  }
  return text;
}

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };
/** An MBR counts sectors in 32 bits: 2^32 sectors of 512 bytes, 2 TiB, is all it can describe. */
const MAX_SIZE_BYTES = 2 ** 32 * 512;

/**
 * Parses a size like ops' BaseVolumeSz: digits with an optional k/m/g suffix (1024-based,
 * any case), rounded up to whole sectors, at most 2 TiB. `where` names the option or key.
 */
export function parseSize(raw: string, where: string): number {
  const match = /^(\d+)\s*([kmg]?)(i?b)?$/i.exec(raw.trim());
  if (!match) {
    throw new UserError(
      `${where} must be a size such as 512m, 2g or 1048576 (k/m/g are 1024-based), got "${raw}".`,
    );
  }
  const bytes = Number(match[1]) * (SIZE_UNITS[match[2]!.toLowerCase()] ?? 1);
  if (bytes > MAX_SIZE_BYTES) {
    throw new UserError(
      `${where} must be at most 2 TiB (2048g, the most an MBR partition table can describe), got "${raw}".`,
    );
  }
  return Math.ceil(bytes / 512) * 512;
}

/** Compiles a user regular expression, naming the option when it does not parse. */
export function parseRegExp(raw: string | undefined, name: string, namer: OptionNamer) {
  if (raw === undefined || raw === '') return undefined;
  try {
    return new RegExp(raw, 'm');
  } catch (error) {
    throw new UserError(`${namer(name)} is not a valid regular expression: ${raw}`, {
      cause: error,
    });
  }
}

/** Splits `KEY=VALUE`; the key must be non-empty. */
export function parseKeyValue(raw: string, name: string, namer: OptionNamer): [string, string] {
  const at = raw.indexOf('=');
  if (at <= 0) {
    throw new UserError(`${namer(name)} takes KEY=VALUE, got "${raw}".`);
  }
  return [raw.slice(0, at), raw.slice(at + 1)];
}

const DURATION_UNITS_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 7 * 86_400_000,
};

/** Parses a duration such as `90d`, `72h`, `30m` or `2w` into milliseconds. */
export function parseDuration(
  raw: string | undefined,
  name: string,
  namer: OptionNamer,
): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const match = /^(\d+)\s*([mhdw])$/i.exec(raw.trim());
  if (!match || Number(match[1]) === 0) {
    throw new UserError(
      `${namer(name)} must be a duration such as 30m, 72h, 90d or 2w, got "${raw}".`,
    );
  }
  return Number(match[1]) * DURATION_UNITS_MS[match[2]!.toLowerCase()]!;
}

/** Parses a yes/no option the way `@actions/core` reads booleans; undefined/empty: `fallback`. */
export function parseBoolean(
  raw: string | undefined,
  name: string,
  namer: OptionNamer,
  fallback: boolean,
): boolean {
  if (raw === undefined || raw.trim() === '') return fallback;
  const text = raw.trim();
  if (['true', 'True', 'TRUE'].includes(text)) return true;
  if (['false', 'False', 'FALSE'].includes(text)) return false;
  throw new UserError(`${namer(name)} must be true or false, got "${raw}".`);
}

/** Items of a list option: one per entry, and entries may also be separated by commas. */
export function splitList(entries: string[]): string[] {
  return entries
    .flatMap((entry) => entry.split(/[,\n]/))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
