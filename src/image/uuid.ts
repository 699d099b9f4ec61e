/**
 * The text form of a filesystem's uuid, shared by the image writer (its result names the root's
 * uuid) and the reader, so that a build does not load the reader to print one line.
 */

/** Formats a TFS uuid the way Nanos prints it (8-4-4-4-12 hex, bytes in order). */
export function formatUuid(uuid: Uint8Array): string {
  const hex = Buffer.from(uuid).toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20),
  ].join('-');
}
