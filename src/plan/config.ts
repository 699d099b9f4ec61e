/**
 * The ops-compatible `config.json`: the schema of every key ops reads, validated strictly so
 * that a typo is an error instead of a silently ignored setting (design §3.2).
 *
 *   const config = await loadConfigFile('config.json');
 *   config.Args; // string[] | undefined
 *
 * Keys match case-insensitively, as Go's `encoding/json` does for ops (`"args"` is `Args`),
 * and are handed back in their canonical spelling. Keys marked "manifest" below shape the
 * image; the others are accepted for compatibility and for later stages (run, cloud).
 */

import { z } from 'zod';
import { UserError } from '../errors.js';
import { readFile, stat } from '../files.js';
import { toManifestValue } from '../image/passthrough.js';
import { describeIssue } from './config-errors.js';
import { findJsonSyntaxProblem } from './json-syntax.js';

/** A config.json is a few kilobytes; anything this large is the wrong file. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/**
 * Wraps a strict object so that keys differing only in case from a known key are renamed to
 * it first (Go's decoder matches field names case-insensitively, so ops configs rely on it).
 */
function opsObject<Shape extends z.ZodRawShape>(shape: Shape) {
  const canonical = new Map(Object.keys(shape).map((key) => [key.toLowerCase(), key]));
  const rename = (input: unknown): unknown => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
    // Exact spellings first, so a second, differently cased copy stays unknown (an error).
    const renamed: Record<string, unknown> = {};
    const entries = Object.entries(input);
    for (const [key, value] of entries) if (Object.hasOwn(shape, key)) renamed[key] = value;
    for (const [key, value] of entries) {
      if (Object.hasOwn(shape, key)) continue;
      const known = canonical.get(key.toLowerCase());
      renamed[known === undefined || Object.hasOwn(renamed, known) ? key : known] = value;
    }
    return renamed;
  };
  return z.preprocess(rename, z.strictObject(shape));
}

const stringList = z.array(z.string());
const stringMap = z.record(z.string(), z.string());
const count = z.number().int().nonnegative();

/** Passthrough values are checked by the same rule the manifest builder applies. */
const passthroughMap = z.record(z.string(), z.unknown()).superRefine((map, ctx) => {
  for (const [key, value] of Object.entries(map)) {
    try {
      toManifestValue(value, `ManifestPassthrough.${key}`);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message, path: [key] });
    }
  }
});

export const tagAttributeShape = {
  image_label: z.boolean().optional(),
  instance_label: z.boolean().optional(),
  instance_network: z.boolean().optional(),
  instance_metadata: z.boolean().optional(),
};
export const tagShape = {
  key: z.string(),
  value: z.string(),
  attribute: opsObject(tagAttributeShape).optional(),
};
export const cloudVolumeShape = {
  name: z.string().optional(),
  iops: count.optional(),
  size: count.optional(),
  throughput: count.optional(),
  typeof: z.string().optional(),
};
export const nicShape = {
  IPAddress: z.string().optional(),
  IPv6Address: z.string().optional(),
  NetMask: z.string().optional(),
  Gateway: z.string().optional(),
  BridgeName: z.string().optional(),
};

/** `CloudConfig`: accepted and typed for the publishing stages; only ImageName reaches the image. */
export const cloudConfigShape = {
  BucketName: z.string().optional(),
  BucketNamespace: z.string().optional(),
  ConfidentialVM: z.boolean().optional(),
  DedicatedHostID: z.string().optional(),
  DomainName: z.string().optional(),
  StaticIP: z.string().optional(),
  EnableIPv6: z.boolean().optional(),
  Flavor: z.string().optional(),
  ImageType: z.string().optional(),
  /** manifest: environment IMAGE_NAME; default image name = program basename. */
  ImageName: z.string().optional(),
  InstanceProfile: z.string().optional(),
  KMS: z.string().optional(),
  Platform: z.string().optional(),
  ProjectID: z.string().optional(),
  RootVolume: opsObject(cloudVolumeShape).optional(),
  SecurityGroup: z.string().optional(),
  SkipImportVerify: z.boolean().optional(),
  Spot: z.boolean().optional(),
  Subnet: z.string().optional(),
  Tags: z.array(opsObject(tagShape)).optional(),
  UserData: z.string().optional(),
  VPC: z.string().optional(),
  Zone: z.string().optional(),
};

