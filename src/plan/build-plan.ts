/**
 * Options + config.json → BuildPlan: what goes into the image and where the image goes.
 * Flags and action inputs override the file: lists of files and directories add to it,
 * `args` replaces it, `env` entries win key by key.
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import { isFile } from '../fs-checks.js';
import { configFiles, type ManifestInput, placeProgram } from '../image/manifest.js';
import type { OpsConfig } from './config.js';
import type { OptionNamer, Options, PlanContext } from './options.js';
import { parseBoolean, parseKeyValue, parseSize } from './validate.js';

/** Where distributions keep the system CA bundle, most common first. */
const HOST_CA_BUNDLES = [
  '/etc/ssl/certs/ca-certificates.crt',
  '/etc/pki/tls/certs/ca-bundle.crt',
  '/etc/ssl/cert.pem',
];

export interface BuildPlan {
  /** Everything the manifest builder needs except what the kernel stage decides. */
  manifest: Omit<ManifestInput, 'nanosVersion' | 'arch'>;
  imageName: string;
  /** Absolute path of the image to write. */
  output: string;
  /** Smallest image size (`size` / BaseVolumeSz). */
  minSizeBytes?: number;
  /**
   * x86_64: add an ESP with the UEFI loader next to the BIOS one (`uefi` / config.json Uefi).
   * aarch64 images boot through UEFI whatever this says.
   */
  uefi: boolean;
  /** config.json's own kernel pieces (Kernel, Boot, UefiBoot, KlibDir), used instead of the release's. */
  kernelOverrides: { kernelImg?: string; bootImg?: string; uefiLoader?: string; klibsDir?: string };
}

/** Parses `host[:image]`; the image path defaults to `/` + the host path. */
export function parseFileOption(raw: string, namer: OptionNamer, cwd: string) {
  const at = raw.lastIndexOf(':');
  const host = at > 0 ? raw.slice(0, at) : raw;
  const image = at > 0 ? raw.slice(at + 1) : path.posix.resolve('/', raw);
  if (host === '' || !image.startsWith('/')) {
    throw new UserError(`${namer('file')} takes host-path or host-path:/image/path, got "${raw}".`);
  }
  return { host: path.resolve(cwd, host), image, origin: namer('file') };
}

/** The image name from the option, CloudConfig.ImageName or the program's file name, checked. */
function planImageName(
  options: Options,
  config: OpsConfig,
  program: string,
  namer: OptionNamer,
): string {
  const configName = config.CloudConfig?.ImageName;
  const name = options.imageName ?? configName ?? path.basename(program);
  if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) return name;
  const allowed =
    'must start with a letter or digit and may only hold letters, digits, ".", "_" and "-"';
  if (options.imageName !== undefined) {
    throw new UserError(`${namer('image-name')} "${name}" ${allowed}.`);
  }
  if (configName !== undefined) {
    throw new UserError(`config.json CloudConfig.ImageName "${name}" ${allowed}.`);
  }
  throw new UserError(
    `The image name "${name}", taken from the program's file name, ${allowed}: give a name with ${namer('image-name')}.`,
  );
}

async function planCaBundle(raw: string | undefined, cwd: string): Promise<string | null> {
  if (raw === 'none') return null;
  if (raw !== undefined) return path.resolve(cwd, raw);
  for (const candidate of HOST_CA_BUNDLES) if (await isFile(candidate)) return candidate;
  return null;
}

/**
 * Decides the build. Stats the program (through placeProgram) and looks for the host CA
 * bundle; reads nothing else.
 */
export async function planBuild(
  options: Options,
  config: OpsConfig,
  context: PlanContext,
): Promise<BuildPlan> {
  const { cwd, namer } = context;
  const typed = options.program ?? config.Program;
  if (typed === undefined || typed.trim() === '') {
    throw new UserError(
      `No program to pack: give its path (${namer('program')}) or set "Program" in config.json.`,
    );
  }
  const targetRoot = options.targetRoot?.trim() || config.TargetRoot;
  const program = await placeProgram(typed, cwd, targetRoot);
  // Checked here, before the kernel is downloaded, so a typo costs no network round trip.
  if (!(await isFile(program.hostPath))) {
    throw new UserError(
      `Program ${typed} does not exist or is not a file (looked for ${program.hostPath}). Build it first, or fix the path given as ${options.program ? namer('program') : 'config.json Program'}.`,
    );
  }
  const imageName = planImageName(options, config, typed, namer);
  const env: Record<string, string> = { ...config.Env };
  for (const entry of options.env) {
    const [key, value] = parseKeyValue(entry, 'env', namer);
    env[key] = value;
  }
  const sizeSource = options.size ?? config.BaseVolumeSz;
  return {
    imageName,
    output: path.resolve(cwd, options.output ?? path.join('.nanoship', `${imageName}.img`)),
    minSizeBytes:
      sizeSource === undefined
        ? undefined
        : parseSize(sizeSource, options.size ? namer('size') : 'config.json BaseVolumeSz'),
    uefi: parseBoolean(options.uefi, 'uefi', namer, config.Uefi ?? false),
    // A kernel directory given as a flag or input replaces config.json's kernel pieces whole.
    kernelOverrides: options.kernelDir
      ? {}
      : {
          kernelImg: config.Kernel && path.resolve(cwd, config.Kernel),
          bootImg: config.Boot && path.resolve(cwd, config.Boot),
          uefiLoader: config.UefiBoot && path.resolve(cwd, config.UefiBoot),
          klibsDir: config.KlibDir && path.resolve(cwd, config.KlibDir),
        },
    manifest: {
      program,
      args: options.args.length > 0 ? options.args : (config.Args ?? []),
      env,
      files: [
        ...configFiles(config.Files ?? [], cwd),
        ...options.files.map((raw) => parseFileOption(raw, namer, cwd)),
      ],
      dirs: [...(config.Dirs ?? []), ...options.dirs],
      mapDirs: config.MapDirs ?? {},
      nameServers: config.NameServers ?? [],
      klibs: config.Klibs ?? [],
      passthrough: config.ManifestPassthrough ?? {},
      mounts: config.Mounts ?? {},
      rebootOnExit: config.RebootOnExit ?? false,
      debugflags: config.Debugflags ?? [],
      noTrace: config.NoTrace ?? [],
      network: networkOf(config),
      nics: config.RunConfig?.Nics?.map((nic) => ({
        ipAddress: nic.IPAddress,
        ipv6Address: nic.IPv6Address,
        netmask: nic.NetMask,
        gateway: nic.Gateway,
      })),
      ports: config.RunConfig?.Ports ?? [],
      caBundlePath: await planCaBundle(options.caBundle, cwd),
      imageName,
      cwd,
      targetRoot: targetRoot && path.resolve(cwd, targetRoot),
    },
  };
}

function networkOf(config: OpsConfig): ManifestInput['network'] {
  const run = config.RunConfig;
  if (!run?.IPAddress && !run?.IPv6Address) return undefined;
  return {
    ipAddress: run.IPAddress,
    ipv6Address: run.IPv6Address,
    netmask: run.NetMask,
    gateway: run.Gateway,
  };
}
