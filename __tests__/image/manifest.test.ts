import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { globToRegExp } from '../../src/image/host-tree.js';
import {
  buildRootFilesystem,
  configFiles,
  type ManifestInput,
  placeProgram,
  resolvConf,
} from '../../src/image/manifest.js';
import { buildElf } from './elf-fixture.js';
import { listTree, minimalInput, plain } from './manifest-fixture.js';

let cwd: string;
let programSize: number;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'nanoship-manifest-'));
  const program = buildElf({ type: 2, noDynamic: true });
  programSize = program.length;
  await writeFile(join(cwd, 'server'), program);
  await writeFile(join(cwd, 'arm-server'), buildElf({ type: 2, noDynamic: true, machine: 183 }));
  await writeFile(join(cwd, 'script.sh'), '#!/bin/sh\n');
  await writeFile(join(cwd, 'ca.crt'), 'CERTS');
  await mkdir(join(cwd, 'static/css'), { recursive: true });
  await mkdir(join(cwd, 'static/empty'));
  await writeFile(join(cwd, 'static/index.html'), '<html>');
  await writeFile(join(cwd, 'static/css/site.css'), 'body{}');
  await symlink('index.html', join(cwd, 'static/home.html'));
  await symlink('nowhere', join(cwd, 'static/broken'));
  await mkdir(join(cwd, 'data/sub'), { recursive: true });
  await writeFile(join(cwd, 'data/a.json'), '{}');
  await writeFile(join(cwd, 'data/b.txt'), 'b');
  await writeFile(join(cwd, 'data/sub/c.json'), '[]');
  await mkdir(join(cwd, 'etc'));
  await writeFile(join(cwd, 'etc/app.conf'), 'x=1');
});

afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function input(overrides: Partial<ManifestInput> = {}): ManifestInput {
  return { ...minimalInput(join(cwd, 'server'), 'server', cwd), ...overrides };
}

describe('a static program with no config', () => {
  test('gets the files and manifest keys ops always writes', async () => {
    const rootfs = await buildRootFilesystem(input());
    expect(listTree(rootfs.tree)).toEqual([
      '/etc dir',
      '/etc/passwd bytes "root:x:0:0:root:/root:/bin/nobash"',
      '/etc/resolv.conf bytes "nameserver  8.8.8.8\\n"',
      '/proc dir',
      '/proc/sys dir',
      '/proc/sys/kernel dir',
      '/proc/sys/kernel/hostname bytes "uniboot"',
      `/server host ${join(cwd, 'server')} (${programSize})`,
    ]);
    expect(plain(rootfs.manifest)).toEqual({
      arguments: ['server'],
      environment: {
        USER: 'root',
        PWD: '/',
        NANOS_VERSION: '0.1.54',
        NANOS_ARCH: 'amd64',
        IMAGE_NAME: 'server',
      },
      program: '/server',
    });
    expect([...rootfs.manifest.keys()]).toEqual(['arguments', 'environment', 'program']);
    expect(rootfs.klibs).toEqual([]);
    expect(rootfs.libraries).toEqual([]);
  });
});

