import { describe, expect, test } from '@jest/globals';
import { cliOptionName, emptyOptions, type Options } from '../../src/plan/options.js';
import { parseProbe, planSmoke } from '../../src/plan/smoke-plan.js';

const options = (fields: Partial<Options>): Options => ({ ...emptyOptions(), ...fields });

describe('parseProbe', () => {
  test.each([
    { raw: 'http://:8080/healthz', expected: { kind: 'http', port: 8080, path: '/healthz' } },
    { raw: 'http://:80', expected: { kind: 'http', port: 80, path: '/' } },
    { raw: 'http://localhost:8080/a?b=c', expected: { kind: 'http', port: 8080, path: '/a?b=c' } },
    { raw: 'tcp://:5432', expected: { kind: 'tcp', port: 5432 } },
  ])('reads $raw', ({ raw, expected }) => {
    expect(parseProbe(raw, cliOptionName)).toEqual(expected);
  });

  test.each([
    'http://example.com:80/',
    'https://:443/',
    'http://:0/',
    'http://:70000/',
    'tcp://:1/x',
    ':8080',
  ])('refuses %s', (raw) => {
    expect(() => parseProbe(raw, cliOptionName)).toThrow(
      '--probe must look like http://:8080/path',
    );
  });
});

describe('planSmoke', () => {
  test('has documented defaults', () => {
    expect(planSmoke(options({}), cliOptionName)).toEqual({
      probes: [],
      expectStatus: 200,
      expectBody: undefined,
      expectExit: undefined,
      expectOutput: undefined,
      timeoutMs: 120_000,
      accel: 'auto',
      bootMode: 'disk',
      firmware: 'auto',
      memoryMiB: 512,
      cpus: 1,
      consoleLog: undefined,
    });
  });

  test.each([
    { input: { expectExit: 'zero' }, message: '--expect-exit must be a whole number, got "zero"' },
    { input: { expectExit: '256' }, message: '--expect-exit must be between 0 and 255, got 256' },
    { input: { timeout: '0' }, message: '--timeout must be between 1 and 3600' },
    { input: { accel: 'hvf' }, message: '--accel must be one of auto, kvm, tcg, got "hvf"' },
    { input: { bootMode: 'pxe' }, message: '--boot-mode must be one of disk, direct' },
    { input: { firmware: 'coreboot' }, message: '--firmware must be one of auto, bios, uefi' },
    { input: { expectBody: '(' }, message: '--expect-body is not a valid regular expression' },
    {
      input: { probes: ['tcp://:5432', 'http://:1/'] },
      message: '--probe cannot use guest port 1 together with a TCP probe',
    },
  ])('refuses $input', ({ input, message }) => {
    expect(() => planSmoke(options(input), cliOptionName)).toThrow(message);
  });
});
