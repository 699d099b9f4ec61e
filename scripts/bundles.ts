/**
 * How the Action and the CLI are bundled; used by scripts/package.ts (dist/, committed) and by
 * the benchmark (a temporary copy of the current source). The output must be deterministic:
 * CI rebuilds dist/ and fails on any difference, so nothing here depends on time or paths.
 *
 * Every entry is an ES module (`.mjs`). A CommonJS bundle cannot hold ESM dependencies
 * faithfully: esbuild turns their `import.meta` into `{}`, so an idiom as common as
 * `createRequire(import.meta.url)` crashes the bundle on load (it did: @actions/cache pulls in
 * such a module). In ESM output `import.meta.url` stays real, and the CommonJS dependencies get
 * the `require`, `__filename` and `__dirname` they expect from the banner below. Runners start
 * `node24` actions with `node <file>`, which runs a `.mjs` file as ESM.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');

/** Where each entry lands under the output folder (without `.mjs`). */
const ENTRIES = {
  main: 'src/action/index.ts',
  post: 'src/action/post-index.ts',
  'cli/nanoship': 'src/cli/index.ts',
};

/**
 * What bundled CommonJS code needs in an ES module, each line with the name it defines (a
 * chunk that does not use the name loses the line: pruneBanner). The names are nanoship's own,
 * and `define` points the free `__filename`/`__dirname` of dependencies at them, so a
 * dependency that declares its own variable of that name does not collide with the banner.
 */
const BANNER_USES = [
  {
    line: "import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';",
    name: '__nanoshipFileURLToPath',
  },
  // Made on the first call: the runtime chunk that every command loads refers to `require`
  // but calls it only for CommonJS dependencies, and the `createRequire`, its `node:module`
  // import and the first `import.meta` cost a build ~70 page faults (~3 ms) for nothing.
  {
    line: "let __nanoshipRequire; const require = (id) => (__nanoshipRequire ??= process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);",
    name: 'require',
  },
  {
    line: 'const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);',
    name: '__nanoshipFilename',
  },
  {
    line: "const __nanoshipDirname = __nanoshipFilename.replace(/[\\\\/][^\\\\/]*$/, '');",
    name: '__nanoshipDirname',
  },
];
const BANNER_LINES = ['#!/usr/bin/env node', ...BANNER_USES.map(({ line }) => line)];
const BANNER = BANNER_LINES.join('\n');

/**
 * The Compute Engine services nanoship calls. @google-cloud/compute loads one protos.json
 * describing every Compute service (12.5 MB of the 16.8 MB GCP chunk); each client needs only
 * its own service and the message types it reaches.
 */
const COMPUTE_SERVICES = [
  'google.cloud.compute.v1.Images',
  'google.cloud.compute.v1.GlobalOperations',
  'google.cloud.compute.v1.Instances',
  'google.cloud.compute.v1.Firewalls',
  'google.cloud.compute.v1.ZoneOperations',
];

/** Replaces Compute's protos.json with the part `services` reach. */
function computeProtosFor(services: string[]): Plugin {
  return {
    name: 'compute-protos',
    setup(build) {
      build.onLoad(
        { filter: /@google-cloud[\\/]compute[\\/]build[\\/]protos[\\/]protos\.json$/ },
        (args) => {
          // protobufjs comes with google-gax; resolve it from where Compute finds it.
          const protobuf = createRequire(args.path)('protobufjs');
          const json = JSON.parse(readFileSync(args.path, 'utf8'));
          const root = protobuf.Root.fromJSON(json).resolveAll();
          const keep = new Set<string>();
          const visit = (type: ProtoNode | null | undefined): void => {
            if (!type || keep.has(type.fullName)) return;
            keep.add(type.fullName);
            for (const field of type.fieldsArray ?? []) visit(field.resolvedType);
            for (const nested of type.nestedArray ?? []) visit(nested);
          };
          for (const name of services) {
            const service = root.lookupService(name);
            keep.add(service.fullName);
            for (const method of service.methodsArray) {
              visit(method.resolvedRequestType);
              visit(method.resolvedResponseType);
            }
          }
          const kept = (full: string) =>
            [...keep].some((name) => name === full || name.startsWith(`${full}.`));
          const prune = (node: ProtoJson, at: string): ProtoJson => {
            if (!node.nested) return node;
            const nested: Record<string, ProtoJson> = {};
            for (const [key, child] of Object.entries(node.nested)) {
              if (kept(`${at}.${key}`)) nested[key] = prune(child, `${at}.${key}`);
            }
            return { ...node, nested };
          };
          return { contents: JSON.stringify(prune(json, '')), loader: 'json' };
        },
      );
    },
  };
}

