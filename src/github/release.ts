/**
 * Records a release run's images in the GitHub Release of its tag: a table between markers in
 * the body (replaced on every run, the rest of the body untouched) and an `images.json` asset
 * (replaced). A tag pushed without a release gets one, named after the tag, published.
 *
 *   const images = buildReleaseImages({ version, digest, published });
 *   await publishReleaseImages(octokit, { owner, repo, tag: 'v1.2.3', images });
 */
import { type Logger, silentLogger } from '../log.js';
import {
  callGitHub,
  type GitHubCall,
  type GitHubClient,
  type RepoRef,
  statusOf,
} from './octokit.js';
import {
  isPrereleaseVersion,
  type ReleaseImages,
  renderImagesSection,
  replaceImagesSection,
} from './release-images.js';

export const IMAGES_ASSET_NAME = 'images.json';

export interface PublishReleaseImages extends RepoRef {
  /** The git tag, as pushed: `v1.2.3`. */
  tag: string;
  images: ReleaseImages;
  /** The tag's commit: a release made for a tag that does not exist yet creates it here. */
  sha?: string;
  logger?: Logger;
}

export interface ReleaseRecord {
  releaseId: number;
  htmlUrl: string;
  /** True when this run created the release. */
  created: boolean;
  /** True when the body changed. */
  bodyUpdated: boolean;
  assetId: number;
  assetUrl: string;
}

interface Release {
  id: number;
  html_url: string;
  body?: string | null;
  upload_url: string;
  tag_name: string;
  draft: boolean;
}

function releaseCall(verb: string, target: PublishReleaseImages): GitHubCall {
  return {
    what: `${verb} the release ${target.tag} of ${target.owner}/${target.repo}`,
    permission: 'contents: write',
  };
}

/**
 * Finds the release of `tag` (published, else a draft carrying that tag) or creates it, writes
 * the images section into its body and replaces its `images.json` asset. Returns the ids.
 */
export async function publishReleaseImages(
  octokit: GitHubClient,
  options: PublishReleaseImages,
): Promise<ReleaseRecord> {
  const logger = options.logger ?? silentLogger;
  const section = renderImagesSection(options.images);
  const found = await findRelease(octokit, options);
  const { release, created } = found
    ? { release: found, created: false }
    : await createRelease(octokit, options, section);
  const body = replaceImagesSection(release.body, section);
  const bodyUpdated = body !== (release.body ?? '');
  if (bodyUpdated) {
    await callGitHub(releaseCall('update the body of', options), () =>
      octokit.rest.repos.updateRelease({
        owner: options.owner,
        repo: options.repo,
        release_id: release.id,
        body,
      }),
    );
  }
  const asset = await replaceAsset(octokit, options, release);
  logger.info(
    `${created ? 'created' : 'updated'} the release ${options.tag} with its images: ${release.html_url}`,
  );
  return {
    releaseId: release.id,
    htmlUrl: release.html_url,
    created,
    bodyUpdated,
    assetId: asset.id,
    assetUrl: asset.browser_download_url,
  };
}

/**
 * The published release of the tag, else a draft with that tag name (drafts have no tag yet,
 * so the by-tag route does not see them; release-drafter keeps one), else undefined.
 */
async function findRelease(
  octokit: GitHubClient,
  target: PublishReleaseImages,
): Promise<Release | undefined> {
  const { owner, repo, tag } = target;
  const published = await callGitHub(releaseCall('read', target), async () => {
    try {
      return (await octokit.rest.repos.getReleaseByTag({ owner, repo, tag })).data;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  });
  if (published) return published;
  const drafts = await callGitHub(releaseCall('look for a draft of', target), () =>
    octokit.paginate(octokit.rest.repos.listReleases, { owner, repo, per_page: 100 }, (r, done) => {
      const match = r.data.filter((release) => release.draft && release.tag_name === tag);
      if (match.length > 0) done();
      return match;
    }),
  );
  return drafts[0];
}

/**
 * Creates the release of a pushed tag: named after the tag, not a draft (the run's whole point
 * is to publish), a prerelease for a prerelease version, and `make_latest: legacy` so a
 * back-port tag (v1.4.9 after v2.0.0) does not become "Latest" just by being newer. When a
 * racing run created it first (422 already_exists), that release is used.
 */
async function createRelease(
  octokit: GitHubClient,
  target: PublishReleaseImages,
  section: string,
): Promise<{ release: Release; created: boolean }> {
  const { owner, repo, tag } = target;
  const created = await callGitHub(releaseCall('create', target), async () => {
    try {
      const response = await octokit.rest.repos.createRelease({
        owner,
        repo,
        tag_name: tag,
        name: tag,
        body: `${section}\n`,
        draft: false,
        prerelease: isPrereleaseVersion(target.images.version),
        make_latest: 'legacy',
        target_commitish: target.sha,
      });
      return response.data;
    } catch (error) {
      if (statusOf(error) === 422 && alreadyExists(error)) return undefined;
      throw error;
    }
  });
  if (created) return { release: created, created: true };
  const existing = await callGitHub(
    releaseCall('read', target),
    async () => (await octokit.rest.repos.getReleaseByTag({ owner, repo, tag })).data,
  );
  return { release: existing, created: false };
}

/** True for GitHub's 422 "Validation Failed" with an `already_exists` error. */
function alreadyExists(error: unknown): boolean {
  const data = (error as { response?: { data?: { errors?: { code?: string }[] } } }).response?.data;
  return (data?.errors ?? []).some((e) => e.code === 'already_exists');
}

/**
 * Deletes every `images.json` of the release, then uploads the new one to the release's own
 * `upload_url` (uploads.github.com, or `https://HOST/api/uploads` on GitHub Enterprise Server).
 * A racing upload of the same name (422 already_exists) is deleted and the upload tried once more.
 */
async function replaceAsset(
  octokit: GitHubClient,
  target: PublishReleaseImages,
  release: Release,
): Promise<{ id: number; browser_download_url: string }> {
  const data = `${JSON.stringify(target.images, null, 2)}\n`;
  for (let attempt = 1; ; attempt++) {
    await deleteAssets(octokit, target, release.id);
    const uploaded = await callGitHub(
      releaseCall(`upload ${IMAGES_ASSET_NAME} to`, target),
      async () => {
        try {
          const response = await octokit.rest.repos.uploadReleaseAsset({
            owner: target.owner,
            repo: target.repo,
            release_id: release.id,
            url: release.upload_url,
            name: IMAGES_ASSET_NAME,
            label: 'Images published by nanoship',
            data,
            headers: { 'content-type': 'application/json' },
          });
          return response.data;
        } catch (error) {
          if (attempt < 2 && statusOf(error) === 422 && alreadyExists(error)) return undefined;
          throw error;
        }
      },
    );
    if (uploaded) return uploaded;
  }
}

async function deleteAssets(
  octokit: GitHubClient,
  target: PublishReleaseImages,
  releaseId: number,
) {
  const { owner, repo } = target;
  const assets = await callGitHub(releaseCall('list the assets of', target), () =>
    octokit.paginate(octokit.rest.repos.listReleaseAssets, {
      owner,
      repo,
      release_id: releaseId,
      per_page: 100,
    }),
  );
  for (const asset of assets.filter((a) => a.name === IMAGES_ASSET_NAME)) {
    await callGitHub(releaseCall(`delete the old ${IMAGES_ASSET_NAME} of`, target), async () => {
      try {
        await octokit.rest.repos.deleteReleaseAsset({ owner, repo, asset_id: asset.id });
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    });
  }
}
