/**
 * How the Action and the CLI are bundled; used by scripts/package.ts (dist/, committed) and by
 * the benchmark (a temporary copy of the current source). The output must be deterministic:
 * CI rebuilds dist/ and fails on any difference, so nothing here depends on time or paths.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

async function commonOptions(): Promise<BuildOptions> {
  const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  return {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    // node20 rather than the Action's node24 so that `npx nanoship` also runs on hosts whose
    // node is older; nothing in the code needs newer syntax.
    target: 'node20',
    minify: false,
    legalComments: 'eof',
    sourcemap: false,
    define: { NANOSHIP_VERSION: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  };
}

/** The Action's entries: one self-contained CommonJS file each, as runners expect. */
export async function bundleAction(outdir: string): Promise<void> {
  const common = await commonOptions();
  for (const [entry, name] of [
    ['src/action/index.ts', 'main.cjs'],
    ['src/action/post-index.ts', 'post.cjs'],
  ] as const) {
    await build({
      ...common,
      entryPoints: [entry],
      outfile: path.join(outdir, name),
      format: 'cjs',
    });
  }
}

/**
 * The CLI: ESM with code splitting, so that what only some commands need (the config schema,
 * QEMU handling) sits in chunks loaded on demand; start-up time is most of a small build.
 * Returns the entry's path.
 */
export async function bundleCli(outdir: string): Promise<string> {
  await build({
    ...(await commonOptions()),
    entryPoints: { nanoship: 'src/cli/index.ts' },
    outdir,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    banner: {
      // Bundled CommonJS dependencies call require(); ESM has none, so one is made here.
      js: "#!/usr/bin/env node\nimport { createRequire as __nanoshipRequire } from 'node:module';\nconst require = __nanoshipRequire(import.meta.url);",
    },
  });
  return path.join(outdir, 'nanoship.mjs');
}
