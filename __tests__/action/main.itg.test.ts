// The whole Action line on a real Nanos kernel: inputs → kernel (local dir) → image → smoke
// test in QEMU → outputs and job summary. Needs NANOS_KERNEL_DIR; skipped, and said so, without.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { run } from '../../src/action/main.js';
import { makeTempDir } from '../kernel/fixtures.js';
import { isolateRunner, obeyedCommands, prepareRunner, readOutputs } from './runner.js';

const kernelDir = process.env.NANOS_KERNEL_DIR;
const usable = kernelDir !== undefined && existsSync(path.join(kernelDir, 'kernel.img'));
if (!usable)
  console.log(
    'skipped: NANOS_KERNEL_DIR is not set (a Nanos kernel directory with kernel.img and boot.img)',
  );
const maybe = usable ? describe : describe.skip;

const temp = makeTempDir('nanoship-action-itg-');
const runner = isolateRunner();
afterAll(() => temp.remove());

/** A console line a hostile guest could print to act on the workflow. */
const GUEST_COMMAND = '::error::the guest speaks as the runner';

/**
 * Compiles a C program that prints a line and a workflow command, and exits with its first
 * argument.
 */
function compileExiter(dir: string): string {
  const source = path.join(dir, 'exiter.c');
  writeFileSync(
    source,
    `#include <stdio.h>\n#include <stdlib.h>\nint main(int c, char **v) { printf("exiter says hi\\n${GUEST_COMMAND}\\n"); return c > 1 ? atoi(v[1]) : 0; }\n`,
  );
  execFileSync('cc', ['-O2', '-o', path.join(dir, 'exiter'), source]);
  return 'exiter';
}

const DEFAULTS = {
  'kernel-version': 'latest',
  'kernel-base-url': 'https://storage.googleapis.com/nanos/release',
  arch: 'x86_64',
  smoke: 'true',
  'expect-status': '200',
  timeout: '60',
  accel: 'tcg',
  'boot-mode': 'disk',
  memory: '512',
  cpus: '1',
};

maybe('the Action on a real kernel', () => {
  test('builds the program, boot-tests it and sets every output', async () => {
    const outputs = prepareRunner(temp.dir, {}, 'pass');
    const workspace = path.dirname(outputs);
    const program = compileExiter(workspace);
    prepareRunner(
      temp.dir,
      {
        ...DEFAULTS,
        'kernel-dir': kernelDir!,
        program,
        args: '3',
        'expect-exit': '3',
        'expect-output': 'exiter says hi',
      },
      'pass',
    );
    await run();
    expect(process.exitCode).toBeUndefined();
    const values = readOutputs(outputs);
    expect(values['smoke-result']).toBe('pass');
    expect(values['image-path']).toBe(path.join(workspace, '.nanoship', 'exiter.img'));
    const bytes = readFileSync(values['image-path']!);
    expect(values['image-sha256']).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(Number(values['image-size'])).toBe(bytes.length);
    expect(Number(values['boot-ms'])).toBeGreaterThan(0);
    expect(readFileSync(values['console-log']!, 'utf8')).toContain('exiter says hi');
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8');
    expect(summary).toContain('pass');
    expect(summary).toContain('libc.so.6');
    expect(summary).toMatch(/\d+ {2}\/exiter\n/); // the file list, read back from the image
    // The guest's workflow command is in the log, inside a stop-commands window.
    expect(runner.stdout).toContain(GUEST_COMMAND);
    expect(obeyedCommands(runner.stdout)).not.toContainEqual(
      expect.stringContaining(GUEST_COMMAND),
    );
  });

  test('fails the step on a wrong exit code, with the reason and the console in the log', async () => {
    const outputs = prepareRunner(temp.dir, {}, 'fail');
    const program = compileExiter(path.dirname(outputs));
    prepareRunner(
      temp.dir,
      { ...DEFAULTS, 'kernel-dir': kernelDir!, program, args: '3', 'expect-exit': '0' },
      'fail',
    );
    await run();
    expect(process.exitCode).toBe(1);
    expect(readOutputs(outputs)['smoke-result']).toBe('fail');
    const errors = obeyedCommands(runner.stdout).filter((line) => line.startsWith('::error::'));
    expect(errors).toEqual([expect.stringContaining('exit code: got 3, want 0')]);
    // The guest console is streamed into the step's log as it arrives.
    expect(runner.stdout).toContain('exiter says hi');
  });
});
