/**
 * The order of release versions. Kept free of imports so that scripts/refresh-kernel-releases.ts,
 * which plain Node runs with type stripping (and so cannot follow src/'s `.js` import suffixes),
 * can import it and sort kernel/releases.json the way nanoship lists it.
 */

/** Orders dotted numeric versions newest first (0.1.100 before 0.1.99). */
export function compareVersionsDescending(a: string, b: string): number {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (diff !== 0 && !Number.isNaN(diff)) return diff;
  }
  return b.localeCompare(a);
}
