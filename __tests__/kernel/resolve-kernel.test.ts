import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { actionsCacheLayer } from '../../src/kernel/actions-cache.js';
import { directoryCache, kernelCacheKey } from '../../src/kernel/cache.js';
import { resolveKernel } from '../../src/kernel/index.js';
import type { KnownReleases } from '../../src/kernel/releases.js';
import type { KernelArch, KernelDeps, KernelRequest } from '../../src/kernel/types.js';
import { recordingLogger } from '../../src/log.js';
import {
  folderActionsCache,
  makeReleaseArchive,
  makeTarGz,
  makeTempDir,
  md5,
  type ReleaseServer,
  serveRelease,
  sha256,
  startReleaseServer,
} from './fixtures.js';

const VERSION = '0.1.55';
const ARCHIVE_PATH = `${VERSION}/nanos-release-linux-${VERSION}.tar.gz`;
const MD5_PATH = `${VERSION}/nanos-release-linux-${VERSION}.md5`;

let server: ReleaseServer;
let temp: ReturnType<typeof makeTempDir>;
let logger: ReturnType<typeof recordingLogger>;
let archive: Buffer;

beforeEach(async () => {
  server = await startReleaseServer();
  temp = makeTempDir();
  logger = recordingLogger();
  archive = makeReleaseArchive(temp.dir);
});
afterEach(async () => {
  await server.close();
  temp.remove();
});

const cacheRoot = () => path.join(temp.dir, 'cache');
const scratchRoot = () => path.join(temp.dir, 'scratch');
const known = (digest: string): KnownReleases => ({
  [VERSION]: { x86_64: { url: `nanos-release-linux-${VERSION}.tar.gz`, sha256: digest } },
});

function request(overrides: Partial<KernelRequest> = {}): KernelRequest {
  return { version: VERSION, baseUrl: server.baseUrl, arch: 'x86_64', ...overrides };
}

function deps(overrides: Partial<KernelDeps> = {}): KernelDeps {
  return {
    cache: directoryCache(cacheRoot()),
    logger,
    releases: {},
    retry: { attempts: 3, minDelayMs: 0, maxDelayMs: 0, sleep: async () => {} },
    tempDir: scratchRoot(),
    ...overrides,
  };
}

const messages = (level: string) =>
  logger.lines.filter((l) => l.level === level).map((l) => l.message);
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as Error,
  );

/** Nothing cached and no scratch left over: what every failure must leave behind. */
function expectNothingLeftBehind() {
  expect(existsSync(cacheRoot()) ? readdirSync(cacheRoot(), { recursive: true }) : []).toEqual([]);
  expect(existsSync(scratchRoot()) ? readdirSync(scratchRoot()) : []).toEqual([]);
}