/** `RunConfig`: how ops runs the image; the keys marked "manifest" also shape the image. */
export const runConfigShape = {
  Accel: z.boolean().optional(),
  AtExit: z.string().optional(),
  AttachVolumeOnInstanceCreate: z.boolean().optional(),
  Background: z.boolean().optional(),
  BackgroundDetach: z.boolean().optional(),
  BridgeIPAddress: z.string().optional(),
  BridgeName: z.string().optional(),
  Bridged: z.boolean().optional(),
  CanIPForward: z.boolean().optional(),
  CPUs: count.optional(),
  Debug: z.boolean().optional(),
  /** manifest: `gateway` (with IPAddress/IPv6Address). */
  Gateway: z.string().optional(),
  GdbPort: count.optional(),
  GPUs: count.optional(),
  GPUType: z.string().optional(),
  /** Local path of the built image (ops: ~/.ops/images/<name>); `--output` overrides it. */
  ImageName: z.string().optional(),
  InstanceGroup: z.string().optional(),
  InstanceName: z.string().optional(),
  /** manifest: `ipaddr` (static IPv4 for the first interface). */
  IPAddress: z.string().optional(),
  /** manifest: `ip6addr`. */
  IPv6Address: z.string().optional(),
  JSON: z.boolean().optional(),
  Kernel: z.string().optional(),
  Memory: z.string().optional(),
  Mgmt: z.string().optional(),
  Mounts: stringList.optional(),
  /** manifest: `netmask` (with IPAddress/IPv6Address). */
  NetMask: z.string().optional(),
  /** manifest: first NIC → `ipaddr`/`netmask`/`gateway`, NIC i ≥ 2 → `en<i>` tuple. */
  Nics: z.array(opsObject(nicShape)).optional(),
  /** manifest: environment OPS_PORT=<comma list>. */
  Ports: stringList.optional(),
  QMP: z.boolean().optional(),
  ShowDebug: z.boolean().optional(),
  ShowErrors: z.boolean().optional(),
  ShowWarnings: z.boolean().optional(),
  TapName: z.string().optional(),
  ThreadsPerCore: count.optional(),
  UDPPorts: stringList.optional(),
  Verbose: z.boolean().optional(),
  Vga: z.boolean().optional(),
  VolumeSizeInGb: count.optional(),
};

/** The top level of config.json. */
export const configShape = {
  /** manifest: `arguments` = [Program, …Args]. */
  Args: stringList.optional(),
  /** Root-fs size, e.g. "500m", "2g" (format §1.7); `--size` overrides it. */
  BaseVolumeSz: z.string().optional(),
  Boot: z.string().optional(),
  BuildDir: z.string().optional(),
  CloudConfig: opsObject(cloudConfigShape).optional(),
  /** manifest: each entry becomes a root key with value `t`. */
  Debugflags: stringList.optional(),
  Description: z.string().optional(),
  /** manifest: each directory walked into the image at the same relative path. */
  Dirs: stringList.optional(),
  DisableArgsCopy: z.boolean().optional(),
  /** manifest: `environment` entries (override the defaults). */
  Env: stringMap.optional(),
  /** manifest: each file added at the same path. */
  Files: stringList.optional(),
  Force: z.boolean().optional(),
  home: z.string().optional(),
  Kernel: z.string().optional(),
  KlibDir: z.string().optional(),
  /** manifest: klibs copied to bootfs `/klib`, `klibs:bootfs`. */
  Klibs: stringList.optional(),
  Language: z.string().optional(),
  LocalFilesParentDirectory: z.string().optional(),
  /** manifest: root keys copied as they are, last. */
  ManifestPassthrough: passthroughMap.optional(),
  /** manifest: `{ "hostdir/pattern": "/imagedir" }`. */
  MapDirs: stringMap.optional(),
  /** manifest: `mounts` `{ volume: "/path[:ro]" }`, mount points created. */
  Mounts: stringMap.optional(),
  /** manifest: /etc/resolv.conf lines (default 8.8.8.8). */
  NameServers: stringList.optional(),
  NanosVersion: z.string().optional(),
  NightlyBuild: z.boolean().optional(),
  /** manifest: `notrace` vector. */
  NoTrace: stringList.optional(),
  PackageBaseURL: z.string().optional(),
  PackageManifestURL: z.string().optional(),
  /** manifest: `program` (image path) and argv[0]. */
  Program: z.string().optional(),
  ProgramPath: z.string().optional(),
  /** manifest: `reboot_on_exit:t`. */
  RebootOnExit: z.boolean().optional(),
  RunConfig: opsObject(runConfigShape).optional(),
  TargetConfig: stringMap.optional(),
  /** Host root for the program and its libraries (a sysroot). */
  TargetRoot: z.string().optional(),
  TFSv4: z.boolean().optional(),
  Uefi: z.boolean().optional(),
  UefiBoot: z.string().optional(),
  Version: z.string().optional(),
  VolumesDir: z.string().optional(),
};

