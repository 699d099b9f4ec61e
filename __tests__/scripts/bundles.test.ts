import { describe, expect, test } from '@jest/globals';
import { inlineStringKeys, requireBuiltins } from '../../scripts/bundles.js';

describe('requireBuiltins', () => {
  test.each([
    [
      'named imports, renamed ones',
      'import { open, rename as rename2 } from "node:fs/promises";',
      'const { open, rename: rename2 } = require("node:fs/promises");',
    ],
    ['a default import', 'import path from "node:path";', 'const path = require("node:path");'],
    ['a namespace import', 'import * as os from "os";', 'const os = require("os");'],
    [
      'a default and named imports',
      'import fs, { constants } from "fs";',
      'const fs = require("fs"), { constants } = fs;',
    ],
    [
      'named imports over several lines',
      'import {\n  createHash,\n  randomBytes\n} from "node:crypto";',
      'const { createHash, randomBytes } = require("node:crypto");',
    ],
  ])('rewrites %s of a built-in', (_, code, expected) => {
    expect(requireBuiltins(`let a;\n${code}\nuse();\n`)).toBe(`let a;\n${expected}\nuse();\n`);
  });

  test.each([
    ['a chunk', 'import { run } from "../chunks/main-AB12.mjs";'],
    ['a package', 'import { z } from "zod";'],
    ['the banner, which defines require', "import { createRequire as r } from 'node:module';"],
    ['a dynamic import', 'const { runSmoke } = await import("node:fs");'],
    ['an import inside a line', '  import { open } from "node:fs";'],
  ])('leaves %s alone', (_, code) => {
    expect(requireBuiltins(code)).toBe(code);
  });
});

describe('inlineStringKeys', () => {
  const head = 'const _xN = "xmlName";\nconst _q = "it\'s";\n';

  test.each([
    [
      'a key in a trait object',
      'var A$ = [0, { [_xN]: `Min` }];',
      'var A$ = [0, { "xmlName": `Min` }];',
    ],
    [
      'keys of nested objects, in any order',
      'x = { [_q]: { [_xN]: 1 }, [_xN]: 2 };',
      'x = { "it\'s": { "xmlName": 1 }, "xmlName": 2 };',
    ],
    ['a method name', 'x = { [_xN]() {} };', 'x = { "xmlName"() {} };'],
  ])('writes out %s', (_, code, expected) => {
    expect(inlineStringKeys(head + code)).toBe(head + expected);
  });

  test.each([
    ['a key that is not a name', 'x = { [_xN + 1]: 1, [`k`]: 2 };'],
    ['a name that is not a constant', 'let _l = "l";\nx = { [_l]: 1 };'],
    ['a constant that is not a string', 'const _n = 1;\nx = { [_n]: 1 };'],
    ['a constant that may be shadowed', 'const f = (_xN) => ({ [_xN]: 1 });'],
    ['"__proto__", which would set the prototype', 'const _p = "__proto__";\nx = { [_p]: 1 };'],
    ['a class member, which could become the constructor', 'class A { [_xN]() {} }'],
    ['a key before its constant, which throws', 'x = { [_z]: 1 };\nconst _z = "z";'],
  ])('leaves alone %s', (_, code) => {
    expect(inlineStringKeys(head + code)).toBe(head + code);
  });
});
