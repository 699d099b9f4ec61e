// AWS previews against the fake with booting off (states only, no QEMU): what launch sends
// and records, how each failure is worded and undone, and how teardown waits for AWS. The
// booted end-to-end runs are in preview.itg.test.ts.
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { deleteAwsResources } from '../../../src/cloud/aws/index.js';
import { PREVIEW_IMDS_V1_WARNING } from '../../../src/cloud/aws/preview.js';
import { noRecorder } from '../../../src/cloud/types.js';
import { UserError } from '../../../src/errors.js';
import { recordingLogger } from '../../../src/log.js';
import { type AwsFake, startAwsFake } from './fake.js';
import { HOME, REPO_ID, useFakeAws, virtualTiming } from './fixtures.js';
import {
  attempt,
  HOUR_MS,
  launchRequest,
  PR,
  previewDeps,
  SHA,
  virtualPreviewCloud,
} from './preview-fixtures.js';

let fake: AwsFake;
let restoreEnv: () => void;
let imageId: string;

beforeEach(async () => {
  fake = await startAwsFake({ instances: { boot: false, pendingPolls: 2 } });
  restoreEnv = useFakeAws({ all: fake.endpoint });
  imageId = fake.seedImage({ region: HOME, name: 'nanoship/webapp/c0ffee0/pr' }).imageId;
});
afterEach(async () => {
  restoreEnv();
  await fake.close();
});

const params = (operation: string, index = 0) => fake.operations(operation)[index]?.params ?? {};
const groups = () => fake.store.list('security-group', HOME);
const liveInstances = () =>
  fake.store.list('instance', HOME).filter((i) => i.state !== 'terminated');

