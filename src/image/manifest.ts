/**
 * Builds the root filesystem of an image — the file tree and the manifest keys the kernel
 * reads — from plain settings, in the order ops uses (format §3.3), so that a config.json
 * gives the same image contents with nanoship as with ops:
 *
 *   const rootfs = await buildRootFilesystem(input, { logger });
 *   rootfs.manifest.get('program'); // '/server'
 *   rootfs.klibs;                   // bootfs /klib entries to add, e.g. ['ntp', 'tls']
 *
 * Host files are only stat'ed here; their bytes are streamed later by the TFS writer.
 */
import { posix, resolve } from 'node:path';
import { UserError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import { assertArchitecture, type ElfArchitecture, type ElfInfo, readElf } from './elf.js';
import { addHostDirectory, addHostFile, addMappedDirectory } from './host-tree.js';
import { discoverLibraries, type Library } from './libraries.js';
import { toManifestValue } from './passthrough.js';
import { resolveInRoot } from './sysroot.js';
import {
  emptyDirectory,
  ensureDirectory,
  insertNode,
  lookupNode,
  type RootFilesystem,
  type Tuple,
} from './tree.js';

/** Where the kernel and TLS clients look for trusted CA certificates. */
const CA_BUNDLE_IMAGE_PATH = '/etc/ssl/certs/ca-certificates.crt';
const DEFAULT_NAME_SERVERS = ['8.8.8.8'];
/** ops writes exactly this hostname and passwd line; programs calling gethostname() see it. */
const HOSTNAME = 'uniboot';
const PASSWD = 'root:x:0:0:root:/root:/bin/nobash';
/** Go's architecture names, which ops puts in NANOS_ARCH. */
const GO_ARCH: Record<ElfArchitecture, string> = { x86_64: 'amd64', aarch64: 'arm64' };

export interface ProgramPlacement {
  /** The program as the user typed it: argv[0] in the image. */
  argv0: string;
  hostPath: string;
  imagePath: string;
}

/** A static address for one network interface; all four keys are written when any is set. */
export interface NetworkAddress {
  ipAddress?: string;
  ipv6Address?: string;
  netmask?: string;
  gateway?: string;
}

/** Everything that shapes the root filesystem, already merged from config, flags and inputs. */
export interface ManifestInput {
  program: ProgramPlacement;
  args: string[];
  /** Config Env plus `--env` overrides; applied after the defaults. */
  env: Record<string, string>;
  /** Host files (relative to `cwd`) and their image paths; `origin` names the key in messages. */
  files: { host: string; image: string; origin?: string }[];
  /** Host directories (relative to `cwd`), added at `/` + the same relative path. */
  dirs: string[];
  /** `{ "hostdir/glob": "/imagedir" }`. */
  mapDirs: Record<string, string>;
  /** Empty means the default, 8.8.8.8. */
  nameServers: string[];
  klibs: string[];
  passthrough: Record<string, unknown>;
  /** `{ volume: "/path[:ro]" }`. */
  mounts: Record<string, string>;
  rebootOnExit: boolean;
  debugflags: string[];
  noTrace: string[];
  /** RunConfig IPAddress/IPv6Address/NetMask/Gateway. */
  network?: NetworkAddress;
  /** RunConfig.Nics: the first is the root-level address, the others `en2`, `en3`, … */
  nics?: NetworkAddress[];
  /** RunConfig.Ports, for the OPS_PORT variable. */
  ports: string[];
  /** Host CA bundle to install at /etc/ssl/certs/ca-certificates.crt; null = none. */
  caBundlePath?: string | null;
  nanosVersion: string;
  arch: ElfArchitecture;
  imageName: string;
  /** The directory relative paths are resolved against. */
  cwd: string;
  /** A sysroot for the program's libraries (and an absolute program path). */
  targetRoot?: string;
}

/** The root filesystem plus what the disk assembler and the summary need. */
export interface BuiltRootFilesystem extends RootFilesystem {
  /** Klib names for bootfs `/klib`, in order, without duplicates (implied ones included). */
  klibs: string[];
  /** The shared libraries added (empty for a static program). */
  libraries: Library[];
}

/**
 * Where a program goes, as ops decides it: the image path is `/` + the typed path without a
 * leading `./` (an absolute path keeps its own path); the host file is the typed path under
 * `cwd`, or, for an absolute path with a `targetRoot`, that path inside the sysroot.
 */
export async function placeProgram(
  typed: string,
  cwd: string,
  targetRoot?: string,
): Promise<ProgramPlacement> {
  const imagePath = posix.resolve('/', typed);
  if (targetRoot !== undefined && typed.startsWith('/')) {
    const inRoot = await resolveInRoot(resolve(cwd, targetRoot), typed);
    if (inRoot === undefined)
      throw new UserError(
        `Program ${typed} does not exist inside TargetRoot ${targetRoot}: with a target root, an absolute program path is read inside it (as ops does). Give a program built on this machine as a path relative to the working folder, e.g. ./${posix.basename(typed)}.`,
      );
    return { argv0: typed, hostPath: inRoot, imagePath };
  }
  return { argv0: typed, hostPath: resolve(cwd, typed), imagePath };
}

/** ops' `Files` rule: the host file is `<cwd>/<entry>` even for an absolute entry; same image path. */
export function configFiles(entries: string[], cwd: string, origin = 'Files') {
  return entries.map((entry) => ({
    host: posix.join(cwd, entry),
    image: posix.resolve('/', entry),
    origin,
  }));
}

/**
 * Builds the tree and manifest for `input`, in ops' order (format §3.3; later steps override
 * earlier ones). Stats every host file, reads the program's and libraries' ELF headers, and
 * throws a UserError naming the path and its config key for anything missing or invalid.
 */
export async function buildRootFilesystem(
  input: ManifestInput,
  deps: { logger?: Logger } = {},
): Promise<BuiltRootFilesystem> {
  const logger = deps.logger ?? silentLogger;
  const tree = emptyDirectory();
  const manifest: Tuple = new Map();
  const arguments_: string[] = [];
  const environment: Tuple = new Map();
  manifest.set('arguments', arguments_);
  manifest.set('environment', environment);
  const klibs = klibList(input);

  if (input.caBundlePath) {
    await addHostFile(
      tree,
      resolve(input.cwd, input.caBundlePath),
      CA_BUNDLE_IMAGE_PATH,
      'the CA bundle',
    );
  }
  await addHostFile(tree, input.program.hostPath, input.program.imagePath, 'Program');
  // Read once: checked here, before the user's files are walked, and reused for the libraries.
  const programElf = await readElf(input.program.hostPath);
  assertArchitecture(programElf, input.arch, `program ${input.program.argv0}`);
  manifest.set('program', input.program.imagePath);
  addTextFile(tree, '/etc/resolv.conf', resolvConf(input.nameServers));
  addTextFile(tree, '/proc/sys/kernel/hostname', HOSTNAME);
  if (lookupNode(tree, '/etc/passwd') === undefined) addTextFile(tree, '/etc/passwd', PASSWD);
  if (klibs.length > 0) manifest.set('klibs', 'bootfs');
  await addUserContent(tree, input, logger);
  arguments_.push(input.program.argv0, ...input.args);
  setDebugKeys(manifest, input);
  setEnvironment(environment, input);
  setMounts(tree, manifest, input.mounts);
  if (input.network?.ipAddress || input.network?.ipv6Address) setAddress(manifest, input.network);
  if (input.ports.length > 0) environment.set('OPS_PORT', input.ports.join(','));
  const libraries = await addLibraries(tree, input, programElf, logger);
  setNics(manifest, input.nics ?? []);
  for (const [key, value] of Object.entries(input.passthrough)) {
    manifest.set(key, toManifestValue(value, `ManifestPassthrough.${key}`));
  }
  return { tree, manifest, klibs, libraries };
}

/** Config klibs plus those ops implies: tls for cloud_init and radar, radar for RADAR_KEY, firewall. */
function klibList(input: ManifestInput): string[] {
  const klibs = [...input.klibs];
  if (klibs.includes('cloud_init')) klibs.push('tls');
  if (Object.hasOwn(input.env, 'RADAR_KEY')) klibs.push('tls', 'radar');
  if (Object.hasOwn(input.passthrough, 'firewall')) klibs.push('firewall');
  return [...new Set(klibs)];
}

function addTextFile(tree: RootFilesystem['tree'], imagePath: string, text: string): void {
  insertNode(tree, imagePath, {
    kind: 'file',
    source: { kind: 'bytes', bytes: new TextEncoder().encode(text) },
  });
}

/** One `nameserver  <ip>` line per server; two spaces, as ops writes them (Go's Sprintln). */
export function resolvConf(nameServers: string[]): string {
  const servers = nameServers.length > 0 ? nameServers : DEFAULT_NAME_SERVERS;
  return servers.map((server) => `nameserver  ${server}\n`).join('');
}

/** Steps 9–11: Files, then MapDirs, then Dirs. */
async function addUserContent(
  tree: RootFilesystem['tree'],
  input: ManifestInput,
  logger: Logger,
): Promise<void> {
  for (const file of input.files) {
    await addHostFile(
      tree,
      resolve(input.cwd, file.host),
      posix.resolve('/', file.image),
      file.origin ?? 'Files',
    );
  }
  for (const [pattern, imageDir] of Object.entries(input.mapDirs).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )) {
    const host =
      pattern.startsWith('/') && input.targetRoot ? posix.join(input.targetRoot, pattern) : pattern;
    await addMappedDirectory(
      tree,
      resolve(input.cwd, host),
      posix.resolve('/', imageDir),
      `MapDirs "${pattern}"`,
      logger,
    );
  }
  for (const dir of input.dirs) {
    await addHostDirectory(
      tree,
      resolve(input.cwd, dir),
      posix.resolve('/', dir),
      `Dirs "${dir}"`,
      logger,
    );
  }
}

