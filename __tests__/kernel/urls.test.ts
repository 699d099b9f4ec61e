import { describe, expect, test } from '@jest/globals';
import { isExplicitVersion, normalizeBaseUrl, releaseUrls } from '../../src/kernel/urls.js';

describe('isExplicitVersion', () => {
  test.each(['0.1.55', '0.1.100', '10.20.30', '0.1.55-rc1', '0.1.55-rc.1', '0.1.55.1'])(
    'accepts %s',
    (version) => {
      expect(isExplicitVersion(version)).toBe(true);
    },
  );

  // Each of these was accepted by one of the two patterns that used to disagree, or is unsafe
  // in a URL path or a cache folder name.
  test.each([
    '0.1.55.rc1',
    '0.1.55+b',
    '0.1',
    '1',
    '1-rc1',
    'v0.1.55',
    '0.1.55-',
    '0.1.55/..',
    '../../etc',
    'latest',
    'nightly',
    '',
  ])('refuses %s', (version) => {
    expect(isExplicitVersion(version)).toBe(false);
  });
});

describe('release URLs', () => {
  test('trailing slashes of the base URL do not matter', () => {
    expect(normalizeBaseUrl('https://mirror.example/release//')).toBe(
      'https://mirror.example/release',
    );
    expect(releaseUrls('https://m/r/', '0.1.55', 'x86_64')).toEqual({
      archive: 'https://m/r/0.1.55/nanos-release-linux-0.1.55.tar.gz',
      md5: 'https://m/r/0.1.55/nanos-release-linux-0.1.55.md5',
      assetName: 'nanos-release-linux-0.1.55.tar.gz',
    });
  });

  test('aarch64 and nightly archives carry their own names', () => {
    expect(releaseUrls('https://m/r', '0.1.55', 'aarch64').assetName).toBe(
      'nanos-release-linux-0.1.55-virt.tar.gz',
    );
    expect(releaseUrls('https://m/r', 'nightly', 'x86_64').archive).toBe(
      'https://m/r/nightly/nanos-nightly-linux.tar.gz',
    );
  });
});
