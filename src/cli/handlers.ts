/**
 * One function per CLI command: Invocation → an outcome. The main loop prints it (as JSON
 * with --json, else the text) and exits with its code.
 */
import os from 'node:os';
import path from 'node:path';
import { noRecorder } from '../cloud/types.js';
import { UserError } from '../errors.js';
import { githubRunFromEnv } from '../github/context.js';
import { directoryCache } from '../kernel/cache.js';
import { withLocalDigest } from '../kernel/kernel-dir.js';
import type { Logger } from '../log.js';
import { runPipeline } from '../pipeline.js';
import { cliOptionName, publishCommandOptionName } from '../plan/options.js';
import { planFromOptions, type Stages } from '../plan/plan.js';
import { planSweep } from '../plan/preview-plan.js';
import { abortOnSignals } from '../smoke/signals.js';
import { COMMANDS, type CommandName } from './commands.js';
import type { Invocation } from './flags.js';
import {
  renderImage,
  renderInspection,
  renderPreview,
  renderPublished,
  renderSmoke,
  renderSweep,
  renderToolchain,
} from './render.js';

export interface CommandOutcome {
  /** What --json prints. */
  result: unknown;
  /** What a person reads on stdout. */
  text: string;
  /** Non-zero when the command ran but its verdict is a failure (e.g. a failed smoke test). */
  exitCode: number;
}

type Handler = (invocation: Invocation, logger: Logger) => Promise<CommandOutcome>;

/** The per-user cache folder, following each OS's convention. */
export function defaultCacheDir(): string {
  if (process.env.XDG_CACHE_HOME) return path.join(process.env.XDG_CACHE_HOME, 'nanoship');
  if (process.platform === 'darwin') {
    return path.join(os.homedir(), 'Library', 'Caches', 'nanoship');
  }
  return path.join(os.homedir(), '.cache', 'nanoship');
}

/** Plans and runs the given stages with the CLI's cache, logger and signal handling. */
async function runStages(invocation: Invocation, logger: Logger, stages: Stages) {
  // Inside a CI job the run's repository and commit name and tag what is published.
  const { provenance } = await githubRunFromEnv(process.env);
  const plan = await planFromOptions(invocation.options, stages, {
    cwd: process.cwd(),
    namer: invocation.command === 'publish' ? publishCommandOptionName : cliOptionName,
    env: process.env,
    provenance,
  });
  const cacheDir = path.resolve(invocation.cacheDir ?? defaultCacheDir());
  // Only the smoke test listens for Ctrl-C (it kills QEMU and removes its copy before
  // nanoship exits); without it the signals keep ending the process at once.
  const signals = plan.smoke ? abortOnSignals() : undefined;
  try {
    return await runPipeline(plan, {
      logger,
      kernelCache: directoryCache(path.join(cacheDir, 'kernels')),
      signal: signals?.signal,
      repoId: provenance.repoId,
    });
  } finally {
    signals?.dispose();
    const received = signals?.received();
    if (received !== undefined) process.kill(process.pid, received);
  }
}

const kernel: Handler = async (invocation, logger) => {
  const { toolchain } = await runStages(invocation, logger, {
    kernel: true,
    build: false,
    smoke: false,
  });
  const shown = toolchain && (await withLocalDigest(toolchain));
  return { result: shown, text: shown ? renderToolchain(shown) : '', exitCode: 0 };
};

const build: Handler = async (invocation, logger) => {
  const { image, published } = await runStages(invocation, logger, {
    kernel: true,
    build: true,
    smoke: false,
    publish: true,
  });
  if (published === undefined) {
    return { result: image, text: image ? renderImage(image) : '', exitCode: 0 };
  }
  return {
    result: { image, published },
    text: [image ? renderImage(image) : '', renderPublished(published)].join('\n'),
    exitCode: 0,
  };
};

const publish: Handler = async (invocation, logger) => {
  const [, image] = invocation.positionals;
  const { published } = await runStages(invocation, logger, {
    kernel: false,
    build: false,
    smoke: false,
    publish: true,
    image,
  });
  if (published === undefined) throw new Error('the publish stage did not run');
  return { result: published, text: renderPublished(published), exitCode: 0 };
};

const run: Handler = async (invocation, logger) => {
  const { smoke } = await runStages(invocation, logger, {
    kernel: false,
    build: false,
    smoke: true,
    image: invocation.positionals[0],
  });
  if (smoke === undefined) throw new Error('the smoke stage did not run');
  return { result: smoke, text: renderSmoke(smoke), exitCode: smoke.verdict === 'pass' ? 0 : 1 };
};

const inspect: Handler = async (invocation) => {
  // Loaded on demand: the image reader is start-up cost for every other command.
  const { inspectImage } = await import('../image/inspect.js');
  const inspection = await inspectImage(path.resolve(invocation.positionals[0] ?? ''));
  return { result: inspection, text: renderInspection(inspection), exitCode: 0 };
};

const preview: Handler = async (invocation, logger) => {
  const [action, image] = invocation.positionals;
  if (action !== 'up' && action !== 'down') {
    throw new UserError(
      `"nanoship preview" takes up or down, got "${action}". Usage: ${COMMANDS.preview.usage}`,
    );
  }
  if (action === 'up' && image === undefined) {
    throw new UserError(
      `"nanoship preview up" needs the image as its argument. Usage: ${COMMANDS.preview.usage}`,
    );
  }
  if (action === 'down' && image !== undefined) {
    throw new UserError(
      `"nanoship preview down" takes no image (got "${image}"). Usage: ${COMMANDS.preview.usage}`,
    );
  }
  if (!invocation.options.preview) {
    throw new UserError('"nanoship preview" needs the cloud: give --preview aws or --preview gcp.');
  }
  const { preview: result } = await runStages(invocation, logger, {
    kernel: false,
    build: false,
    smoke: false,
    publish: action === 'up',
    preview: action,
    image,
  });
  if (result === undefined) throw new Error('the preview stage did not run');
  return { result, text: renderPreview(result), exitCode: 0 };
};

const sweep: Handler = async (invocation, logger) => {
  const { provenance, event } = await githubRunFromEnv(process.env);
  const plan = planSweep(invocation.options, cliOptionName, {
    env: process.env,
    event,
    provenance,
  });
  const { runSweep } = await import('../preview/run.js');
  const result = await runSweep(plan, { logger, recorder: noRecorder, repoId: provenance.repoId });
  return { result, text: renderSweep(result), exitCode: 0 };
};

export const HANDLERS: Record<CommandName, Handler> = {
  kernel,
  build,
  run,
  inspect,
  publish,
  preview,
  sweep,
};
