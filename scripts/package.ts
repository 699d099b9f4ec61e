// Rebuilds dist/ (committed): the Action's entries, the CLI and their shared chunks. dist/ is
// committed, so its size is watched: past the budget the build fails.
import { chmod, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { bundleAll } from './bundles.ts';

const BUNDLE_BUDGET_BYTES = 10 * 1024 * 1024;

await rm('dist', { recursive: true, force: true });
const bundles = await bundleAll('dist');
await chmod(bundles.cli, 0o755);

let total = 0;
for (const file of (await readdir('dist', { recursive: true })).sort()) {
  const full = path.join('dist', file);
  if (!full.endsWith('.mjs')) continue;
  const { size } = await stat(full);
  total += size;
  if (size > BUNDLE_BUDGET_BYTES) {
    throw new Error(`${full} is ${size} bytes, over the ${BUNDLE_BUDGET_BYTES}-byte budget`);
  }
  console.log(`${full} ${(size / 1024).toFixed(0)} KiB`);
}
console.log(`dist/ total ${(total / 1024).toFixed(0)} KiB`);
