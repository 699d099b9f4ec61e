// The fake's VM host without QEMU: a shell script named qemu-system-x86_64 first on the host's
// PATH stands in, so the process handling (console capture capped at 64 KiB, the whole
// process group killed, the disk removed, addresses handed out and back) runs in milliseconds.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { waitUntil } from '../../wait-until.js';
import { CONSOLE_BYTES, type Vm, VmHost } from './fake-vm.js';
import { makeTempDir } from './fixtures.js';

let temp: ReturnType<typeof makeTempDir>;
let host: VmHost;

beforeEach(() => {
  temp = makeTempDir();
  // 100 000 numbered lines on the "serial console", then a child process that outlives the
  // script's own shell unless its whole group is killed.
  writeFileSync(
    path.join(temp.dir, 'qemu-system-x86_64'),
    `#!/bin/sh\nseq 1 100000\nsleep 1000 &\nwait\n`,
    { mode: 0o755 },
  );
  host = new VmHost(temp.dir, {
    path: `${temp.dir}:${process.env.PATH}`,
    accel: 'tcg',
    memoryMiB: 64,
  });
});
afterEach(async () => {
  await host.close();
  temp.remove();
});

const boot = (instanceId: string, ended: Vm[] = []) =>
  host.boot({ instanceId, ports: [], writeDisk: (file) => writeFile(file, 'disk') }, (vm) =>
    ended.push(vm),
  );

/** These VMs are shell scripts that start and end in milliseconds: 5 s is ample. */
const until = (what: string, check: () => boolean) =>
  waitUntil(what, check, { timeoutMs: 5_000, intervalMs: 25 });

/** Live processes in `pid`'s process group (a killed one may linger as a zombie until reaped). */
function groupMembers(pid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pgid=,pid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.trim().split(/\s+/)[0] === String(pid) && !line.includes('<defunct>'));
}

describe('a VM', () => {
  test('keeps the last 64 KiB of its console', async () => {
    const vm = boot('i-console');
    await until('the whole console', () => {
      return vm.status === 'running' && vm.console().toString().endsWith('100000\n');
    });
    const text = vm.console().toString();
    expect(vm.console().length).toBe(CONSOLE_BYTES);
    expect(text.endsWith('99999\n100000\n')).toBe(true);
    expect(text).not.toContain('\n1\n2\n3\n');
  });

  test('is killed with its whole process group, and its disk removed', async () => {
    const ended: Vm[] = [];
    const vm = boot('i-kill', ended);
    await until('the script and its child', () => {
      return vm.status === 'running' && groupMembers(vm.pid!).length === 2;
    });
    expect(groupMembers(vm.pid!)).toHaveLength(2);
    expect(existsSync(vm.disk)).toBe(true);
    await vm.kill();
    await until('the end callback', () => ended.length === 1);
    expect(groupMembers(vm.pid!)).toEqual([]);
    expect(existsSync(vm.disk)).toBe(false);
    expect(vm.end).toMatchObject({ by: 'terminate', signal: 'SIGKILL' });
    expect(ended).toEqual([vm]);
  });

  test('killed before QEMU started never starts it', async () => {
    const vm = host.boot(
      {
        instanceId: 'i-early',
        ports: [],
        writeDisk: async (file) => {
          await sleep(100);
          await writeFile(file, 'disk');
        },
      },
      () => {},
    );
    await vm.kill();
    await until('the VM to end', () => vm.status === 'ended');
    expect(vm.pid).toBeUndefined();
    expect(vm.end?.by).toBe('terminate');
    await sleep(150);
    expect(existsSync(vm.disk)).toBe(false);
  });
});

describe('loopback addresses', () => {
  test('go from 127.0.0.2 up and are handed out again', async () => {
    const a = await host.allocate('i-a', [8080], false);
    const b = await host.allocate('i-b', [8080], false);
    expect([a, b]).toEqual(['127.0.0.2', '127.0.0.3']);
    host.release('i-a');
    expect(await host.allocate('i-c', [8080], false)).toBe('127.0.0.2');
  });

  test('skip an address where something else holds one of the ports', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.2', resolve));
    const { port } = squatter.address() as AddressInfo;
    try {
      expect(await host.allocate('i-a', [port], true)).toBe('127.0.0.3');
    } finally {
      await new Promise<void>((resolve) => squatter.close(() => resolve()));
    }
  });
});
