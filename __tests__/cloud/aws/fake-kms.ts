/**
 * The one KMS action publishing uses, DescribeKey (JSON 1.1 protocol: `POST /` with
 * `X-Amz-Target: TrentService.DescribeKey`), over keys seeded with `seedKmsKey`. A key is
 * found by id, key ARN, alias name or alias ARN, in the region the request was signed for.
 */
import { FAKE_ACCOUNT_ID, type FakeStore, type KmsKeyRecord } from './fake-state.js';
import { FakeAwsError } from './fake-wire.js';

export function describeKey(store: FakeStore, region: string, body: Buffer): unknown {
  const { KeyId } = JSON.parse(body.toString('utf8') || '{}') as { KeyId?: string };
  if (!KeyId) throw new FakeAwsError('ValidationException', 'KeyId is required');
  const aliasName = KeyId.startsWith('arn:') ? /:(alias\/.+)$/.exec(KeyId)?.[1] : KeyId;
  const key = store
    .list('kms-key', region)
    .find((k) => k.id === KeyId || k.arn === KeyId || (aliasName && k.aliases.includes(aliasName)));
  if (key === undefined) {
    throw new FakeAwsError('NotFoundException', `Key '${KeyId}' does not exist`);
  }
  return {
    KeyMetadata: {
      AWSAccountId: FAKE_ACCOUNT_ID,
      KeyId: key.id,
      Arn: key.arn,
      KeyState: key.state,
      Enabled: key.state === 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      CreationDate: key.createdAt.getTime() / 1000,
    },
  };
}

export function kmsKeyRecord(
  region: string,
  id: string,
  aliases: string[],
  state: KmsKeyRecord['state'],
): KmsKeyRecord {
  return {
    type: 'kms-key',
    id,
    region,
    tags: {},
    createdAt: new Date(),
    arn: `arn:aws:kms:${region}:${FAKE_ACCOUNT_ID}:key/${id}`,
    aliases,
    state,
  };
}
