// AWS previews end to end on this machine: an image built by the CLI bundle, published to the
// AWS fake, launched as a preview the fake boots for real in QEMU on its own 127.0.0.N, probed
// over HTTP through its security group, read from its console, and torn down with nothing
// left. The guest is the Linux test guest (a stand-in qemu-system-x86_64 first on the fake's
// PATH) unless NANOS_KERNEL_DIR names a real kernel, which then boots the real Nanos image.
import { mkdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { createAwsPreviewCloud } from '../../../src/cloud/aws/index.js';
import type { ImageToPublish, PreviewCloud, PreviewInstance } from '../../../src/cloud/types.js';
import { runCli } from '../../contract/shipped.js';
import {
  compileC,
  linuxGuestQemu,
  realKernelDir,
  writeStandInKernel,
} from '../../contract/stand-ins.js';
import { GUEST_HTTP_BODY, GUEST_READY_LINE } from '../../smoke/guest.js';
import { type AwsFake, startAwsFake } from './fake.js';
import { awsPlan, HOME, makeTempDir, REPO_ID, tryPublish, useFakeAws } from './fixtures.js';
import { attempt, launchRequest, PR, previewDeps, qemuProcesses, SHA } from './preview-fixtures.js';

jest.setTimeout(300_000);

/** What the guest says and serves: the real Nanos program's, or the Linux test guest's. */
const guest = realKernelDir
  ? { body: 'hello from nanos\n', ready: 'http-server listening on 8080' }
  : { body: `${GUEST_HTTP_BODY}\n`, ready: GUEST_READY_LINE };

/** Fast polls on the real clock: the fake moves in well under a second. */
const tuning = {
  running: { deadlineMs: 60_000, intervalMs: () => 200, successes: 1 },
  terminated: { deadlineMs: 60_000, intervalMs: () => 200, successes: 1 },
  groupRelease: { deadlineMs: 30_000, intervalMs: 200 },
};

const temp = makeTempDir();
let fake: AwsFake;
let restoreEnv: () => void;
let amiId: string;
let image: ImageToPublish;
let qemuPath: string;

beforeAll(async () => {
  const files = path.join(temp.dir, 'files');
  mkdirSync(files);
  const source = readFileSync(
    path.join(import.meta.dirname, '..', '..', 'smoke', 'fixtures', 'http-server.c'),
    'utf8',
  );
  const program = compileC(files, 'server', source, realKernelDir ? ['-static'] : []);
  const kernelDir = realKernelDir ?? (await writeStandInKernel(path.join(temp.dir, 'kernel')));
  qemuPath = realKernelDir
    ? (process.env.PATH ?? '')
    : `${await linuxGuestQemu(path.join(temp.dir, 'qemu'), { kind: 'httpd' })}:${process.env.PATH}`;
  const built = await runCli(
    [
      'build',
      program,
      '--kernel-dir',
      kernelDir,
      '--output',
      path.join(temp.dir, 'server.img'),
      '--json',
    ],
    { cwd: temp.dir },
  );
  expect(built.stderr).not.toContain('bug');
  expect(built.code).toBe(0);
  const result = JSON.parse(built.stdout) as ImageToPublish;
  image = {
    path: result.path,
    name: result.name,
    sha256: result.sha256,
    sizeBytes: result.sizeBytes,
    arch: 'x86_64',
    bootMode: 'bios',
    klibs: result.klibs,
    kernelVersion: result.kernelVersion,
  };
  fake = await startAwsFake({ sealPolls: 0, imagePendingPolls: 0, instances: { path: qemuPath } });
  restoreEnv = useFakeAws({ all: fake.endpoint });
  const published = await tryPublish(image, awsPlan(), {
    provenance: { repo: 'octo/webapp', repoId: REPO_ID, sha: SHA, pr: PR, run: '3003-1' },
    channel: `pr-${PR}`,
  });
  expect(published.error).toBeUndefined();
  amiId = published.result!.amiId;
}, 300_000);

afterAll(async () => {
  const dir = fake?.dir;
  restoreEnv?.();
  await fake?.close();
  if (dir) expect(qemuProcesses(dir)).toEqual([]);
  temp.remove();
});

/** GET `url`: the status and body, or the error code (ECONNREFUSED, ECONNRESET, …). */
function fetchText(url: string): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const request = get(url, { timeout: 3_000, agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode, body }));
      response.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ error: error.code ?? error.message }),
      );
    });
    request.on('timeout', () =>
      request.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    request.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
  });
}