interface ProtoNode {
  fullName: string;
  fieldsArray?: { resolvedType: ProtoNode | null }[];
  nestedArray?: ProtoNode[];
}
interface ProtoJson {
  nested?: Record<string, ProtoJson>;
}

/**
 * Where an AWS SDK client keeps its schemas: one module with a plain array for every shape and
 * operation of the service (EC2: ~4,200 of them, 1.3 MB of source), of which the commands
 * nanoship imports reach a few hundred.
 */
const AWS_SCHEMAS = /@aws-sdk[\\/]client-[\w-]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;

/**
 * Lets esbuild drop the AWS SDK schemas that no imported command reaches. The schemas are
 * side-effect-free arrays, which esbuild already drops when unused, except those holding a
 * trait object: its keys are computed from the module's string constants
 * (`{ [_xN]: "Min" }`, `_xN` being `"xmlName"`), and esbuild keeps any object with a computed
 * key, for the key could run code. With the keys written out, reachability from the commands'
 * operation schemas is esbuild's own tree shaking.
 */
function pureAwsSchemas(): Plugin {
  return {
    name: 'aws-schemas',
    setup(build) {
      build.onLoad({ filter: AWS_SCHEMAS }, async (args) => ({
        contents: inlineStringKeys(await readFile(args.path, 'utf8')),
        loader: 'js',
      }));
    },
  };
}

/**
 * Rewrites each computed key `[name]` of an object literal in `code` whose name is a top-level
 * `const` holding a string literal into that literal, leaving the code's meaning unchanged. A
 * name declared more than once anywhere in the module (so possibly shadowed) is left alone, and
 * so is `"__proto__"`, which as a literal key would set the prototype instead of a property,
 * and a key before its constant's declaration, where reading the constant throws.
 * Class members are left alone too: a method named `"constructor"` would become the constructor.
 */
export function inlineStringKeys(code: string): string {
  const source = ts.createSourceFile('schemas.js', code, ts.ScriptTarget.Latest);
  const declarations = new Map<string, number>();
  const constants = new Map<string, { value: string; end: number }>();
  const keys: ts.ComputedPropertyName[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      for (const { name } of node.properties) {
        if (name && ts.isComputedPropertyName(name)) keys.push(name);
      }
    }
    const name = (node as { name?: ts.Node }).name;
    if (isBinding(node) && name && ts.isIdentifier(name)) {
      declarations.set(name.text, (declarations.get(name.text) ?? 0) + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const { name, initializer } of statement.declarationList.declarations) {
      if (ts.isIdentifier(name) && initializer && ts.isStringLiteral(initializer)) {
        constants.set(name.text, { value: initializer.text, end: statement.end });
      }
    }
  }
  const pieces: string[] = [];
  let copied = 0;
  for (const key of keys.sort((a, b) => a.pos - b.pos)) {
    if (!ts.isIdentifier(key.expression)) continue;
    const name = key.expression.text;
    const constant = constants.get(name);
    if (!constant || constant.end > key.pos || declarations.get(name) !== 1) continue;
    if (constant.value === '__proto__') continue;
    const start = key.getStart(source);
    pieces.push(code.slice(copied, start), JSON.stringify(constant.value));
    copied = key.end;
  }
  pieces.push(code.slice(copied));
  return pieces.join('');
}

/** Whether `node` declares a name in its scope (what could shadow a module constant). */
function isBinding(node: ts.Node): boolean {
  return (
    ts.isVariableDeclaration(node) ||
    ts.isParameter(node) ||
    ts.isBindingElement(node) ||
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isClassDeclaration(node) ||
    ts.isClassExpression(node) ||
    ts.isImportClause(node) ||
    ts.isImportSpecifier(node) ||
    ts.isNamespaceImport(node)
  );
}

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
/**
 * A top-level import statement as esbuild prints it: `import x from "m";`,
 * `import { a, b as c } from "m";`, `import * as x from "m";`, `import x, { a } from "m";`.
 */
const IMPORT_STATEMENT =
  /^import\s+(?:([\w$]+)\s*,\s*)?(?:\{([^}]*)\}|\*\s+as\s+([\w$]+)|([\w$]+))\s+from\s+"([^"]+)";$/gm;

