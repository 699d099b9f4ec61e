/**
 * Turns schema issues into sentences a user can act on: the key path as it is written in
 * config.json, what was expected, what was found, and for a misspelt key the closest known one.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** How far a misspelling may be from a known key to be suggested (edits, after lower-casing). */
const MAX_SUGGESTION_DISTANCE = 3;

const EXPECTED_NAMES: Record<string, string> = {
  string: 'a string',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  boolean: 'true or false',
  number: 'a number',
  int: 'a whole number',
};

/**
 * Describes one issue in one sentence. `input` is the parsed JSON (to show the value found);
 * `knownKeysAt(path)` lists the keys the object at `path` accepts (for "did you mean").
 */
export function describeIssue(
  issue: Issue,
  input: unknown,
  knownKeysAt: (path: Path) => string[],
): string {
  const where = renderKeyPath(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys
        .map((key) => {
          const place = issue.path.length === 0 ? 'at the top level' : `in ${where}`;
          const suggestion = suggestKey(key, knownKeysAt(issue.path));
          const hint = suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
          return `unknown key "${key}" ${place}${hint}`;
        })
        .join('; ');
    case 'invalid_type': {
      const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
      const found = valueAt(input, issue.path);
      if (found === undefined) return `${where} is missing: it must be ${expected}`;
      return `${where || 'the top level'} must be ${expected}, not ${describeValue(found)}`;
    }
    case 'too_small':
      return `${where} must be at least ${String(issue.minimum)}, not ${describeValue(valueAt(input, issue.path))}`;
    case 'custom':
      return issue.message;
    default:
      return `${where || 'the top level'}: ${issue.message}`;
  }
}

/** Writes a key path the way it reads in JSON: `RunConfig.Ports[0]`, `Env["MY VAR"]`. */
function renderKeyPath(path: Path): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(part))) {
      text += text === '' ? String(part) : `.${String(part)}`;
    } else text += `[${JSON.stringify(String(part))}]`;
  }
  return text;
}

/** The known key closest to `key` (case-insensitive edit distance), if it is close enough. */
function suggestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = Math.min(MAX_SUGGESTION_DISTANCE, Math.floor(key.length / 2));
  return bestDistance <= limit ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions counted as one edit ("Agrs" → "Args"). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[i]![j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Follows `path` into the parsed JSON, matching object keys case-insensitively as ops does. */
function valueAt(input: unknown, path: Path): unknown {
  let value = input;
  for (const part of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Record<string, unknown>;
    const key = String(part);
    if (Object.hasOwn(record, key)) value = record[key];
    else {
      const match = Object.keys(record).find((k) => k.toLowerCase() === key.toLowerCase());
      value = match === undefined ? undefined : record[match];
    }
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return String(value);
  return `the ${typeof value} ${String(value)}`;
}
