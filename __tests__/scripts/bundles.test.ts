import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { builtinsFromProcess, inlineStringKeys, pruneBanner } from '../../scripts/bundles.js';

describe('builtinsFromProcess', () => {
  test.each([
    [
      'named imports, renamed ones',
      'import { open, rename as rename2 } from "node:fs/promises";',
      'const { open, rename: rename2 } = process.getBuiltinModule("node:fs/promises");',
    ],
    [
      'a default import',
      'import path from "node:path";',
      'const path = process.getBuiltinModule("node:path");',
    ],
    [
      'a namespace import',
      'import * as os from "os";',
      'const os = process.getBuiltinModule("os");',
    ],
    [
      'a default and named imports',
      'import fs, { constants } from "fs";',
      'const fs = process.getBuiltinModule("fs"), { constants } = fs;',
    ],
    [
      'named imports over several lines',
      'import {\n  createHash,\n  randomBytes\n} from "node:crypto";',
      'const { createHash, randomBytes } = process.getBuiltinModule("node:crypto");',
    ],
  ])('rewrites %s of a built-in', (_, code, expected) => {
    expect(builtinsFromProcess(`let a;\n${code}\nuse();\n`)).toBe(`let a;\n${expected}\nuse();\n`);
  });

  test.each([
    ['a chunk', 'import { run } from "../chunks/main-AB12.mjs";'],
    ['a package', 'import { z } from "zod";'],
    ['an import in single quotes, as the banner writes them', "import { a } from 'node:url';"],
    ['a dynamic import', 'const { runSmoke } = await import("node:fs");'],
    ['an import inside a line', '  import { open } from "node:fs";'],
  ])('leaves %s alone', (_, code) => {
    expect(builtinsFromProcess(code)).toBe(code);
  });
});

describe('pruneBanner', () => {
  const banner = [
    '#!/usr/bin/env node',
    "import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';",
    "let __nanoshipRequire; const require = (id) => (__nanoshipRequire ??= process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);",
    'const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);',
    "const __nanoshipDirname = __nanoshipFilename.replace(/[\\\\/][^\\\\/]*$/, '');",
  ];
  const [shebang, importPath, require, filename, dirname] = banner;
  const chunk = (body: string) => [...banner, body].join('\n');
  const kept = (lines: (string | undefined)[], body: string) => [...lines, body].join('\n');

  test('keeps only the shebang in a chunk that uses none of the names', () => {
    const body = 'import { x } from "./chunk-A.mjs";\nvar y = __require("zod");';
    expect(pruneBanner(chunk(body))).toBe(kept([shebang], body));
  });

  test('keeps require for a chunk that calls require', () => {
    const body = 'var fs = typeof require !== "undefined" ? require("fs") : null;';
    expect(pruneBanner(chunk(body))).toBe(kept([shebang, require], body));
  });

  test('keeps __filename and its import for a chunk that uses __filename', () => {
    const body = 'console.log(__nanoshipFilename);';
    expect(pruneBanner(chunk(body))).toBe(kept([shebang, importPath, filename], body));
  });

  test('keeps __dirname with the __filename it is made from', () => {
    const body = 'var p = __nanoshipDirname + "/protos.json";';
    expect(pruneBanner(chunk(body))).toBe(kept([shebang, importPath, filename, dirname], body));
  });

  test("the banner's require loads CommonJS files next to the chunk, and built-ins", async () => {
    // Run by a real Node: the require is made from the chunk's own URL on its first call.
    const dir = await mkdtemp(join(tmpdir(), 'nanoship-banner-'));
    try {
      await writeFile(join(dir, 'dep.cjs'), 'module.exports = { answer: 42 };\n');
      const body = [
        'const dep = require("./dep.cjs");',
        'const path = require("node:path");',
        'console.log(JSON.stringify([typeof require, dep.answer, path.basename("/a/b.txt")]));',
      ].join('\n');
      await writeFile(join(dir, 'chunk.mjs'), pruneBanner(chunk(body)));
      const printed = execFileSync(process.execPath, [join(dir, 'chunk.mjs')], { cwd: tmpdir() });
      expect(JSON.parse(printed.toString())).toEqual(['function', 42, 'b.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('leaves alone code without the banner', () => {
    const code = 'const require = 1;\nexport { require };';
    expect(pruneBanner(code)).toBe(code);
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
