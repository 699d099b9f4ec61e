/**
 * Shared pieces of the AWS preview tests: a launch request for pull request 7 of the test
 * repository, the preview cloud on a virtual clock, deps with a tracking recorder and a
 * recording logger, and `attempt` to run a call and keep its result or error.
 */
import { execFileSync } from 'node:child_process';
import { createAwsPreviewCloud } from '../../../src/cloud/aws/index.js';
import type { AwsPreviewTuning } from '../../../src/cloud/aws/preview.js';
import type { PreviewCloud, PreviewLaunch, PublishDeps } from '../../../src/cloud/types.js';
import { recordingLogger } from '../../../src/log.js';
import { HOME, REPO_ID, trackingRecorder, virtualTiming } from './fixtures.js';

export const PR = 7;
export const SHA = 'c0ffee0123456789abcdef0123456789abcdef01';
export const HOUR_MS = 3_600_000;

/** A launch of `imageRef` for PR 7 of the test repository, port 8080, 72 h to live. */
export function launchRequest(
  imageRef: string,
  overrides: Partial<Omit<PreviewLaunch, 'provenance' | 'image'>> & {
    provenance?: Partial<PreviewLaunch['provenance']>;
    image?: Partial<PreviewLaunch['image']>;
  } = {},
): PreviewLaunch {
  const { provenance, image, ...rest } = overrides;
  return {
    imageRef,
    image: {
      name: 'webapp',
      sha256: 'ab'.repeat(32),
      arch: 'x86_64',
      bootMode: 'bios',
      klibs: ['tls'],
      ...image,
    },
    provenance: {
      repo: 'octo/webapp',
      repoId: REPO_ID,
      sha: SHA,
      pr: PR,
      run: '2002-1',
      ref: `refs/pull/${PR}/merge`,
      ...provenance,
    },
    ports: [8080],
    expiresAt: new Date(Date.now() + 72 * HOUR_MS),
    ...rest,
  };
}

/** Deps whose recorder and logger the test can read. */
export function previewDeps(now?: Date): PublishDeps & {
  recorder: ReturnType<typeof trackingRecorder>;
  logger: ReturnType<typeof recordingLogger>;
} {
  return {
    recorder: trackingRecorder(),
    logger: recordingLogger(),
    ...(now ? { now: () => now } : {}),
  };
}

/** The AWS preview cloud in the home region on a virtual clock (sleeps return at once). */
export function virtualPreviewCloud(
  settings: { subnetId?: string; allowedCidrs?: string[]; region?: string } = {},
  tuning: Partial<AwsPreviewTuning> = {},
): { cloud: PreviewCloud; sleeps: number[] } {
  const { timing, sleeps } = virtualTiming();
  return {
    cloud: createAwsPreviewCloud({ region: HOME, ...settings }, { timing, ...tuning }),
    sleeps,
  };
}

/** Runs `call`; returns its value or the error it threw. */
export async function attempt<T>(call: Promise<T>): Promise<{ value?: T; error?: Error }> {
  try {
    return { value: await call };
  } catch (error) {
    return { error: error as Error };
  }
}

/** Process ids of live QEMUs whose command line mentions `marker` (a fake's folder). */
export function qemuProcesses(marker: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(
      (line) =>
        line.includes('qemu-system') && line.includes(marker) && !line.includes('<defunct>'),
    )
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}
