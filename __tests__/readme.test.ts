// The README's inputs and outputs tables must say exactly what action.yml declares.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { Outputs } from '../src/constants.js';

interface ActionYaml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYaml;
const readme = readFileSync('README.md', 'utf8');

/** Rows of the markdown table that follows `heading`, as the first cell's `code` text. */
function tableNames(heading: string): string[] {
  const start = readme.indexOf(heading);
  expect(start).toBeGreaterThanOrEqual(0);
  const rest = readme.slice(start + heading.length);
  const end = rest.search(/\n## /);
  const section = end < 0 ? rest : rest.slice(0, end);
  return [...section.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((match) => match[1]!);
}

describe('README', () => {
  test('lists every action input, and nothing else', () => {
    expect(tableNames('## Inputs').sort()).toEqual(Object.keys(action.inputs).sort());
  });

  test('lists every action output, and nothing else', () => {
    expect(tableNames('## Outputs').sort()).toEqual(Object.keys(action.outputs).sort());
  });

  test('shows each input default as action.yml declares it', () => {
    for (const [name, input] of Object.entries(action.inputs)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      const expected = input.default === undefined ? '' : `\`${input.default}\``;
      expect({ name, default: row?.split('|')[3]?.trim() }).toEqual({ name, default: expected });
    }
  });

  test('declares every output the code sets', () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort());
  });
});
