import { describe, expect, test } from '@jest/globals';
import { OFFICIAL_KERNEL_BASE_URL } from '../../src/constants.js';
import { planKernel } from '../../src/plan/kernel-plan.js';
import {
  actionInputName,
  cliOptionName,
  emptyOptions,
  type Options,
} from '../../src/plan/options.js';

const options = (fields: Partial<Options>): Options => ({ ...emptyOptions(), ...fields });
const SHA = 'a'.repeat(64);

describe('planKernel', () => {
  test.each([
    {
      name: 'defaults to latest from the official releases',
      input: {},
      expected: { version: 'latest', baseUrl: OFFICIAL_KERNEL_BASE_URL, arch: 'x86_64' },
    },
    {
      name: 'keeps an explicit version and trims a trailing slash',
      input: { kernelVersion: '0.1.55', kernelBaseUrl: 'http://127.0.0.1:9/release/' },
      expected: { version: '0.1.55', baseUrl: 'http://127.0.0.1:9/release' },
    },
    {
      name: 'lower-cases a pinned sha256',
      input: { kernelVersion: '0.1.55', kernelSha256: SHA.toUpperCase() },
      expected: { sha256: SHA },
    },
    {
      name: 'resolves a relative kernel dir against the working directory',
      input: { kernelDir: 'nanos/out' },
      expected: { localDir: '/work/repo/nanos/out' },
    },
    { name: 'maps arm64 to aarch64', input: { arch: 'arm64' }, expected: { arch: 'aarch64' } },
    {
      name: 'accepts nightly',
      input: { kernelVersion: 'nightly' },
      expected: { version: 'nightly' },
    },
  ])('$name', ({ input, expected }) => {
    expect(planKernel(options(input), cliOptionName, '/work/repo')).toMatchObject(expected);
  });

  describe('odd inputs', () => {
    test.each([
      {
        input: { kernelVersion: 'v0.1' },
        message: '--kernel-version must be a release such as 0.1.55',
      },
      // The resolver refuses these too: the plan says so before any download.
      {
        input: { kernelVersion: '0.1.55.rc1' },
        message: '--kernel-version must be a release such as 0.1.55',
      },
      {
        input: { kernelVersion: '0.1.55+b' },
        message: '--kernel-version must be a release such as 0.1.55',
      },
      { input: { kernelBaseUrl: 'ftp://x' }, message: '--kernel-base-url must be an http(s) URL' },
      { input: { kernelSha256: 'abc' }, message: '--kernel-sha256 must be 64 hexadecimal digits' },
      {
        input: { kernelDir: '/k', kernelSha256: SHA },
        message: '--kernel-dir and --kernel-sha256 cannot be used together',
      },
      {
        input: { arch: 'mips' },
        message: '--arch must be x86_64 (amd64) or aarch64 (arm64), got "mips"',
      },
    ])('refuses $input', ({ input, message }) => {
      expect(() => planKernel(options(input), cliOptionName, '/')).toThrow(message);
    });

    test('names the action input when called from the Action', () => {
      expect(() => planKernel(options({ kernelVersion: 'x' }), actionInputName, '/')).toThrow(
        'input "kernel-version" must be',
      );
    });
  });
});
