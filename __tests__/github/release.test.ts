import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createGitHubClient, type GitHubClient } from '../../src/github/octokit.js';
import { IMAGES_ASSET_NAME, publishReleaseImages } from '../../src/github/release.js';
import {
  buildReleaseImages,
  IMAGES_SECTION_START,
  type ReleaseImages,
  renderImagesSection,
} from '../../src/github/release-images.js';
import { fakeSha, type GitHubFake, startGitHubFake } from './fake.js';

const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const tagSha = fakeSha('v1.2.3');

const imagesFor = (version: string, ami = 'ami-0aaa'): ReleaseImages =>
  buildReleaseImages({
    version,
    image: { sha256: digest, arch: 'x86_64', bootMode: 'bios' },
    published: {
      aws: {
        region: 'us-east-1',
        amiId: ami,
        snapshotId: 's',
        amiIds: { 'us-east-1': ami },
        name: 'app',
        reused: false,
      },
      gcp: {
        project: 'p',
        image: 'app-1-2-3',
        imageUri: 'projects/p/global/images/app-1-2-3',
        reused: false,
      },
    },
  });

let gh: GitHubFake;
let octokit: GitHubClient;

beforeEach(async () => {
  gh = await startGitHubFake({ repos: ['octo/app'] });
  gh.repo('octo/app').refs.set('v1.2.3', tagSha).set(tagSha, tagSha);
  octokit = createGitHubClient({ token: 'ghs_write', apiUrl: gh.apiUrl });
});
afterEach(() => gh.close());

const repo = () => gh.repo('octo/app');
const publish = (images = imagesFor('1.2.3'), tag = 'v1.2.3') =>
  publishReleaseImages(octokit, { owner: 'octo', repo: 'app', tag, images, sha: tagSha });
const assetsNamed = (name: string) => repo().assets.filter((a) => a.name === name);
const storedJson = () => JSON.parse(assetsNamed(IMAGES_ASSET_NAME)[0]!.data.toString('utf8'));

async function addRelease(fields: { body?: string; draft?: boolean; tag?: string }) {
  const { data } = await octokit.rest.repos.createRelease({
    owner: 'octo',
    repo: 'app',
    tag_name: fields.tag ?? 'v1.2.3',
    body: fields.body,
    draft: fields.draft ?? false,
  });
  return data;
}

describe('a tag pushed without a release', () => {
  test('gets one: named after the tag, published, the images in its body and images.json', async () => {
    const images = imagesFor('1.2.3');

    const record = await publish(images);

    expect(repo().releases).toEqual([
      expect.objectContaining({
        id: record.releaseId,
        tag_name: 'v1.2.3',
        name: 'v1.2.3',
        draft: false,
        prerelease: false,
        make_latest: 'legacy',
        body: `${renderImagesSection(images)}\n`,
      }),
    ]);
    expect(record).toMatchObject({ created: true, bodyUpdated: false });
    expect(storedJson()).toEqual(images);
    expect(assetsNamed(IMAGES_ASSET_NAME)[0]!.content_type).toBe('application/json');
    expect(record.assetUrl).toBe(`${gh.webUrl}/octo/app/releases/download/v1.2.3/images.json`);
  });

  test('the asset goes to the upload_url the API returned (the uploads path), not uploads.github.com', async () => {
    await publish();
    const upload = gh.requests.find((r) => r.method === 'POST' && r.path.endsWith('/assets'));
    expect(upload).toMatchObject({ api: 'uploads', query: { name: 'images.json' }, status: 201 });
  });

  test('a prerelease version makes a prerelease', async () => {
    repo().refs.set('v2.0.0-rc.1', tagSha);
    await publish(imagesFor('2.0.0-rc.1'), 'v2.0.0-rc.1');
    expect(repo().releases[0]).toMatchObject({ tag_name: 'v2.0.0-rc.1', prerelease: true });
  });

  test('a tag that does not exist yet is made at the given commit, not the default branch', async () => {
    await publish(imagesFor('1.3.0'), 'v1.3.0');
    expect(repo().refs.get('v1.3.0')).toBe(tagSha);
  });
});

