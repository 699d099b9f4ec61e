// The guest console streams into the step log with workflow commands off, and nanoship's own
// commands (groups, annotations, the failure line) still work around it.

import * as core from '@actions/core';
import { describe, expect, test } from '@jest/globals';
import { coreLogger } from '../../src/action/core-logger.js';
import { GuestConsoleStream } from '../../src/action/guest-console.js';
import { isolateRunner, obeyedCommands } from './runner.js';

const runner = isolateRunner();

describe('GuestConsoleStream', () => {
  test('guest lines that look like workflow commands are shown but not obeyed', async () => {
    const stream = new GuestConsoleStream();
    const logger = stream.around(coreLogger);
    await logger.group('Smoke test (QEMU console)', async () => {
      logger.info('starting QEMU');
      stream.onConsole('booting\n');
      stream.onConsole('::error::guest says the build failed\n::add-mask::secret\n');
      stream.onConsole('::set-output name=smoke-result::pass');
    });
    stream.close();
    core.setFailed('nanoship failed');
    expect(obeyedCommands(runner.stdout)).toEqual([
      '::group::Smoke test (QEMU console)',
      '::endgroup::',
      '::error::nanoship failed',
    ]);
    expect(runner.stdout).toContain('::error::guest says the build failed\n');
    expect(runner.stdout).toContain('::set-output name=smoke-result::pass\n');
  });

  test('a logger call between console chunks ends the window; the next chunk opens a new one', () => {
    const stream = new GuestConsoleStream();
    const logger = stream.around(coreLogger);
    stream.onConsole('half a line');
    logger.warning('nanoship speaks');
    stream.onConsole('::error::from the guest\n');
    stream.close();
    expect(obeyedCommands(runner.stdout)).toEqual(['::warning::nanoship speaks']);
    const tokens = runner.stdout.match(/^::stop-commands::(.+)$/gm) ?? [];
    expect(tokens).toHaveLength(2);
    expect(new Set(tokens).size).toBe(2); // a fresh token each time
  });

  test('a guest cannot end the window without the token', () => {
    const stream = new GuestConsoleStream();
    stream.onConsole('::stop-commands::mine\n::mine::\n::guess::\n::error::still off\n');
    stream.close();
    expect(obeyedCommands(runner.stdout)).toEqual([]);
  });

  test('writes nothing when the guest printed nothing', () => {
    const stream = new GuestConsoleStream();
    stream.around(coreLogger).info('no console');
    stream.close();
    expect(runner.stdout).not.toContain('stop-commands');
  });
});
