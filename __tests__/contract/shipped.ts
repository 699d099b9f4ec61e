/**
 * Test helper (not shipped): runs what users run. The Action's entries are the files action.yml
 * names, started with the Node major version it declares, in a runner's environment: INPUT_*
 * variables named as the runner names them (upper case, hyphens kept) holding every input's
 * default from action.yml unless the workflow sets it, the command files behind GITHUB_OUTPUT,
 * GITHUB_STATE and GITHUB_STEP_SUMMARY, RUNNER_TEMP and RUNNER_TOOL_CACHE, and for the post
 * step the saved state as STATE_* variables. The CLI is the bundle package.json's `bin` names.
 * Nothing here imports src/.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; main: string; post?: string };
}

const actionYaml = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as ActionYaml;
const packageJson = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  bin: Record<string, string>;
};

/** The entries action.yml names, as absolute paths. */
export const actionEntries = {
  main: path.join(repoRoot, actionYaml.runs.main),
  post: path.join(repoRoot, actionYaml.runs.post ?? ''),
};

/** The CLI as package.json's bin names it. */
export const cliEntry = path.join(repoRoot, packageJson.bin.nanoship!);

/** The Node major version `runs.using` declares (`node24` → 24). */
export const declaredNodeMajor = Number(/^node(\d+)$/.exec(actionYaml.runs.using)?.[1]);

/**
 * A node binary of the declared major version: this process's own when it matches, else the
 * project's pinned one (devDependency `node`). Throws when none matches, so a test cannot pass
 * on the wrong Node.
 */
export function declaredNode(): string {
  const candidates = [process.execPath, path.join(repoRoot, 'node_modules', '.bin', 'node')];
  for (const candidate of candidates) {
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
    if (Number(/^v(\d+)\./.exec(version)?.[1]) === declaredNodeMajor) return candidate;
  }
  throw new Error(`no node${declaredNodeMajor} found (tried ${candidates.join(', ')})`);
}

/** The environment variable a runner sets for input `name`. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Variables of this process a job's steps would also see (PATH for QEMU, HOME, locale). */
function baseEnvironment(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'USER'];
  return Object.fromEntries(keep.filter((k) => process.env[k]).map((k) => [k, process.env[k]]));
}

export interface Runner {
  /** Folder holding the runner's files: output, state, summary, temp/, tool-cache/. */
  dir: string;
  workspace: string;
  outputFile: string;
  stateFile: string;
  summaryFile: string;
  temp: string;
  toolCache: string;
}

/** Creates a runner's folders and empty command files under `dir`. */
export function makeRunner(dir: string): Runner {
  const runner = {
    dir,
    workspace: path.join(dir, 'workspace'),
    outputFile: path.join(dir, 'output'),
    stateFile: path.join(dir, 'state'),
    summaryFile: path.join(dir, 'summary'),
    temp: path.join(dir, 'temp'),
    toolCache: path.join(dir, 'tool-cache'),
  };
  for (const folder of [runner.workspace, runner.temp, runner.toolCache]) {
    mkdirSync(folder, { recursive: true });
  }
  for (const file of [runner.outputFile, runner.stateFile, runner.summaryFile]) {
    writeFileSync(file, '');
  }
  return runner;
}

export interface StepOptions {
  /** The step's `with:` map. */
  inputs?: Record<string, string>;
  /** Extra variables (the job's `env:`, an auth action's exports, PATH). */
  env?: Record<string, string>;
  /** For the post step: the state the main step saved. */
  state?: Record<string, string>;
}

/** The environment a runner gives one step of this Action. */
export function stepEnvironment(runner: Runner, options: StepOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...baseEnvironment(),
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    // Self-hosted: the Action must not install packages or udev rules on the test machine.
    RUNNER_ENVIRONMENT: 'self-hosted',
    RUNNER_TEMP: runner.temp,
    RUNNER_TOOL_CACHE: runner.toolCache,
    GITHUB_WORKSPACE: runner.workspace,
    GITHUB_OUTPUT: runner.outputFile,
    GITHUB_STATE: runner.stateFile,
    GITHUB_STEP_SUMMARY: runner.summaryFile,
  };
  for (const [name, input] of Object.entries(actionYaml.inputs)) {
    env[inputVariable(name)] = input.default ?? '';
  }
  for (const [name, value] of Object.entries(options.inputs ?? {})) {
    if (!(name in actionYaml.inputs)) throw new Error(`action.yml declares no input "${name}"`);
    env[inputVariable(name)] = value;
  }
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;
  return { ...env, ...options.env };
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Collects a child's output and waits for it to end. */
export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** Starts one step of the Action (`main` or `post`) as a runner does: `node <file>`. */
export function startStep(entry: 'main' | 'post', runner: Runner, options: StepOptions = {}) {
  return spawn(declaredNode(), [actionEntries[entry]], {
    cwd: runner.workspace,
    env: stepEnvironment(runner, options),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface StepResult extends Finished {
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
  /** Workflow commands the runner would obey (`::error::…`, `::warning::…`). */
  commands: string[];
}

/** Runs one step to its end and reads back what it wrote to the runner's files. */
export async function runStep(
  entry: 'main' | 'post',
  runner: Runner,
  options: StepOptions = {},
): Promise<StepResult> {
  const done = await finished(startStep(entry, runner, options));
  return { ...done, ...readRunnerFiles(runner), commands: obeyedCommands(done.stdout) };
}

/** The outputs, state and summary a step left in the runner's files. */
export function readRunnerFiles(runner: Runner) {
  return {
    outputs: parseCommandFile(readFileSync(runner.outputFile, 'utf8')),
    state: parseCommandFile(readFileSync(runner.stateFile, 'utf8')),
    summary: readFileSync(runner.summaryFile, 'utf8'),
  };
}

/**
 * Parses a GITHUB_OUTPUT / GITHUB_STATE file as the runner does: `name<<DELIMITER` blocks and
 * `name=value` lines; a later value of a name wins.
 */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`unterminated value of ${heredoc[1]} in a command file`);
      values[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      values[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return values;
}

/**
 * The workflow commands a runner would obey in a step's stdout: lines starting with `::`,
 * except inside a `::stop-commands::TOKEN` … `::TOKEN::` window.
 */
export function obeyedCommands(stdout: string): string[] {
  const obeyed: string[] = [];
  let stopToken: string | undefined;
  for (const line of stdout.split('\n')) {
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
    } else if (line.startsWith('::stop-commands::')) {
      stopToken = line.slice('::stop-commands::'.length);
    } else if (line.startsWith('::')) {
      obeyed.push(line);
    }
  }
  return obeyed;
}

/** The `::error::` commands among `commands`. */
export function errorCommands(commands: string[]): string[] {
  return commands.filter((line) => line.startsWith('::error'));
}

/** Runs the CLI bundle as a user would (`node dist/cli/nanoship.mjs …`). */
export async function runCli(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<Finished> {
  const child = spawn(declaredNode(), [cliEntry, ...args], {
    cwd: options.cwd,
    env: { ...baseEnvironment(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return finished(child);
}
