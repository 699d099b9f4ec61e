import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ConsoleLog } from '../../src/smoke/console-log.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-console-log-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ConsoleLog', () => {
  test('creates its folder and the file on open, and holds what was written after close', async () => {
    const path = join(dir, 'a', 'b', 'console.log');
    const log = await ConsoleLog.open(path);
    expect(existsSync(path)).toBe(true);
    log.write('booting\n');
    log.write('ready\n');
    expect(await log.close()).toBeUndefined();
    expect(await readFile(path, 'utf8')).toBe('booting\nready\n');
  });

  const full = existsSync('/dev/full') ? test : test.skip;
  full('a write that fails (a full disk) does not throw; close() returns the error', async () => {
    const log = await ConsoleLog.open('/dev/full');
    log.write('x'.repeat(100_000));
    log.write('more');
    const error = await log.close();
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  });
});
