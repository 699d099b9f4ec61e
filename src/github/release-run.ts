/**
 * The release stage: what the clouds published goes into the GitHub Release of the tag (a
 * table between markers in its body, and `images.json`), and comes back as the
 * `release-images` output.
 */
import type { ImageToPublish, Published } from '../cloud/types.js';
import type { Logger } from '../log.js';
import type { ReleasePlan } from '../plan/release-plan.js';
import { createGitHubClient, parseRepository } from './octokit.js';
import { publishReleaseImages } from './release.js';
import { buildReleaseImages, type ReleaseImages } from './release-images.js';

export interface ReleaseResult {
  images: ReleaseImages;
  /** The release's page. */
  url: string;
  created: boolean;
}

export async function recordRelease(
  plan: ReleasePlan,
  published: Published,
  image: Pick<ImageToPublish, 'sha256' | 'arch' | 'bootMode'>,
  logger: Logger,
): Promise<ReleaseResult> {
  const octokit = createGitHubClient({
    token: plan.github.token,
    apiUrl: plan.github.apiUrl,
    logger,
  });
  const images = buildReleaseImages({ version: plan.version, image, published });
  const record = await publishReleaseImages(octokit, {
    ...parseRepository(plan.repo),
    tag: plan.tag,
    images,
    sha: plan.sha,
    logger,
  });
  logger.info(
    `${record.created ? 'Created' : 'Updated'} the release ${plan.tag}: ${record.htmlUrl} (images.json attached).`,
  );
  return { images, url: record.htmlUrl, created: record.created };
}