describe('a config using every image key', () => {
  test('maps each key as ops does, passthrough last', async () => {
    const rootfs = await buildRootFilesystem(
      input({
        args: ['-port', '8080'],
        env: { MODE: 'prod', PWD: '/srv' },
        files: [
          ...configFiles(['etc/app.conf'], cwd),
          { host: 'ca.crt', image: '/certs/extra.crt', origin: '--file' },
        ],
        dirs: ['static'],
        mapDirs: { 'data/*.json': '/srv/data' },
        nameServers: ['1.1.1.1', '9.9.9.9'],
        klibs: ['cloud_init', 'ntp'],
        passthrough: { firewall: { rules: [{ drop: 'true' }] }, program: '/override' },
        mounts: { vol1: '/mnt/data:ro' },
        rebootOnExit: true,
        debugflags: ['fault'],
        noTrace: ['futex', 'clock_gettime'],
        network: { ipAddress: '10.0.0.2', gateway: '10.0.0.1' },
        ports: ['8080', '9090'],
        nics: [{ ipAddress: '10.0.0.3', netmask: '255.0.0.0' }, { ipAddress: '10.1.0.3' }],
        caBundlePath: 'ca.crt',
      }),
    );
    expect(listTree(rootfs.tree)).toEqual([
      '/certs dir',
      `/certs/extra.crt host ${join(cwd, 'ca.crt')} (5)`,
      '/etc dir',
      `/etc/app.conf host ${join(cwd, 'etc/app.conf')} (3)`,
      '/etc/passwd bytes "root:x:0:0:root:/root:/bin/nobash"',
      '/etc/resolv.conf bytes "nameserver  1.1.1.1\\nnameserver  9.9.9.9\\n"',
      '/etc/ssl dir',
      '/etc/ssl/certs dir',
      `/etc/ssl/certs/ca-certificates.crt host ${join(cwd, 'ca.crt')} (5)`,
      '/mnt dir',
      '/mnt/data dir',
      '/proc dir',
      '/proc/sys dir',
      '/proc/sys/kernel dir',
      '/proc/sys/kernel/hostname bytes "uniboot"',
      `/server host ${join(cwd, 'server')} (${programSize})`,
      '/srv dir',
      '/srv/data dir',
      `/srv/data/a.json host ${join(cwd, 'data/a.json')} (2)`,
      '/srv/data/sub dir',
      `/srv/data/sub/c.json host ${join(cwd, 'data/sub/c.json')} (2)`,
      '/static dir',
      '/static/css dir',
      `/static/css/site.css host ${join(cwd, 'static/css/site.css')} (6)`,
      '/static/empty dir',
      '/static/home.html link -> index.html',
      `/static/index.html host ${join(cwd, 'static/index.html')} (6)`,
    ]);
    expect(plain(rootfs.manifest)).toEqual({
      arguments: ['server', '-port', '8080'],
      environment: {
        USER: 'root',
        PWD: '/srv',
        NANOS_VERSION: '0.1.54',
        NANOS_ARCH: 'amd64',
        IMAGE_NAME: 'server',
        MODE: 'prod',
        OPS_PORT: '8080,9090',
      },
      program: '/override',
      klibs: 'bootfs',
      reboot_on_exit: 't',
      fault: 't',
      notrace: ['futex', 'clock_gettime'],
      mounts: { vol1: '/mnt/data:ro' },
      ipaddr: '10.0.0.3',
      netmask: '255.0.0.0',
      gateway: '',
      ip6addr: '',
      en2: { ipaddr: '10.1.0.3', netmask: '', gateway: '' },
      firewall: { rules: [{ drop: 'true' }] },
    });
    expect(rootfs.klibs).toEqual(['cloud_init', 'ntp', 'tls', 'firewall']);
  });

  test('a RADAR_KEY adds the radar klibs and the image name', async () => {
    const rootfs = await buildRootFilesystem(input({ env: { RADAR_KEY: 'k' } }));
    expect(rootfs.klibs).toEqual(['tls', 'radar']);
    expect(plain(rootfs.manifest)).toMatchObject({
      environment: { RADAR_KEY: 'k', RADAR_IMAGE_NAME: 'server' },
    });
  });

  test('a relative mount point is taken from the root, as ops does', async () => {
    const rootfs = await buildRootFilesystem(
      input({ mounts: { stressdisk: 'tfs_mnt', logs: 'var/log:ro' } }),
    );
    expect(plain(rootfs.manifest)).toMatchObject({
      mounts: { stressdisk: '/tfs_mnt', logs: '/var/log:ro' },
    });
    expect(listTree(rootfs.tree)).toEqual(expect.arrayContaining(['/tfs_mnt dir', '/var/log dir']));
  });

  test('the same input gives the same tree and manifest', async () => {
    const settings = input({ dirs: ['static', 'data'], mapDirs: { 'data/*': '/m' } });
    const first = await buildRootFilesystem(settings);
    const second = await buildRootFilesystem(settings);
    expect(listTree(second.tree)).toEqual(listTree(first.tree));
    expect(plain(second.manifest)).toEqual(plain(first.manifest));
  });
});

