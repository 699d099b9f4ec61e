/**
 * Refreshes kernel/releases.json from the official Nanos releases: reads latest.txt, hashes
 * the latest few release archives (x86_64 and aarch64 "-virt") as they stream in, checks each
 * against the .md5 Nanos publishes beside it, and rewrites the file sorted, newest first.
 *
 *   node scripts/refresh-kernel-releases.ts              # latest and the 4 releases before it
 *   node scripts/refresh-kernel-releases.ts --back 10 --versions 0.1.40
 *   node scripts/refresh-kernel-releases.ts --base https://mirror.example/nanos/release --dry-run
 *
 * A digest that changed for a version already in the file is never overwritten: the script
 * fails, because a re-published release needs a human to look. Node runs it directly, with
 * type stripping, so it imports only node: modules and src/ files that import nothing (named
 * with their .ts suffix); run by a scheduled workflow.
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compareVersionsDescending } from '../src/kernel/version-order.ts';

export const OFFICIAL_BASE_URL = 'https://storage.googleapis.com/nanos/release';
const RELEASES_FILE = 'kernel/releases.json';
/** How many releases before latest are (re)checked by default. */
const DEFAULT_BACK = 4;

/** Release archive name suffix per architecture (format spec §4.1). */
const ARCH_SUFFIXES = { x86_64: '', aarch64: '-virt' } as const;
export type Arch = keyof typeof ARCH_SUFFIXES;
export interface Asset {
  url: string;
  sha256: string;
}
export type Releases = Record<string, Partial<Record<Arch, Asset>>>;

/** The archive's file name inside `<base>/<version>/`. */
export function assetName(version: string, arch: Arch): string {
  return `nanos-release-linux-${version}${ARCH_SUFFIXES[arch]}.tar.gz`;
}

/** `latest` and up to `back` earlier patch versions: 0.1.55, 2 → 0.1.55, 0.1.54, 0.1.53. */
export function recentVersions(latest: string, back: number): string[] {
  const match = /^(\d+\.\d+\.)(\d+)$/.exec(latest);
  if (match === null) throw new Error(`latest.txt holds '${latest}', not a version like 0.1.55`);
  const patch = Number(match[2]);
  const count = Math.min(back, patch) + 1;
  return Array.from({ length: count }, (_, i) => `${match[1]}${patch - i}`);
}

/**
 * Adds `asset` under version/arch and returns whether it was new. An existing entry with a
 * different sha256 throws: releases are immutable, so a change means tampering or a
 * re-publish, and either needs a person.
 */
export function mergeAsset(
  releases: Releases,
  version: string,
  arch: Arch,
  asset: Asset,
): 'added' | 'unchanged' {
  const existing = releases[version]?.[arch];
  if (existing !== undefined && existing.sha256 !== asset.sha256) {
    throw new Error(
      `${version} ${arch}: the archive's sha256 changed from ${existing.sha256} to ${asset.sha256}; not overwriting, check upstream`,
    );
  }
  releases[version] = { ...releases[version], [arch]: asset };
  return existing === undefined ? 'added' : 'unchanged';
}

/** The file's text: versions newest first, x86_64 before aarch64, two-space indent, final newline. */
export function renderReleases(releases: Releases): string {
  const sorted: Releases = {};
  for (const version of Object.keys(releases).sort(compareVersionsDescending)) {
    const assets: Partial<Record<Arch, Asset>> = {};
    for (const arch of Object.keys(ARCH_SUFFIXES) as Arch[]) {
      const asset = releases[version]?.[arch];
      if (asset !== undefined) assets[arch] = { url: asset.url, sha256: asset.sha256 };
    }
    sorted[version] = assets;
  }
  return `${JSON.stringify(sorted, null, 2)}\n`;
}

/** sha256 and md5 of the body at `url`, hashed while it streams; undefined on 404. */
async function hashUrl(url: string): Promise<{ sha256: string; md5: string } | undefined> {
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok || response.body === null)
    throw new Error(`HTTP ${response.status} from ${url}`);
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  for await (const chunk of response.body) {
    sha256.update(chunk);
    md5.update(chunk);
  }
  return { sha256: sha256.digest('hex'), md5: md5.digest('hex') };
}

async function fetchText(url: string): Promise<string | undefined> {
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
  return (await response.text()).trim();
}

/** Hashes one archive and cross-checks the published md5; undefined when it should be skipped. */
async function checkAsset(base: string, version: string, arch: Arch): Promise<Asset | undefined> {
  const url = `${base}/${version}/${assetName(version, arch)}`;
  const digests = await hashUrl(url);
  if (digests === undefined) {
    console.log(`skip ${version} ${arch}: no ${url}`);
    return undefined;
  }
  const md5Url = url.replace(/\.tar\.gz$/, '.md5');
  const published = (await fetchText(md5Url))?.split(/\s+/)[0]?.toLowerCase();
  if (published === undefined) {
    console.log(`skip ${version} ${arch}: no ${md5Url} to cross-check against`);
    return undefined;
  }
  if (published !== digests.md5) {
    throw new Error(
      `${url}: md5 ${digests.md5} does not match the published ${published} (${md5Url})`,
    );
  }
  return { url: assetName(version, arch), sha256: digests.sha256 };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: OFFICIAL_BASE_URL },
      back: { type: 'string', default: String(DEFAULT_BACK) },
      versions: { type: 'string', default: '' },
      file: { type: 'string', default: RELEASES_FILE },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const base = values.base.replace(/\/+$/, '');
  const releases = JSON.parse(await readFile(values.file, 'utf8')) as Releases;
  const latest = await fetchText(`${base}/latest.txt`);
  if (latest === undefined) throw new Error(`no ${base}/latest.txt`);
  const extra = values.versions.split(',').filter((v) => v !== '');
  const versions = [...new Set([...recentVersions(latest, Number(values.back)), ...extra])];
  for (const version of versions) {
    for (const arch of Object.keys(ARCH_SUFFIXES) as Arch[]) {
      const asset = await checkAsset(base, version, arch);
      if (asset !== undefined)
        console.log(
          `${mergeAsset(releases, version, arch, asset)} ${version} ${arch} ${asset.sha256}`,
        );
    }
  }
  const text = renderReleases(releases);
  if (values['dry-run']) process.stdout.write(text);
  else await writeFile(values.file, text);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(
      `refresh-kernel-releases: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
}
