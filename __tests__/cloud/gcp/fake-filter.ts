/**
 * Compute Engine's list `filter`, the part of its grammar nanoship may use: one expression
 * `field op value`, or several in parentheses (all must hold, optionally joined by AND), where
 * `field` is a dotted path (`labels.nanoship-digest`), `op` is `=` or `!=` (exact match) or
 * `eq` / `ne` (the value is a regular expression that must match the whole field), and `value`
 * is a bare word or quoted. Anything else is refused, as an unknown form would be a guess
 * about the real service.
 */

export interface FilterTerm {
  field: string[];
  op: '=' | '!=' | 'eq' | 'ne';
  value: string;
}

const TERM =
  /^\s*([a-zA-Z][\w.-]*)\s*(=|!=|\beq\b|\bne\b)\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^\s()"']+))\s*$/;

/** Parses a filter; throws with the reason when it is outside the supported grammar. */
export function parseFilter(filter: string): FilterTerm[] {
  const text = filter.trim();
  if (text === '') return [];
  const groups = text.startsWith('(') ? splitGroups(text) : [text];
  return groups.map((group) => {
    const match = TERM.exec(group);
    if (!match) throw new Error(`cannot parse "${group}"`);
    const value = match[3] ?? match[4] ?? match[5] ?? '';
    return {
      field: match[1]!.split('.'),
      op: match[2] as FilterTerm['op'],
      value: value.replace(/\\(.)/g, '$1'),
    };
  });
}

function splitGroups(text: string): string[] {
  const groups: string[] = [];
  let rest = text;
  while (rest !== '') {
    const match = /^\(([^()]*)\)\s*(?:AND\s+)?/.exec(rest);
    if (!match) throw new Error(`cannot parse "${rest}"`);
    groups.push(match[1]!);
    rest = rest.slice(match[0].length).trim();
  }
  return groups;
}

const fullMatch = (pattern: string, text: string) => new RegExp(`^(?:${pattern})$`).test(text);

const COMPARE: Record<FilterTerm['op'], (text: string, value: string) => boolean> = {
  '=': (text, value) => text === value,
  '!=': (text, value) => text !== value,
  eq: (text, value) => fullMatch(value, text),
  ne: (text, value) => !fullMatch(value, text),
};

/** True when `resource` satisfies every term. Missing fields compare as empty. */
export function matchesFilter(resource: Record<string, unknown>, terms: FilterTerm[]): boolean {
  return terms.every((term) => {
    let value: unknown = resource;
    for (const key of term.field) {
      value =
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    }
    const text = value === undefined || value === null ? '' : String(value);
    return COMPARE[term.op](text, term.value);
  });
}