describe('a release that exists', () => {
  test('keeps its notes; the section is appended once and then replaced, never duplicated', async () => {
    const release = await addRelease({ body: 'Release notes.\r\n\r\n- fixed a thing\r\n' });

    const first = await publish(imagesFor('1.2.3', 'ami-0first'));
    const second = await publish(imagesFor('1.2.3', 'ami-0second'));

    expect(first).toMatchObject({ releaseId: release.id, created: false, bodyUpdated: true });
    expect(second).toMatchObject({ releaseId: release.id, created: false, bodyUpdated: true });
    const body = repo().releases[0]!.body!;
    expect(body).toBe(
      `Release notes.\r\n\r\n- fixed a thing\n\n${renderImagesSection(imagesFor('1.2.3', 'ami-0second'))}\n`,
    );
    expect(body.split(IMAGES_SECTION_START)).toHaveLength(2);
    expect(repo().releases).toHaveLength(1);
  });

  test('text a maintainer wrote after the section survives an update', async () => {
    await addRelease({ body: 'Top' });
    await publish(imagesFor('1.2.3', 'ami-0first'));
    const edited = `${repo().releases[0]!.body!}\nSigned: the maintainers\n`;
    repo().releases[0]!.body = edited;

    await publish(imagesFor('1.2.3', 'ami-0second'));

    expect(repo().releases[0]!.body).toBe(
      `Top\n\n${renderImagesSection(imagesFor('1.2.3', 'ami-0second'))}\n\nSigned: the maintainers\n`,
    );
  });

  test('images.json is replaced; other assets are left alone', async () => {
    const release = await addRelease({});
    await octokit.rest.repos.uploadReleaseAsset({
      owner: 'octo',
      repo: 'app',
      release_id: release.id,
      url: release.upload_url,
      name: 'app.img.sha256',
      data: digest,
      headers: { 'content-type': 'text/plain' },
    });
    await publish(imagesFor('1.2.3', 'ami-0first'));
    const firstAsset = assetsNamed(IMAGES_ASSET_NAME)[0]!.id;

    const record = await publish(imagesFor('1.2.3', 'ami-0second'));

    expect(assetsNamed(IMAGES_ASSET_NAME)).toHaveLength(1);
    expect(record.assetId).not.toBe(firstAsset);
    expect(storedJson().aws).toEqual({ 'us-east-1': 'ami-0second' });
    expect(assetsNamed('app.img.sha256')).toHaveLength(1);
  });

  test('a run with nothing new leaves the body alone', async () => {
    await publish();
    gh.requests.length = 0;

    const again = await publish();

    expect(again.bodyUpdated).toBe(false);
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toEqual([]);
  });

  test('a draft for the tag (release-drafter) is filled in, not duplicated', async () => {
    const draft = await addRelease({ body: 'Drafted notes', draft: true });

    const record = await publish();

    expect(record).toMatchObject({ releaseId: draft.id, created: false });
    expect(repo().releases).toHaveLength(1);
    expect(repo().releases[0]).toMatchObject({ draft: true });
    expect(repo().releases[0]!.body).toMatch(/^Drafted notes\n\n<!-- nanoship:images:start -->/);
  });
});

describe('races and refusals', () => {
  test('two runs for the same tag (push and release event) end with one release and one images.json', async () => {
    gh.inject({ method: 'GET', path: '/repos/octo/app/releases/tags/v1.2.3', barrier: 2 });
    gh.inject({ method: 'POST', path: '/repos/octo/app/releases', barrier: 2 });
    gh.inject({ method: 'POST', path: /\/releases\/\d+\/assets$/, barrier: 2 });

    const [a, b] = await Promise.all([publish(), publish()]);

    expect(repo().releases).toHaveLength(1);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.releaseId).toBe(b.releaseId);
    expect(assetsNamed(IMAGES_ASSET_NAME)).toHaveLength(1);
    expect(repo().releases[0]!.body!.split(IMAGES_SECTION_START)).toHaveLength(2);
    const uploads = gh.requests.filter((r) => r.api === 'uploads').map((r) => r.status);
    expect(uploads).toContain(422);
  });

  test('a read-only token asks for `contents: write`', async () => {
    gh.state.readOnlyTokens.add('ghs_ro');
    const readOnly = createGitHubClient({ token: 'ghs_ro', apiUrl: gh.apiUrl });

    const run = publishReleaseImages(readOnly, {
      owner: 'octo',
      repo: 'app',
      tag: 'v1.2.3',
      images: imagesFor('1.2.3'),
    });

    await expect(run).rejects.toThrow(
      /^GitHub: could not create the release v1\.2\.3 of octo\/app: POST \/api\/v3\/repos\/octo\/app\/releases gave HTTP 403 .*`permissions: contents: write`/,
    );
  });
});
