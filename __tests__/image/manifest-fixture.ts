/** Helpers to compare built root filesystems as plain data in tests. */
import type { ManifestInput } from '../../src/image/manifest.js';
import type { FsDirectory, Value } from '../../src/image/tree.js';

/** One line per node, depth first in name order: `/etc/passwd file "root:x…"`, `/lib dir`, `/a link -> b`. */
export function listTree(dir: FsDirectory, prefix = ''): string[] {
  const lines: string[] = [];
  for (const name of [...dir.children.keys()].sort()) {
    const node = dir.children.get(name)!;
    const path = `${prefix}/${name}`;
    if (node.kind === 'directory') lines.push(`${path} dir`, ...listTree(node, path));
    else if (node.kind === 'symlink') lines.push(`${path} link -> ${node.target}`);
    else if (node.source.kind === 'bytes') {
      lines.push(
        `${path} bytes ${JSON.stringify(Buffer.from(node.source.bytes).toString('utf8'))}`,
      );
    } else lines.push(`${path} host ${node.source.path} (${node.source.size})`);
  }
  return lines;
}

/** A manifest value as JSON-like data (tuples become objects, key order kept). */
export function plain(value: Value): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(plain);
  return Object.fromEntries([...value].map(([key, item]) => [key, plain(item)]));
}

/** A ManifestInput with every list empty, for a program at `hostPath` typed as `argv0`. */
export function minimalInput(hostPath: string, argv0: string, cwd: string): ManifestInput {
  return {
    program: { argv0, hostPath, imagePath: `/${argv0.replace(/^\.\//, '')}` },
    args: [],
    env: {},
    files: [],
    dirs: [],
    mapDirs: {},
    nameServers: [],
    klibs: [],
    passthrough: {},
    mounts: {},
    rebootOnExit: false,
    debugflags: [],
    noTrace: [],
    ports: [],
    caBundlePath: null,
    nanosVersion: '0.1.54',
    arch: 'x86_64',
    imageName: 'server',
    cwd,
  };
}
