import { describe, expect, test } from '@jest/globals';
import {
  defaultKnownReleases,
  findKnownAsset,
  knownVersions,
  parseKnownReleases,
} from '../../src/kernel/releases.js';

const DIGEST = 'f'.repeat(64);
const X86_ASSET = 'nanos-release-linux-0.1.55.tar.gz';

describe('kernel/releases.json', () => {
  test('the shipped file has the documented shape', () => {
    expect(() => defaultKnownReleases()).not.toThrow();
  });

  test.each([
    ['a list', [], 'expected an object keyed by version'],
    ['a version that is not an object', { '0.1.55': 'x' }, '0.1.55 is not an object keyed by arch'],
    [
      'an unknown architecture',
      { '0.1.55': { riscv64: { url: X86_ASSET, sha256: DIGEST } } },
      'unknown architecture',
    ],
    [
      'an asset without sha256',
      { '0.1.55': { x86_64: { url: X86_ASSET } } },
      'expected { "url": string',
    ],
    [
      'an uppercase digest',
      { '0.1.55': { x86_64: { url: X86_ASSET, sha256: DIGEST.toUpperCase() } } },
      '64 lowercase hex',
    ],
    [
      'a url that is not the archive nanoship downloads',
      { '0.1.55': { aarch64: { url: X86_ASSET, sha256: DIGEST } } },
      "releases.json: 0.1.55.aarch64: url is 'nanos-release-linux-0.1.55.tar.gz', but nanoship downloads nanos-release-linux-0.1.55-virt.tar.gz for it",
    ],
  ])('refuses %s', (_what, json, message) => {
    expect(() => parseKnownReleases(json, 'releases.json')).toThrow(message);
  });

  test('finds an asset by version and architecture, and nothing for inherited keys', () => {
    const releases = parseKnownReleases(
      { '0.1.55': { x86_64: { url: X86_ASSET, sha256: DIGEST } } },
      'r',
    );
    expect(findKnownAsset(releases, '0.1.55', 'x86_64')?.sha256).toBe(DIGEST);
    expect(findKnownAsset(releases, '0.1.55', 'aarch64')).toBeUndefined();
    expect(findKnownAsset(releases, 'constructor', 'x86_64')).toBeUndefined();
  });

  test('lists versions newest first, comparing numbers not text', () => {
    const asset = { x86_64: { url: 'a', sha256: DIGEST } };
    expect(knownVersions({ '0.1.9': asset, '0.1.10': asset, '0.2.0': asset })).toEqual([
      '0.2.0',
      '0.1.10',
      '0.1.9',
    ]);
  });
});
