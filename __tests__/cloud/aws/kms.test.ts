// aws-kms-key-id end to end against the fake: a key ARN is used as given, an alias or key id
// is resolved with KMS DescribeKey in the home region, and a key that cannot serve is refused
// before anything is created.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { UserError } from '../../../src/errors.js';
import { type AwsFake, startAwsFake } from './fake.js';
import {
  awsPlan,
  HOME,
  imageAt,
  makeTempDir,
  tryPublish,
  useFakeAws,
  writeImage,
} from './fixtures.js';

let fake: AwsFake;
let restoreEnv: () => void;
let temp: ReturnType<typeof makeTempDir>;

beforeEach(async () => {
  fake = await startAwsFake();
  restoreEnv = useFakeAws({ all: fake.endpoint });
  temp = makeTempDir();
});
afterEach(async () => {
  restoreEnv();
  temp.remove();
  await fake.close();
});

function smallImage() {
  const file = path.join(temp.dir, 'webapp.img');
  return { image: imageAt(file, writeImage(file, [{ data: 2 }])) };
}

describe('aws-kms-key-id', () => {
  test('encrypts the snapshot with a key ARN as given, without asking KMS', async () => {
    const { image } = smallImage();
    const key = `arn:aws:kms:${HOME}:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const run = await tryPublish(image, awsPlan({ kmsKeyId: key }));
    expect(fake.operations('StartSnapshot')[0]!.params).toMatchObject({
      Encrypted: 'true',
      KmsKeyArn: key,
    });
    expect(fake.operations('DescribeKey')).toHaveLength(0);
    expect(fake.store.get('snapshot', HOME, run.result!.snapshotId)!.encrypted).toBe(true);
  });

  test.each(['alias', 'alias ARN', 'key id'])(
    'resolves a %s to the key ARN with DescribeKey',
    async (form) => {
      const { image } = smallImage();
      const key = fake.seedKmsKey(HOME, { aliases: ['alias/images'] });
      const given = {
        alias: 'alias/images',
        'alias ARN': `arn:aws:kms:${HOME}:123456789012:alias/images`,
        'key id': key.keyId,
      }[form]!;
      const run = await tryPublish(image, awsPlan({ kmsKeyId: given }));
      expect(run.error).toBeUndefined();
      expect(fake.operations('DescribeKey').map((r) => [r.region, r.params.KeyId])).toEqual([
        [HOME, given],
      ]);
      expect(fake.operations('StartSnapshot')[0]!.params.KmsKeyArn).toBe(key.arn);
    },
  );

  test.each([
    {
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abc',
      message: /^aws-kms-key-id is a key in us-east-1, but the snapshot is made in eu-west-1/,
    },
    {
      kmsKeyId: 'alias/nothing-here',
      message: /^aws-kms-key-id alias\/nothing-here is not a KMS key in eu-west-1/,
    },
    {
      kmsKeyId: 'alias/off',
      message:
        /^The KMS key arn:aws:kms:eu-west-1:\d+:key\/[\w-]+ \(aws-kms-key-id alias\/off\) is Disabled/,
    },
  ])(
    'refuses aws-kms-key-id $kmsKeyId before anything is created',
    async ({ kmsKeyId, message }) => {
      fake.seedKmsKey(HOME, { aliases: ['alias/off'], state: 'Disabled' });
      const { image } = smallImage();
      const run = await tryPublish(image, awsPlan({ kmsKeyId }));
      expect(run.error).toBeInstanceOf(UserError);
      expect(run.error!.message).toMatch(message);
      expect(fake.requests.map((r) => r.operation).filter((o) => o !== 'DescribeKey')).toEqual([]);
    },
  );
});
