import { describe, expect, test } from '@jest/globals';
import {
  guestOsFeatures,
  imageFamily,
  imageResourceFor,
  kernelHasGvnic,
  requestIdFor,
  stagingObjectName,
} from '../../../src/cloud/gcp/image-resource.js';
import type { GcpPublishPlan, ImageToPublish } from '../../../src/cloud/types.js';

const IMAGE: ImageToPublish = {
  path: '/tmp/app.img',
  name: 'app',
  sha256: 'ab'.repeat(32),
  sizeBytes: 50 * 2 ** 20,
  arch: 'x86_64',
  bootMode: 'bios',
  klibs: [],
  kernelVersion: '0.1.55',
};
const PLAN: GcpPublishPlan = { bucket: 'staging', labels: {} };
const CONTEXT = {
  provenance: { repo: 'octo/app', repoId: '4242', sha: '1a2b3c4d5e6f', run: '7-1' },
  channel: 'release',
};

describe('kernelHasGvnic', () => {
  test.each([
    { arch: 'x86_64', kernelVersion: '0.1.48', expected: false },
    { arch: 'x86_64', kernelVersion: '0.1.49', expected: true },
    { arch: 'x86_64', kernelVersion: '0.1.55', expected: true },
    { arch: 'x86_64', kernelVersion: '0.1.100', expected: true },
    { arch: 'aarch64', kernelVersion: '0.1.42', expected: false },
    { arch: 'aarch64', kernelVersion: '0.1.43', expected: true },
    { arch: 'x86_64', kernelVersion: '0.1.55-rc1', expected: true },
    { arch: 'x86_64', kernelVersion: 'nightly', expected: true },
    { arch: 'x86_64', kernelVersion: 'local', expected: undefined },
    { arch: 'aarch64', kernelVersion: 'unknown', expected: undefined },
  ] as const)('$arch $kernelVersion → $expected', ({ arch, kernelVersion, expected }) => {
    expect(kernelHasGvnic({ arch, kernelVersion })).toBe(expected);
  });
});

describe('guestOsFeatures', () => {
  test.each([
    { name: 'BIOS, gVNIC kernel', image: {}, types: ['GVNIC'], notes: 0 },
    {
      name: 'hybrid boot',
      image: { bootMode: 'hybrid' },
      types: ['GVNIC', 'UEFI_COMPATIBLE'],
      notes: 0,
    },
    {
      name: 'UEFI arm64',
      image: { bootMode: 'uefi', arch: 'aarch64' },
      types: ['GVNIC', 'UEFI_COMPATIBLE'],
      notes: 0,
    },
    { name: 'kernel before gVNIC', image: { kernelVersion: '0.1.40' }, types: [], notes: 1 },
    { name: 'kernel of unknown version', image: { kernelVersion: 'local' }, types: [], notes: 1 },
  ] as const)('$name → $types', ({ image, types, notes }) => {
    const features = guestOsFeatures({ ...IMAGE, ...image });
    expect(features.types).toEqual(types);
    expect(features.notes).toHaveLength(notes);
  });

  test('never declares VIRTIO_SCSI_MULTIQUEUE (Nanos uses one request queue)', () => {
    for (const bootMode of ['bios', 'uefi', 'hybrid'] as const) {
      expect(guestOsFeatures({ ...IMAGE, bootMode }).types).not.toContain('VIRTIO_SCSI_MULTIQUEUE');
    }
  });
});

describe('requestIdFor', () => {
  test('is a version-8 UUID with the RFC variant, never the nil UUID', () => {
    expect(requestIdFor('insert', 'p', 'app')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  test('is the same for the same parts and differs when any part differs', () => {
    const id = requestIdFor('insert', 'p', 'app', 'digest', '7-1');
    expect(requestIdFor('insert', 'p', 'app', 'digest', '7-1')).toBe(id);
    expect(requestIdFor('insert', 'p', 'app', 'digest', '7-2')).not.toBe(id);
    expect(requestIdFor('insert', 'q', 'app', 'digest', '7-1')).not.toBe(id);
  });
});

describe('stagingObjectName', () => {
  test.each([
    {
      name: 'a CI build',
      provenance: { repoId: '42', sha: 'abcdef0123' },
      object: 'nanoship/42/abcdef0/app.tar.gz',
    },
    {
      name: 'a local build',
      provenance: {},
      object: `nanoship/local/${'ab'.repeat(6)}/app.tar.gz`,
    },
    {
      name: 'an odd image name',
      provenance: { repoId: '1', sha: '1234567' },
      image: 'my app/v2',
      object: 'nanoship/1/1234567/my-app-v2.tar.gz',
    },
  ])('$name → $object', ({ provenance, image, object }) => {
    const named = { ...IMAGE, name: image ?? 'app' };
    expect(stagingObjectName(named, { provenance, channel: 'local' })).toBe(object);
  });
});

describe('imageFamily', () => {
  test.each([
    ['release', undefined, 'app'],
    ['pr-7', undefined, 'app-pr-7'],
    ['branch-feature/x', undefined, 'app-branch-feature-x'],
    ['pr-7', 'chosen', 'chosen'],
  ])('channel %s with family %s joins %s', (channel, family, expected) => {
    expect(imageFamily(IMAGE, { ...PLAN, family }, { ...CONTEXT, channel })).toBe(expected);
  });
});

describe('imageResourceFor', () => {
  const request = (plan: Partial<GcpPublishPlan> = {}, image: Partial<ImageToPublish> = {}) =>
    imageResourceFor({ ...IMAGE, ...image }, { ...PLAN, ...plan }, CONTEXT, {
      bucket: 'staging',
      object: 'nanoship/4242/1a2b3c4/app.tar.gz',
    });

  test('names the image, its family, source, architecture and nanoship labels', () => {
    const { name, family, resource } = request({ labels: { team: 'edge' } });
    expect(name).toBe('app-1a2b3c4');
    expect(family).toBe('app');
    expect(resource).toMatchObject({
      name: 'app-1a2b3c4',
      family: 'app',
      rawDisk: {
        source: 'https://storage.googleapis.com/staging/nanoship/4242/1a2b3c4/app.tar.gz',
        containerType: 'TAR',
      },
      architecture: 'X86_64',
      guestOsFeatures: [{ type: 'GVNIC' }],
      labels: {
        team: 'edge',
        'nanoship-managed': 'true',
        'nanoship-kind': 'image',
        'nanoship-image': 'app',
        'nanoship-channel': 'release',
        'nanoship-repo': 'octo_app',
        'nanoship-repo-id': '4242',
        'nanoship-digest': `${'ab'.repeat(31)}a`,
      },
    });
    expect(resource).not.toHaveProperty('storageLocations');
  });

  test.each([
    { name: 'the plan family', plan: { family: 'edge-proxy' }, image: {}, family: 'edge-proxy' },
    {
      name: 'the image name as a Compute name',
      plan: {},
      image: { name: 'My_App' },
      family: 'my-app',
    },
  ])('takes $name as the family', ({ plan, image, family }) => {
    expect(request(plan, image).family).toBe(family);
  });

  test('sets the storage location and ARM64 when asked', () => {
    const { resource } = request({ storageLocation: 'eu' }, { arch: 'aarch64' });
    expect(resource).toMatchObject({ storageLocations: ['eu'], architecture: 'ARM64' });
  });
});
