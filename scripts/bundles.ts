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

const root = path.resolve(import.meta.dirname, '..');

/** Where each entry lands under the output folder (without `.mjs`). */
const ENTRIES = {
  main: 'src/action/index.ts',
  post: 'src/action/post-index.ts',
  'cli/nanoship': 'src/cli/index.ts',
};

/**
 * What bundled CommonJS code needs in an ES module. The names are nanoship's own, and
 * `define` points the free `__filename`/`__dirname` of dependencies at them, so a dependency
 * that declares its own variable of that name does not collide with the banner.
 */
const BANNER = [
  '#!/usr/bin/env node',
  "import { createRequire as __nanoshipCreateRequire } from 'node:module';",
  "import { fileURLToPath as __nanoshipFileURLToPath } from 'node:url';",
  'const require = __nanoshipCreateRequire(import.meta.url);',
  'const __nanoshipFilename = __nanoshipFileURLToPath(import.meta.url);',
  "const __nanoshipDirname = __nanoshipFilename.replace(/[\\\\/][^\\\\/]*$/, '');",
].join('\n');

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

const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
/**
 * A top-level import statement as esbuild prints it: `import x from "m";`,
 * `import { a, b as c } from "m";`, `import * as x from "m";`, `import x, { a } from "m";`.
 */
const IMPORT_STATEMENT =
  /^import\s+(?:([\w$]+)\s*,\s*)?(?:\{([^}]*)\}|\*\s+as\s+([\w$]+)|([\w$]+))\s+from\s+"([^"]+)";$/gm;

/**
 * Rewrites the static imports of Node built-ins in one output file into require() calls. An
 * ES module namespace of a built-in is built from all of its exports, which runs every lazy
 * getter: `import { createHash } from "node:crypto"` also loads WebCrypto and a dozen crypto
 * modules, `import { parseArgs } from "node:util"` the console colours and stdio streams.
 * require() returns the exports object and runs only the getters the code reads (measured
 * with callgrind: `nanoship --help` 122 -> 102 million instructions, a build of the 6.5 MB Go
 * server 8 million fewer). esbuild emits each module's imports before its code, so the `const`
 * is set before anything reads it; the banner, which is left alone, provides `require`.
 */
export function requireBuiltins(code: string): string {
  return code.replace(IMPORT_STATEMENT, (statement, first, named, namespace, only, specifier) => {
    if (!BUILTINS.has(specifier)) return statement;
    const required = `require(${JSON.stringify(specifier)})`;
    const whole = first ?? namespace ?? only;
    if (named === undefined) return `const ${whole} = ${required};`;
    const fields = named
      .split(',')
      .map((field: string) => field.trim().replace(/\s+as\s+/, ': '))
      .filter((field: string) => field !== '')
      .join(', ');
    return whole === undefined
      ? `const { ${fields} } = ${required};`
      : `const ${whole} = ${required}, { ${fields} } = ${whole};`;
  });
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
    plugins: [computeProtosFor(COMPUTE_SERVICES)],
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
    await writeFile(file.path, requireBuiltins(file.text));
  }
}
