import { describe, expect, test } from '@jest/globals';
import type { Published } from '../../src/cloud/types.js';
import {
  buildReleaseImages,
  IMAGES_SECTION_END,
  IMAGES_SECTION_START,
  isPrereleaseVersion,
  type ReleaseImages,
  renderImagesSection,
  replaceImagesSection,
  versionTags,
} from '../../src/github/release-images.js';

const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const published: Published = {
  aws: {
    region: 'us-east-1',
    amiId: 'ami-0aaa',
    snapshotId: 'snap-1',
    amiIds: { 'us-east-1': 'ami-0aaa', 'eu-west-1': 'ami-0bbb' },
    name: 'app-1.2.3',
    reused: false,
  },
  gcp: {
    project: 'proj',
    image: 'app-1-2-3',
    imageUri: 'projects/proj/global/images/app-1-2-3',
    family: 'app',
    reused: false,
  },
};

describe('versionTags (docker/metadata-action semver style)', () => {
  test.each([
    ['1.2.3', ['1.2.3', '1.2', '1', 'latest']],
    ['v1.2.3', ['1.2.3', '1.2', '1', 'latest']],
    ['0.4.0', ['0.4.0', '0.4', '0', 'latest']],
    ['10.20.30', ['10.20.30', '10.20', '10', 'latest']],
    ['1.2.3-rc.1', ['1.2.3-rc.1']],
    ['2.0.0-beta', ['2.0.0-beta']],
    ['1.2.3+build.7', ['1.2.3+build.7', '1.2', '1', 'latest']],
  ])('%s → %j', (version, tags) => {
    expect(versionTags(version)).toEqual(tags);
  });

  test.each(['1.2', 'latest', 'v1', '1.2.3.4', ''])('%j is not a release version', (version) => {
    expect(() => versionTags(version)).toThrow(/is not a release version like 1\.2\.3/);
  });

  test.each([
    ['1.2.3', false],
    ['1.2.3-rc.1', true],
    ['1.2.3+build', false],
  ])('isPrereleaseVersion(%s) is %s', (version, expected) => {
    expect(isPrereleaseVersion(version)).toBe(expected);
  });
});

const image = { sha256: digest, arch: 'x86_64', bootMode: 'hybrid' } as const;

describe('buildReleaseImages', () => {
  test('both clouds: regions sorted, the GCE image with its family', () => {
    const images = buildReleaseImages({ version: 'v1.2.3', image, published });
    expect(images).toEqual({
      version: '1.2.3',
      tags: ['1.2.3', '1.2', '1', 'latest'],
      digest,
      arch: 'x86_64',
      bootMode: 'hybrid',
      aws: { 'eu-west-1': 'ami-0bbb', 'us-east-1': 'ami-0aaa' },
      gcp: {
        project: 'proj',
        image: 'app-1-2-3',
        imageUri: 'projects/proj/global/images/app-1-2-3',
        family: 'app',
      },
    });
    expect(Object.keys(images.aws!)).toEqual(['eu-west-1', 'us-east-1']);
  });

  test('one cloud only: the other key is absent, not empty', () => {
    const images = buildReleaseImages({
      version: '1.2.3-rc.1',
      image: { sha256: digest, arch: 'aarch64', bootMode: 'uefi' },
      published: { gcp: { ...published.gcp!, family: undefined } },
    });
    expect(images).toEqual({
      version: '1.2.3-rc.1',
      tags: ['1.2.3-rc.1'],
      digest,
      arch: 'aarch64',
      bootMode: 'uefi',
      gcp: {
        project: 'proj',
        image: 'app-1-2-3',
        imageUri: 'projects/proj/global/images/app-1-2-3',
      },
    });
  });
});

describe('the images section of the release body', () => {
  const images: ReleaseImages = buildReleaseImages({ version: '1.2.3', image, published });
  const section = renderImagesSection(images);

  test('renders a table of AMI ids per region and the GCE image URI, between the markers', () => {
    expect(section).toBe(
      [
        IMAGES_SECTION_START,
        '### Images',
        '',
        `Version \`1.2.3\` (tags \`1.2.3\`, \`1.2\`, \`1\`, \`latest\`): an x86_64 image that boots with BIOS or UEFI, digest \`${digest}\`.`,
        '',
        '| Cloud | Region / project | Image |',
        '|---|---|---|',
        '| AWS | eu-west-1 | `ami-0bbb` |',
        '| AWS | us-east-1 | `ami-0aaa` |',
        '| Google Cloud | proj | `projects/proj/global/images/app-1-2-3` (family `app`) |',
        '',
        'The same data is attached as `images.json`.',
        IMAGES_SECTION_END,
      ].join('\n'),
    );
  });

  test('says which architecture and firmware the image is for', () => {
    const arm = buildReleaseImages({
      version: '1.2.3',
      image: { sha256: digest, arch: 'aarch64', bootMode: 'uefi' },
      published,
    });
    expect(renderImagesSection(arm)).toContain(': an aarch64 image that boots with UEFI, digest');
    const bios = renderImagesSection({ ...images, bootMode: 'bios' });
    expect(bios).toContain(': an x86_64 image that boots with BIOS, digest');
  });

  test.each([
    ['an empty body', '', `${section}\n`],
    ['a null body', null, `${section}\n`],
    [
      'notes without a section: appended after a blank line',
      'Notes.\n\n- fix\n',
      `Notes.\n\n- fix\n\n${section}\n`,
    ],
    [
      'an old section in the middle: replaced, the text around it kept byte for byte',
      `Intro\r\n\r\n${IMAGES_SECTION_START}\nold table\n${IMAGES_SECTION_END}\r\n\r\nOutro  \n`,
      `Intro\r\n\r\n${section}\r\n\r\nOutro  \n`,
    ],
    [
      'two sections (a copy): the first replaced, the second removed',
      `A\n${IMAGES_SECTION_START}\n1\n${IMAGES_SECTION_END}\nB\n\n${IMAGES_SECTION_START}\n2\n${IMAGES_SECTION_END}\nC`,
      `A\n${section}\nB\nC`,
    ],
    [
      'a start marker whose end was edited away: the marker dropped, nothing of the text lost',
      `A\n${IMAGES_SECTION_START}\nold table\nB`,
      `A\n\nold table\nB\n\n${section}\n`,
    ],
  ])('%s', (_name, body, expected) => {
    const once = replaceImagesSection(body, section);
    expect(once).toBe(expected);
    expect(replaceImagesSection(once, section)).toBe(once);
    expect(once.split(IMAGES_SECTION_START)).toHaveLength(2);
  });
});
