// docs/aws.md's IAM policies must grant every call nanoship makes, and nothing it never makes:
// run full publishes (copy, share, public, keep, deprecate; then with a KMS alias), and full
// preview lifecycles (launch in both network forms, console, lookup, teardown, the PR's images,
// orphans), against the fake, read the calls off its request log, and compare each section's
// policies with the calls of the runs it is for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  EBS_OPERATIONS,
  EC2_OPERATIONS,
  iamActions,
  KMS_OPERATIONS,
  PREVIEW_OPERATIONS,
} from '../../../src/cloud/aws/errors.js';
import { noRecorder } from '../../../src/cloud/types.js';
import { type AwsFake, type LoggedRequest, startAwsFake } from './fake.js';
import {
  awsPlan,
  HOME,
  imageAt,
  makeTempDir,
  ownTags,
  REPO_ID,
  tryPublish,
  useFakeAws,
  writeImage,
} from './fixtures.js';
import {
  HOUR_MS,
  launchRequest,
  PR,
  previewDeps,
  virtualPreviewCloud,
} from './preview-fixtures.js';

/** Every action named in the JSON policy blocks of docs/aws.md's `## <section>`. */
function documentedActions(section: string): Set<string> {
  const doc = readFileSync('docs/aws.md', 'utf8');
  const start = doc.indexOf(`\n## ${section}\n`);
  if (start < 0) throw new Error(`docs/aws.md has no section ${section}`);
  const end = doc.indexOf('\n## ', start + 1);
  const text = doc.slice(start, end < 0 ? undefined : end);
  const actions = new Set<string>();
  for (const [, json] of text.matchAll(/```json\n([\s\S]*?)```/g)) {
    const policy = JSON.parse(json!) as { Statement: { Action: string | string[] }[] };
    for (const statement of policy.Statement) {
      for (const action of [statement.Action].flat()) actions.add(action);
    }
  }
  return actions;
}

/**
 * The IAM actions a logged request needed, read off the wire alone: `<service>:<Operation>`,
 * plus ec2:CreateTags when it tagged what it created.
 */
function actionsOf(request: LoggedRequest): string[] {
  const tagged = Object.keys(request.params).some(
    (key) => key.startsWith('TagSpecification.') || key.startsWith('Tags.'),
  );
  return [`${request.service}:${request.operation}`, ...(tagged ? ['ec2:CreateTags'] : [])];
}

let fake: AwsFake;
let restoreEnv: () => void;
let temp: ReturnType<typeof makeTempDir>;
let called: Set<string>;

beforeAll(async () => {
  fake = await startAwsFake();
  restoreEnv = useFakeAws({ all: fake.endpoint });
  temp = makeTempDir();
  const file = path.join(temp.dir, 'webapp.img');
  const image = imageAt(file, writeImage(file, [{ data: 3 }]));
  // An older AMI of the same line, so that aws-keep has something to delete.
  fake.seedImage({
    region: HOME,
    name: 'old',
    createdAt: new Date(Date.now() - 86_400_000),
    tags: ownTags(),
  });
  const release = await tryPublish(
    image,
    awsPlan({
      copyRegions: ['us-east-1'],
      shareAccounts: [
        '210987654321',
        'arn:aws:organizations::123456789012:organization/o-abcdefghij',
      ],
      public: true,
      keep: 1,
      deprecateAfterMs: 30 * 86_400_000,
    }),
  );
  expect(release.error).toBeUndefined();
  const key = fake.seedKmsKey(HOME, { aliases: ['alias/images'] });
  const other = path.join(temp.dir, 'other.img');
  const encrypted = await tryPublish(
    imageAt(other, writeImage(other, [{ data: 2 }]), { name: 'api' }),
    awsPlan({ kmsKeyId: 'alias/images', copyRegions: ['us-east-1'] }),
  );
  expect(encrypted.error).toBeUndefined();
  expect(fake.operations('StartSnapshot')[1]!.params.KmsKeyArn).toBe(key.arn);
  called = new Set(fake.requests.flatMap(actionsOf));
});
afterAll(async () => {
  restoreEnv();
  temp.remove();
  await fake.close();
});

const awsApis = (actions: Iterable<string>) =>
  [...actions].filter((a) => a.startsWith('ec2:') || a.startsWith('ebs:')).sort();

describe('docs/aws.md policies', () => {
  test('grant every EC2 and EBS call a full publish makes, and no other', () => {
    expect(awsApis(documentedActions('Permissions'))).toEqual(awsApis(called));
  });

  test('grant the KMS call (the other key actions are EBS using the key for the role)', () => {
    const kmsCalls = [...called].filter((a) => a.startsWith('kms:'));
    expect(kmsCalls).toEqual(['kms:DescribeKey']);
    for (const action of kmsCalls) expect(documentedActions('Permissions')).toContain(action);
  });
});