describe('odd inputs', () => {
  test.each([
    {
      name: 'a missing program',
      settings: () =>
        input({ program: { argv0: 'nope', hostPath: join(cwd, 'nope'), imagePath: '/nope' } }),
      message: `CWD/nope (from Program) does not exist.`,
    },
    {
      name: 'a program for another architecture',
      settings: () =>
        input({
          program: {
            argv0: './arm-server',
            hostPath: join(cwd, 'arm-server'),
            imagePath: '/arm-server',
          },
        }),
      message:
        'program ./arm-server is built for aarch64 but arch is x86_64: build it for x86_64 Linux (Go: GOARCH=amd64; C: x86_64-linux-gnu-gcc; Rust: --target x86_64-unknown-linux-gnu), or set arch (--arch, input arch) to aarch64.',
    },
    {
      name: 'a script as the program',
      settings: () =>
        input({
          program: {
            argv0: 'script.sh',
            hostPath: join(cwd, 'script.sh'),
            imagePath: '/script.sh',
          },
        }),
      message: `CWD/script.sh is not an ELF file (magic 7f 45 4c 46 expected, found 23 21 2f 62). It looks like a script: give the compiled program (or its interpreter) instead.`,
    },
    {
      name: 'a missing file',
      settings: () => input({ files: configFiles(['missing.txt'], cwd) }),
      message: `CWD/missing.txt (from Files) does not exist.`,
    },
    {
      name: 'a directory given as a file',
      settings: () => input({ files: [{ host: 'static', image: '/static', origin: '--file' }] }),
      message: `CWD/static (from --file) is a directory (add directories with Dirs or --dir).`,
    },
    {
      name: 'a missing directory',
      settings: () => input({ dirs: ['assets'] }),
      message: `CWD/assets (from Dirs "assets") does not exist.`,
    },
    {
      name: 'a missing MapDirs directory',
      settings: () => input({ mapDirs: { 'nodata/*': '/data' } }),
      message: `CWD/nodata (from MapDirs "nodata/*") does not exist.`,
    },
    {
      name: 'a missing CA bundle',
      settings: () => input({ caBundlePath: '/no/ca.pem' }),
      message: '/no/ca.pem (from the CA bundle) does not exist.',
    },
    {
      name: 'a number in ManifestPassthrough',
      settings: () => input({ passthrough: { mmap_min_addr: 4096 } }),
      message:
        'ManifestPassthrough.mmap_min_addr is the number 4096, but manifest values must be strings, lists or objects: write it as a string (e.g. "4096").',
    },
    {
      name: 'a mount on the root',
      settings: () => input({ mounts: { vol: '/' } }),
      message:
        'Mounts "vol": mount point "/" must be a directory other than "/" (e.g. "/data" or "/data:ro").',
    },
    {
      name: 'a file where the program put a directory',
      settings: () => input({ files: [{ host: 'ca.crt', image: '/proc/sys', origin: 'Files' }] }),
      message: 'Cannot place a file at /proc/sys: a directory is already there.',
    },
  ])('$name is a UserError naming it', async ({ settings, message }) => {
    const error = await buildRootFilesystem(settings()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(message.replaceAll('CWD', cwd));
  });
});

describe('helpers', () => {
  test.each([
    { typed: './server', imagePath: '/server' },
    { typed: 'bin/server', imagePath: '/bin/server' },
    { typed: '/opt/app/server', imagePath: '/opt/app/server' },
  ])('placeProgram puts $typed at $imagePath', async ({ typed, imagePath }) => {
    expect(await placeProgram(typed, '/work')).toEqual({
      argv0: typed,
      imagePath,
      hostPath: typed.startsWith('/') ? typed : join('/work', typed),
    });
  });

  test('placeProgram reads an absolute program from inside the TargetRoot', async () => {
    expect(await placeProgram('/server', '/', cwd)).toEqual({
      argv0: '/server',
      imagePath: '/server',
      hostPath: join(cwd, 'server'),
    });
    await expect(placeProgram('/nope', '/', cwd)).rejects.toThrow(
      `Program /nope does not exist inside TargetRoot ${cwd}: with a target root, an absolute program path is read inside it (as ops does). Give a program built on this machine as a path relative to the working folder, e.g. ./nope.`,
    );
  });

  test('configFiles takes even absolute entries from under the working directory, like ops', () => {
    expect(configFiles(['/etc/app.conf', 'a/b'], '/work')).toEqual([
      { host: '/work/etc/app.conf', image: '/etc/app.conf', origin: 'Files' },
      { host: '/work/a/b', image: '/a/b', origin: 'Files' },
    ]);
  });

  test('resolvConf writes two spaces after nameserver, like ops', () => {
    expect(resolvConf([])).toBe('nameserver  8.8.8.8\n');
  });

  test.each([
    { pattern: '*', name: 'a.json', matches: true },
    { pattern: '*.json', name: 'a.txt', matches: false },
    { pattern: 'a?c', name: 'abc', matches: true },
    { pattern: '[a-c]*', name: 'b1', matches: true },
    { pattern: '[^a-c]*', name: 'b1', matches: false },
    { pattern: 'a.b', name: 'axb', matches: false },
    { pattern: '\\*', name: '*', matches: true },
  ])('glob $pattern on $name is $matches', ({ pattern, name, matches }) => {
    expect(globToRegExp(pattern).test(name)).toBe(matches);
  });
});
