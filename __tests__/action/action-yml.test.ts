// action.yml facts the code relies on.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYaml;

describe('action.yml', () => {
  test('gives kernel-version no default, so config.json NanosVersion can apply', () => {
    // The runner passes a default as if the user typed it, which would hide NanosVersion.
    expect(action.inputs['kernel-version']).toBeDefined();
    expect(action.inputs['kernel-version']!.default).toBeUndefined();
  });
});