describe('a known release', () => {
  test('downloads, verifies against releases.json and caches an explicit version', async () => {
    serveRelease(server, VERSION, archive);
    const toolchain = await resolveKernel(request(), deps({ releases: known(sha256(archive)) }));
    expect(toolchain).toMatchObject({
      version: VERSION,
      source: 'download',
      sha256: sha256(archive),
    });
    expect(toolchain.url).toBe(`${server.baseUrl}/${ARCHIVE_PATH}`);
    expect(toolchain.dir.startsWith(cacheRoot())).toBe(true);
    expect(existsSync(toolchain.kernelImg)).toBe(true);
    expect(toolchain.bootImg).toBe(path.join(toolchain.dir, 'boot.img'));
    expect(toolchain.uefiLoader).toBe(path.join(toolchain.dir, 'bootx64.efi'));
    expect(toolchain.klibs).toEqual(['ntp', 'tls']);
    expect(toolchain.klibsDir).toBe(path.join(toolchain.dir, 'klibs'));
    expect(server.requests).toEqual([`/release/${ARCHIVE_PATH}`]);
    expectNothingLeftInScratch();
  });

  test('resolves latest through latest.txt and logs the version it chose', async () => {
    server.route('latest.txt', { status: 200, body: `${VERSION}\n` });
    serveRelease(server, VERSION, archive);
    const toolchain = await resolveKernel(
      request({ version: 'latest' }),
      deps({ releases: known(sha256(archive)) }),
    );
    expect(toolchain.version).toBe(VERSION);
    expect(messages('info')).toContain(`resolved latest to ${VERSION}`);
    expect(server.requests).toEqual(['/release/latest.txt', `/release/${ARCHIVE_PATH}`]);
  });

  test('a second resolution is a cache hit that makes no request', async () => {
    serveRelease(server, VERSION, archive);
    const first = await resolveKernel(request(), deps({ releases: known(sha256(archive)) }));
    const requestsAfterFirst = server.requests.length;
    const second = await resolveKernel(request(), deps({ releases: known(sha256(archive)) }));
    expect(server.requests.length).toBe(requestsAfterFirst);
    expect(second).toEqual({ ...first, source: 'cache' });
  });

  test('a cached kernel pinned to another digest is refused, not used', async () => {
    serveRelease(server, VERSION, archive);
    await resolveKernel(request(), deps());
    const requestsAfterFirst = server.requests.length;
    const pinned = 'b'.repeat(64);
    const error = await errorOf(resolveKernel(request({ sha256: pinned }), deps()));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain(`sha256 ${sha256(archive)}, but ${pinned} is required`);
    expect(server.requests.length).toBe(requestsAfterFirst);
  });

  test('a cached kernel is refused when the user pins another digest, even if releases.json agrees', async () => {
    serveRelease(server, VERSION, archive);
    const releases = known(sha256(archive));
    await resolveKernel(request(), deps({ releases }));
    const pinned = 'b'.repeat(64);
    const error = await errorOf(resolveKernel(request({ sha256: pinned }), deps({ releases })));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain(`but ${pinned} is required (from --kernel-sha256)`);
  });

  test('a cached kernel that lost a required file is refused, naming the folder', async () => {
    serveRelease(server, VERSION, archive);
    const first = await resolveKernel(request(), deps());
    rmSync(first.bootImg!);
    const error = await errorOf(resolveKernel(request(), deps()));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toBe(
      `the cached kernel ${first.dir} is incomplete; delete that folder and run again`,
    );
  });

  test('a cached kernel matches a pin given in capitals', async () => {
    serveRelease(server, VERSION, archive);
    await resolveKernel(request(), deps());
    const cached = await resolveKernel(request({ sha256: sha256(archive).toUpperCase() }), deps());
    expect(cached.source).toBe('cache');
  });

  test('a sha256 mismatch names the URL and both digests and caches nothing', async () => {
    serveRelease(server, VERSION, archive);
    const pinned = 'a'.repeat(64);
    const error = await errorOf(resolveKernel(request(), deps({ releases: known(pinned) })));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain(`sha256 mismatch for ${server.baseUrl}/${ARCHIVE_PATH}`);
    expect(error?.message).toContain(`expected ${pinned} (from kernel/releases.json)`);
    expect(error?.message).toContain(`got ${sha256(archive)}`);
    expectNothingLeftBehind();
  });

  test('a user-given sha256 that disagrees fails even when releases.json agrees', async () => {
    serveRelease(server, VERSION, archive);
    const error = await errorOf(
      resolveKernel(
        request({ sha256: 'b'.repeat(64) }),
        deps({ releases: known(sha256(archive)) }),
      ),
    );
    expect(error?.message).toContain(`expected ${'b'.repeat(64)} (from --kernel-sha256)`);
    expectNothingLeftBehind();
  });
});

