/**
 * Previews on the Google fake, for real: the image is published into the fake, a launch
 * creates the firewall rule and the instance through the real Compute clients, the fake boots
 * the image's disk in QEMU on the instance's own 127.0.0.N, and the HTTP server inside answers
 * there, through the ports the rule opened and no others. Destroy leaves no QEMU, instance or
 * rule. With NANOS_KERNEL_DIR the guest is a real Nanos image; without, the Linux test guest.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { createGcpPreviewCloud } from '../../../src/cloud/gcp/index.js';
import { repoHash } from '../../../src/cloud/gcp/preview-resource.js';
import type { GcpPublished, ImageToPublish } from '../../../src/cloud/types.js';
import { makeTempDir } from '../../kernel/fixtures.js';
import {
  ADDRESS_START,
  accepts,
  buildGuestImage,
  depsOf,
  FAST,
  GUEST,
  launchOf,
  PROJECT,
  processExists,
  processesMentioning,
  publishGuest,
  REPO_ID,
  settingsOf,
  startPreviewWorld,
  waitForConsole,
  waitForHttp,
  ZONE,
} from './preview-fixtures.js';
import type { GcpWorld } from './publish-fixtures.js';

jest.setTimeout(300_000);

const temp = makeTempDir('nanoship-gcp-preview-');
let world: GcpWorld;
let image: ImageToPublish;
let published: GcpPublished;

beforeAll(async () => {
  world = await startPreviewWorld(temp.dir);
  image = await buildGuestImage(path.join(temp.dir, 'image'));
  published = await publishGuest(world, image);
}, 600_000);

afterAll(async () => {
  const dir = world.fake.dir;
  await world.stop();
  expect(processesMentioning(dir)).toEqual([]);
  temp.remove();
});

const cloud = () => createGcpPreviewCloud(settingsOf(world), FAST);

describe('a preview on the Google fake', () => {
  test('answers over HTTP on its own address through the firewall rule; destroy leaves nothing', async () => {
    const deps = depsOf(world);
    const created = world.created.length;
    const preview = await cloud().launch(launchOf(published.imageUri, image), deps);
    const name = `nanoship-pr7-${repoHash(REPO_ID)}-1a2b3c4`;
    expect(preview).toMatchObject({ cloud: 'gcp', id: name, location: ZONE, pr: 7 });
    expect(preview.address).toMatch(/^127\.0\.0\.\d+$/);
    expect(Number(preview.address.split('.')[3])).toBeGreaterThanOrEqual(ADDRESS_START);
    expect(preview.resources).toEqual([
      { cloud: 'gcp', kind: 'instance', project: PROJECT, zone: ZONE, id: name },
      { cloud: 'gcp', kind: 'firewall', project: PROJECT, id: `${name}-tcp` },
    ]);
    expect(world.created.slice(created).map((r) => r.kind)).toEqual(['firewall', 'instance']);

    const answer = await waitForHttp(`http://${preview.address}:8080/`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(GUEST.body);
    // Only the rule's port is forwarded: another is refused by the host, not by the guest.
    expect(await accepts(preview.address, 8081)).toBe(false);

    const output = await cloud().consoleOutput(preview, deps);
    expect(output).toContain(GUEST.bootLine);

    const [found] = await cloud().findPreviews({ repoId: REPO_ID, pr: 7 }, deps);
    expect(found).toMatchObject({
      id: name,
      address: preview.address,
      location: ZONE,
      pr: 7,
      sha: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
      resources: preview.resources,
    });

    const vm = world.fake.vm(PROJECT, ZONE, name)!;
    const settled = world.settled.length;
    await cloud().destroy(preview, deps);
    expect(processExists(vm.pid)).toBe(false);
    expect(world.fake.instances(PROJECT)).toEqual([]);
    expect(world.fake.firewalls(PROJECT)).toEqual([]);
    expect(world.fake.vms()).toEqual([]);
    expect(processesMentioning(world.fake.dir)).toEqual([]);
    expect(world.settled.slice(settled)).toEqual(preview.resources);
    expect(await accepts(preview.address, 8080)).toBe(false);
    // A second destroy finds everything gone and says so without failing.
    await cloud().destroy(preview, deps);
  });

  test('a port the guest serves but no rule opens cannot be reached', async () => {
    const deps = depsOf(world);
    // A rule of someone else opening 8080 for another tag opens nothing here.
    world.fake.seedFirewall(PROJECT, {
      name: 'someone-elses-web',
      targetTags: ['web'],
      allowed: [{ IPProtocol: 'tcp', ports: ['8080'] }],
    });
    const preview = await cloud().launch(
      launchOf(published.imageUri, image, { ports: [9000] }),
      deps,
    );
    try {
      const vm = world.fake.vm(PROJECT, ZONE, preview.id)!;
      await waitForConsole(() => vm.serial.text(), GUEST.bootLine);
      expect(await accepts(preview.address, 9000)).toBe(true);
      expect(await accepts(preview.address, 8080)).toBe(false);
    } finally {
      await cloud().destroy(preview, deps);
    }
    expect(world.fake.firewalls(PROJECT).map((r) => r.name)).toEqual(['someone-elses-web']);
  });

  test('the console is read page by page with next as the following start', async () => {
    const deps = depsOf(world);
    const preview = await cloud().launch(launchOf(published.imageUri, image), deps);
    try {
      const vm = world.fake.vm(PROJECT, ZONE, preview.id)!;
      await waitForConsole(() => vm.serial.text(), GUEST.bootLine);
      world.fake.setSerialPageBytes(16);
      const before = world.fake.requests.length;
      const output = await cloud().consoleOutput(preview, deps);
      const reads = world.fake.requests
        .slice(before)
        .filter((r) => r.route === 'compute.instances.getSerialPortOutput');
      expect(reads.length).toBeGreaterThan(2);
      expect(reads.map((r) => Number(r.query.start))).toEqual(
        reads.map((_, i) => Math.min(i * 16, Number(reads.at(-1)!.query.start))),
      );
      expect(output.startsWith(vm.serial.text().slice(0, output.length))).toBe(true);
      expect(output).toContain(GUEST.bootLine);
    } finally {
      world.fake.setSerialPageBytes(64 * 1024);
      await cloud().destroy(preview, deps);
    }
  });
});