/** Polls `url` until it answers 200, as the preview probe does; the last answer otherwise. */
async function probe(url: string, deadlineMs = 120_000) {
  const started = Date.now();
  for (;;) {
    const answer = await fetchText(url);
    if (answer.status === 200 || Date.now() - started > deadlineMs) return answer;
    await sleep(500);
  }
}

/** Polls the console until it holds `line`. */
async function consoleWith(cloud: PreviewCloud, preview: PreviewInstance, line: string) {
  const started = Date.now();
  for (;;) {
    const text = await cloud.consoleOutput(preview, previewDeps());
    if (text.includes(line) || Date.now() - started > 120_000) return text;
    await sleep(500);
  }
}

describe('a booted preview', () => {
  test('answers on its own address through its security group only, shows its console, and leaves nothing when destroyed', async () => {
    const cloud = createAwsPreviewCloud({ region: HOME }, tuning);
    const deps = previewDeps();
    const open = await cloud.launch(launchRequest(amiId, { image }), deps);
    // The same image with only 9090 open: its program listens on 8080, which stays closed.
    const closed = await cloud.launch(
      launchRequest(amiId, { image, ports: [9090], provenance: { pr: 8, run: '3003-2' } }),
      deps,
    );
    expect(open.address).toMatch(/^127\.0\.0\.\d+$/);
    expect(closed.address).toMatch(/^127\.0\.0\.\d+$/);
    expect(closed.address).not.toBe(open.address);

    expect(await probe(`http://${open.address}:8080/`)).toEqual({ status: 200, body: guest.body });
    expect((await fetchText(`http://${open.address}:9090/`)).error).toBe('ECONNREFUSED');
    expect(await consoleWith(cloud, open, guest.ready)).toContain(guest.ready);
    // Once its guest serves 8080, the other preview still refuses it: the group does not open it.
    expect(await consoleWith(cloud, closed, guest.ready)).toContain(guest.ready);
    expect((await fetchText(`http://${closed.address}:8080/`)).error).toBe('ECONNREFUSED');

    const vms = fake.vms();
    expect(vms.map((vm) => [vm.address, vm.ports, vm.status])).toEqual([
      [open.address, [8080], 'running'],
      [closed.address, [9090], 'running'],
    ]);
    expect(qemuProcesses(fake.dir)).toHaveLength(2);

    await cloud.destroy(open, deps);
    await cloud.destroy(closed, deps);
    expect(deps.recorder.unsettled()).toEqual([]);
    expect(qemuProcesses(fake.dir)).toEqual([]);
    expect(fake.vms().map((vm) => vm.status)).toEqual(['ended', 'ended']);
    for (const preview of [open, closed]) {
      expect(fake.store.get('instance', HOME, preview.id)?.state).toBe('terminated');
    }
    expect(fake.store.list('security-group', HOME)).toEqual([]);
    expect(fake.operations('DeleteSecurityGroup').map((r) => r.code)).toContain(
      'DependencyViolation',
    );
    expect((await fetchText(`http://${open.address}:8080/`)).error).toBe('ECONNREFUSED');

    // Addresses are handed out again once their instance is gone.
    const next = await cloud.launch(
      launchRequest(amiId, { image, provenance: { run: '3003-3' } }),
      deps,
    );
    expect([open.address, closed.address]).toContain(next.address);
    await cloud.destroy(next, deps);
    expect(qemuProcesses(fake.dir)).toEqual([]);
  });

  test("a QEMU that cannot start fails the launch with the fake's reason, and the group is deleted", async () => {
    const broken = await startAwsFake({
      sealPolls: 0,
      imagePendingPolls: 0,
      instances: { path: temp.dir },
    });
    const restore = useFakeAws({ all: broken.endpoint });
    try {
      const ami = broken.seedImage({ region: HOME, name: 'no-qemu' }).imageId;
      const deps = previewDeps();
      const { error } = await attempt(
        createAwsPreviewCloud({ region: HOME }, tuning).launch(launchRequest(ami), deps),
      );
      expect(error?.message).toMatch(
        /^Instance i-[0-9a-f]+ in eu-west-1 went to state (shutting-down|terminated): Server\.InternalError: fake: QEMU did not start: qemu-system-x86_64: spawn qemu-system-x86_64 ENOENT\. Run again/,
      );
      expect(broken.store.list('security-group', HOME)).toEqual([]);
      expect(deps.recorder.unsettled()).toEqual([]);
    } finally {
      restore();
      await broken.close();
    }
  });
});
