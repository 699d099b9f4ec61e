import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import {
  mergeAsset,
  type Releases,
  recentVersions,
  renderReleases,
} from '../../scripts/refresh-kernel-releases.js';
import { parseKnownReleases } from '../../src/kernel/releases.js';
import {
  makeTempDir,
  md5,
  type ReleaseServer,
  sha256,
  startReleaseServer,
} from '../kernel/fixtures.js';

const SCRIPT = path.resolve('scripts/refresh-kernel-releases.ts');

describe('the pure parts', () => {
  test.each([
    ['0.1.55', 2, ['0.1.55', '0.1.54', '0.1.53']],
    ['0.1.1', 4, ['0.1.1', '0.1.0']],
    ['0.2.0', 0, ['0.2.0']],
  ] as const)('recentVersions(%s, %i) walks back patch versions', (latest, back, want) => {
    expect(recentVersions(latest, back)).toEqual(want);
  });

  test('recentVersions refuses a latest.txt that is not a version', () => {
    expect(() => recentVersions('<html>', 2)).toThrow("latest.txt holds '<html>'");
  });

  test('renders versions newest first (numerically) and x86_64 before aarch64', () => {
    const asset = { url: 'a.tar.gz', sha256: 'c'.repeat(64) };
    const text = renderReleases({
      '0.1.9': { aarch64: asset, x86_64: asset },
      '0.1.10': { x86_64: asset },
    });
    expect(Object.keys(JSON.parse(text))).toEqual(['0.1.10', '0.1.9']);
    expect(Object.keys(JSON.parse(text)['0.1.9'])).toEqual(['x86_64', 'aarch64']);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('never overwrites a digest that changed upstream', () => {
    const releases: Releases = { '0.1.55': { x86_64: { url: 'a', sha256: 'a'.repeat(64) } } };
    expect(mergeAsset(releases, '0.1.55', 'x86_64', { url: 'a', sha256: 'a'.repeat(64) })).toBe(
      'unchanged',
    );
    expect(() =>
      mergeAsset(releases, '0.1.55', 'x86_64', { url: 'a', sha256: 'b'.repeat(64) }),
    ).toThrow('changed from aaaa');
  });
});

describe('a run against a mirror', () => {
  let server: ReleaseServer;
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(async () => {
    server = await startReleaseServer();
    temp = makeTempDir();
  });
  afterEach(async () => {
    await server.close();
    temp.remove();
  });

  /** Serves one fake archive (its bytes are irrelevant to the script) with its md5. */
  function serveAsset(name: string, body: Buffer, published = md5(body)) {
    server.route(name, { status: 200, body });
    server.route(name.replace('.tar.gz', '.md5'), { status: 200, body: `${published}\n` });
  }

  async function run(file: string) {
    const args = [SCRIPT, '--base', server.baseUrl, '--back', '1', '--file', file];
    return promisify(execFile)(process.execPath, args).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  }

  test('adds the recent releases whose md5 matches, in the shape nanoship reads', async () => {
    const x86 = Buffer.from('x86 archive');
    const virt = Buffer.from('virt archive');
    server.route('latest.txt', { status: 200, body: '0.1.55\n' });
    serveAsset('0.1.55/nanos-release-linux-0.1.55.tar.gz', x86);
    serveAsset('0.1.55/nanos-release-linux-0.1.55-virt.tar.gz', virt);
    server.route('0.1.54/nanos-release-linux-0.1.54.tar.gz', { status: 200, body: x86 });
    const file = path.join(temp.dir, 'releases.json');
    writeFileSync(file, '{}\n');
    const result = await run(file);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('skip 0.1.54 x86_64: no');
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toEqual({
      '0.1.55': {
        x86_64: { url: 'nanos-release-linux-0.1.55.tar.gz', sha256: sha256(x86) },
        aarch64: { url: 'nanos-release-linux-0.1.55-virt.tar.gz', sha256: sha256(virt) },
      },
    });
    expect(() => parseKnownReleases(written, file)).not.toThrow();
  });

  test('fails, leaving the file alone, when an archive does not match its md5', async () => {
    server.route('latest.txt', { status: 200, body: '0.1.55\n' });
    serveAsset('0.1.55/nanos-release-linux-0.1.55.tar.gz', Buffer.from('x'), md5(Buffer.from('y')));
    const file = path.join(temp.dir, 'releases.json');
    writeFileSync(file, '{}\n');
    const result = await run(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not match the published');
    expect(readFileSync(file, 'utf8')).toBe('{}\n');
  });
});
