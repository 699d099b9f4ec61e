/**
 * The committed bundles load under the Node version action.yml declares: every chunk imports,
 * and each entry starts and ends the way a user sees it (a one-line error for missing input,
 * not a stack trace from a module that could not load). Nothing here imports src/.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import {
  actionEntries,
  cliEntry,
  declaredNode,
  declaredNodeMajor,
  errorCommands,
  finished,
  makeRunner,
  obeyedCommands,
  repoRoot,
  runCli,
  runStep,
} from './shipped.js';

const temp = mkdtempSync(path.join(tmpdir(), 'nanoship-bundles-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the committed dist/', () => {
  test('runs on the Node major version action.yml declares', async () => {
    const child = spawn(declaredNode(), ['--version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const { stdout } = await finished(child);
    expect(stdout.trim()).toMatch(new RegExp(`^v${declaredNodeMajor}\\.`));
  });

  test('every module in dist/ imports without error', async () => {
    const dist = path.join(repoRoot, 'dist');
    const chunks = readdirSync(path.join(dist, 'chunks')).map((name) =>
      path.join(dist, 'chunks', name),
    );
    expect(chunks.length).toBeGreaterThan(0);
    const script = `for (const file of JSON.parse(process.argv[1])) await import(file);`;
    const child = spawn(
      declaredNode(),
      ['--input-type=module', '-e', script, JSON.stringify(chunks)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const result = await finished(child);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  test('the main entry starts and reports a bad input as one error line', async () => {
    const runner = makeRunner(path.join(temp, 'main'));
    const result = await runStep('main', runner, {
      inputs: { 'kernel-dir': '/nonexistent/kernel' },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(errorCommands(obeyedCommands(result.stdout))).toEqual([
      expect.stringContaining('/nonexistent/kernel'),
    ]);
    expect(actionEntries.main.endsWith('.mjs')).toBe(true);
  });

  test('the post entry starts and has nothing to do without a main step', async () => {
    const runner = makeRunner(path.join(temp, 'post'));
    const result = await runStep('post', runner);
    expect(result).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  test('the CLI entry starts', async () => {
    const result = await runCli(['--version'], { cwd: temp });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(cliEntry.endsWith('nanoship.mjs')).toBe(true);
  });

  test('the CLI entry on a Node without process.getBuiltinModule names the Node it needs', async () => {
    // Node before 20.16 and 22.3 has no process.getBuiltinModule, through which every chunk
    // loads Node's modules; taking it away from the declared Node shows what such a Node prints.
    const hook = `data:text/javascript,${encodeURIComponent('delete process.getBuiltinModule')}`;
    const result = await runCli(['--version'], {
      cwd: temp,
      env: { NODE_OPTIONS: `--import=${hook}` },
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^nanoship needs Node\.js 24 or newer; this is Node\.js v[\d.]+\.\n$/,
    );
  });
});
