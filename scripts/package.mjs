// Bundles the Action and the CLI into dist/ (committed). The output must be deterministic:
// CI rebuilds it and fails on any difference, so nothing here may depend on time or paths.
import { readFile, rm, stat } from 'node:fs/promises';
import { build } from 'esbuild';

/** dist/ is committed, so its size is watched: past this budget the build fails. */
const BUNDLE_BUDGET_BYTES = 10 * 1024 * 1024;

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const entries = [
  { in: 'src/action/index.ts', out: 'dist/main.cjs' },
  { in: 'src/action/post-index.ts', out: 'dist/post.cjs' },
  { in: 'src/cli/index.ts', out: 'dist/cli.cjs', banner: '#!/usr/bin/env node' },
];

await rm('dist', { recursive: true, force: true });
for (const entry of entries) {
  await build({
    entryPoints: [entry.in],
    outfile: entry.out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // node20 rather than the Action's node24 so that `npx nanoship` also runs on hosts whose
    // node is older; nothing in the code needs newer syntax.
    target: 'node20',
    minify: false,
    legalComments: 'eof',
    sourcemap: false,
    banner: entry.banner ? { js: entry.banner } : undefined,
    define: { NANOSHIP_VERSION: JSON.stringify(pkg.version) },
    logLevel: 'warning',
  });
  const { size } = await stat(entry.out);
  if (size > BUNDLE_BUDGET_BYTES) {
    throw new Error(`${entry.out} is ${size} bytes, over the ${BUNDLE_BUDGET_BYTES}-byte budget`);
  }
  console.log(`${entry.out} ${(size / 1024).toFixed(0)} KiB`);
}
