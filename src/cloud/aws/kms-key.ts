/**
 * aws-kms-key-id as StartSnapshot needs it. The input may be a key id, a key ARN, an alias
 * name or an alias ARN; the EBS direct APIs take only a key ARN, and only of a key in the
 * snapshot's region. A key ARN is used as given (no call, no extra permission); anything else
 * is resolved with KMS DescribeKey, which also says whether the key can be used at all.
 */
import { DescribeKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { UserError } from '../../errors.js';
import { awsErrorCode, callAws } from './errors.js';

/** `arn:aws…:kms:<region>:<account>:key/<id>`, the only form StartSnapshot accepts. */
const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):\d{12}:key\/\S+$/;

/** The key ARN of `key` in `region`; a UserError when there is no usable such key. */
export async function resolveKmsKey(
  kms: KMSClient,
  region: string,
  key: string,
  signal?: AbortSignal,
): Promise<string> {
  const arnRegion = KEY_ARN.exec(key)?.[1];
  if (arnRegion !== undefined) {
    if (arnRegion !== region) {
      throw new UserError(
        `aws-kms-key-id is a key in ${arnRegion}, but the snapshot is made in ${region}: use a key of ${region}.`,
      );
    }
    return key;
  }
  const out = await callAws({ operation: 'DescribeKey', region, subject: key }, () =>
    kms.send(new DescribeKeyCommand({ KeyId: key }), { abortSignal: signal }).catch((error) => {
      if (awsErrorCode(error) !== 'NotFoundException') throw error;
      throw new UserError(
        `aws-kms-key-id ${key} is not a KMS key in ${region}: give the key's id, ARN or alias (alias/…) in that region.`,
        { cause: error },
      );
    }),
  );
  const metadata = out.KeyMetadata;
  if (metadata?.Arn === undefined) throw new Error(`DescribeKey ${key} returned no Arn`);
  if (metadata.KeyState !== undefined && metadata.KeyState !== 'Enabled') {
    throw new UserError(
      `The KMS key ${metadata.Arn} (aws-kms-key-id ${key}) is ${metadata.KeyState}: enable it, or choose another key.`,
    );
  }
  return metadata.Arn;
}
