import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { ConsoleLog } from '../../src/smoke/console-log.js';
import { type ConsoleSink, Vm } from '../../src/smoke/vm.js';
import { waitUntil } from '../wait-until.js';

/** A console sink for tests that do not look at the log. */
const nowhere: ConsoleSink = { write: () => {} };

// Vm runs any program the way it runs QEMU; a shell stands in for QEMU to check console
// capture and process-group handling without booting anything.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-vm-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Vm', () => {
  test('copies stdout to the log, in line batches to listeners, and stderr apart', async () => {
    const logPath = join(dir, 'console.log');
    const log = await ConsoleLog.open(logPath);
    const chunks: string[] = [];
    const vm = Vm.start(
      'sh',
      ['-c', 'seq 1 20000; printf "no newline"; echo "qemu: oops" >&2; exit 3'],
      log,
      (chunk) => chunks.push(chunk),
    );
    let lines = '';
    vm.onLines((batch) => {
      lines += batch;
    });
    const exit = await vm.exited;
    expect(await log.close()).toBeUndefined();
    expect(exit).toMatchObject({ status: 3, signal: null });
    const expected = `${Array.from({ length: 20000 }, (_, i) => i + 1).join('\n')}\n`;
    expect(lines).toBe(expected);
    expect(chunks.join('')).toBe(`${expected}no newline`);
    expect(vm.consoleText().endsWith('19999\n20000\nno newline')).toBe(true);
    expect(vm.stderr()).toBe('qemu: oops');
    expect(await readFile(logPath, 'utf8')).toContain('20000\nno newline');
  });

  test('a long line without a newline reaches listeners before its newline arrives', async () => {
    const script = "printf '%40000s' '' | tr ' ' x; sleep 0.3; printf '\\nend\\n'";
    const vm = Vm.start('sh', ['-c', script], nowhere);
    const batches: string[] = [];
    vm.onLines((batch) => batches.push(batch));
    await vm.exited;
    expect(batches.join('')).toBe(`${'x'.repeat(40000)}\nend\n`);
    expect(batches[0]).toBe('x'.repeat(batches[0]!.length)); // scanned without its newline
  });

  test('kill() ends the whole process group, children included', async () => {
    const marker = `nanoship-vm-test-${process.pid}-${Date.now()}`;
    const inner = `sh -c 'sleep 300; : ${marker}'`;
    const vm = Vm.start('sh', ['-c', `${inner} & ${inner}`], nowhere);
    await waitUntil('the shell and its child', () => processesWith(marker).length >= 2);
    expect(processesWith(marker).length).toBeGreaterThanOrEqual(2); // the shell and its child
    const exit = await vm.kill();
    expect(exit.signal).toBe('SIGKILL');
    await waitUntil('both to be gone', () => processesWith(marker).length === 0);
    expect(processesWith(marker)).toEqual([]);
    await vm.kill(); // a second kill is harmless
  });

  test('a binary that does not exist becomes a UserError with the install hint', async () => {
    const vm = Vm.start('qemu-system-x86_64-absent', [], nowhere);
    await vm.exited;
    const failure = vm.spawnFailure('qemu-system-x86_64-absent');
    expect(failure).toBeInstanceOf(UserError);
    expect(failure?.message).toMatch(/apt-get install -y qemu-system-x86/);
  });
});

function processesWith(marker: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes(marker) && !line.includes('ps -eo'));
}
