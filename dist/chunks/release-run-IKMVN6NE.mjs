#!/usr/bin/env node
import {
  callGitHub,
  createGitHubClient,
  parseRepository,
  statusOf
} from "./chunk-J6SV7PY3.mjs";
import {
  versionFromTag
} from "./chunk-NOYHZJHO.mjs";
import {
  silentLogger
} from "./chunk-E4MGHMJU.mjs";
import "./chunk-DERJX6PK.mjs";
import "./chunk-N6YEPIZP.mjs";
import {
  UserError
} from "./chunk-PPIE5UIA.mjs";
import {
  __name
} from "./chunk-7WHGZY2X.mjs";

// src/github/release-images.ts
var IMAGES_SECTION_START = "<!-- nanoship:images:start -->";
var IMAGES_SECTION_END = "<!-- nanoship:images:end -->";
var SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
function parseVersion(version) {
  const match = SEMVER.exec(versionFromTag(version) ?? "");
  if (!match) {
    throw new UserError(
      `'${version}' is not a release version like 1.2.3 (a tag v1.2.3 gives 1.2.3; prereleases look like 1.2.3-rc.1)`
    );
  }
  return match;
}
__name(parseVersion, "parseVersion");
function isPrereleaseVersion(version) {
  return parseVersion(version)[4] !== void 0;
}
__name(isPrereleaseVersion, "isPrereleaseVersion");
function versionTags(version) {
  const match = parseVersion(version);
  const full = match[0];
  if (match[4] !== void 0) return [full];
  return [full, `${match[1]}.${match[2]}`, match[1], "latest"];
}
__name(versionTags, "versionTags");
function buildReleaseImages(input) {
  const version = parseVersion(input.version)[0];
  const { sha256: digest, arch, bootMode } = input.image;
  const images = { version, tags: versionTags(version), digest, arch, bootMode };
  const { aws, gcp } = input.published;
  if (aws) {
    images.aws = Object.fromEntries(
      Object.entries(aws.amiIds).sort(([a], [b]) => a.localeCompare(b))
    );
  }
  if (gcp) {
    images.gcp = { project: gcp.project, image: gcp.image, imageUri: gcp.imageUri };
    if (gcp.family) images.gcp.family = gcp.family;
  }
  return images;
}
__name(buildReleaseImages, "buildReleaseImages");
var FIRMWARE = {
  bios: "BIOS",
  uefi: "UEFI",
  hybrid: "BIOS or UEFI"
};
function renderImagesSection(images) {
  const rows = [];
  for (const [region, amiId] of Object.entries(images.aws ?? {})) {
    rows.push(`| AWS | ${region} | \`${amiId}\` |`);
  }
  if (images.gcp) {
    const family = images.gcp.family ? ` (family \`${images.gcp.family}\`)` : "";
    rows.push(`| Google Cloud | ${images.gcp.project} | \`${images.gcp.imageUri}\`${family} |`);
  }
  const tags = images.tags.map((t) => `\`${t}\``).join(", ");
  const lines = [
    IMAGES_SECTION_START,
    "### Images",
    "",
    `Version \`${images.version}\` (tags ${tags}): an ${images.arch} image that boots with ${FIRMWARE[images.bootMode]}, digest \`${images.digest}\`.`,
    ""
  ];
  if (rows.length > 0) {
    lines.push("| Cloud | Region / project | Image |", "|---|---|---|", ...rows, "");
  } else {
    lines.push("No cloud images were published.", "");
  }
  lines.push("The same data is attached as `images.json`.", IMAGES_SECTION_END);
  return lines.join("\n");
}
__name(renderImagesSection, "renderImagesSection");
function replaceImagesSection(body, section) {
  let text = body ?? "";
  const start = text.indexOf(IMAGES_SECTION_START);
  const end = start === -1 ? -1 : text.indexOf(IMAGES_SECTION_END, start);
  if (start !== -1 && end !== -1) {
    const before = text.slice(0, start);
    const after = removeSections(text.slice(end + IMAGES_SECTION_END.length));
    return before + section + after;
  }
  text = text.split(IMAGES_SECTION_START).join("").split(IMAGES_SECTION_END).join("");
  const kept = text.replace(/\s+$/, "");
  return kept ? `${kept}

${section}
` : `${section}
`;
}
__name(replaceImagesSection, "replaceImagesSection");
function removeSections(text) {
  let rest = text;
  for (; ; ) {
    const start = rest.indexOf(IMAGES_SECTION_START);
    const end = start === -1 ? -1 : rest.indexOf(IMAGES_SECTION_END, start);
    if (end === -1) return rest;
    rest = rest.slice(0, start).replace(/\s+$/, "") + rest.slice(end + IMAGES_SECTION_END.length);
  }
}
__name(removeSections, "removeSections");

