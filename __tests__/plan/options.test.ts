import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { actionInputName, cliOptionName } from '../../src/plan/options.js';

const inputs = Object.keys(
  (parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown> }).inputs,
);

/** The words the plan builders pass to a namer: the CLI's flag names. */
const PLAN_OPTION_WORDS = [
  'kernel-version',
  'kernel-base-url',
  'kernel-sha256',
  'kernel-dir',
  'arch',
  'program',
  'config',
  'arg',
  'env',
  'file',
  'dir',
  'output',
  'image-name',
  'size',
  'ca-bundle',
  'probe',
  'expect-status',
  'expect-body',
  'expect-exit',
  'expect-output',
  'timeout',
  'accel',
  'boot-mode',
  'memory',
  'cpus',
  'console-log',
];

describe('actionInputName', () => {
  test.each([
    { word: 'arg', named: 'input "args"' },
    { word: 'file', named: 'input "files"' },
    { word: 'dir', named: 'input "dirs"' },
    { word: 'kernel-version', named: 'input "kernel-version"' },
  ])('names $word as $named', ({ word, named }) => {
    expect(actionInputName(word)).toBe(named);
  });

  test('names only inputs that action.yml declares', () => {
    const named = PLAN_OPTION_WORDS.map(
      (word) => /^input "(.*)"$/.exec(actionInputName(word))?.[1],
    );
    expect(named.filter((id) => id === undefined || !inputs.includes(id))).toEqual([]);
  });
});

describe('cliOptionName', () => {
  test.each([
    { word: 'file', named: '--file' },
    { word: 'kernel-version', named: '--kernel-version' },
    { word: 'program', named: 'the <program> argument' },
  ])('names $word as $named', ({ word, named }) => {
    expect(cliOptionName(word)).toBe(named);
  });
});
