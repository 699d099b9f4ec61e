/**
 * Shared set-up for the preview tests: a fake whose instances boot for real, a guest to boot,
 * the image published into the fake, preview requests, and checks that nothing is left.
 *
 * The guest: with NANOS_KERNEL_DIR, a real Nanos image of the HTTP server fixture, built by
 * the shipped CLI (`node dist/cli/nanoship.mjs build`) and booted by the real QEMU; without,
 * any disk, booted by the Linux-guest stand-in (a `qemu-system-x86_64` that adds the test
 * guest's kernel and initramfs to nanoship's command line), whose busybox httpd serves :8080.
 * Either way the image reaches the fake through publishToGcp (tarball, upload, import).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { publishToGcp } from '../../../src/cloud/gcp/index.js';
import type { GcpPreviewSettings } from '../../../src/cloud/gcp/preview.js';
import type {
  GcpPublished,
  ImageToPublish,
  PreviewLaunch,
  PublishDeps,
} from '../../../src/cloud/types.js';
import { runCli } from '../../contract/shipped.js';
import { compileC, linuxGuestQemu, realKernelDir } from '../../contract/stand-ins.js';
import { GUEST_HTTP_BODY, GUEST_STARTING_LINE, writeTestDisk } from '../../smoke/guest.js';
import type { GcpFakeOptions } from './fake.js';
import { accepts } from './fake-vm.js';
import { BUCKET, type GcpWorld, PROJECT, planFor, startWorld } from './publish-fixtures.js';

export { BUCKET, PROJECT };
export const ZONE = 'us-central1-a';
export const REPO_ID = '4242';
export const SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
/**
 * The first loopback address the fake hands out: above what other fakes start at (2), so
 * tests of different clouds running on one machine do not try the same ports first.
 */
export const ADDRESS_START = 120;

/** What the booted guest says and serves. */
export const GUEST = realKernelDir
  ? { body: 'hello from nanos', bootLine: 'http-server listening on 8080' }
  : { body: GUEST_HTTP_BODY, bootLine: GUEST_STARTING_LINE };

/** How the fake boots: the real QEMU for Nanos, else the stand-in made in `dir`. */
export async function bootOptions(dir: string): Promise<GcpFakeOptions['boot']> {
  if (realKernelDir) return { addressStart: ADDRESS_START };
  const bin = await linuxGuestQemu(path.join(dir, 'qemu'), { kind: 'httpd' });
  return { addressStart: ADDRESS_START, qemu: path.join(bin, 'qemu-system-x86_64') };
}

/** A world whose instances boot (see bootOptions). */
export async function startPreviewWorld(
  dir: string,
  options: GcpFakeOptions = {},
): Promise<GcpWorld> {
  return startWorld({ boot: await bootOptions(dir), ...options });
}

/**
 * The image to publish: with a real kernel, the HTTP server fixture built into a Nanos image
 * by the shipped CLI; else a small test disk (the stand-in boots its own kernel).
 */
export async function buildGuestImage(dir: string): Promise<ImageToPublish> {
  await mkdir(dir, { recursive: true });
  if (!realKernelDir) {
    const file = path.join(dir, 'guest.img');
    await writeTestDisk(file);
    const sha256 = execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]!;
    return {
      path: file,
      name: 'server',
      sha256,
      sizeBytes: 4 * 1024 * 1024,
      arch: 'x86_64',
      bootMode: 'bios',
      klibs: [],
      kernelVersion: '0.1.55',
    };
  }
  const source = readFileSync(
    path.join(import.meta.dirname, '..', '..', 'smoke', 'fixtures', 'http-server.c'),
    'utf8',
  );
  const program = compileC(dir, 'server', source, ['-static']);
  const built = await runCli(['build', program, '--kernel-dir', realKernelDir, '--json'], {
    cwd: dir,
  });
  if (built.code !== 0) throw new Error(`nanoship build failed: ${built.stderr}`);
  const image = JSON.parse(built.stdout) as ImageToPublish;
  return { ...image, arch: 'x86_64', bootMode: 'bios' };
}

export const PROVENANCE = {
  repo: 'octo/app',
  repoId: REPO_ID,
  ref: 'refs/pull/7/merge',
  sha: SHA,
  pr: 7,
  run: '77-1',
};

/** Publishes `image` into the world's fake as a PR build would. */
export async function publishGuest(world: GcpWorld, image: ImageToPublish): Promise<GcpPublished> {
  return publishToGcp(
    image,
    planFor(world),
    { provenance: PROVENANCE, channel: 'pr-7' },
    depsOf(world),
  );
}

export function depsOf(world: GcpWorld, now?: Date): PublishDeps {
  return {
    logger: world.logger,
    recorder: world.recorder,
    ...(now ? { now: () => now } : {}),
  };
}

/** The preview settings an edge would make for the world's fake. */
export function settingsOf(world: GcpWorld, extra: Partial<GcpPreviewSettings> = {}) {
  return {
    project: PROJECT,
    zone: ZONE,
    computeEndpoint: world.fake.computeEndpoint,
    storageEndpoint: world.fake.storageEndpoint,
    ...extra,
  };
}

/** Waits (and retries) shortened for tests. */
export const FAST = { retry: { attempts: 2, minDelayMs: 1, maxDelayMs: 1 }, pollMs: 20 };

export function launchOf(
  imageRef: string,
  image: Pick<ImageToPublish, 'name' | 'sha256' | 'arch'>,
  overrides: Partial<PreviewLaunch> = {},
): PreviewLaunch {
  return {
    imageRef,
    image: { bootMode: 'bios', klibs: [], ...image },
    provenance: PROVENANCE,
    ports: [8080],
    expiresAt: new Date(Date.now() + 72 * 3_600_000),
    ...overrides,
  };
}

/**
 * GETs `url` until an HTTP answer arrives (QEMU's forward accepts connections before the guest
 * listens, so a connect proves nothing) or `timeoutMs` passes; each try is bounded.
 */
export async function waitForHttp(
  url: string,
  timeoutMs = 180_000,
): Promise<{ status: number; body: string }> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3000) });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`no HTTP answer from ${url} in ${timeoutMs} ms: ${String(last)}`);
}

/** Waits until the VM's console holds `line`. */
export async function waitForConsole(
  read: () => string,
  line: string,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!read().includes(line)) {
    if (Date.now() > deadline) throw new Error(`the console never said "${line}":\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** True while a process with this pid (or its group) exists. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Command lines of running processes that mention `text` (a fake's folder, say). */
export function processesMentioning(text: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.split('\n').filter((line) => line.includes(text) && !line.includes('ps -eo'));
}

export { accepts };