/** Step 13: reboot_on_exit, one `<flag>:t` per debug flag, the notrace list. */
function setDebugKeys(manifest: Tuple, input: ManifestInput): void {
  if (input.rebootOnExit) manifest.set('reboot_on_exit', 't');
  for (const flag of input.debugflags) manifest.set(flag, 't');
  if (input.noTrace.length > 0) manifest.set('notrace', [...input.noTrace]);
}

/** Step 14: the variables ops always sets, then the user's (which win). */
function setEnvironment(environment: Tuple, input: ManifestInput): void {
  environment.set('USER', 'root');
  environment.set('PWD', '/');
  environment.set('NANOS_VERSION', input.nanosVersion);
  environment.set('NANOS_ARCH', GO_ARCH[input.arch]);
  environment.set('IMAGE_NAME', input.imageName);
  for (const [name, value] of Object.entries(input.env)) environment.set(name, value);
  if (Object.hasOwn(input.env, 'RADAR_KEY') && !Object.hasOwn(input.env, 'RADAR_IMAGE_NAME')) {
    environment.set('RADAR_IMAGE_NAME', input.imageName);
  }
}

/** Step 15: each mount point is created as a directory; the kernel refuses a missing one. */
function setMounts(
  tree: RootFilesystem['tree'],
  manifest: Tuple,
  mounts: Record<string, string>,
): void {
  const entries = Object.entries(mounts);
  if (entries.length === 0) return;
  const tuple: Tuple = new Map();
  for (const [volume, given] of entries) {
    // ops takes a relative mount point as relative to the root ("tfs_mnt" is "/tfs_mnt", as in
    // Nanos' own test configs), so nanoship writes it absolute too.
    const mountPoint = given.startsWith('/') ? given : `/${given}`;
    const directory = mountPoint.split(':')[0]!;
    if (posix.resolve(directory) === '/') {
      throw new UserError(
        `Mounts "${volume}": mount point "${given}" must be a directory other than "/" (e.g. "/data" or "/data:ro").`,
      );
    }
    ensureDirectory(tree, directory);
    tuple.set(volume, mountPoint);
  }
  manifest.set('mounts', tuple);
}

