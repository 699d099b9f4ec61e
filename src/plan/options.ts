/**
 * What the user said, before validation: the same fields whether they came from action.yml
 * inputs or CLI flags. Input ids and flag names are the same words (`kernel-version` and
 * `--kernel-version`), so one validator serves both edges and its messages can name either.
 */
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

  probes: string[];
  expectStatus?: string;
  expectBody?: string;
  expectExit?: string;
  expectOutput?: string;
  timeout?: string;
  accel?: string;
  bootMode?: string;
  memory?: string;
  cpus?: string;
  consoleLog?: string;
}

/** Options with every list empty and every scalar unset. */
export function emptyOptions(): Options {
  return { args: [], env: [], files: [], dirs: [], probes: [] };
}

/** How an edge names an option in messages: `input "kernel-version"` or `--kernel-version`. */
export type OptionNamer = (kebabName: string) => string;

export const cliOptionName: OptionNamer = (name) => `--${name}`;
export const actionInputName: OptionNamer = (name) => `input "${name}"`;
