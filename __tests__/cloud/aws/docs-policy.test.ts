// docs/aws.md's IAM policies must grant every call nanoship makes, and nothing it never makes:
// run full publishes (copy, share, public, keep, deprecate; then with a KMS alias) against the
// fake, read the calls off its request log, and compare with the policies' actions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  EBS_OPERATIONS,
  EC2_OPERATIONS,
  iamActions,
  KMS_OPERATIONS,
} from '../../../src/cloud/aws/errors.js';
import { type AwsFake, type LoggedRequest, startAwsFake } from './fake.js';
import {
  awsPlan,
  HOME,
  imageAt,
  makeTempDir,
  ownTags,
  tryPublish,
  useFakeAws,
  writeImage,
} from './fixtures.js';

/** Every action named in docs/aws.md's JSON policy blocks. */
function documentedActions(): Set<string> {
  const doc = readFileSync('docs/aws.md', 'utf8');
  const actions = new Set<string>();
  for (const [, json] of doc.matchAll(/```json\n([\s\S]*?)```/g)) {
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
    expect(awsApis(documentedActions())).toEqual(awsApis(called));
  });

  test('grant the KMS call (the other key actions are EBS using the key for the role)', () => {
    const kmsCalls = [...called].filter((a) => a.startsWith('kms:'));
    expect(kmsCalls).toEqual(['kms:DescribeKey']);
    for (const action of kmsCalls) expect(documentedActions()).toContain(action);
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
