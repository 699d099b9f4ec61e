import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { ConsoleLog } from '../../src/smoke/console-log.js';
import { Vm } from '../../src/smoke/vm.js';
import { type WatchOutcome, type WatchPlan, watchVm } from '../../src/smoke/watch.js';

// A shell stands in for QEMU (as in vm.test.ts): it prints a scripted console and then stays
// up, so the verdict logic is exercised without booting anything.
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nanoship-watch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const CRASH_LINE = '[0.812345] *** signal 11 received by tid 2, errno 0: Segmentation fault';

/** Watches a fake VM whose console is `script`'s output, then kills it. */
async function watchScript(script: string, plan: Partial<WatchPlan>): Promise<WatchOutcome> {
  const log = await ConsoleLog.open(join(dir, 'console.log'));
  const vm = Vm.start('sh', ['-c', `${script}; exec sleep 60`], log);
  try {
    return await watchVm(vm, {
      bootMode: 'disk',
      accel: 'tcg',
      probes: [],
      forwards: [],
      timeoutMs: 30_000,
      settleMs: 10_000,
      ...plan,
    });
  } finally {
    await vm.kill();
    await log.close();
  }
}

describe('watchVm', () => {
  test('expected output after a crash marker fails with the crash', async () => {
    const outcome = await watchScript(`printf '%s\\nready\\n' '${CRASH_LINE}'`, {
      expectOutput: /ready/,
    });
    expect(outcome.verdict).toBe('fail');
    expect(outcome.reason).toBe(`fatal signal on the console: "${CRASH_LINE}"`);
  });

  test('expected output in a later batch than the crash marker fails with the crash', async () => {
    const outcome = await watchScript(`printf '%s\\n' '${CRASH_LINE}'; sleep 0.2; echo ready`, {
      expectOutput: /ready/,
    });
    expect(outcome).toMatchObject({ verdict: 'fail', reason: expect.stringContaining('signal') });
  });

  test('the settle time ending before the crash grace does not pass a crashed run', async () => {
    // Settle (1 s) ends before the 2 s the kernel is given to finish its crash dump.
    const outcome = await watchScript(`printf '%s\\n' '${CRASH_LINE}'`, { settleMs: 1_000 });
    expect(outcome.verdict).toBe('fail');
    expect(outcome.reason).toContain('fatal signal on the console');
  });

  test('a crash late in the run still leaves the kernel its grace to finish the dump', async () => {
    // The crash comes after the grace period has elapsed since QEMU started; the dump that
    // follows it must still reach the log.
    const script = `sleep 2.5; printf '%s\\n' '${CRASH_LINE}'; sleep 0.5; echo 'dump complete'`;
    const outcome = await watchScript(script, {});
    expect(outcome.verdict).toBe('fail');
    expect(await readFile(join(dir, 'console.log'), 'utf8')).toContain('dump complete');
  });

  test('expected output without a crash passes', async () => {
    const outcome = await watchScript('echo booting; echo ready', { expectOutput: /ready/ });
    expect(outcome).toMatchObject({ verdict: 'pass', reason: expect.stringContaining('/ready/') });
  });

  test('a VM that stays up for the settle time without a crash passes', async () => {
    const outcome = await watchScript('echo booting', { settleMs: 300 });
    expect(outcome.verdict).toBe('pass');
    expect(outcome.reason).toContain('without a crash');
  });
});
