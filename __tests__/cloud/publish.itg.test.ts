/**
 * What the publish stage registers for each kind of image, end to end: a program compiled for
 * x86_64 (cc) and for arm64 (aarch64-linux-gnu-gcc), built by the real image builder with a
 * stand-in Nanos release served on 127.0.0.1, published by the pipeline through the real AWS
 * and Google clients into the loopback fakes (fresh ones for every test), and launched as a
 * preview there (instances that do not boot: the fakes boot no arm64 guest).
 *
 * Why an itg test: it needs both compilers and the system tar.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { createAwsPreviewCloud } from '../../src/cloud/aws/index.js';
import { createGcpPreviewCloud } from '../../src/cloud/gcp/index.js';
import { imageFromBuild } from '../../src/cloud/publish.js';
import {
  type ImageToPublish,
  noRecorder,
  type PreviewCloud,
  type PublishDeps,
} from '../../src/cloud/types.js';
import { UserError } from '../../src/errors.js';
import { directoryCache } from '../../src/kernel/cache.js';
import type { KernelArch } from '../../src/kernel/types.js';
import { recordingLogger } from '../../src/log.js';
import { type PipelineResult, runPipeline } from '../../src/pipeline.js';
import { cliOptionName, emptyOptions, publishCommandOptionName } from '../../src/plan/options.js';
import { planFromOptions, type Stages } from '../../src/plan/plan.js';
import { syntheticBootImage, writePatternFile } from '../image/image-fixtures.js';
import { makeTempDir, type ReleaseServer, sha256, startReleaseServer } from '../kernel/fixtures.js';
import { type AwsFake, startAwsFake } from './aws/fake.js';
import { HOME, useFakeAws, virtualTiming } from './aws/fixtures.js';
import { launchRequest } from './aws/preview-fixtures.js';
import { FAST, launchOf, ZONE } from './gcp/preview-fixtures.js';
import { BUCKET, type GcpWorld, PROJECT, startWorld } from './gcp/publish-fixtures.js';

const VERSION = '0.1.55';
const PROVENANCE = {
  repo: 'octo/app',
  repoId: '4242',
  ref: 'refs/heads/main',
  sha: '0123456789abcdef0123456789abcdef01234567',
  run: '31-1',
};

const temp = makeTempDir('nanoship-publish-arch-');
let releases: ReleaseServer;
/** sha256 of the stand-in release archive of each architecture. */
const archiveSha256: Partial<Record<KernelArch, string>> = {};
const programs: Partial<Record<KernelArch, string>> = {};

/** The stand-in release of `arch`, laid out as Nanos' make release lays it out. */
async function writeStandInRelease(dir: string, arch: KernelArch): Promise<string[]> {
  mkdirSync(path.join(dir, 'klibs'), { recursive: true });
  await writePatternFile(path.join(dir, 'kernel.img'), 200_000, arch === 'x86_64' ? 1 : 2);
  writeFileSync(path.join(dir, 'klibs', 'ntp'), 'a stand-in klib');
  if (arch === 'aarch64') {
    writeFileSync(path.join(dir, 'bootaa64.efi'), 'MZ a stand-in arm64 UEFI loader');
    return ['kernel.img', 'bootaa64.efi', 'klibs'];
  }
  writeFileSync(path.join(dir, 'boot.img'), syntheticBootImage());
  writeFileSync(path.join(dir, 'bootx64.efi'), 'MZ a stand-in x86-64 UEFI loader');
  return ['kernel.img', 'boot.img', 'bootx64.efi', 'klibs'];
}

beforeAll(async () => {
  releases = await startReleaseServer();
  const source = path.join(temp.dir, 'main.c');
  writeFileSync(source, 'int main(void) { return 0; }\n');
  for (const [arch, compiler, asset] of [
    ['x86_64', 'cc', `nanos-release-linux-${VERSION}.tar.gz`],
    ['aarch64', 'aarch64-linux-gnu-gcc', `nanos-release-linux-${VERSION}-virt.tar.gz`],
  ] as const) {
    const program = path.join(temp.dir, `server-${arch}`);
    execFileSync(compiler, ['-static', '-O2', '-o', program, source]);
    programs[arch] = program;
    const dir = path.join(temp.dir, `release-${arch}`);
    const names = await writeStandInRelease(dir, arch);
    const archive = path.join(temp.dir, asset);
    execFileSync('tar', ['-C', dir, '-czf', archive, ...names]);
    const bytes = readFileSync(archive);
    archiveSha256[arch] = sha256(bytes);
    releases.route(`${VERSION}/${asset}`, { status: 200, body: bytes });
  }
}, 120_000);

afterAll(async () => {
  await releases.close();
  temp.remove();
});