describe('launch', () => {
  test('opens only the preview ports and runs a tagged t3.micro with IMDSv2, standard credits, terminate on shutdown', async () => {
    const { cloud } = virtualPreviewCloud();
    const deps = previewDeps();
    const preview = await cloud.launch(launchRequest(imageId, { ports: [8080, 9000] }), deps);

    const [group] = groups();
    expect(group!.name).toMatch(new RegExp(`^nanoship-pr${PR}-[0-9a-f]{8}-2002-1$`));
    expect(group!.vpcId).toBe(fake.store.list('vpc', HOME).find((v) => v.isDefault)?.id);
    expect(group!.tags).toMatchObject({
      'nanoship:managed': 'true',
      'nanoship:kind': 'preview',
      'nanoship:repo-id': REPO_ID,
      'nanoship:pr': String(PR),
      'nanoship:channel': `pr-${PR}`,
      'nanoship:sha': SHA,
      'nanoship:expires-at': expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      'nanoship:created-at': expect.any(String),
      Name: group!.name,
    });
    expect(
      group!.ingress.map((r) => [
        r.protocol,
        r.fromPort,
        r.toPort,
        r.cidrs.map((c) => c.cidr),
        r.ipv6Cidrs.map((c) => c.cidr),
      ]),
    ).toEqual([
      ['tcp', 8080, 8080, ['0.0.0.0/0'], ['::/0']],
      ['tcp', 9000, 9000, ['0.0.0.0/0'], ['::/0']],
    ]);

    const run = params('RunInstances');
    expect(run).toMatchObject({
      ImageId: imageId,
      InstanceType: 't3.micro',
      MinCount: '1',
      MaxCount: '1',
      'SecurityGroupId.1': group!.id,
      'MetadataOptions.HttpTokens': 'required',
      'MetadataOptions.HttpEndpoint': 'enabled',
      InstanceInitiatedShutdownBehavior: 'terminate',
      'CreditSpecification.CpuCredits': 'standard',
      ClientToken: expect.stringMatching(/^nanoship-[0-9a-f]{48}$/),
    });
    expect(run.SubnetId).toBeUndefined();
    const instance = fake.store.get('instance', HOME, preview.id)!;
    for (const tags of [instance.tags, instance.volumeTags, instance.interfaceTags]) {
      expect(tags).toMatchObject({
        'nanoship:managed': 'true',
        'nanoship:repo-id': REPO_ID,
        Name: `nanoship-pr${PR}`,
      });
    }
    expect(preview).toEqual({
      cloud: 'aws',
      id: instance.id,
      address: instance.publicIp,
      location: HOME,
      pr: PR,
      sha: SHA,
      createdAt: expect.any(Date),
      expiresAt: expect.any(Date),
      resources: [
        { cloud: 'aws', kind: 'instance', region: HOME, id: instance.id },
        { cloud: 'aws', kind: 'security-group', region: HOME, id: group!.id },
      ],
    });
    expect(preview.address).toMatch(/^127\.0\.0\.\d+$/);
    // Recorded the moment each exists; settling is the caller's once the preview answers.
    expect(deps.recorder.events).toEqual([
      `created security-group ${group!.id} ${HOME}`,
      `created instance ${instance.id} ${HOME}`,
    ]);
  });

  test('an aarch64 image gets t4g.micro; an x86 AMI on t4g is refused and leaves nothing', async () => {
    const arm = fake.seedImage({ region: HOME, name: 'arm' }).imageId;
    fake.store.get('image', HOME, arm)!.architecture = 'arm64';
    const { cloud } = virtualPreviewCloud();
    await cloud.launch(launchRequest(arm, { image: { arch: 'aarch64' } }), previewDeps());
    expect(params('RunInstances').InstanceType).toBe('t4g.micro');
    expect(params('RunInstances')['CreditSpecification.CpuCredits']).toBe('standard');

    const deps = previewDeps();
    const { error } = await attempt(
      cloud.launch(
        launchRequest(imageId, { instanceType: 't4g.micro', provenance: { run: '9-1' } }),
        deps,
      ),
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toMatch(
      /^AWS failed ec2:RunInstances in eu-west-1 .*InvalidParameterValue: The architecture 'arm64'/,
    );
    expect(groups()).toHaveLength(1);
    expect(deps.recorder.unsettled()).toEqual([]);
  });

  test('the aws and cloudwatch klibs get IMDSv1 (HttpTokens optional) with a warning', async () => {
    const { cloud } = virtualPreviewCloud();
    const deps = previewDeps();
    await cloud.launch(launchRequest(imageId, { image: { klibs: ['cloudwatch', 'tls'] } }), deps);
    expect(params('RunInstances')['MetadataOptions.HttpTokens']).toBe('optional');
    expect(deps.logger.lines).toContainEqual({
      level: 'warning',
      message: PREVIEW_IMDS_V1_WARNING,
    });
  });

  test('a subnet gets the network-interface form, with a public address asked for, in its VPC', async () => {
    const { vpcId, subnetId } = fake.seedSubnet({ region: HOME, mapPublicIpOnLaunch: false });
    const { cloud } = virtualPreviewCloud({ subnetId, allowedCidrs: ['198.51.100.0/24'] });
    const preview = await cloud.launch(launchRequest(imageId), previewDeps());
    const group = groups()[0]!;
    expect(group.vpcId).toBe(vpcId);
    expect(group.ingress[0]!.cidrs.map((c) => c.cidr)).toEqual(['198.51.100.0/24']);
    expect(group.ingress[0]!.ipv6Cidrs).toEqual([]);
    const run = params('RunInstances');
    expect(run).toMatchObject({
      'NetworkInterface.1.DeviceIndex': '0',
      'NetworkInterface.1.SubnetId': subnetId,
      'NetworkInterface.1.SecurityGroupId.1': group.id,
      'NetworkInterface.1.AssociatePublicIpAddress': 'true',
      'NetworkInterface.1.DeleteOnTermination': 'true',
    });
    expect(run['SecurityGroupId.1']).toBeUndefined();
    expect(preview.address).toMatch(/^127\.0\.0\./);
    expect(fake.operations('DescribeSubnets')).toHaveLength(1);
    expect(fake.operations('DescribeVpcs')).toHaveLength(0);
  });

  test('no default VPC and no subnet: one error naming aws-subnet-id, nothing created', async () => {
    await fake.close();
    fake = await startAwsFake({ instances: { boot: false, noDefaultVpc: [HOME] } });
    restoreEnv();
    restoreEnv = useFakeAws({ all: fake.endpoint });
    const ami = fake.seedImage({ region: HOME, name: 'x' }).imageId;
    const { error } = await attempt(
      virtualPreviewCloud().cloud.launch(launchRequest(ami), previewDeps()),
    );
    expect(error?.message).toBe(
      'eu-west-1 has no default VPC, and no subnet was given: set aws-subnet-id to a subnet of the VPC previews should run in (one that can reach the internet).',
    );
    expect(fake.operations('CreateSecurityGroup')).toHaveLength(0);
  });

  test('a launch without the repository id is refused before any call', async () => {
    const { error } = await attempt(
      virtualPreviewCloud().cloud.launch(
        launchRequest(imageId, { provenance: { repoId: undefined } }),
        previewDeps(),
      ),
    );
    expect(error?.message).toMatch(/repository's numeric id/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('launch failures are undone', () => {
  test.each([
    [
      'InsufficientInstanceCapacity',
      'failed',
      /AWS has no t3\.micro capacity left in that Availability Zone right now: run again later, or choose another instance type \(preview-instance-type\)/,
    ],
    [
      'UnauthorizedOperation',
      'refused',
      /The credentials lack ec2:RunInstances and ec2:CreateTags: grant them to the role/,
    ],
    ['VcpuLimitExceeded', 'failed', /vCPU quota for on-demand instances in eu-west-1 is used up/],
    ['Unsupported', 'failed', /t3\.micro is not offered in that Availability Zone/],
  ])(
    'RunInstances %s: the group is deleted and one error says what to do',
    async (code, verb, hint) => {
      fake.inject({
        kind: 'error',
        operation: 'RunInstances',
        code,
        message: `injected ${code}.`,
        times: 1,
      });
      const deps = previewDeps();
      const { error } = await attempt(
        virtualPreviewCloud().cloud.launch(launchRequest(imageId), deps),
      );
      expect(error).toBeInstanceOf(UserError);
      expect(error!.message).toMatch(
        new RegExp(
          `^AWS ${verb} ec2:RunInstances in eu-west-1 for ${imageId} \\(t3\\.micro\\): ${code}: injected ${code}\\. `,
        ),
      );
      expect(error!.message).toMatch(hint);
      expect(groups()).toEqual([]);
      expect(fake.operations('DeleteSecurityGroup', 200)).toHaveLength(1);
      expect(deps.recorder.events.map((e) => e.split(' ')[0])).toEqual(['created', 'settled']);
      expect(deps.recorder.unsettled()).toEqual([]);
    },
  );

  test('an AMI without ENA on a Nitro type: AWS wording plus what to do', async () => {
    fake.store.get('image', HOME, imageId)!.enaSupport = false;
    const { error } = await attempt(
      virtualPreviewCloud().cloud.launch(launchRequest(imageId), previewDeps()),
    );
    expect(error!.message).toContain(
      "InvalidParameterCombination: Enhanced networking with the Elastic Network Adapter (ENA) is required for the 't3.micro' instance type.",
    );
    expect(error!.message).toContain(`${imageId} lacks ENA support`);
    expect(groups()).toEqual([]);
  });

  test("an instance that ends instead of running fails at once with AWS's reason and is torn down", async () => {
    fake.inject({
      kind: 'instance-failed',
      code: 'Server.InsufficientInstanceCapacity',
      message: 'Insufficient capacity.',
      times: 1,
    });
    const deps = previewDeps();
    const { error } = await attempt(
      virtualPreviewCloud().cloud.launch(launchRequest(imageId), deps),
    );
    expect(error!.message).toMatch(
      /^Instance i-[0-9a-f]+ in eu-west-1 went to state (shutting-down|terminated): Server\.InsufficientInstanceCapacity: Insufficient capacity\.\. AWS ran out of capacity/,
    );
    expect(liveInstances()).toEqual([]);
    expect(groups()).toEqual([]);
    expect(deps.recorder.unsettled()).toEqual([]);
  });

  test('an instance that never runs is terminated after the deadline, and its group deleted', async () => {
    fake.inject({ kind: 'instance-stuck', times: 1 });
    const deps = previewDeps();
    const { cloud, sleeps } = virtualPreviewCloud();
    const { error } = await attempt(cloud.launch(launchRequest(imageId), deps));
    expect(error!.message).toMatch(
      /^Instance i-[0-9a-f]+ in eu-west-1 was not ready after 5 min \(last seen: pending\)/,
    );
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(5 * 60_000);
    expect(fake.operations('TerminateInstances')).toHaveLength(1);
    expect(liveInstances()).toEqual([]);
    expect(groups()).toEqual([]);
    expect(deps.recorder.unsettled()).toEqual([]);
  });

  test('a group that cannot be deleted stays recorded for the post step, with a warning', async () => {
    fake.inject({
      kind: 'error',
      operation: 'RunInstances',
      code: 'InsufficientInstanceCapacity',
      times: 1,
    });
    fake.inject({
      kind: 'error',
      operation: 'DeleteSecurityGroup',
      code: 'UnauthorizedOperation',
      times: 1,
    });
    const deps = previewDeps();
    const { error } = await attempt(
      virtualPreviewCloud().cloud.launch(launchRequest(imageId), deps),
    );
    expect(error!.message).toContain('InsufficientInstanceCapacity');
    expect(deps.recorder.unsettled()).toEqual([
      { cloud: 'aws', kind: 'security-group', region: HOME, id: groups()[0]!.id },
    ]);
    expect(deps.logger.lines.find((l) => l.level === 'warning')?.message).toMatch(
      /ec2:DeleteSecurityGroup/,
    );
  });
});

describe('a launch run twice', () => {
  test('reuses its group and, by ClientToken, gets the same instance back', async () => {
    const { cloud } = virtualPreviewCloud();
    const first = await cloud.launch(launchRequest(imageId), previewDeps());
    const again = await cloud.launch(launchRequest(imageId), previewDeps());
    expect(again.id).toBe(first.id);
    expect(again.resources).toEqual(first.resources);
    expect(fake.operations('CreateSecurityGroup').map((r) => r.code)).toEqual([
      undefined,
      'InvalidGroup.Duplicate',
    ]);
    expect(fake.store.list('instance', HOME)).toHaveLength(1);
  });

  test('a day later, with a later expiry, gets the same instance, which keeps its own', async () => {
    // The expiry is counted from each run, so the second RunInstances differs in its tags and
    // AWS refuses the token (IdempotentParameterMismatch): the instance that token launched is
    // looked up instead of failing the run or launching a second one.
    const { cloud } = virtualPreviewCloud();
    const request = launchRequest(imageId);
    const first = await cloud.launch(request, previewDeps());
    const later = new Date(request.expiresAt.getTime() + 24 * HOUR_MS);
    const deps = previewDeps();
    const again = await cloud.launch(launchRequest(imageId, { expiresAt: later }), deps);
    expect(again.id).toBe(first.id);
    expect(again.resources).toEqual(first.resources);
    expect(again.expiresAt?.toISOString()).toBe(
      request.expiresAt.toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    );
    expect(fake.operations('RunInstances').map((r) => r.code)).toEqual([
      undefined,
      'IdempotentParameterMismatch',
    ]);
    expect(fake.store.list('instance', HOME)).toHaveLength(1);
    expect(deps.logger.lines.map((l) => l.message).join('\n')).toMatch(
      new RegExp(`Reusing ${first.id}, launched earlier in this run attempt`),
    );
  });

  test('again after its instance ended: one error that says to re-run the workflow', async () => {
    // The token still names the ended instance, which cannot be used; AWS refuses the token.
    const { cloud } = virtualPreviewCloud();
    const request = launchRequest(imageId);
    await cloud.launch(request, previewDeps());
    fake.store.list('instance', HOME)[0]!.state = 'terminated';
    const later = new Date(request.expiresAt.getTime() + HOUR_MS);
    const { error } = await attempt(
      cloud.launch(launchRequest(imageId, { expiresAt: later }), previewDeps()),
    );
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toMatch(
      /IdempotentParameterMismatch: .* This run attempt already launched a preview instance that is no longer running: re-run the workflow/,
    );
    expect(liveInstances()).toEqual([]);
    expect(groups()).toEqual([]);
  });

  test("is refused when a group of that name is not this PR's", async () => {
    const { cloud } = virtualPreviewCloud();
    await cloud.launch(launchRequest(imageId), previewDeps());
    groups()[0]!.tags['nanoship:pr'] = '99';
    const { error } = await attempt(cloud.launch(launchRequest(imageId), previewDeps()));
    expect(error!.message).toMatch(
      /already exists in vpc-[0-9a-f]+ \(eu-west-1\) and is not this repository's preview of PR #7/,
    );
  });
});

describe('destroy', () => {
  test('terminates, waits for terminated, retries DependencyViolation, settles', async () => {
    const { cloud } = virtualPreviewCloud();
    const deps = previewDeps();
    const preview = await cloud.launch(launchRequest(imageId), deps);
    await cloud.destroy(preview, deps);
    expect(fake.store.get('instance', HOME, preview.id)!.state).toBe('terminated');
    expect(groups()).toEqual([]);
    expect(fake.operations('DeleteSecurityGroup').map((r) => r.code)).toEqual([
      'DependencyViolation',
      'DependencyViolation',
      undefined,
    ]);
    expect(deps.recorder.events.slice(2)).toEqual(
      preview.resources.map((r) => `settled ${r.kind} ${r.id} ${HOME}`),
    );
    // Gone already: nothing to do, no error.
    await cloud.destroy(preview, { ...previewDeps(), recorder: noRecorder });
  });

  test('gives up after 5 min of DependencyViolation with one error naming the group', async () => {
    await fake.close();
    fake = await startAwsFake({ instances: { boot: false, groupReleasePolls: 10_000 } });
    restoreEnv();
    restoreEnv = useFakeAws({ all: fake.endpoint });
    const ami = fake.seedImage({ region: HOME, name: 'x' }).imageId;
    const { cloud } = virtualPreviewCloud();
    const preview = await cloud.launch(launchRequest(ami), previewDeps());
    const { error } = await attempt(cloud.destroy(preview, previewDeps()));
    const group = preview.resources[1]!.id;
    expect(error!.message).toMatch(
      new RegExp(
        `^AWS failed ec2:DeleteSecurityGroup in eu-west-1 for ${group}: DependencyViolation: resource ${group} has a dependent object\\. Something still uses the group after 30\\d s`,
      ),
    );
  });

  test("refuses an instance without nanoship's managed tag", async () => {
    const { cloud } = virtualPreviewCloud();
    const preview = await cloud.launch(launchRequest(imageId), previewDeps());
    delete fake.store.get('instance', HOME, preview.id)!.tags['nanoship:managed'];
    const { error } = await attempt(cloud.destroy(preview, previewDeps()));
    expect(error!.message).toBe(
      `instance ${preview.id} in eu-west-1 has no nanoship:managed tag: nanoship deletes only what it made.`,
    );
    expect(fake.operations('TerminateInstances')).toHaveLength(0);
  });

  test('the post step deletes a recorded instance and group, instance first', async () => {
    const { cloud } = virtualPreviewCloud();
    const deps = previewDeps();
    await cloud.launch(launchRequest(imageId), deps);
    const logger = recordingLogger();
    await deleteAwsResources(
      deps.recorder.unsettled(),
      { logger },
      { timing: virtualTiming().timing },
    );
    expect(liveInstances()).toEqual([]);
    expect(groups()).toEqual([]);
    expect(logger.lines.filter((l) => l.level === 'warning')).toEqual([]);
  });
});

describe('consoleOutput', () => {
  test('decodes the latest output', async () => {
    const { cloud } = virtualPreviewCloud();
    const preview = await cloud.launch(launchRequest(imageId), previewDeps());
    expect(await cloud.consoleOutput(preview, previewDeps())).toBe(
      `fake: ${preview.id} is not booted (no QEMU for it)\r\n`,
    );
    expect(params('GetConsoleOutput').Latest).toBe('true');
  });

  test('falls back to the posted buffer where Latest is refused (Xen types)', async () => {
    const { cloud } = virtualPreviewCloud();
    const preview = await cloud.launch(
      launchRequest(imageId, { instanceType: 't2.micro' }),
      previewDeps(),
    );
    expect(params('RunInstances')['CreditSpecification.CpuCredits']).toBe('standard');
    expect(await cloud.consoleOutput(preview, previewDeps())).toContain('is not booted');
    expect(fake.operations('GetConsoleOutput').map((r) => [r.params.Latest, r.code])).toEqual([
      ['true', 'UnsupportedOperation'],
      [undefined, undefined],
    ]);
  });
});
