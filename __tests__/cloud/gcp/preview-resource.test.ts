import { describe, expect, test } from '@jest/globals';
import {
  decodeFirewallMetadata,
  encodeFirewallMetadata,
  firewallResourceFor,
  instanceResourceFor,
  isPreviewOf,
  MAX_RUN_SECONDS,
  maxRunSeconds,
  previewFromInstance,
  previewLabels,
  previewListFilter,
  previewNames,
  repoHash,
} from '../../../src/cloud/gcp/preview-resource.js';
import type { PreviewLaunch } from '../../../src/cloud/types.js';

const NOW = new Date('2026-06-01T00:00:00Z');
const SHA = '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const DIGEST = 'ab'.repeat(32);

function launch(overrides: Partial<PreviewLaunch> = {}): PreviewLaunch {
  return {
    imageRef: 'projects/demo/global/images/app-1a2b3c4',
    image: { name: 'app', sha256: DIGEST, arch: 'x86_64', bootMode: 'bios', klibs: [] },
    provenance: { repo: 'Octo/App', repoId: '4242', sha: SHA, pr: 7, ref: 'refs/pull/7/merge' },
    ports: [8080, 9000],
    expiresAt: new Date(NOW.getTime() + 72 * 3_600_000),
    ...overrides,
  };
}