let aws: AwsFake;
let restoreAws: () => void;
let gcp: GcpWorld;

beforeEach(async () => {
  aws = await startAwsFake({ sealPolls: 0, imagePendingPolls: 0, instances: { boot: false } });
  restoreAws = useFakeAws({ all: aws.endpoint });
  gcp = await startWorld({ boot: false });
});
afterEach(async () => {
  restoreAws();
  await aws.close();
  await gcp.stop();
});

/** The three kinds of image nanoship builds. */
const KINDS = {
  'arm64 UEFI': { arch: 'aarch64', uefi: undefined },
  'x86_64 hybrid': { arch: 'x86_64', uefi: 'true' },
  'x86_64 BIOS': { arch: 'x86_64', uefi: undefined },
} as const;
type Kind = keyof typeof KINDS;

/** The options of a run that builds `kind` (and publishes it to both clouds when `publish`). */
function buildOptions(kind: Kind, publish: boolean) {
  const { arch, uefi } = KINDS[kind];
  return {
    ...emptyOptions(),
    program: programs[arch],
    arch,
    uefi,
    caBundle: 'none',
    imageName: 'server',
    output: path.join(temp.dir, 'out', `${kind.replaceAll(' ', '-')}.img`),
    kernelVersion: VERSION,
    kernelBaseUrl: releases.baseUrl,
    kernelSha256: archiveSha256[arch],
    ...(publish ? publishOptions() : {}),
  };
}

/** Publishing to both fakes, as a user names them. */
const publishOptions = () => ({
  publish: ['aws', 'gcp'],
  awsRegion: HOME,
  gcpProject: PROJECT,
  gcpBucket: BUCKET,
});

/** Plans `options` for `stages` as the CLI does, and runs the pipeline. */
async function runStages(
  options: ReturnType<typeof emptyOptions>,
  stages: Stages,
  namer = cliOptionName,
): Promise<PipelineResult> {
  const plan = await planFromOptions(options, stages, {
    cwd: temp.dir,
    namer,
    env: gcp.env,
    provenance: PROVENANCE,
  });
  return runPipeline(plan, {
    logger: recordingLogger(),
    kernelCache: directoryCache(path.join(temp.dir, 'kernel-cache')),
    tempDir: temp.dir,
  });
}

const BUILD: Stages = { kernel: true, build: true, smoke: false };

/** What the fakes hold after one publish: the AMI as registered, and the GCE image. */
function registered() {
  const register = aws.operations('RegisterImage');
  expect(register).toHaveLength(1);
  const [ami] = aws.store.list('image', HOME);
  const [gce] = gcp.fake.images(PROJECT);
  return {
    wire: {
      Architecture: register[0]!.params.Architecture,
      BootMode: register[0]!.params.BootMode,
    },
    ami: { architecture: ami!.architecture, bootMode: ami!.bootMode },
    gce: {
      architecture: gce!.architecture,
      guestOsFeatures: ((gce!.guestOsFeatures ?? []) as { type: string }[]).map((f) => f.type),
    },
  };
}

/** How each kind of image is registered: the AMI's and the GCE image's fields. */
const EXPECTED: Record<
  Kind,
  {
    ami: { architecture: string; bootMode: string };
    gce: { architecture: string; guestOsFeatures: string[] };
    /** The preview's default instance / machine type. */
    aws: string;
    gcp: string;
  }
> = {
  'arm64 UEFI': {
    ami: { architecture: 'arm64', bootMode: 'uefi' },
    gce: { architecture: 'ARM64', guestOsFeatures: ['GVNIC', 'UEFI_COMPATIBLE'] },
    aws: 't4g.micro',
    gcp: 't2a-standard-1',
  },
  'x86_64 hybrid': {
    ami: { architecture: 'x86_64', bootMode: 'uefi-preferred' },
    gce: { architecture: 'X86_64', guestOsFeatures: ['GVNIC', 'UEFI_COMPATIBLE'] },
    aws: 't3.micro',
    gcp: 'e2-micro',
  },
  'x86_64 BIOS': {
    ami: { architecture: 'x86_64', bootMode: 'legacy-bios' },
    gce: { architecture: 'X86_64', guestOsFeatures: ['GVNIC'] },
    aws: 't3.micro',
    gcp: 'e2-micro',
  },
};

/** The preview clouds of both fakes, waits shortened. */
function previewClouds(): { aws: PreviewCloud; gcp: PreviewCloud } {
  return {
    aws: createAwsPreviewCloud({ region: HOME }, { timing: virtualTiming().timing }),
    gcp: createGcpPreviewCloud(
      {
        project: PROJECT,
        zone: ZONE,
        computeEndpoint: gcp.fake.computeEndpoint,
        storageEndpoint: gcp.fake.storageEndpoint,
      },
      FAST,
    ),
  };
}

