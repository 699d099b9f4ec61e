// The post step removes what a main step recorded, even when that step never finished.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { post } from '../../src/action/post.js';
import { State } from '../../src/constants.js';
import { makeTempDir } from '../kernel/fixtures.js';
import { isolateRunner } from './runner.js';

const temp = makeTempDir('nanoship-post-test-');
afterAll(() => temp.remove());
const runner = isolateRunner();

describe('the post step', () => {
  test('removes the scratch folders a cancelled main step recorded', async () => {
    const scratch = path.join(temp.dir, 'nanoship-abc');
    mkdirSync(path.join(scratch, 'smoke'), { recursive: true });
    writeFileSync(path.join(scratch, 'smoke', 'disk.img'), 'left over');
    process.env[`STATE_${State.IsPost}`] = 'true';
    process.env[`STATE_${State.TempDirs}`] = JSON.stringify([scratch]);
    await post();
    expect(existsSync(scratch)).toBe(false);
    expect(runner.stdout).not.toContain('::warning::');
  });

  test('does nothing when the main step never ran', async () => {
    const untouched = path.join(temp.dir, 'not-ours');
    mkdirSync(untouched);
    process.env[`STATE_${State.TempDirs}`] = JSON.stringify([untouched]);
    await post();
    expect(existsSync(untouched)).toBe(true);
  });
});
