/**
 * Entry of `npm run bench`. Node runs this file directly (type stripping), and plain Node
 * cannot resolve the `.js` import suffixes of src/, so this file only bundles: the benchmark
 * itself (bench/main.ts, which calls src/ in process) and the CLI exactly as
 * scripts/bundles.ts bundles dist/cli/, both from the current source, into a temporary
 * folder. Then it runs the benchmark in a child Node and removes the folder.
 *
 * Environment: NANOS_KERNEL_DIR (kernel.img, boot.img; needed for every image), NANOS_MKFS
 * (Nanos' C mkfs, compared side by side), BENCH_SIZES_MB (sizes of a data file added to the
 * Go server; default 0,50,500), BENCH_RUNS (default 3), BENCH_BOOTS (default 15; 0 skips the
 * boot section), BENCH_TARBALL (0 skips the GCP tarball section), BENCH_TARBALL_SIZES_MB
 * (default 50,500), BENCH_UPLOAD (default 1; 0 skips the AWS snapshot upload section, which
 * needs no kernel).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleAll, bundleModules } from '../scripts/bundles.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function runChild(script: string, env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawn(process.execPath, [script], { stdio: 'inherit', env });
  // Ctrl-C reaches the child too (same process group); wait for it to clean up, then us.
  const ignore = () => {};
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const work = await mkdtemp(join(tmpdir(), 'nanoship-bench-'));
try {
  // Bundled as the shipped entries are, so its figures are those of what users run.
  await bundleModules({ bench: 'bench/main.ts' }, join(work, 'bench'));
  const benchScript = join(work, 'bench', 'bench.mjs');
  const cliScript = (await bundleAll(join(work, 'dist'))).cli;
  process.exitCode = await runChild(benchScript, {
    ...process.env,
    BENCH_ROOT: root,
    BENCH_WORK: work,
    BENCH_CLI: cliScript,
    BENCH_SCRIPT: benchScript,
  });
} finally {
  await rm(work, { recursive: true, force: true });
}
