/**
 * A KVM that cannot run the guest is a fault of the host, never the program's. A stand-in for
 * QEMU fails the way QEMU fails on such hosts when asked for KVM (an internal error and a
 * paused guest; an MSR it cannot set and an abort; silence) and runs the real QEMU with the
 * Linux test guest under TCG, so the fallback's verdict comes from a real boot.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { recordingLogger } from '../../src/log.js';
import { runSmoke, type SmokeOptions } from '../../src/smoke/index.js';
import {
  buildGuest,
  GUEST_APPEND,
  GUEST_HTTP_PORT,
  type GuestKit,
  prepareGuestKit,
  writeTestDisk,
} from './guest.js';

jest.setTimeout(120_000);

let kit: GuestKit;
let dir: string;
let image: string;
let initrd: string;
/** Opens for reading and writing, so `auto` believes KVM is there. */
let fakeKvmDevice: string;

beforeAll(async () => {
  kit = await prepareGuestKit();
  dir = await mkdtemp(join(tmpdir(), 'nanoship-kvm-'));
  image = join(dir, 'image.img');
  await writeTestDisk(image);
  initrd = await buildGuest(kit, { kind: 'httpd' }, dir);
  fakeKvmDevice = join(dir, 'kvm');
  await writeFile(fakeKvmDevice, '');
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const REAL_QEMU = execFileSync('sh', ['-c', 'command -v qemu-system-x86_64'], {
  encoding: 'utf8',
}).trim();

/** What the stand-in does when asked for KVM, as shell. */
const KVM_FAILURES = {
  'internal error, guest paused': `echo 'KVM internal error. Suberror: 1' >&2; echo 'emulation failure' >&2; exec sleep 600`,
  'MSR refused, QEMU aborts': `echo 'qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69' >&2; echo "qemu-system-x86_64: ../../target/i386/kvm/kvm.c:3183: kvm_buf_set_msrs: Assertion 'ret == cpu->kvm_msr_buf->nmsrs' failed." >&2; kill -ABRT $$`,
  'silence, guest stalled': 'exec sleep 600',
};

/** A QEMU stand-in: `onKvm` under -accel kvm, else the real QEMU with `extra` appended. */
async function qemuStandIn(name: string, onKvm: string, extra = ''): Promise<string> {
  const path = join(dir, `qemu-${name.replace(/\W+/g, '-')}`);
  await writeFile(
    path,
    `#!/bin/sh\ncase " $* " in *" -accel kvm "*) ${onKvm} ;; esac\nexec '${REAL_QEMU}' "$@" ${extra}\n`,
    { mode: 0o755 },
  );
  return path;
}

async function smoke(qemuBinary: string, overrides: Partial<SmokeOptions>) {
  const workDir = await mkdtemp(join(dir, 'work-'));
  const logger = recordingLogger();
  const result = await runSmoke(
    {
      image,
      bootMode: 'disk',
      accel: 'auto',
      memoryMiB: 256,
      cpus: 1,
      probes: [{ kind: 'http', port: GUEST_HTTP_PORT, path: '/' }],
      timeoutMs: 60_000,
      consoleLog: join(workDir, 'console.log'),
      workDir,
      qemuBinary,
      kvmDevice: fakeKvmDevice,
      kvmSilenceMs: 3_000,
      linuxBoot: { kernel: kit.vmlinuz, initrd, append: GUEST_APPEND },
      ...overrides,
    },
    { logger },
  );
  return { result, logger };
}

describe.each(Object.entries(KVM_FAILURES))('KVM fails: %s', (name, onKvm) => {
  test('auto boots again under TCG, passes, and says it fell back', async () => {
    const qemu = await qemuStandIn(name, onKvm);
    const { result, logger } = await smoke(qemu, {});
    expect(result).toMatchObject({ verdict: 'pass', accel: 'tcg' });
    expect(result.kvmFailure).toBeDefined();
    const warnings = logger.lines.filter((line) => line.level === 'warning');
    expect(warnings).toEqual([
      { level: 'warning', message: expect.stringContaining('booting again under TCG') },
    ]);
    expect(await readFile(result.consoleLog, 'utf8')).toContain('booting again under TCG');
    expect(result.qemuCommand).toContain('tcg');
  });
});

describe('accel kvm on a host whose KVM fails', () => {
  test.each(['internal error, guest paused', 'MSR refused, QEMU aborts'] as const)(
    '%s: fails as a fault of the host, naming KVM and the way out',
    async (name) => {
      const qemu = await qemuStandIn(name, KVM_FAILURES[name]);
      const { result } = await smoke(qemu, { accel: 'kvm' });
      expect(result).toMatchObject({ verdict: 'fail', fault: 'host', accel: 'kvm' });
      expect(result.reason).toMatch(/^KVM could not run the guest \(QEMU: .+\)/);
      expect(result.reason).toContain('accel tcg');
      expect(result.reason).not.toContain('within');
    },
  );
});

describe('QEMU itself failing', () => {
  test('a crash of QEMU is a fault of the host', async () => {
    const qemu = join(dir, 'qemu-segfaults');
    await writeFile(qemu, `#!/bin/sh\necho 'qemu: fatal: something broke' >&2\nkill -SEGV $$\n`, {
      mode: 0o755,
    });
    const { result } = await smoke(qemu, { accel: 'tcg' });
    expect(result).toMatchObject({ verdict: 'fail', fault: 'host' });
    expect(result.reason).toContain('QEMU crashed (SIGSEGV)');
    expect(result.reason).toContain('something broke');
  });

  test('a port QEMU cannot forward is the host, not the program', async () => {
    // Another process holds the port QEMU is told to forward.
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as AddressInfo;
    try {
      const qemu = await qemuStandIn(
        'hostfwd',
        '',
        `-netdev user,id=n1,hostfwd=tcp:127.0.0.1:${port}-:80`,
      );
      const { result } = await smoke(qemu, { accel: 'tcg' });
      expect(result).toMatchObject({ verdict: 'fail', fault: 'host' });
      expect(result.reason).toContain('QEMU could not forward a port on the host');
    } finally {
      holder.close();
    }
  });
});

describe('the real KVM of this host, whatever it does', () => {
  test('auto gives the right verdict, and says so when it fell back', async () => {
    const { result, logger } = await smoke(REAL_QEMU, {
      kvmDevice: undefined,
      kvmSilenceMs: undefined,
    });
    expect(result.verdict).toBe('pass');
    const fellBack = logger.lines.some((line) => line.message.includes('booting again under TCG'));
    expect(fellBack).toBe(result.kvmFailure !== undefined);
  });
});
