import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { actionInputName, emptyOptions, type Options } from '../../src/plan/options.js';
import { planFromOptions } from '../../src/plan/plan.js';

const cwd = mkdtempSync(path.join(os.tmpdir(), 'nanoship-plan-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const kernelOnly = { kernel: true, build: false, smoke: false };

/** Plans the kernel stage with a config.json holding `config`, as the Action does. */
function planWithConfig(config: object, fields: Partial<Options> = {}) {
  writeFileSync(path.join(cwd, 'config.json'), JSON.stringify(config));
  const options = { ...emptyOptions(), config: 'config.json', ...fields };
  return planFromOptions(options, kernelOnly, { cwd, namer: actionInputName });
}

describe('planFromOptions', () => {
  test('takes the kernel version from config.json NanosVersion when no option gives one', async () => {
    const plan = await planWithConfig({ NanosVersion: '0.1.50' });
    expect(plan.kernel?.version).toBe('0.1.50');
  });

  test('lets the kernel-version option win over NanosVersion', async () => {
    const plan = await planWithConfig({ NanosVersion: '0.1.50' }, { kernelVersion: '0.1.55' });
    expect(plan.kernel?.version).toBe('0.1.55');
  });

  test('names config.json NanosVersion when its value is bad', async () => {
    await expect(planWithConfig({ NanosVersion: 'v1' })).rejects.toThrow(
      'config.json NanosVersion must be a release such as 0.1.55, "latest" or "nightly", got "v1".',
    );
  });

  test('names the option when the option is bad', async () => {
    await expect(
      planWithConfig({ NanosVersion: '0.1.50' }, { kernelVersion: 'v2' }),
    ).rejects.toThrow('input "kernel-version" must be a release');
  });
});
