/** Timing, medians and plain-text tables for the benchmark's output. */
import { spawnSync } from 'node:child_process';

export const MB = 1_000_000;

/** Milliseconds since an arbitrary origin, sub-millisecond resolution. */
export function nowMs(): number {
  return performance.now();
}

/** Runs `fn` and returns how long it took in milliseconds, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = nowMs();
  const value = await fn();
  return { ms: nowMs() - start, value };
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Writes dirty pages back before a timed step, so one step's leftover writeback does not slow
 * the next one down (every step writes hundreds of MB into the page cache).
 */
export function settleDisk(): void {
  spawnSync('sync', { stdio: 'ignore' });
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  return ms < 10 ? ms.toFixed(2) : ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

/** `median [min–max]` of a set of timings, in ms. */
export function formatSpread(values: number[]): string {
  if (values.length === 0) return '–';
  return `${formatMs(median(values))} [${formatMs(Math.min(...values))}–${formatMs(Math.max(...values))}]`;
}

/** A ratio with the range of the per-run ratios it summarises: `0.83x [0.71–0.97]`. */
export function formatRatioSpread(ratio: number, perRun: number[]): string {
  if (!Number.isFinite(ratio)) return '–';
  const finite = perRun.filter(Number.isFinite);
  if (finite.length === 0) return formatRatio(ratio);
  return `${formatRatio(ratio)} [${Math.min(...finite).toFixed(2)}–${Math.max(...finite).toFixed(2)}]`;
}

export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : '–';
}

export function formatRate(bytes: number, ms: number): string {
  return Number.isFinite(ms) && ms > 0 ? ((bytes / MB) * (1000 / ms)).toFixed(0) : '–';
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '–';
  return bytes >= 10 * MB ? `${(bytes / MB).toFixed(0)} MB` : `${(bytes / MB).toFixed(1)} MB`;
}

/** A table with a title, right-aligned columns (the first left-aligned) and notes under it. */
export function renderTable(
  title: string,
  headers: string[],
  rows: string[][],
  notes: string[] = [],
): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [title, '', line(headers), rule, ...rows.map(line), '', ...notes.map((n) => `  ${n}`)]
    .join('\n')
    .concat('\n');
}