const deps = (): PublishDeps => ({ logger: recordingLogger(), recorder: noRecorder });

/** Launches a preview of the published `image` on both fakes; returns their instance types. */
async function previewInstanceTypes(result: PipelineResult, image: ImageToPublish) {
  const clouds = previewClouds();
  const onAws = await clouds.aws.launch(
    launchRequest(result.published!.aws!.amiId, { image }),
    deps(),
  );
  const onGcp = await clouds.gcp.launch(launchOf(result.published!.gcp!.imageUri, image), deps());
  const instance = aws.store.list('instance', HOME).find((i) => i.id === onAws.id)!;
  const machine = gcp.fake.instances(PROJECT)[0]!.machineType as string;
  await clouds.aws.destroy(onAws, deps());
  await clouds.gcp.destroy(onGcp, deps());
  return {
    aws: instance.instanceType,
    awsBoot: instance.currentBootMode,
    gcp: machine.split('/').pop(),
  };
}

describe('a built image is published as what it is', () => {
  test.each(Object.keys(KINDS) as Kind[])(
    '%s: AMI and GCE image of its architecture and boot mode, previewed on a machine of its architecture',
    async (kind) => {
      const result = await runStages(buildOptions(kind, true), { ...BUILD, publish: true });

      expect(result.image).toMatchObject({
        arch: KINDS[kind].arch,
        bootMode: { 'arm64 UEFI': 'uefi', 'x86_64 hybrid': 'hybrid', 'x86_64 BIOS': 'bios' }[kind],
      });
      const expected = EXPECTED[kind];
      const found = registered();
      expect(found.ami).toEqual(expected.ami);
      expect(found.wire).toEqual({
        Architecture: expected.ami.architecture,
        BootMode: expected.ami.bootMode,
      });
      expect(found.gce).toEqual(expected.gce);

      const types = await previewInstanceTypes(result, imageFromBuild(result.image!));
      expect({ aws: types.aws, gcp: types.gcp }).toEqual({
        aws: expected.aws,
        gcp: expected.gcp,
      });
      // What EC2 would start it with: a hybrid boots UEFI where the type has it (t3 does).
      expect(types.awsBoot).toBe(kind === 'x86_64 BIOS' ? 'legacy-bios' : 'uefi');
    },
    120_000,
  );
});

describe('an image file (nanoship publish <cloud> <image>)', () => {
  /** Builds `kind` without publishing; returns the image file. */
  async function buildFile(kind: Kind): Promise<string> {
    const built = await runStages(buildOptions(kind, false), BUILD);
    return built.image!.path;
  }

  /** Publishes `file` as `nanoship publish aws,gcp <file>` would, with `arch` if given. */
  function publishFile(file: string, arch?: string) {
    return runStages(
      { ...emptyOptions(), ...publishOptions(), arch },
      { kernel: false, build: false, smoke: false, publish: true, image: file },
      publishCommandOptionName,
    );
  }

  test.each(['arm64 UEFI', 'x86_64 hybrid'] as Kind[])(
    '%s: architecture and boot mode are read from its loaders',
    async (kind) => {
      const file = await buildFile(kind);
      await publishFile(file);
      const found = registered();
      expect(found.ami).toEqual(EXPECTED[kind].ami);
      // An image file does not say its kernel version, so GVNIC is not declared.
      expect(found.gce).toEqual({
        ...EXPECTED[kind].gce,
        guestOsFeatures: ['UEFI_COMPATIBLE'],
      });
    },
    120_000,
  );

  test('--arch naming the same architecture by another name is accepted', async () => {
    const file = await buildFile('arm64 UEFI');
    await publishFile(file, 'arm64');
    expect(registered().ami).toEqual(EXPECTED['arm64 UEFI'].ami);
  }, 120_000);

  test.each([
    {
      kind: 'arm64 UEFI' as Kind,
      arch: 'x86_64',
      loader: 'UEFI loader EFI/BOOT/BOOTAA64.EFI',
      is: 'aarch64',
    },
    {
      kind: 'x86_64 BIOS' as Kind,
      arch: 'aarch64',
      loader: 'BIOS boot loader, x86_64 only',
      is: 'x86_64',
    },
  ])(
    'an $is image with --arch $arch is refused before any cloud is called',
    async (row) => {
      const file = await buildFile(row.kind);
      const error = await publishFile(file, row.arch).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toBe(
        `${file} is an ${row.is} image (${row.loader}), but --arch is ${row.arch}. Publishing takes the architecture from the image: drop --arch, or publish an image built with --arch ${row.arch}.`,
      );
      expect(aws.requests).toEqual([]);
      expect(gcp.fake.requests).toEqual([]);
    },
    120_000,
  );
});
