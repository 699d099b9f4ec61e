import { describe, expect, test } from '@jest/globals';
import { parseSize } from '../../src/plan/validate.js';

describe('parseSize', () => {
  test.each([
    { raw: '1', bytes: 512 },
    { raw: '1k', bytes: 1024 },
    { raw: '64m', bytes: 64 * 1024 ** 2 },
    { raw: '2G', bytes: 2 * 1024 ** 3 },
    { raw: '2048g', bytes: 2 ** 41 },
    { raw: `${2 ** 41}`, bytes: 2 ** 41 },
  ])('reads $raw as $bytes bytes', ({ raw, bytes }) => {
    expect(parseSize(raw, '--size')).toBe(bytes);
  });

  test.each([
    { name: '3000g', raw: '3000g' },
    { name: '2049g', raw: '2049g' },
    { name: 'one byte over 2 TiB', raw: `${2 ** 41 + 1}` },
    { name: 'a number too large for a double', raw: `${'9'.repeat(400)}g` },
  ])('refuses $name: an MBR describes at most 2 TiB', ({ raw }) => {
    expect(() => parseSize(raw, 'config.json BaseVolumeSz')).toThrow(
      `config.json BaseVolumeSz must be at most 2 TiB (2048g, the most an MBR partition table can describe), got "${raw}".`,
    );
  });
});
