/**
 * Which EBS direct API a request addresses: the REST paths and methods of the ebs model
 * (StartSnapshot, PutSnapshotBlock, CompleteSnapshot, and the read side ListSnapshotBlocks and
 * GetSnapshotBlock), with their path parameters.
 */

export type EbsOperation =
  | 'StartSnapshot'
  | 'PutSnapshotBlock'
  | 'CompleteSnapshot'
  | 'ListSnapshotBlocks'
  | 'GetSnapshotBlock';

const ROUTES: { method: string; pattern: RegExp; operation: EbsOperation; keys: string[] }[] = [
  { method: 'POST', pattern: /^\/snapshots$/, operation: 'StartSnapshot', keys: [] },
  {
    method: 'PUT',
    pattern: /^\/snapshots\/([^/]+)\/blocks\/(\d+)$/,
    operation: 'PutSnapshotBlock',
    keys: ['snapshotId', 'index'],
  },
  {
    method: 'POST',
    pattern: /^\/snapshots\/completion\/([^/]+)$/,
    operation: 'CompleteSnapshot',
    keys: ['snapshotId'],
  },
  {
    method: 'GET',
    pattern: /^\/snapshots\/([^/]+)\/blocks$/,
    operation: 'ListSnapshotBlocks',
    keys: ['snapshotId'],
  },
  {
    method: 'GET',
    pattern: /^\/snapshots\/([^/]+)\/blocks\/(\d+)$/,
    operation: 'GetSnapshotBlock',
    keys: ['snapshotId', 'index'],
  },
];

/** The EBS operation `method pathname` addresses, with its path parameters. */
export function ebsRoute(
  method: string,
  pathname: string,
): { operation: EbsOperation; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    const match = route.method === method ? route.pattern.exec(pathname) : null;
    if (match) {
      const params = Object.fromEntries(
        route.keys.map((key, i) => [key, decodeURIComponent(match[i + 1]!)]),
      );
      return { operation: route.operation, params };
    }
  }
  return undefined;
}
