/** A runner's environment for the Action entry: inputs, outputs, state and summary files. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, jest } from '@jest/globals';

/** Sets the runner's files and the inputs; returns the outputs file's path. */
export function prepareRunner(root: string, inputs: Record<string, string>, name: string): string {
  const dir = path.join(root, name);
  mkdirSync(path.join(dir, 'tool-cache'), { recursive: true });
  mkdirSync(path.join(dir, 'temp'), { recursive: true });
  for (const file of ['output', 'state', 'summary']) writeFileSync(path.join(dir, file), '');
  Object.assign(process.env, {
    GITHUB_OUTPUT: path.join(dir, 'output'),
    GITHUB_STATE: path.join(dir, 'state'),
    GITHUB_STEP_SUMMARY: path.join(dir, 'summary'),
    RUNNER_TOOL_CACHE: path.join(dir, 'tool-cache'),
    RUNNER_TEMP: path.join(dir, 'temp'),
    GITHUB_WORKSPACE: dir,
  });
  for (const [key, value] of Object.entries(inputs))
    process.env[`INPUT_${key.toUpperCase()}`] = value;
  return path.join(dir, 'output');
}

/** Reads `name<<delimiter\nvalue\ndelimiter` records from a GITHUB_OUTPUT file. */
export function readOutputs(file: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const pattern = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm;
  for (const match of readFileSync(file, 'utf8').matchAll(pattern)) outputs[match[1]!] = match[3]!;
  return outputs;
}

/**
 * Registers hooks that give each test a clean runner: the Action's stdout (workflow commands,
 * log lines) captured in `captured.stdout`, and the environment and exit code restored after.
 */
export function isolateRunner(): { stdout: string } {
  const captured = { stdout: '' };
  const savedEnv = { ...process.env };
  beforeEach(() => {
    captured.stdout = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      captured.stdout += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...savedEnv };
    process.exitCode = undefined;
  });
  return captured;
}

/**
 * The workflow commands a runner would obey in `stdout`: lines starting with `::`, except
 * those inside a `::stop-commands::<token>` … `::<token>::` window.
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
