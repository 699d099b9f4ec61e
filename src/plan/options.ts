/**
 * What the user said, before validation: the same fields whether they came from action.yml
 * inputs or CLI flags. Validators name an option by its flag word (`kernel-version`, `file`)
 * and each edge's OptionNamer spells it: mostly the same word, but the list inputs are plural
 * (`args`, `files`, `dirs`) where the repeatable flags are singular (`--arg`, `--file`, `--dir`),
 * and the CLI takes the program as its argument, not as a flag.
 */
import type { Provenance } from '../cloud/types.js';
import type { GitHubEvent } from '../github/context.js';
export interface Options {
  kernelVersion?: string;
  kernelBaseUrl?: string;
  kernelSha256?: string;
  kernelDir?: string;
  arch?: string;

  program?: string;
  config?: string;
  args: string[];
  env: string[];
  files: string[];
  dirs: string[];
  output?: string;
  imageName?: string;
  size?: string;
  caBundle?: string;
  /** x86_64: also boot through UEFI ('true' / 'false'; aarch64 images always do). */
  uefi?: string;
  /** A sysroot the program's shared libraries are found in (like config.json TargetRoot). */
  targetRoot?: string;

  probes: string[];
  expectStatus?: string;
  expectBody?: string;
  expectExit?: string;
  expectOutput?: string;
  timeout?: string;
  accel?: string;
  bootMode?: string;
  firmware?: string;
  memory?: string;
  cpus?: string;
  consoleLog?: string;

  /** Clouds to publish to (`aws`, `gcp`). */
  publish: string[];
  awsRegion?: string;
  awsCopyRegions: string[];
  awsShareAccounts: string[];
  awsPublic?: string;
  awsKmsKeyId?: string;
  awsTags: string[];
  awsKeep?: string;
  awsDeprecateAfter?: string;
  gcpProject?: string;
  gcpBucket?: string;
  gcpImageFamily?: string;
  gcpStorageLocation?: string;
  gcpLabels: string[];
  gcpKeep?: string;
  gcpDeprecateAfter?: string;

  /** The cloud of pull-request previews (`aws`, `gcp`); empty: none. */
  preview?: string;
  previewPorts: string[];
  previewProbes: string[];
  previewInstanceType?: string;
  previewTtl?: string;
  previewAllowForks?: string;
  previewTimeout?: string;
  githubToken?: string;
  awsSubnetId?: string;
  gcpZone?: string;
  gcpNetwork?: string;
  /** The CLI's --pr and --repo (the Action takes both from the event). */
  pr?: string;
  repo?: string;
}

/** Where relative paths are resolved and how options are named in messages. */
export interface PlanContext {
  cwd: string;
  namer: OptionNamer;
  /** The environment the edge runs in, for defaults such as AWS_REGION (default: none). */
  env?: Record<string, string | undefined>;
  /** Repository, commit and run of the build, for cloud names and tags (default: none). */
  provenance?: Provenance;
  /** The run's GitHub event (pull_request, release, push …); default: none. */
  event?: GitHubEvent;
}

/** Options with every list empty and every scalar unset. */
export function emptyOptions(): Options {
  return {
    args: [],
    env: [],
    files: [],
    dirs: [],
    probes: [],
    publish: [],
    awsCopyRegions: [],
    awsShareAccounts: [],
    awsTags: [],
    gcpLabels: [],
    previewPorts: [],
    previewProbes: [],
  };
}

/** How an edge names an option in messages: `input "kernel-version"` or `--kernel-version`. */
export type OptionNamer = (kebabName: string) => string;

/** action.yml ids that differ from the flag word: one input holds a list, one item per line. */
const ACTION_INPUT_IDS = new Map([
  ['arg', 'args'],
  ['file', 'files'],
  ['dir', 'dirs'],
]);

/** The CLI's names: `--<flag>`, and `build`'s positional argument for the program. */
export const cliOptionName: OptionNamer = (name) =>
  name === 'program' ? 'the <program> argument' : `--${name}`;
/** The CLI's names for `nanoship publish <cloud> <image>`, whose cloud is an argument. */
export const publishCommandOptionName: OptionNamer = (name) =>
  name === 'publish' ? 'the <cloud> argument' : cliOptionName(name);
/** The Action's names: `input "<id>"` with the id action.yml declares. */
export const actionInputName: OptionNamer = (name) =>
  `input "${ACTION_INPUT_IDS.get(name) ?? name}"`;
