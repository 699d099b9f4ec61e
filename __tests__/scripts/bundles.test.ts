import { describe, expect, test } from '@jest/globals';
import { requireBuiltins } from '../../scripts/bundles.js';

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
