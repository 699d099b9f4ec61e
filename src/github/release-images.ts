/**
 * What a release run published, as data: the version's tags (docker/metadata-action style), the
 * `release-images` JSON (also the `images.json` release asset), and the Markdown section of the
 * GitHub Release body that lists the images between two markers. Pure.
 */
import type { ImageToPublish, Published } from '../cloud/types.js';
import { UserError } from '../errors.js';
import { versionFromTag } from './context.js';

export const IMAGES_SECTION_START = '<!-- nanoship:images:start -->';
export const IMAGES_SECTION_END = '<!-- nanoship:images:end -->';

/** The `release-images` output and the `images.json` release asset. */
export interface ReleaseImages {
  /** `1.2.3`, without the tag's `v`. */
  version: string;
  /** `['1.2.3', '1.2', '1', 'latest']`; a prerelease has only its own version. */
  tags: string[];
  /** The image's sha256. */
  digest: string;
  /** The image's architecture: an x86_64 image cannot run on an arm64 instance and back. */
  arch: ImageToPublish['arch'];
  /** The firmware it boots with (`hybrid`: BIOS or UEFI), which decides its instance types. */
  bootMode: ImageToPublish['bootMode'];
  /** Region → AMI id, the home region included. */
  aws?: Record<string, string>;
  gcp?: { project: string; image: string; imageUri: string; family?: string };
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseVersion(version: string): RegExpExecArray {
  const match = SEMVER.exec(versionFromTag(version) ?? '');
  if (!match) {
    throw new UserError(
      `'${version}' is not a release version like 1.2.3 (a tag v1.2.3 gives 1.2.3; prereleases look like 1.2.3-rc.1)`,
    );
  }
  return match;
}

/** True for `1.2.3-rc.1` and the like (semver prerelease). */
export function isPrereleaseVersion(version: string): boolean {
  return parseVersion(version)[4] !== undefined;
}

/**
 * The tags of a release version, as docker/metadata-action's `type=semver` patterns
 * `{{version}}`, `{{major}}.{{minor}}`, `{{major}}` plus `latest` give them: `1.2.3` →
 * `1.2.3`, `1.2`, `1`, `latest`. A prerelease (`1.2.3-rc.1`) gets only itself, never `latest`:
 * it must not move the pointers people deploy from. `0.x` versions get `0` like metadata-action.
 */
export function versionTags(version: string): string[] {
  const match = parseVersion(version);
  const full = match[0];
  if (match[4] !== undefined) return [full];
  return [full, `${match[1]}.${match[2]}`, match[1]!, 'latest'];
}

/** The `release-images` JSON of a release run, from what the clouds published. */
export function buildReleaseImages(input: {
  version: string;
  image: Pick<ImageToPublish, 'sha256' | 'arch' | 'bootMode'>;
  published: Published;
}): ReleaseImages {
  const version = parseVersion(input.version)[0];
  const { sha256: digest, arch, bootMode } = input.image;
  const images: ReleaseImages = { version, tags: versionTags(version), digest, arch, bootMode };
  const { aws, gcp } = input.published;
  if (aws) {
    images.aws = Object.fromEntries(
      Object.entries(aws.amiIds).sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  if (gcp) {
    images.gcp = { project: gcp.project, image: gcp.image, imageUri: gcp.imageUri };
    if (gcp.family) images.gcp.family = gcp.family;
  }
  return images;
}

const FIRMWARE: Record<ImageToPublish['bootMode'], string> = {
  bios: 'BIOS',
  uefi: 'UEFI',
  hybrid: 'BIOS or UEFI',
};

/** The body section between the markers: version, tags, the image and one row per cloud image. */
export function renderImagesSection(images: ReleaseImages): string {
  const rows: string[] = [];
  for (const [region, amiId] of Object.entries(images.aws ?? {})) {
    rows.push(`| AWS | ${region} | \`${amiId}\` |`);
  }
  if (images.gcp) {
    const family = images.gcp.family ? ` (family \`${images.gcp.family}\`)` : '';
    rows.push(`| Google Cloud | ${images.gcp.project} | \`${images.gcp.imageUri}\`${family} |`);
  }
  const tags = images.tags.map((t) => `\`${t}\``).join(', ');
  const lines = [
    IMAGES_SECTION_START,
    '### Images',
    '',
    `Version \`${images.version}\` (tags ${tags}): an ${images.arch} image that boots with ${FIRMWARE[images.bootMode]}, digest \`${images.digest}\`.`,
    '',
  ];
  if (rows.length > 0) {
    lines.push('| Cloud | Region / project | Image |', '|---|---|---|', ...rows, '');
  } else {
    lines.push('No cloud images were published.', '');
  }
  lines.push('The same data is attached as `images.json`.', IMAGES_SECTION_END);
  return lines.join('\n');
}

/**
 * `body` with its images section replaced by `section`, the rest untouched. Without a section,
 * `section` is appended after a blank line. Further complete sections (a copy, an old bug) are
 * removed. A marker without its partner (an edit cut it) is dropped and the fresh section
 * appended, rather than guessing which of the user's text belonged to the old one.
 */
export function replaceImagesSection(body: string | null | undefined, section: string): string {
  let text = body ?? '';
  const start = text.indexOf(IMAGES_SECTION_START);
  const end = start === -1 ? -1 : text.indexOf(IMAGES_SECTION_END, start);
  if (start !== -1 && end !== -1) {
    const before = text.slice(0, start);
    const after = removeSections(text.slice(end + IMAGES_SECTION_END.length));
    return before + section + after;
  }
  text = text.split(IMAGES_SECTION_START).join('').split(IMAGES_SECTION_END).join('');
  const kept = text.replace(/\s+$/, '');
  return kept ? `${kept}\n\n${section}\n` : `${section}\n`;
}

/** `text` without any complete images sections (the first one was already replaced). */
function removeSections(text: string): string {
  let rest = text;
  for (;;) {
    const start = rest.indexOf(IMAGES_SECTION_START);
    const end = start === -1 ? -1 : rest.indexOf(IMAGES_SECTION_END, start);
    if (end === -1) return rest;
    rest = rest.slice(0, start).replace(/\s+$/, '') + rest.slice(end + IMAGES_SECTION_END.length);
  }
}
