/**
 * argv → the command to run and its Options. The only place that reads process.argv's shape.
 */
import { parseArgs } from 'node:util';
import { UserError } from '../errors.js';
import { emptyOptions, type Options } from '../plan/options.js';
import { COMMANDS, type CommandName, parseArgsConfig } from './commands.js';

export interface Invocation {
  command?: CommandName;
  /** The command's arguments, named by its spec's `positionals`. */
  positionals: string[];
  options: Options;
  json: boolean;
  help: boolean;
  version: boolean;
  cacheDir?: string;
}

function isCommand(word: string): word is CommandName {
  return Object.hasOwn(COMMANDS, word);
}

/** Parses the arguments after `nanoship`. Unknown commands and flags are UserErrors. */
export function parseInvocation(argv: string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    return { positionals: [], options: emptyOptions(), json: false, help: true, version: false };
  }
  if (first === '--version' || first === '-v') {
    return { positionals: [], options: emptyOptions(), json: false, help: false, version: true };
  }
  if (!isCommand(first)) {
    throw new UserError(
      `Unknown command "${first}". Commands: ${Object.keys(COMMANDS).join(', ')}. Run "nanoship --help".`,
    );
  }
  const spec = COMMANDS[first];
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: parseArgsConfig(spec),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UserError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '')}. Run "nanoship ${first} --help".`,
      { cause: error },
    );
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const positionals = parsed.positionals;
  const help = values.help === true;
  if (!help) checkPositionals(first, positionals);
  return {
    command: first,
    positionals,
    options: toOptions(values, first, positionals),
    json: values.json === true,
    help,
    version: false,
    cacheDir: str(values['cache-dir']),
  };
}

function checkPositionals(command: CommandName, positionals: string[]): void {
  const spec = COMMANDS[command];
  const wanted = spec.positionals ?? [];
  const required = wanted.filter((name) => !name.endsWith('?'));
  if (positionals.length > wanted.length) {
    throw new UserError(
      `Unexpected argument "${positionals[wanted.length]}" for "nanoship ${command}". Usage: ${spec.usage}`,
    );
  }
  if (positionals.length < required.length) {
    const missing = required.slice(positionals.length).join(' and the ');
    throw new UserError(
      `"nanoship ${command}" needs the ${missing} as its argument${required.length > 1 ? 's' : ''}. Usage: ${spec.usage}`,
    );
  }
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function toOptions(
  values: Record<string, unknown>,
  command: CommandName,
  positionals: string[],
): Options {
  return {
    kernelVersion: str(values['kernel-version']),
    kernelBaseUrl: str(values['kernel-base-url']),
    kernelSha256: str(values['kernel-sha256']),
    kernelDir: str(values['kernel-dir']),
    arch: str(values.arch),
    program: command === 'build' ? positionals[0] : undefined,
    config: str(values.config),
    args: list(values.arg),
    env: list(values.env),
    files: list(values.file),
    dirs: list(values.dir),
    output: str(values.output),
    imageName: str(values['image-name']),
    size: str(values.size),
    caBundle: str(values['ca-bundle']),
    uefi: values.uefi === true ? 'true' : undefined,
    targetRoot: str(values['target-root']),
    probes: list(values.probe),
    expectStatus: str(values['expect-status']),
    expectBody: str(values['expect-body']),
    expectExit: str(values['expect-exit']),
    expectOutput: str(values['expect-output']),
    timeout: str(values.timeout),
    accel: str(values.accel),
    bootMode: str(values['boot-mode']),
    firmware: str(values.firmware),
    memory: str(values.memory),
    cpus: str(values.cpus),
    consoleLog: str(values['console-log']),
    publish: command === 'publish' ? positionals.slice(0, 1) : list(values.publish),
    awsRegion: str(values['aws-region']),
    awsCopyRegions: list(values['aws-copy-regions']),
    awsShareAccounts: list(values['aws-share-accounts']),
    awsPublic: values['aws-public'] === true ? 'true' : undefined,
    awsKmsKeyId: str(values['aws-kms-key-id']),
    awsTags: list(values['aws-tags']),
    awsKeep: str(values['aws-keep']),
    awsDeprecateAfter: str(values['aws-deprecate-after']),
    gcpProject: str(values['gcp-project']),
    gcpBucket: str(values['gcp-bucket']),
    gcpImageFamily: str(values['gcp-image-family']),
    gcpStorageLocation: str(values['gcp-storage-location']),
    gcpLabels: list(values['gcp-labels']),
    gcpKeep: str(values['gcp-keep']),
    gcpDeprecateAfter: str(values['gcp-deprecate-after']),
    preview: str(values.preview),
    previewPorts: list(values['preview-port']),
    previewProbes: list(values['preview-probe']),
    previewInstanceType: str(values['preview-instance-type']),
    previewTtl: str(values['preview-ttl']),
    previewAllowForks: values['preview-allow-forks'] === true ? 'true' : undefined,
    previewTimeout: str(values['preview-timeout']),
    awsSubnetId: str(values['aws-subnet-id']),
    gcpZone: str(values['gcp-zone']),
    gcpNetwork: str(values['gcp-network']),
    pr: str(values.pr),
    repo: str(values.repo),
  };
}