/**
 * Rewrites the static imports of Node built-ins in one output file into
 * `process.getBuiltinModule()` calls. An ES module namespace of a built-in is built from all of
 * its exports, which runs every lazy getter: `import { createHash } from "node:crypto"` also
 * loads WebCrypto and a dozen crypto modules, `import { parseArgs } from "node:util"` the
 * console colours and stdio streams. `getBuiltinModule` returns the same exports object that
 * require() does and so runs only the getters the code reads (measured with callgrind:
 * `nanoship --help` 122 -> 102 million instructions, a build of the 6.5 MB Go server 8 million
 * fewer), and unlike require() it needs no `createRequire` of the file, which cost each chunk
 * of a build more than its own code did (see pruneBanner). esbuild emits each module's imports
 * before its code, so the `const` is set before anything reads it.
 */
export function builtinsFromProcess(code: string): string {
  return code.replace(IMPORT_STATEMENT, (statement, first, named, namespace, only, specifier) => {
    if (!BUILTINS.has(specifier)) return statement;
    const loaded = `process.getBuiltinModule(${JSON.stringify(specifier)})`;
    const whole = first ?? namespace ?? only;
    if (named === undefined) return `const ${whole} = ${loaded};`;
    const fields = named
      .split(',')
      .map((field: string) => field.trim().replace(/\s+as\s+/, ': '))
      .filter((field: string) => field !== '')
      .join(', ');
    return whole === undefined
      ? `const { ${fields} } = ${loaded};`
      : `const ${whole} = ${loaded}, { ${fields} } = ${whole};`;
  });
}

/**
 * Drops from one output file the banner lines whose names the file does not use. Most chunks
 * are nanoship's own code, which reaches Node only through built-ins (builtinsFromProcess), so
 * they need neither `require` nor `__filename`: making them anyway, a `createRequire` and a
 * `fileURLToPath` of the chunk's URL and the two imports they come from, was 11-13 million of
 * the ~125 million instructions a build of the 6.5 MB Go server adds to bare Node (callgrind,
 * three runs each). A name counts as used wherever it appears as a word, even in a string or a
 * comment, so a line is dropped only when nothing could read it. Lines are checked from the
 * last up, as each may be the only user of one above it.
 */
export function pruneBanner(code: string): string {
  const lines = code.split('\n');
  for (const { line, name } of [...BANNER_USES].reverse()) {
    const at = lines.indexOf(line);
    if (at < 0 || at >= BANNER_LINES.length) continue;
    const rest = lines.filter((_, index) => index !== at).join('\n');
    if (!new RegExp(`\\b${name}\\b`).test(rest)) lines.splice(at, 1);
  }
  return lines.join('\n');
}

export interface Bundles {
  /** The Action's main entry (action.yml `runs.main`). */
  main: string;
  /** The Action's post entry (action.yml `runs.post`). */
  post: string;
  /** The CLI (package.json `bin`). */
  cli: string;
}

/**
 * Bundles the Action's two entries and the CLI into `outdir`, with code shared between them
 * and code only some commands need (the config schema, QEMU handling, cloud clients) in
 * chunks loaded on demand: start-up time is most of a small build.
 */
export async function bundleAll(outdir: string): Promise<Bundles> {
  await bundleModules(ENTRIES, outdir);
  return {
    main: path.join(outdir, 'main.mjs'),
    post: path.join(outdir, 'post.mjs'),
    cli: path.join(outdir, 'cli', 'nanoship.mjs'),
  };
}

/**
 * Bundles other entries (the benchmark) exactly as the shipped ones are bundled, so that what
 * it measures (start-up, memory of the cloud SDKs) is what users run. `entries` maps output
 * names (without `.mjs`) to source files.
 */
export async function bundleModules(entries: Record<string, string>, outdir: string) {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  const result = await build({
    absWorkingDir: root,
    entryPoints: entries,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // node20 rather than the Action's node24 so that `npx nanoship` also runs on hosts whose
    // node is older; nothing in the code needs newer syntax.
    target: 'node20',
    minify: false,
    legalComments: 'eof',
    sourcemap: false,
    banner: { js: BANNER },
    // Class names stay as written: @google-cloud/storage's HTTP layer checks that its signal
    // is an AbortSignal by the class's name, which esbuild would otherwise rename.
    keepNames: true,
    // Dependencies' ES module builds: the AWS SDK's CommonJS build alone takes 130 MiB to load.
    mainFields: ['module', 'main'],
    alias: { punycode: 'punycode/' },
    plugins: [computeProtosFor(COMPUTE_SERVICES), pureAwsSchemas()],
    define: {
      NANOSHIP_VERSION: JSON.stringify(pkg.version),
      __filename: '__nanoshipFilename',
      __dirname: '__nanoshipDirname',
    },
    logLevel: 'warning',
    write: false,
  });
  for (const file of result.outputFiles) {
    await mkdir(path.dirname(file.path), { recursive: true });
    await writeFile(file.path, pruneBanner(builtinsFromProcess(file.text)));
  }
}