export const configSchema = opsObject(configShape);

/**
 * The keys each object level accepts, by key path with list indexes written as `[]`
 * (`CloudConfig.Tags[].attribute`), read from the schema so every nested object gets
 * "did you mean" suggestions.
 */
const KNOWN_KEYS = collectKnownKeys(configSchema, '', new Map());

function collectKnownKeys(
  schema: z.core.$ZodType,
  path: string,
  known: Map<string, string[]>,
): Map<string, string[]> {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject) {
    known.set(path, Object.keys(inner.shape));
    for (const [key, child] of Object.entries(inner.shape)) {
      collectKnownKeys(child, path === '' ? key : `${path}.${key}`, known);
    }
  } else if (inner instanceof z.ZodArray) {
    collectKnownKeys(inner.element, `${path}[]`, known);
  }
  return known;
}

/** Looks through `.optional()` and opsObject's case-renaming pipe to the schema beneath. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  if (schema instanceof z.ZodOptional) return unwrap(schema.unwrap());
  if (schema instanceof z.ZodPipe) return unwrap(schema.out);
  return schema;
}

function knownKeysAt(path: readonly PropertyKey[]): string[] {
  const pattern = path.map((part) => (typeof part === 'number' ? '[]' : String(part))).join('.');
  return KNOWN_KEYS.get(pattern.replaceAll('.[]', '[]')) ?? [];
}

/** A validated ops config.json; every key is optional. */
export type OpsConfig = z.infer<typeof configSchema>;

/**
 * Parses and validates config text. `sourceName` (usually the file path) starts every error
 * message. Throws a UserError naming the line and column of a JSON syntax error, or listing
 * every unknown key and wrong type with its key path.
 */
export function parseConfig(json: string, sourceName: string): OpsConfig {
  const value = parseJson(json, sourceName);
  const result = configSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => describeIssue(issue, value, knownKeysAt));
  if (problems.length === 1) throw new UserError(`${sourceName}: ${problems[0]}`);
  throw new UserError(
    `${sourceName} has ${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}

/**
 * Reads and validates a config file. Throws a UserError when it is missing, unreadable,
 * larger than 4 MiB, or invalid (see `parseConfig`).
 */
export async function loadConfigFile(path: string): Promise<OpsConfig> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UserError(`Config file ${path} is not a regular file.`);
    if (info.size > MAX_CONFIG_BYTES) {
      throw new UserError(
        `Config file ${path} is ${info.size} bytes; a config.json is at most ${MAX_CONFIG_BYTES} bytes. Is it the right file?`,
      );
    }
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`Cannot read config file ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseConfig(text, path);
}

function parseJson(text: string, sourceName: string): unknown {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(withoutBom);
  } catch (error) {
    const problem = findJsonSyntaxProblem(withoutBom);
    const where = problem
      ? `line ${problem.line}, column ${problem.column}: ${problem.reason}`
      : (error as Error).message;
    throw new UserError(`${sourceName} is not valid JSON (${where}).`, { cause: error });
  }
}
