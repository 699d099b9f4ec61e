import { describe, expect, test } from '@jest/globals';
import {
  awsImageName,
  buildLabel,
  channelOf,
  compactTimestamp,
  gceName,
  gcpImageName,
  nanoshipLabels,
  nanoshipTags,
} from '../../src/cloud/naming.js';

const image = { name: 'web-server', sha256: 'ab'.repeat(32) };
const sha = '0123456789abcdef0123456789abcdef01234567';
const now = new Date('2026-12-03T11:22:33.456Z');

describe('buildLabel and channelOf', () => {
  test.each([
    {
      name: 'a release',
      provenance: { version: '1.2.3', sha },
      label: '1.2.3',
      channel: 'release',
    },
    {
      name: 'a pull request',
      provenance: { pr: 7, sha, ref: 'refs/pull/7/merge' },
      label: '0123456',
      channel: 'pr-7',
    },
    {
      name: 'a branch push',
      provenance: { sha, ref: 'refs/heads/main' },
      label: '0123456',
      channel: 'branch-main',
    },
    { name: 'a laptop', provenance: {}, label: 'abababababab', channel: 'local' },
  ])('$name', ({ provenance, label, channel }) => {
    expect(buildLabel(image, provenance)).toBe(label);
    expect(channelOf(provenance)).toBe(channel);
  });
});

describe('AMI names', () => {
  test('read as image, build and time, in the characters AMI names allow', () => {
    expect(compactTimestamp(now)).toBe('20261203T112233Z');
    expect(awsImageName(image, { sha }, now)).toBe('nanoship/web-server/0123456/20261203T112233Z');
    expect(awsImageName({ ...image, name: 'app+v2!' }, { version: '1.0.0' }, now)).toBe(
      'nanoship/app-v2-/1.0.0/20261203T112233Z',
    );
  });

  test('stay within 128 characters by shortening the image name', () => {
    const name = awsImageName({ ...image, name: 'x'.repeat(300) }, { sha }, now);
    expect(name).toHaveLength(128);
    expect(name.endsWith('/0123456/20261203T112233Z')).toBe(true);
  });
});

describe('Compute Engine names', () => {
  test.each([
    ['Web_Server', 'web-server'],
    ['9lives', 'lives'],
    ['---', 'nanoship'],
    ['a--b', 'a-b'],
  ])('gceName(%j) is %j', (text, name) => {
    expect(gceName(text)).toBe(name);
  });

  test('images are <name>-<version-or-sha7>, at most 63 characters, no trailing hyphen', () => {
    expect(gcpImageName(image, { version: '1.2.3' })).toBe('web-server-1-2-3');
    expect(gcpImageName(image, { sha })).toBe('web-server-0123456');
    const long = gcpImageName({ ...image, name: 'a'.repeat(80) }, { sha });
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
    expect(long.endsWith('-0123456')).toBe(true);
  });
});

describe('tags and labels', () => {
  const context = {
    kind: 'image' as const,
    image,
    provenance: { repo: 'Octo/App', repoId: '42', ref: 'refs/heads/main', sha, run: '9-1' },
    channel: 'branch-main',
    expiresAt: new Date('2026-12-06T00:00:00.000Z'),
    extra: { team: 'web', 'nanoship:managed': 'false' },
  };

  test('AWS tags carry the whole set and nanoship keys win over the user', () => {
    expect(nanoshipTags(context)).toEqual({
      team: 'web',
      'nanoship:managed': 'true',
      'nanoship:kind': 'image',
      'nanoship:image': 'web-server',
      'nanoship:channel': 'branch-main',
      'nanoship:repo': 'Octo/App',
      'nanoship:repo-id': '42',
      'nanoship:ref': 'refs/heads/main',
      'nanoship:sha': sha,
      'nanoship:run': '9-1',
      'nanoship:digest': image.sha256,
      'nanoship:expires-at': '2026-12-06T00:00:00Z',
    });
  });

  test('GCP labels use legal keys and values', () => {
    const labels = nanoshipLabels({ ...context, extra: { team: 'web', 'nanoship-managed': 'x' } });
    expect(labels.team).toBe('web');
    for (const [key, value] of Object.entries(labels)) {
      expect(key).toMatch(/^[a-z][a-z0-9_-]{0,62}$/);
      expect(value).toMatch(/^[a-z0-9_-]{0,63}$/);
    }
    expect(labels['nanoship-repo']).toBe('octo_app');
    expect(labels['nanoship-digest']).toBe(image.sha256.slice(0, 63));
    expect(labels['nanoship-expires-at']).toBe(String(Date.parse('2026-12-06T00:00:00Z') / 1000));
    expect(labels['nanoship-managed']).toBe('true');
  });
});
