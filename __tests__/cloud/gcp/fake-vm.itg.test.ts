/**
 * The fake's booting instances as a test suite relies on them: close() stops every QEMU it
 * started and removes its files, maxRunDuration deletes an instance (and its QEMU) as Google
 * would, a guest that ends leaves a TERMINATED instance, and a QEMU that cannot start fails
 * the insert. The guests here are the Linux test guest through the stand-in, whatever
 * NANOS_KERNEL_DIR says: these are the fake's behaviours, not Nanos'.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { createGcpPreviewCloud } from '../../../src/cloud/gcp/index.js';
import { isUserError } from '../../../src/errors.js';
import { linuxGuestQemu } from '../../contract/stand-ins.js';
import { makeTempDir } from '../../kernel/fixtures.js';
import { writeTestDisk } from '../../smoke/guest.js';
import type { GcpFakeOptions } from './fake.js';
import {
  ADDRESS_START,
  depsOf,
  FAST,
  launchOf,
  PROJECT,
  PROVENANCE,
  processExists,
  processesMentioning,
  settingsOf,
  waitForHttp,
  ZONE,
} from './preview-fixtures.js';
import { type GcpWorld, startWorld } from './publish-fixtures.js';

jest.setTimeout(300_000);

const temp = makeTempDir('nanoship-gcp-fake-vm-');
const IMAGE = { name: 'app', sha256: 'ef'.repeat(32), arch: 'x86_64' as const };
let disk: string;
let httpdQemu: string;
let dyingQemu: string;

beforeAll(async () => {
  disk = path.join(temp.dir, 'disk.img');
  await writeTestDisk(disk);
  const httpd = await linuxGuestQemu(path.join(temp.dir, 'httpd'), { kind: 'httpd' });
  const dying = await linuxGuestQemu(path.join(temp.dir, 'die'), { kind: 'die' });
  httpdQemu = path.join(httpd, 'qemu-system-x86_64');
  dyingQemu = path.join(dying, 'qemu-system-x86_64');
}, 600_000);
afterAll(() => temp.remove());

/** A world whose image `app-1a2b3c4` boots with `qemu`. */
async function worldWith(boot: GcpFakeOptions['boot']): Promise<GcpWorld> {
  const world = await startWorld({ boot });
  world.fake.seedImage(PROJECT, { name: 'app-1a2b3c4', architecture: 'X86_64' });
  await world.fake.seedImageDisk(PROJECT, 'app-1a2b3c4', disk);
  return world;
}

const imageUri = `projects/${PROJECT}/global/images/app-1a2b3c4`;
let runs = 0;
const launch = (pr: number, expiresInMs = 3_600_000) =>
  launchOf(imageUri, IMAGE, {
    provenance: { ...PROVENANCE, pr, run: `${++runs}-1` },
    expiresAt: new Date(Date.now() + expiresInMs),
  });

describe('the fake with booting instances', () => {
  test('close() stops every QEMU it started and removes its folder', async () => {
    const world = await worldWith({ qemu: httpdQemu, addressStart: ADDRESS_START });
    const cloud = createGcpPreviewCloud(settingsOf(world), FAST);
    const [a, b] = await Promise.all([
      cloud.launch(launch(31), depsOf(world)),
      cloud.launch(launch(32), depsOf(world)),
    ]);
    expect(a!.address).not.toBe(b!.address);
    const pids = world.fake.vms().map((vm) => vm.pid);
    expect(pids).toHaveLength(2);
    expect(pids.every(processExists)).toBe(true);
    const dir = world.fake.dir;
    await world.stop();
    expect(pids.some(processExists)).toBe(false);
    expect(processesMentioning(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });

  test('maxRunDuration ends the instance as Google would: deleted, its QEMU gone', async () => {
    // 30 s (the shortest run) scaled to 3 s.
    const world = await worldWith({
      qemu: httpdQemu,
      addressStart: ADDRESS_START,
      runDurationScale: 0.1,
    });
    try {
      const cloud = createGcpPreviewCloud(settingsOf(world), FAST);
      const preview = await cloud.launch(launch(33, 1000), depsOf(world));
      expect(world.fake.instances(PROJECT)[0]!.scheduling).toMatchObject({
        maxRunDuration: { seconds: '30' },
        instanceTerminationAction: 'DELETE',
      });
      const { pid } = world.fake.vm(PROJECT, ZONE, preview.id)!;
      for (let i = 0; i < 100 && world.fake.instances(PROJECT).length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(world.fake.instances(PROJECT)).toEqual([]);
      expect(processExists(pid)).toBe(false);
      // The rule outlives it: that is what the sweep's deleteOrphans is for.
      expect(world.fake.firewalls(PROJECT)).toHaveLength(1);
    } finally {
      await world.stop();
    }
  });

  test('a guest that ends leaves a TERMINATED instance without its address', async () => {
    const world = await worldWith({ qemu: dyingQemu, addressStart: ADDRESS_START });
    try {
      const cloud = createGcpPreviewCloud(settingsOf(world), FAST);
      const preview = await cloud.launch(launch(34), depsOf(world));
      const vm = world.fake.vm(PROJECT, ZONE, preview.id)!;
      await vm.exited;
      const [instance] = world.fake.instances(PROJECT);
      expect(instance!.status).toBe('TERMINATED');
      expect(instance!.networkInterfaces[0]!.accessConfigs![0]!.natIP).toBeUndefined();
      expect(await cloud.consoleOutput(preview, depsOf(world))).toContain('init giving up');
      await cloud.destroy(preview, depsOf(world));
      expect(world.fake.instances(PROJECT)).toEqual([]);
    } finally {
      await world.stop();
    }
  });

  test('a QEMU that cannot start fails the insert, and the launch leaves nothing', async () => {
    const world = await worldWith({ qemu: path.join(temp.dir, 'no-such-qemu') });
    try {
      const cloud = createGcpPreviewCloud(settingsOf(world), FAST);
      const error = await cloud.launch(launch(35), depsOf(world)).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(isUserError(error)).toBe(true);
      expect(error!.message).toContain('QEMU could not be started');
      expect(world.fake.instances(PROJECT)).toEqual([]);
      expect(world.fake.firewalls(PROJECT)).toEqual([]);
    } finally {
      await world.stop();
    }
  });

  test('the first address is configurable and addresses are reused once free', async () => {
    const world = await worldWith({ qemu: httpdQemu, addressStart: 200 });
    try {
      const cloud = createGcpPreviewCloud(settingsOf(world), FAST);
      const first = await cloud.launch(launch(36), depsOf(world));
      expect(first.address).toBe('127.0.0.200');
      expect((await waitForHttp(`http://${first.address}:8080/`)).status).toBe(200);
      await cloud.destroy(first, depsOf(world));
      const second = await cloud.launch(launch(37), depsOf(world));
      expect(second.address).toBe('127.0.0.200');
      await cloud.destroy(second, depsOf(world));
    } finally {
      await world.stop();
    }
  });
});