describe('error messages', () => {
  test('know every operation the code calls, and only those', () => {
    const operations = [...new Set(fake.requests.map((r) => r.operation))].sort();
    expect([...EBS_OPERATIONS, ...EC2_OPERATIONS, ...KMS_OPERATIONS].sort()).toEqual(operations);
  });

  test('name the same IAM actions as the wire shows', () => {
    for (const request of fake.requests) {
      for (const action of actionsOf(request)) {
        expect(iamActions(request.operation as Parameters<typeof iamActions>[0])).toContain(action);
      }
    }
  });
});

describe('docs/aws.md preview and sweep policies', () => {
  let previewFake: AwsFake;
  let restorePreviewEnv: () => void;
  /** Every request of a pull request's lifecycle: up in both network forms, console, down. */
  let previewRequests: LoggedRequest[];
  /** The requests of what a sweep runs: lookup, teardown, the PR's images, orphans. */
  let sweepRequests: LoggedRequest[];

  beforeAll(async () => {
    previewFake = await startAwsFake({ instances: { boot: false } });
    restorePreviewEnv = useFakeAws({ all: previewFake.endpoint });
    const { cloud } = virtualPreviewCloud();
    const deps = { ...previewDeps(), recorder: noRecorder };
    const prTags = ownTags({ 'nanoship:channel': `pr-${PR}`, 'nanoship:pr': String(PR) });
    const { imageId } = previewFake.seedImage({ region: HOME, name: 'pr-image', tags: prTags });
    const { subnetId } = previewFake.seedSubnet({ region: HOME });
    const up = await cloud.launch(launchRequest(imageId), deps);
    const inSubnet = virtualPreviewCloud({ subnetId }).cloud;
    await inSubnet.launch(launchRequest(imageId, { provenance: { pr: 8 } }), deps);
    expect(await cloud.consoleOutput(up, deps)).not.toBe('');
    // Leftovers for the orphan sweep: a group whose instance is gone, a snapshot without AMI.
    const old = new Date(Date.now() - 3 * HOUR_MS);
    const left = await cloud.launch(launchRequest(imageId, { provenance: { pr: 9 } }), {
      ...deps,
      now: () => old,
    });
    previewFake.store.get('instance', HOME, left.id)!.state = 'terminated';
    previewFake.seedSnapshot({ region: HOME, tags: ownTags(), createdAt: old });

    const sweepFrom = previewFake.requests.length;
    const previews = await cloud.findPreviews({ repoId: REPO_ID }, deps);
    expect(previews).toHaveLength(2);
    for (const preview of previews) await cloud.destroy(preview, deps);
    expect(await cloud.deletePreviewImages({ repoId: REPO_ID, pr: PR }, deps)).toHaveLength(1);
    expect(await cloud.deleteOrphans({ repoId: REPO_ID }, deps)).toHaveLength(2);
    expect(
      previewFake.requests.filter((r) => r.status !== 200 && r.code !== 'DependencyViolation'),
    ).toEqual([]);
    previewRequests = [...previewFake.requests];
    sweepRequests = previewFake.requests.slice(sweepFrom);
  });
  afterAll(async () => {
    restorePreviewEnv();
    await previewFake.close();
  });

  test("grant every EC2 call of a pull request's preview lifecycle, and no other", () => {
    expect(awsApis(documentedActions('Previews'))).toEqual(
      awsApis(new Set(previewRequests.flatMap(actionsOf))),
    );
  });

  test('grant the sweep every EC2 call it makes, and no other', () => {
    expect(awsApis(documentedActions('Sweeps'))).toEqual(
      awsApis(new Set(sweepRequests.flatMap(actionsOf))),
    );
  });

  test('error messages know every preview operation, and name the IAM actions the wire shows', () => {
    const operations = new Set(previewRequests.map((r) => r.operation));
    expect([...PREVIEW_OPERATIONS].filter((op) => !operations.has(op))).toEqual([]);
    const known = new Set<string>([...EC2_OPERATIONS, ...PREVIEW_OPERATIONS]);
    expect([...operations].filter((op) => !known.has(op))).toEqual([]);
    for (const request of previewRequests) {
      for (const action of actionsOf(request)) {
        expect(iamActions(request.operation as Parameters<typeof iamActions>[0])).toContain(action);
      }
    }
  });
});
