/**
 * Failure markers on a Nanos serial console (format spec §5.3). Kernel lines carry an uptime
 * prefix (`[0.591227] `), so patterns are not anchored to the start of a line.
 */

export type FailureKind = 'fatal-signal' | 'kernel-fault' | 'kernel-halt';

export interface ConsoleMarker {
  name: string;
  kind: FailureKind;
  pattern: RegExp;
}

/** Named markers, most specific first. */
export const CONSOLE_MARKERS: readonly ConsoleMarker[] = [
  { name: 'fatal signal', kind: 'fatal-signal', pattern: /\*\*\* signal \d+ received by tid \d+/ },
  { name: 'kernel-mode fault', kind: 'kernel-fault', pattern: /occurs in kernel mode/ },
  { name: 'kernel instruction fault', kind: 'kernel-fault', pattern: /kernel instruction fault/ },
  { name: 'page table corruption', kind: 'kernel-fault', pattern: /bug: pte entries reserved/ },
  { name: 'cpu fault state', kind: 'kernel-fault', pattern: /\bcpu \d+, state \S+, vector \d+/ },
  { name: 'fault context dump', kind: 'kernel-fault', pattern: /\bcpu: \d+, context type: / },
  {
    name: 'program startup failure',
    kind: 'kernel-halt',
    pattern: /program startup failed (before|on) exec/,
  },
  { name: 'root filesystem failure', kind: 'kernel-halt', pattern: /unable to open filesystem/ },
  { name: 'kernel load failure', kind: 'kernel-halt', pattern: /kernel elf parse failed/ },
  { name: 'boot file read failure', kind: 'kernel-halt', pattern: /filesystem_read_entire failed/ },
  { name: 'stage2 read failure', kind: 'kernel-halt', pattern: /ERROR READING STAGE2 SECTORS/ },
  { name: 'multiple root filesystems', kind: 'kernel-halt', pattern: /multiple root filesystems/ },
];

export interface ConsoleFailure {
  marker: ConsoleMarker;
  /** The whole console line that matched, trimmed. */
  line: string;
}

/** The first failure marker found in console text, with its line; undefined when clean. */
export function classifyConsole(text: string): ConsoleFailure | undefined {
  let best: { failure: ConsoleFailure; index: number } | undefined;
  for (const marker of CONSOLE_MARKERS) {
    const match = marker.pattern.exec(text);
    if (match === null) continue;
    if (best !== undefined && best.index <= match.index) continue;
    best = { failure: { marker, line: lineAround(text, match.index) }, index: match.index };
  }
  return best?.failure;
}

/** Describes a failure for a verdict reason, e.g. `fatal signal on the console: "*** signal 11…"`. */
export function describeConsoleFailure(failure: ConsoleFailure): string {
  return `${failure.marker.name} on the console: "${failure.line}"`;
}

/** The last `maxLines` lines of console text (for summaries and failure reasons). */
export function consoleTail(text: string, maxLines: number): string {
  const lines = text.replace(/\r/g, '').trimEnd().split('\n');
  return lines.slice(-maxLines).join('\n');
}

function lineAround(text: string, index: number): string {
  const start = text.lastIndexOf('\n', index) + 1;
  const newline = text.indexOf('\n', index);
  return text.slice(start, newline === -1 ? text.length : newline).trim();
}
