/**
 * Options → SmokePlan: what the booted image must do for the smoke test to pass.
 */
import { UserError } from '../errors.js';
import { TCP_CANARY_GUEST_PORT } from '../smoke/types.js';
import type { OptionNamer, Options } from './options.js';
import { parseChoice, parseInteger, parseRegExp } from './validate.js';

export type ProbePlan =
  | { kind: 'http'; port: number; path: string }
  | { kind: 'tcp'; port: number };

export interface SmokePlan {
  probes: ProbePlan[];
  expectStatus: number;
  expectBody?: RegExp;
  expectExit?: number;
  expectOutput?: RegExp;
  timeoutMs: number;
  accel: 'auto' | 'kvm' | 'tcg';
  bootMode: 'disk' | 'direct';
  /**
   * The firmware of a disk boot: `auto` boots UEFI and hybrid images through UEFI (as clouds
   * do) and BIOS images through BIOS; `bios` and `uefi` pick one path of a hybrid image.
   */
  firmware: 'auto' | 'bios' | 'uefi';
  memoryMiB: number;
  cpus: number;
  /** Where the console log goes; undefined = next to the image. */
  consoleLog?: string;
}

const DEFAULT_SMOKE_TIMEOUT_S = 120;
const DEFAULT_SMOKE_MEMORY_MIB = 512;

/** Parses `http://:8080/health` or `tcp://:5432` (the host, if any, must be local). */
export function parseProbe(raw: string, namer: OptionNamer, option = 'probe'): ProbePlan {
  const bad = () =>
    new UserError(
      `${namer(option)} must look like http://:8080/path or tcp://:5432 (a guest port), got "${raw}".`,
    );
  const match = /^(http|tcp):\/\/(localhost|127\.0\.0\.1)?:(\d{1,5})(\/.*)?$/.exec(raw.trim());
  if (!match) throw bad();
  const port = Number(match[3]);
  if (port < 1 || port > 65535) throw bad();
  if (match[1] === 'tcp') {
    if (match[4] !== undefined && match[4] !== '/') throw bad();
    return { kind: 'tcp', port };
  }
  return { kind: 'http', port, path: match[4] ?? '/' };
}

/** Parses the probes; refused together: a probe of the port TCP probes use as their control. */
function parseProbes(raw: string[], namer: OptionNamer): ProbePlan[] {
  const probes = raw.map((probe) => parseProbe(probe, namer));
  if (
    probes.some((p) => p.kind === 'tcp') &&
    probes.some((p) => p.port === TCP_CANARY_GUEST_PORT)
  ) {
    throw new UserError(
      `${namer('probe')} cannot use guest port ${TCP_CANARY_GUEST_PORT} together with a TCP probe: TCP probes use it as a port where nothing listens. Probe another port.`,
    );
  }
  return probes;
}

/** Validates the smoke-test options. */
export function planSmoke(options: Options, namer: OptionNamer): SmokePlan {
  return {
    probes: parseProbes(options.probes, namer),
    expectStatus: parseInteger(
      options.expectStatus,
      'expect-status',
      namer,
      { min: 100, max: 599 },
      200,
    ),
    expectBody: parseRegExp(options.expectBody, 'expect-body', namer),
    expectExit: parseInteger(options.expectExit, 'expect-exit', namer, { min: 0, max: 255 }),
    expectOutput: parseRegExp(options.expectOutput, 'expect-output', namer),
    timeoutMs:
      1000 *
      parseInteger(
        options.timeout,
        'timeout',
        namer,
        { min: 1, max: 3600 },
        DEFAULT_SMOKE_TIMEOUT_S,
      ),
    accel: parseChoice(options.accel, 'accel', namer, ['auto', 'kvm', 'tcg'] as const, 'auto'),
    bootMode: parseChoice(
      options.bootMode,
      'boot-mode',
      namer,
      ['disk', 'direct'] as const,
      'disk',
    ),
    firmware: parseChoice(
      options.firmware,
      'firmware',
      namer,
      ['auto', 'bios', 'uefi'] as const,
      'auto',
    ),
    memoryMiB: parseInteger(
      options.memory,
      'memory',
      namer,
      { min: 64, max: 65536 },
      DEFAULT_SMOKE_MEMORY_MIB,
    ),
    cpus: parseInteger(options.cpus, 'cpus', namer, { min: 1, max: 64 }, 1),
    consoleLog: options.consoleLog?.trim() || undefined,
  };
}