describe('a version nanoship does not know', () => {
  test('is verified against a user-given sha256 without fetching the .md5', async () => {
    serveRelease(server, VERSION, archive, false);
    const toolchain = await resolveKernel(request({ sha256: sha256(archive) }), deps());
    expect(toolchain.sha256).toBe(sha256(archive));
    expect(server.requests).toEqual([`/release/${ARCHIVE_PATH}`]);
    expect(messages('warning')).toEqual([]);
  });

  test('falls back to the published .md5 and warns with the sha256 to pin', async () => {
    serveRelease(server, VERSION, archive);
    const toolchain = await resolveKernel(request(), deps());
    expect(toolchain.source).toBe('download');
    expect(server.requests).toEqual([`/release/${ARCHIVE_PATH}`, `/release/${MD5_PATH}`]);
    const [warning] = messages('warning');
    expect(warning).toContain(`its sha256 is ${sha256(archive)}`);
    expect(warning).toContain(`--kernel-sha256 ${sha256(archive)}`);
  });

  test('fails when the .md5 disagrees, and caches nothing', async () => {
    serveRelease(server, VERSION, archive, false);
    server.route(MD5_PATH, { status: 200, body: `${md5(Buffer.from('other'))}\n` });
    const error = await errorOf(resolveKernel(request(), deps()));
    expect(error?.message).toContain(`md5 mismatch for ${server.baseUrl}/${ARCHIVE_PATH}`);
    expect(error?.message).toContain(`got ${md5(archive)}`);
    expectNothingLeftBehind();
  });

  test('fails when the .md5 does not hold a digest, and caches nothing', async () => {
    serveRelease(server, VERSION, archive, false);
    server.route(MD5_PATH, { status: 200, body: '<html>not here</html>' });
    const error = await errorOf(resolveKernel(request(), deps()));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toBe(
      `${server.baseUrl}/${MD5_PATH} does not hold an md5 digest (got '<html>not here</html>'); pin it with --kernel-sha256 <sha256> (input kernel-sha256)`,
    );
    expectNothingLeftBehind();
  });

  test('fails with what to do when neither a sha256 nor an .md5 exists', async () => {
    serveRelease(server, VERSION, archive, false);
    const error = await errorOf(resolveKernel(request(), deps()));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain('knows no sha256 for Nanos 0.1.55 (x86_64), none was given');
    expect(error?.message).toContain('--kernel-sha256');
    expectNothingLeftBehind();
  });

  test('reports a version the server lacks as not found', async () => {
    const error = await errorOf(
      resolveKernel(request({ version: '0.1.99' }), deps({ releases: known('a'.repeat(64)) })),
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toMatch(
      /^Nanos version 0\.1\.99 not found at http:\/\/127\.0\.0\.1:\d+\/release\/0\.1\.99\/nanos-release-linux-0\.1\.99\.tar\.gz; check the version \(list: nanoship knows 0\.1\.55; /,
    );
    expect(server.requests).toHaveLength(1);
    expectNothingLeftBehind();
  });
});

describe('a flaky or broken server', () => {
  const retried = (status: number) => [{ status }, { status: 200, body: archive }] as const;

  test.each([500, 503, 408, 429])('retries after HTTP %i and then succeeds', async (status) => {
    server.route(ARCHIVE_PATH, ...retried(status));
    const toolchain = await resolveKernel(request({ sha256: sha256(archive) }), deps());
    expect(toolchain.source).toBe('download');
    expect(server.requests).toEqual([`/release/${ARCHIVE_PATH}`, `/release/${ARCHIVE_PATH}`]);
    expect(
      messages('info').some((m) => m.includes(`attempt 1 of 3 failed: HTTP ${status} from`)),
    ).toBe(true);
  });

  test.each([400, 401, 403, 410])('does not retry HTTP %i', async (status) => {
    server.route(ARCHIVE_PATH, { status });
    const error = await errorOf(resolveKernel(request({ sha256: sha256(archive) }), deps()));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain(
      `refused ${server.baseUrl}/${ARCHIVE_PATH} with HTTP ${status}`,
    );
    expect(server.requests).toHaveLength(1);
    expectNothingLeftBehind();
  });

  test('gives up after every attempt fails, naming the URL and the attempts', async () => {
    server.route(ARCHIVE_PATH, { status: 502 });
    const error = await errorOf(resolveKernel(request({ sha256: sha256(archive) }), deps()));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain(
      `could not download ${server.baseUrl}/${ARCHIVE_PATH} after 3 attempt(s)`,
    );
    expect(server.requests).toHaveLength(3);
    expectNothingLeftBehind();
  });

  test('retries a download the server cuts short and discards the partial file', async () => {
    server.route(ARCHIVE_PATH, { cutAfter: 100, body: archive }, { status: 200, body: archive });
    const toolchain = await resolveKernel(request({ sha256: sha256(archive) }), deps());
    expect(toolchain.sha256).toBe(sha256(archive));
    expect(server.requests).toHaveLength(2);
  });

  test('reports a download cut short on every attempt as a network failure', async () => {
    server.route(ARCHIVE_PATH, { cutAfter: 100, body: archive });
    const error = await errorOf(resolveKernel(request({ sha256: sha256(archive) }), deps()));
    expect(error?.message).toContain('after 3 attempt(s)');
    expectNothingLeftBehind();
  });

  test('reports an archive that was cut before publishing as truncated or corrupt', async () => {
    const cut = archive.subarray(0, archive.length - 50);
    serveRelease(server, VERSION, cut, false);
    const error = await errorOf(resolveKernel(request({ sha256: sha256(cut) }), deps()));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain(
      `archive is truncated or corrupt: ${server.baseUrl}/${ARCHIVE_PATH}`,
    );
    expectNothingLeftBehind();
  });

  test('refuses an archive without kernel.img', async () => {
    const noKernel = makeReleaseArchive(temp.dir, { kernelImg: false });
    serveRelease(server, VERSION, noKernel, false);
    const error = await errorOf(resolveKernel(request({ sha256: sha256(noKernel) }), deps()));
    expect(error?.message).toContain(
      `the archive ${server.baseUrl}/${ARCHIVE_PATH} has no kernel.img`,
    );
    expectNothingLeftBehind();
  });

  test('refuses an archive with an entry that climbs out of the folder', async () => {
    const hostile = makeTarGz([
      { name: 'kernel.img', data: 'k' },
      { name: 'boot.img', data: 'b' },
      { name: '../../planted', data: 'x' },
    ]);
    serveRelease(server, VERSION, hostile, false);
    const error = await errorOf(resolveKernel(request({ sha256: sha256(hostile) }), deps()));
    expect(error?.message).toContain("entry named '../../planted'");
    expect(existsSync(path.join(temp.dir, 'planted'))).toBe(false);
    expectNothingLeftBehind();
  });
});

describe('where kernels are cached', () => {
  test('two mirrors with the same version get separate cache entries', async () => {
    const mirror = await startReleaseServer();
    try {
      serveRelease(server, VERSION, archive);
      serveRelease(mirror, VERSION, archive);
      const fromFirst = await resolveKernel(request(), deps());
      const fromMirror = await resolveKernel(request({ baseUrl: mirror.baseUrl }), deps());
      expect(fromMirror.source).toBe('download');
      expect(fromMirror.dir).not.toBe(fromFirst.dir);
      expect(mirror.requests).toContain(`/release/${ARCHIVE_PATH}`);
    } finally {
      await mirror.close();
    }
  });

  test.each([
    ['https://storage.googleapis.com/nanos/release', 'nanos'],
    ['https://storage.googleapis.com/nanos/release/', 'nanos'],
  ])('the official base %s is keyed as plain "%s"', (base, tool) => {
    expect(kernelCacheKey(VERSION, 'x86_64', base).tool).toBe(tool);
  });

  test('mirror keys differ per base URL and ignore a trailing slash', () => {
    const a = kernelCacheKey(VERSION, 'x86_64', 'https://mirror.example/a');
    expect(a.tool).toMatch(/^nanos-[0-9a-f]{16}$/);
    expect(kernelCacheKey(VERSION, 'x86_64', 'https://mirror.example/a/')).toEqual(a);
    expect(kernelCacheKey(VERSION, 'x86_64', 'https://mirror.example/b').tool).not.toBe(a.tool);
  });

  test('nightly warns that it cannot be pinned and is fetched every time', async () => {
    server.route('nightly/nanos-nightly-linux.tar.gz', { status: 200, body: archive });
    const nightly = request({ version: 'nightly', sha256: sha256(archive) });
    const first = await resolveKernel(nightly, deps());
    const second = await resolveKernel(nightly, deps());
    expect(first.version).toBe('nightly');
    expect(second.source).toBe('download');
    expect(second.dir).toBe(first.dir);
    expect(messages('warning')[0]).toContain('"nightly" cannot be pinned');
    expect(server.requests).toHaveLength(2);
  });

  test('a nightly is not uploaded to the Actions cache, which never restores it', async () => {
    server.route('nightly/nanos-nightly-linux.tar.gz', { status: 200, body: archive });
    const service = folderActionsCache(path.join(temp.dir, 'service'));
    const cache = actionsCacheLayer(directoryCache(cacheRoot()), logger, {
      client: service.client,
      stagingRoot: path.join(temp.dir, 'staging'),
    });
    const nightly = await resolveKernel(
      request({ version: 'nightly', sha256: sha256(archive) }),
      deps({ cache }),
    );
    expect(existsSync(nightly.kernelImg)).toBe(true);
    expect(service.calls).toEqual([]);
    serveRelease(server, VERSION, archive);
    await resolveKernel(request({ sha256: sha256(archive) }), deps({ cache }));
    const key = `nanoship-kernel-${kernelCacheKey(VERSION, 'x86_64', server.baseUrl).tool}-${VERSION}-x86_64-${process.platform}`;
    expect(service.calls).toEqual([`restore ${key}`, `save ${key}`]);
  });

  test('aarch64 downloads the -virt archive and needs no boot.img', async () => {
    const virt = makeReleaseArchive(temp.dir);
    server.route(`${VERSION}/nanos-release-linux-${VERSION}-virt.tar.gz`, {
      status: 200,
      body: virt,
    });
    const toolchain = await resolveKernel(
      request({ arch: 'aarch64', sha256: sha256(virt) }),
      deps(),
    );
    expect(toolchain.bootImg).toBeUndefined();
    expect(toolchain.dir).toContain('aarch64');
  });
});

describe('bad requests', () => {
  test('refuses an unsupported architecture', async () => {
    const error = await errorOf(resolveKernel(request({ arch: 'riscv64' as KernelArch }), deps()));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toContain("not 'riscv64'");
    expect(server.requests).toEqual([]);
  });

  test.each(['../../etc', '0.1.55.rc1', '0.1.55+b'])(
    'refuses the version %s, naming the flag and the input',
    async (version) => {
      const error = await errorOf(resolveKernel(request({ version }), deps()));
      expect(error).toBeInstanceOf(UserError);
      expect(error?.message).toBe(
        `--kernel-version (input kernel-version) or NanosVersion in config.json gave the Nanos version '${version}', which is not a release version like 0.1.55; use an explicit version, 'latest' or 'nightly'`,
      );
      expect(server.requests).toEqual([]);
    },
  );

  test('refuses a latest.txt that does not hold a version', async () => {
    server.route('latest.txt', { status: 200, body: '<html>oops</html>' });
    const error = await errorOf(resolveKernel(request({ version: 'latest' }), deps()));
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toBe(
      `${server.baseUrl}/latest.txt gave the Nanos version '<html>oops</html>', which is not a release version like 0.1.55; check --kernel-base-url (input kernel-base-url) or give an explicit version`,
    );
  });

  test('explains a base URL without latest.txt', async () => {
    const error = await errorOf(resolveKernel(request({ version: 'latest' }), deps()));
    expect(error?.message).toContain(`there is no ${server.baseUrl}/latest.txt`);
  });
});

function expectNothingLeftInScratch() {
  expect(existsSync(scratchRoot()) ? readdirSync(scratchRoot()) : []).toEqual([]);
}