function setAddress(manifest: Tuple, address: NetworkAddress): void {
  manifest.set('ipaddr', address.ipAddress ?? '');
  manifest.set('netmask', address.netmask ?? '');
  manifest.set('gateway', address.gateway ?? '');
  manifest.set('ip6addr', address.ipv6Address ?? '');
}

/** Step 18: the first NIC replaces the root-level address; NIC i ≥ 2 becomes an `en<i>` tuple. */
function setNics(manifest: Tuple, nics: NetworkAddress[]): void {
  nics.forEach((nic, index) => {
    if (index === 0) {
      setAddress(manifest, { ...nic, ipv6Address: '' });
      return;
    }
    const tuple: Tuple = new Map([
      ['ipaddr', nic.ipAddress ?? ''],
      ['netmask', nic.netmask ?? ''],
      ['gateway', nic.gateway ?? ''],
    ]);
    manifest.set(`en${index + 1}`, tuple);
  });
}

/** Step 17: the program's shared libraries at the paths the loader opens. */
async function addLibraries(
  tree: RootFilesystem['tree'],
  input: ManifestInput,
  programElf: ElfInfo,
  logger: Logger,
): Promise<Library[]> {
  const ldLibraryPath = input.env.LD_LIBRARY_PATH?.split(':').filter((dir) => dir !== '');
  const libraries = await discoverLibraries(input.program.hostPath, {
    arch: input.arch,
    programImagePath: input.program.imagePath,
    programElf,
    ...(input.targetRoot === undefined ? {} : { targetRoot: resolve(input.cwd, input.targetRoot) }),
    ...(ldLibraryPath === undefined ? {} : { ldLibraryPath }),
    logger,
  });
  for (const library of libraries) {
    await addHostFile(
      tree,
      library.hostPath,
      library.imagePath,
      `a library needed by ${library.neededBy}`,
    );
  }
  return libraries;
}
