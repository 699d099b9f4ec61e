/**
 * The stages in order — kernel → image → smoke test → publish — each taking the previous
 * stage's value. Publishing follows a passing smoke test, or none when the plan has no smoke
 * stage (the user switched it off); a failed smoke test never publishes.
 * Both edges call this; it does no input parsing and no output formatting.
 *
 *   const plan = await planFromOptions(options, { kernel: true, build: true, smoke: true }, ctx);
 *   const result = await runPipeline(plan, { logger, kernelCache: directoryCache(dir) });
 *   result.image?.sha256; result.smoke?.verdict;
 */
import {
  type ImageToPublish,
  noRecorder,
  type Published,
  type ResourceRecorder,
} from './cloud/types.js';
import type { ReleaseResult } from './github/release-run.js';
import { buildImage, type Image } from './image/index.js';
import type { KernelCache } from './kernel/cache.js';
import { resolveKernel } from './kernel/index.js';
import type { Toolchain } from './kernel/types.js';
import type { Logger } from './log.js';
import type { Plan } from './plan/plan.js';
import type { SmokePlan } from './plan/smoke-plan.js';
import type { PreviewResult } from './preview/index.js';
import type { SmokeOptions, SmokeResult } from './smoke/index.js';

export interface PipelineDeps {
  logger: Logger;
  kernelCache: KernelCache;
  /** Scratch space for downloads and the smoke test's throwaway disk. */
  tempDir?: string;
  /** Aborting stops the smoke test (QEMU is killed, its copy removed). */
  signal?: AbortSignal;
  /** Receives the guest console as it arrives. */
  onConsole?: (chunk: string) => void;
  /** Receives the pid of each QEMU the smoke test starts (the Action records it for its post step). */
  onVmStart?: (pid: number) => void;
  /** Where cloud resources are recorded the moment they exist (default: nowhere). */
  recorder?: ResourceRecorder;
  /** GitHub's id of the repository, when the edge knows it (GITHUB_REPOSITORY_ID). */
  repoId?: string;
}

export interface PipelineResult {
  toolchain?: Toolchain;
  image?: Image;
  smoke?: SmokeResult;
  published?: Published;
  preview?: PreviewResult;
  release?: ReleaseResult;
}

/** Runs every stage the plan asks for and returns what each produced. */
export async function runPipeline(plan: Plan, deps: PipelineDeps): Promise<PipelineResult> {
  const { logger } = deps;
  const result: PipelineResult = {};
  const { kernel, build, smoke } = plan;
  for (const notice of plan.notices) logger.notice(notice);
  if (plan.preview?.action === 'down') {
    result.preview = await previewStage(plan, result, deps);
    return result;
  }
  if (kernel) {
    result.toolchain = await logger.group('Nanos kernel', () =>
      resolveKernel(kernel, { cache: deps.kernelCache, logger, tempDir: deps.tempDir }),
    );
  }
  if (build && kernel && result.toolchain) {
    const toolchain = result.toolchain;
    result.image = await logger.group(`Image ${build.imageName}`, () =>
      buildImage(build, toolchain, { arch: kernel.arch, logger }),
    );
  }
  const imagePath = result.image?.path ?? plan.image;
  if (smoke && imagePath !== undefined) {
    const options = smokeOptions(smoke, imagePath, result.toolchain, deps);
    // Loaded on demand: the QEMU and network modules are start-up cost for every other command.
    const { runSmoke } = await import('./smoke/index.js');
    result.smoke = await logger.group('Smoke test (QEMU console)', () =>
      runSmoke(options, { logger, signal: deps.signal }),
    );
  }
  if (plan.publish && imagePath !== undefined) {
    if (result.smoke !== undefined && result.smoke.verdict !== 'pass') return result;
    const publishPlan = plan.publish;
    // Loaded on demand, like the stages above: a build that publishes nothing never needs it.
    const { imageFromBuild, imageFromFile, publishImage } = await import('./cloud/publish.js');
    // A built image knows its architecture and boot mode; a file's are read from its loaders.
    const image = result.image
      ? imageFromBuild(result.image)
      : await imageFromFile(imagePath, { arch: publishPlan.arch, name: publishPlan.imageName });
    result.published = await logger.group(`Publish to ${publishPlan.targets.join(' and ')}`, () =>
      publishImage(publishPlan, image, {
        logger,
        recorder: deps.recorder ?? noRecorder,
        signal: deps.signal,
      }),
    );
    if (plan.preview?.action === 'up') {
      result.preview = await previewStage(plan, result, deps, image);
    }
    const releasePlan = plan.release;
    if (releasePlan) {
      const published = result.published;
      const { recordRelease } = await import('./github/release-run.js');
      result.release = await logger.group(`GitHub Release ${releasePlan.tag}`, () =>
        recordRelease(releasePlan, published, image, logger),
      );
    }
  }
  return result;
}

/** The preview stage (up after publishing, or down on its own), loaded on demand. */
async function previewStage(
  plan: Plan,
  result: PipelineResult,
  deps: PipelineDeps,
  image?: ImageToPublish,
): Promise<PreviewResult> {
  const previewPlan = plan.preview!;
  const { runPreviewStage } = await import('./preview/run.js');
  const title =
    previewPlan.action === 'up'
      ? `Preview of #${previewPlan.pr} on ${previewPlan.cloud}`
      : `Removing the preview of #${previewPlan.pr} on ${previewPlan.cloud}`;
  return deps.logger.group(title, () =>
    runPreviewStage(
      previewPlan,
      { published: result.published, image },
      {
        logger: deps.logger,
        recorder: deps.recorder ?? noRecorder,
        signal: deps.signal,
        repoId: plan.publish?.provenance.repoId ?? deps.repoId,
      },
    ),
  );
}

/** The smoke test's options for one image; the console log goes next to the image. */
function smokeOptions(
  plan: SmokePlan,
  image: string,
  toolchain: Toolchain | undefined,
  deps: PipelineDeps,
): SmokeOptions {
  // planFromOptions plans the kernel stage whenever the boot is direct: this is a bug guard.
  if (plan.bootMode === 'direct' && toolchain === undefined) {
    throw new Error('direct boot was planned without a kernel stage');
  }
  return {
    image,
    bootMode: plan.bootMode,
    ...(plan.firmware !== 'auto' && { firmware: plan.firmware }),
    kernelImg: toolchain?.kernelImg,
    accel: plan.accel,
    memoryMiB: plan.memoryMiB,
    cpus: plan.cpus,
    probes: plan.probes.map((probe) =>
      probe.kind === 'http'
        ? { ...probe, expectStatus: plan.expectStatus, expectBody: plan.expectBody }
        : probe,
    ),
    expectExit: plan.expectExit,
    expectOutput: plan.expectOutput,
    timeoutMs: plan.timeoutMs,
    consoleLog: plan.consoleLog ?? `${image.replace(/\.img$/, '')}.console.log`,
    workDir: deps.tempDir,
    onConsole: deps.onConsole,
    onVmStart: deps.onVmStart,
  };
}