describe('previewNames', () => {
  test.each([
    ['the commit', launch(), `nanoship-pr7-${repoHash('4242')}-1a2b3c4`],
    [
      'the digest without a commit',
      launch({ provenance: { repoId: '4242', pr: 12 } }),
      `nanoship-pr12-${repoHash('4242')}-abababa`,
    ],
    [
      'a ten-digit pull request',
      launch({ provenance: { repoId: '4242', pr: 1_000_000_000, sha: SHA } }),
      `nanoship-pr1000000000-${repoHash('4242')}-1a2b3c4`,
    ],
  ])('names the instance from %s', (_, request, instance) => {
    const names = previewNames(request);
    expect(names).toEqual({ instance, tag: instance, firewall: `${instance}-tcp` });
    expect(names.firewall).toMatch(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });

  test('the repository hash is 8 hex digits of the id, not of the name', () => {
    expect(repoHash('4242')).toMatch(/^[0-9a-f]{8}$/);
    expect(repoHash('4242')).not.toBe(repoHash('4243'));
  });
});

describe('maxRunSeconds', () => {
  test.each([
    ['72 hours ahead', 72 * 3_600_000, 72 * 3600],
    ['10 seconds ahead: the 30 s minimum', 10_000, 30],
    ['in the past: the 30 s minimum', -60_000, 30],
    ['a year ahead: the 120-day maximum', 365 * 86_400_000, MAX_RUN_SECONDS],
    ['half a second ahead, rounded up', 29_500, 30],
  ])('%s', (_, aheadMs, seconds) => {
    expect(maxRunSeconds(new Date(NOW.getTime() + aheadMs), NOW)).toBe(seconds);
  });
});

describe('instanceResourceFor', () => {
  const settings = { project: 'demo', zone: 'us-central1-a', network: 'default', now: NOW };

  test('an x86 preview: e2-micro, live migration, an external IP, a TTL Google enforces', () => {
    const request = launch();
    const body = instanceResourceFor(request, previewNames(request), settings);
    expect(body).toMatchObject({
      name: `nanoship-pr7-${repoHash('4242')}-1a2b3c4`,
      machineType: 'zones/us-central1-a/machineTypes/e2-micro',
      disks: [
        {
          boot: true,
          autoDelete: true,
          type: 'PERSISTENT',
          initializeParams: { sourceImage: 'projects/demo/global/images/app-1a2b3c4' },
        },
      ],
      networkInterfaces: [
        {
          network: 'global/networks/default',
          accessConfigs: [{ type: 'ONE_TO_ONE_NAT', name: 'External NAT' }],
        },
      ],
      tags: { items: [`nanoship-pr7-${repoHash('4242')}-1a2b3c4`] },
      scheduling: {
        automaticRestart: false,
        onHostMaintenance: 'MIGRATE',
        instanceTerminationAction: 'DELETE',
        maxRunDuration: { seconds: String(72 * 3600) },
      },
    });
    expect(body.labels).toMatchObject({
      'nanoship-managed': 'true',
      'nanoship-kind': 'preview',
      'nanoship-repo-id': '4242',
      'nanoship-repo': 'octo_app',
      'nanoship-pr': '7',
      'nanoship-channel': 'pr-7',
      'nanoship-sha': SHA,
      'nanoship-expires-at': String(NOW.getTime() / 1000 + 72 * 3600),
    });
    expect(body).not.toHaveProperty('serviceAccounts');
    expect(body).not.toHaveProperty('metadata');
    expect((body.networkInterfaces as object[])[0]).not.toHaveProperty('nicType');
  });

  test('an aarch64 preview: t2a-standard-1, TERMINATE on maintenance, gVNIC', () => {
    const request = launch({ image: { ...launch().image, arch: 'aarch64' } });
    const body = instanceResourceFor(request, previewNames(request), settings);
    expect(body.machineType).toBe('zones/us-central1-a/machineTypes/t2a-standard-1');
    expect(body.scheduling).toMatchObject({ onHostMaintenance: 'TERMINATE' });
    expect(body.networkInterfaces).toEqual([expect.objectContaining({ nicType: 'GVNIC' })]);
  });

  test('the request names the machine type and a bare image name; the network is the setting', () => {
    const request = launch({ instanceType: 'e2-small', imageRef: 'app-1a2b3c4' });
    const body = instanceResourceFor(request, previewNames(request), {
      ...settings,
      network: 'previews',
    });
    expect(body.machineType).toBe('zones/us-central1-a/machineTypes/e2-small');
    expect(body.disks).toEqual([
      expect.objectContaining({
        initializeParams: { sourceImage: 'projects/demo/global/images/app-1a2b3c4' },
      }),
    ]);
    expect(body.networkInterfaces).toEqual([
      expect.objectContaining({ network: 'global/networks/previews' }),
    ]);
  });
});

describe('the firewall rule', () => {
  test('opens the request ports to the world on the instance tag, metadata in the description', () => {
    const request = launch();
    const names = previewNames(request);
    const rule = firewallResourceFor(request, names, 'default');
    expect(rule).toMatchObject({
      name: names.firewall,
      network: 'global/networks/default',
      direction: 'INGRESS',
      sourceRanges: ['0.0.0.0/0'],
      targetTags: [names.tag],
      allowed: [{ IPProtocol: 'tcp', ports: ['8080', '9000'] }],
    });
    const metadata = decodeFirewallMetadata(rule.description as string);
    expect(metadata).toEqual({
      'nanoship-managed': 'true',
      'nanoship-kind': 'preview',
      'nanoship-repo-id': '4242',
      'nanoship-repo': 'octo_app',
      'nanoship-pr': '7',
      'nanoship-sha': SHA,
      'nanoship-expires-at': String(NOW.getTime() / 1000 + 72 * 3600),
    });
    expect(rule.description).not.toContain(' ');
  });

  test.each([
    ['no description', undefined],
    ['prose', 'allow web traffic'],
    ['JSON that is not an object', '["nanoship-managed"]'],
    ['broken JSON', '{"nanoship-managed": '],
    ['JSON without the managed mark', '{"nanoship-repo-id":"4242"}'],
  ])('a description with %s is not nanoship metadata', (_, description) => {
    expect(decodeFirewallMetadata(description)).toBeUndefined();
  });

  test('metadata round-trips and drops keys that are not metadata', () => {
    const labels = previewLabels(launch());
    const decoded = decodeFirewallMetadata(encodeFirewallMetadata(labels))!;
    expect(decoded['nanoship-digest']).toBeUndefined();
    expect(isPreviewOf(decoded, { repoId: '4242', pr: 7 })).toBe(true);
  });
});

describe('isPreviewOf and its list filter', () => {
  const labels = previewLabels(launch());
  test.each([
    ['the repository', { repoId: '4242' }, labels, true],
    ['the repository and pull request', { repoId: '4242', pr: 7 }, labels, true],
    ['another pull request', { repoId: '4242', pr: 8 }, labels, false],
    ['another repository', { repoId: '999' }, labels, false],
    [
      'an image of the repository',
      { repoId: '4242' },
      { ...labels, 'nanoship-kind': 'image' },
      false,
    ],
    [
      'labels without the managed mark',
      { repoId: '4242' },
      { ...labels, 'nanoship-managed': '' },
      false,
    ],
    ['no labels', { repoId: '4242' }, undefined, false],
  ])('%s', (_, filter, found, expected) => {
    expect(isPreviewOf(found, filter)).toBe(expected);
  });

  test('the filter asks the server for the same', () => {
    expect(previewListFilter({ repoId: '4242', pr: 7 })).toBe(
      '(labels.nanoship-managed = "true") (labels.nanoship-kind = "preview") (labels.nanoship-repo-id = "4242") (labels.nanoship-pr = "7")',
    );
  });
});

test('previewFromInstance reads a found instance back', () => {
  const labels = previewLabels(launch());
  const preview = previewFromInstance(
    {
      name: 'nanoship-pr7-x-1a2b3c4',
      zone: 'https://www.googleapis.com/compute/v1/projects/demo/zones/europe-west1-b',
      creationTimestamp: '2026-05-31T23:00:00.000-07:00',
      labels,
      networkInterfaces: [{ accessConfigs: [{ natIP: '203.0.113.9' }] }],
    },
    'demo',
    ['nanoship-pr7-x-1a2b3c4-tcp'],
  );
  expect(preview).toEqual({
    cloud: 'gcp',
    id: 'nanoship-pr7-x-1a2b3c4',
    address: '203.0.113.9',
    location: 'europe-west1-b',
    pr: 7,
    sha: SHA,
    createdAt: new Date('2026-06-01T06:00:00Z'),
    expiresAt: new Date(NOW.getTime() + 72 * 3_600_000),
    resources: [
      {
        cloud: 'gcp',
        kind: 'instance',
        project: 'demo',
        zone: 'europe-west1-b',
        id: 'nanoship-pr7-x-1a2b3c4',
      },
      { cloud: 'gcp', kind: 'firewall', project: 'demo', id: 'nanoship-pr7-x-1a2b3c4-tcp' },
    ],
  });
});
