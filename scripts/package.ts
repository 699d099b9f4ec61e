// Rebuilds dist/ (committed): the Action's bundles and the CLI. dist/ is committed, so its size
// is watched: past the budget the build fails.
import { chmod, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { bundleAction, bundleCli } from './bundles.ts';

const BUNDLE_BUDGET_BYTES = 10 * 1024 * 1024;

await rm('dist', { recursive: true, force: true });
await bundleAction('dist');
await chmod(await bundleCli('dist/cli'), 0o755);

for (const file of (await readdir('dist', { recursive: true })).sort()) {
  const full = path.join('dist', file);
  if (!/\.m?c?js$/.test(full)) continue;
  const { size } = await stat(full);
  if (size > BUNDLE_BUDGET_BYTES) {
    throw new Error(`${full} is ${size} bytes, over the ${BUNDLE_BUDGET_BYTES}-byte budget`);
  }
  console.log(`${full} ${(size / 1024).toFixed(0)} KiB`);
}
