/**
 * Finds where a JSON text stops being valid, as a line and column, because `JSON.parse` only
 * sometimes says where ("Unexpected token '}', …" carries no position). It runs only after
 * `JSON.parse` has failed, so it checks syntax and builds nothing.
 */

/** Where and why a JSON text is invalid; line and column count from 1. */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

class SyntaxStop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER_PATTERN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_PATTERN = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
/** Deeper nesting than any config needs; stops a crafted file from exhausting the stack. */
const MAX_DEPTH = 512;

/** Returns the first syntax problem in `text`, or undefined when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  try {
    const end = skipWhitespace(text, scanValue(text, skipWhitespace(text, 0), 0));
    if (end < text.length) throw new SyntaxStop(end, 'unexpected text after the JSON value');
    return undefined;
  } catch (error) {
    if (!(error instanceof SyntaxStop)) throw error;
    return { ...lineAndColumn(text, error.offset), reason: error.reason };
  }
}

/** Converts a character offset into a 1-based line and column. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function skipWhitespace(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  return at;
}

function describeAt(text: string, offset: number): string {
  return offset >= text.length ? 'the end of the file' : `"${text[offset]}"`;
}

/** Scans one value starting at `offset` (no leading whitespace); returns the offset after it. */
function scanValue(text: string, offset: number, depth: number): number {
  if (depth > MAX_DEPTH) throw new SyntaxStop(offset, `nesting deeper than ${MAX_DEPTH} levels`);
  const char = text[offset];
  if (char === '{') return scanContainer(text, offset, depth, '}', true);
  if (char === '[') return scanContainer(text, offset, depth, ']', false);
  if (char === '"')
    return scanPattern(text, offset, STRING_PATTERN, 'an unterminated or invalid string');
  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, offset)) return offset + word.length;
  }
  if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
    return scanPattern(text, offset, NUMBER_PATTERN, 'an invalid number');
  }
  throw new SyntaxStop(offset, `expected a value but found ${describeAt(text, offset)}`);
}

function scanPattern(text: string, offset: number, pattern: RegExp, what: string): number {
  pattern.lastIndex = offset;
  if (!pattern.test(text)) throw new SyntaxStop(offset, what);
  return pattern.lastIndex;
}

/** Scans an object (`keyed`) or array whose opening bracket is at `offset`. */
function scanContainer(
  text: string,
  offset: number,
  depth: number,
  close: string,
  keyed: boolean,
): number {
  let at = skipWhitespace(text, offset + 1);
  if (text[at] === close) return at + 1;
  for (;;) {
    if (keyed) {
      if (text[at] !== '"') {
        throw new SyntaxStop(at, `expected a "quoted" key but found ${describeAt(text, at)}`);
      }
      at = skipWhitespace(text, scanPattern(text, at, STRING_PATTERN, 'an invalid key string'));
      if (text[at] !== ':')
        throw new SyntaxStop(at, `expected ":" but found ${describeAt(text, at)}`);
      at = skipWhitespace(text, at + 1);
    }
    at = skipWhitespace(text, scanValue(text, at, depth + 1));
    if (text[at] === close) return at + 1;
    if (text[at] !== ',') {
      throw new SyntaxStop(at, `expected "," or "${close}" but found ${describeAt(text, at)}`);
    }
    at = skipWhitespace(text, at + 1);
  }
}
