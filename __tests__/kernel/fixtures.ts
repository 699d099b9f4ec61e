/**
 * Test fixtures for the kernel toolchain: release archives made with the system tar (real-world
 * vectors) or with a small writer for entries tar refuses to make, a real HTTP server on
 * 127.0.0.1 that serves a release tree laid out like the official bucket and counts requests,
 * and a folder-backed stand-in for the Actions cache service.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ActionsCacheClient } from '../../src/kernel/actions-cache.js';
import { TAR_BLOCK_BYTES, TAR_HEADER_FIELDS, tarChecksums } from '../../src/kernel/tar-header.js';

/** A folder under os.tmpdir() and a function that removes it. */
export function makeTempDir(prefix = 'nanoship-kernel-test-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The files of a fake release: small, but laid out like the real one (format spec §4.2). */
export function writeReleaseFiles(
  dir: string,
  options: { bootImg?: boolean; kernelImg?: boolean } = {},
): void {
  mkdirSync(path.join(dir, 'klibs'), { recursive: true });
  if (options.kernelImg !== false)
    writeFileSync(path.join(dir, 'kernel.img'), '\x7fELF fake kernel\n'.repeat(64));
  if (options.bootImg !== false)
    writeFileSync(path.join(dir, 'boot.img'), Buffer.alloc(4096, 0xeb));
  writeFileSync(path.join(dir, 'bootx64.efi'), 'MZ fake efi');
  writeFileSync(path.join(dir, 'klibs', 'tls'), 'klib tls');
  writeFileSync(path.join(dir, 'klibs', 'ntp'), 'klib ntp');
}

/** A release tar.gz made by the system tar, flat like Nanos' `make release`. */
export function makeReleaseArchive(workDir: string, options: { kernelImg?: boolean } = {}): Buffer {
  const src = mkdtempSync(path.join(workDir, 'release-src-'));
  writeReleaseFiles(src, options);
  const out = path.join(workDir, `release-${path.basename(src)}.tar.gz`);
  const names = [
    'boot.img',
    'bootx64.efi',
    'klibs',
    ...(options.kernelImg === false ? [] : ['kernel.img']),
  ];
  execFileSync('tar', ['-C', src, '-czf', out, ...names]);
  return readFileSync(out);
}

/** Tar typeflags the writer knows, by the reader's names (plus a FIFO, which nanoship refuses). */
const TYPEFLAGS = {
  file: '0',
  directory: '5',
  symlink: '2',
  hardlink: '1',
  fifo: '6',
  'gnu-long-name': 'L',
  'pax-header': 'x',
} as const;

export interface TarEntrySpec {
  name: string;
  type?: keyof typeof TYPEFLAGS;
  data?: string;
  linkname?: string;
  /** Raw header fields written over the computed ones (before the checksum), to damage a header. */
  fields?: Partial<Record<keyof typeof TAR_HEADER_FIELDS, string>>;
}

/** A ustar tar.gz written field by field from the reader's own layout table. */
export function makeTarGz(entries: TarEntrySpec[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    blocks.push(encodeHeader(entry, data.length));
    if (data.length > 0) {
      blocks.push(
        data,
        Buffer.alloc((TAR_BLOCK_BYTES - (data.length % TAR_BLOCK_BYTES)) % TAR_BLOCK_BYTES),
      );
    }
  }
  blocks.push(Buffer.alloc(2 * TAR_BLOCK_BYTES));
  return gzipSync(Buffer.concat(blocks));
}

/** A tar numeric field: `value` in octal, zero-padded to `width` with the closing NUL. */
export const octal = (value: number, width: number) =>
  `${value.toString(8).padStart(width - 1, '0')}\0`;

function encodeHeader(entry: TarEntrySpec, size: number): Buffer {
  const block = Buffer.alloc(TAR_BLOCK_BYTES);
  const put = (field: keyof typeof TAR_HEADER_FIELDS, text: string) => {
    const [offset, width] = TAR_HEADER_FIELDS[field];
    block.write(text, offset, width, 'utf8');
  };
  put('name', entry.name);
  put('mode', octal(entry.type === 'directory' ? 0o755 : 0o644, 8));
  put('uid', octal(0, 8));
  put('gid', octal(0, 8));
  put('size', octal(size, 12));
  put('mtime', octal(0, 12));
  put('typeflag', TYPEFLAGS[entry.type ?? 'file']);
  put('linkname', entry.linkname ?? '');
  put('magic', 'ustar\0');
  put('version', '00');
  for (const [field, text] of Object.entries(entry.fields ?? {})) {
    const [offset, width] = TAR_HEADER_FIELDS[field as keyof typeof TAR_HEADER_FIELDS];
    block.fill(0, offset, offset + width);
    put(field as keyof typeof TAR_HEADER_FIELDS, text);
  }
  put('checksum', `${octal(tarChecksums(block)[0], 7)} `);
  return block;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
export const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** What the server does for one request to a path. */
export type Reply =
  | { status: number; body?: Buffer | string }
  /** Announces the full length, sends `sendBytes` of it, then drops the connection. */
  | { cutAfter: number; body: Buffer };

/** A real HTTP server; each path has a list of replies, used in order (the last one repeats). */
export interface ReleaseServer {
  baseUrl: string;
  requests: string[];
  /** Sets the replies for a path under the base (e.g. '0.1.55/nanos-release-linux-0.1.55.tar.gz'). */
  route(relativePath: string, ...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startReleaseServer(): Promise<ReleaseServer> {
  const routes = new Map<string, Reply[]>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    requests.push(url);
    const replies = routes.get(url);
    const reply =
      replies === undefined ? { status: 404 } : replies.length > 1 ? replies.shift()! : replies[0]!;
    if ('cutAfter' in reply) {
      res.writeHead(200, { 'content-length': reply.body.length });
      res.write(reply.body.subarray(0, reply.cutAfter), () => res.destroy());
      return;
    }
    res.writeHead(reply.status);
    res.end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/release`,
    requests,
    route: (relativePath, ...replies) => routes.set(`/release/${relativePath}`, replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Serves `archive` as release `version` for x86_64, with latest.txt and (optionally) its .md5. */
export function serveRelease(
  server: ReleaseServer,
  version: string,
  archive: Buffer,
  withMd5 = true,
): void {
  server.route(`${version}/nanos-release-linux-${version}.tar.gz`, { status: 200, body: archive });
  if (withMd5)
    server.route(`${version}/nanos-release-linux-${version}.md5`, {
      status: 200,
      body: `${md5(archive)}\n`,
    });
}

/**
 * The Actions cache service stood in for by folders: entries are copies of the saved paths.
 * `saveId` is what saveCache returns; @actions/cache returns -1 when it did not store the entry.
 */
export function folderActionsCache(
  root: string,
  options: { available?: boolean; failing?: boolean; saveId?: number } = {},
): { client: ActionsCacheClient; calls: string[] } {
  const calls: string[] = [];
  const client: ActionsCacheClient = {
    isFeatureAvailable: () => options.available ?? true,
    async restoreCache(paths, key) {
      calls.push(`restore ${key}`);
      if (options.failing) throw new Error('cache service unavailable');
      const entry = path.join(root, key);
      if (!existsSync(entry)) return undefined;
      cpSync(entry, paths[0]!, { recursive: true });
      return key;
    },
    async saveCache(paths, key) {
      calls.push(`save ${key}`);
      if (options.failing) throw new Error('cache service unavailable');
      const id = options.saveId ?? 1;
      if (id !== -1) cpSync(paths[0]!, path.join(root, key), { recursive: true });
      return id;
    },
  };
  return { client, calls };
}