// src/github/release.ts
var IMAGES_ASSET_NAME = "images.json";
function releaseCall(verb, target) {
  return {
    what: `${verb} the release ${target.tag} of ${target.owner}/${target.repo}`,
    permission: "contents: write"
  };
}
__name(releaseCall, "releaseCall");
async function publishReleaseImages(octokit, options) {
  const logger = options.logger ?? silentLogger;
  const section = renderImagesSection(options.images);
  const found = await findRelease(octokit, options);
  const { release, created } = found ? { release: found, created: false } : await createRelease(octokit, options, section);
  const body = replaceImagesSection(release.body, section);
  const bodyUpdated = body !== (release.body ?? "");
  if (bodyUpdated) {
    await callGitHub(
      releaseCall("update the body of", options),
      () => octokit.rest.repos.updateRelease({
        owner: options.owner,
        repo: options.repo,
        release_id: release.id,
        body
      })
    );
  }
  const asset = await replaceAsset(octokit, options, release);
  logger.info(
    `${created ? "created" : "updated"} the release ${options.tag} with its images: ${release.html_url}`
  );
  return {
    releaseId: release.id,
    htmlUrl: release.html_url,
    created,
    bodyUpdated,
    assetId: asset.id,
    assetUrl: asset.browser_download_url
  };
}
__name(publishReleaseImages, "publishReleaseImages");
async function findRelease(octokit, target) {
  const { owner, repo, tag } = target;
  const published = await callGitHub(releaseCall("read", target), async () => {
    try {
      return (await octokit.rest.repos.getReleaseByTag({ owner, repo, tag })).data;
    } catch (error) {
      if (statusOf(error) === 404) return void 0;
      throw error;
    }
  });
  if (published) return published;
  const drafts = await callGitHub(
    releaseCall("look for a draft of", target),
    () => octokit.paginate(octokit.rest.repos.listReleases, { owner, repo, per_page: 100 }, (r, done) => {
      const match = r.data.filter((release) => release.draft && release.tag_name === tag);
      if (match.length > 0) done();
      return match;
    })
  );
  return drafts[0];
}
__name(findRelease, "findRelease");
async function createRelease(octokit, target, section) {
  const { owner, repo, tag } = target;
  const created = await callGitHub(releaseCall("create", target), async () => {
    try {
      const response = await octokit.rest.repos.createRelease({
        owner,
        repo,
        tag_name: tag,
        name: tag,
        body: `${section}
`,
        draft: false,
        prerelease: isPrereleaseVersion(target.images.version),
        make_latest: "legacy",
        target_commitish: target.sha
      });
      return response.data;
    } catch (error) {
      if (statusOf(error) === 422 && alreadyExists(error)) return void 0;
      throw error;
    }
  });
  if (created) return { release: created, created: true };
  const existing = await callGitHub(
    releaseCall("read", target),
    async () => (await octokit.rest.repos.getReleaseByTag({ owner, repo, tag })).data
  );
  return { release: existing, created: false };
}
__name(createRelease, "createRelease");
function alreadyExists(error) {
  const data = error.response?.data;
  return (data?.errors ?? []).some((e) => e.code === "already_exists");
}
__name(alreadyExists, "alreadyExists");
async function replaceAsset(octokit, target, release) {
  const data = `${JSON.stringify(target.images, null, 2)}
`;
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
            label: "Images published by nanoship",
            data,
            headers: { "content-type": "application/json" }
          });
          return response.data;
        } catch (error) {
          if (attempt < 2 && statusOf(error) === 422 && alreadyExists(error)) return void 0;
          throw error;
        }
      }
    );
    if (uploaded) return uploaded;
  }
}
__name(replaceAsset, "replaceAsset");
async function deleteAssets(octokit, target, releaseId) {
  const { owner, repo } = target;
  const assets = await callGitHub(
    releaseCall("list the assets of", target),
    () => octokit.paginate(octokit.rest.repos.listReleaseAssets, {
      owner,
      repo,
      release_id: releaseId,
      per_page: 100
    })
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
__name(deleteAssets, "deleteAssets");

// src/github/release-run.ts
async function recordRelease(plan, published, image, logger) {
  const octokit = createGitHubClient({
    token: plan.github.token,
    apiUrl: plan.github.apiUrl,
    logger
  });
  const images = buildReleaseImages({ version: plan.version, image, published });
  const record = await publishReleaseImages(octokit, {
    ...parseRepository(plan.repo),
    tag: plan.tag,
    images,
    sha: plan.sha,
    logger
  });
  logger.info(
    `${record.created ? "Created" : "Updated"} the release ${plan.tag}: ${record.htmlUrl} (images.json attached).`
  );
  return { images, url: record.htmlUrl, created: record.created };
}
__name(recordRelease, "recordRelease");
export {
  recordRelease
};
