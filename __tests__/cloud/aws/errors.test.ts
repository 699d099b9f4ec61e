// Every AWS failure becomes one line: the IAM action, the region and resource, AWS's code and
// message, and what to do.

import { EC2ServiceException } from '@aws-sdk/client-ec2';
import { describe, expect, test } from '@jest/globals';
import { awsFailure, iamActions } from '../../../src/cloud/aws/errors.js';
import { UserError } from '../../../src/errors.js';

const aws = (name: string, message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(
    new EC2ServiceException({
      name,
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
      message,
    }),
    extra,
  );

describe('iamActions', () => {
  test.each([
    ['StartSnapshot', ['ebs:StartSnapshot', 'ec2:CreateTags']],
    ['PutSnapshotBlock', ['ebs:PutSnapshotBlock']],
    ['RegisterImage', ['ec2:RegisterImage', 'ec2:CreateTags']],
    ['CopyImage', ['ec2:CopyImage', 'ec2:CreateTags']],
    ['DeregisterImage', ['ec2:DeregisterImage']],
  ] as const)('%s needs %j', (operation, actions) => {
    expect(iamActions(operation)).toEqual(actions);
  });
});

describe('awsFailure', () => {
  const site = { operation: 'CopyImage', region: 'us-east-1', subject: 'ami-1' } as const;
  test.each([
    {
      name: 'a refusal names the actions',
      error: aws('UnauthorizedOperation', 'You are not\nauthorized.'),
      message:
        "AWS refused ec2:CopyImage in us-east-1 for ami-1: UnauthorizedOperation: You are not authorized. The credentials lack ec2:CopyImage and ec2:CreateTags: grant them to the role (nanoship's docs/aws.md lists the policies).",
    },
    {
      name: 'a refused KMS dependency says so',
      error: aws('AccessDeniedException', 'denied', { Reason: 'DEPENDENCY_ACCESS_DENIED' }),
      message:
        "AWS refused ec2:CopyImage in us-east-1 for ami-1: AccessDeniedException (DEPENDENCY_ACCESS_DENIED): denied. The credentials lack ec2:CopyImage and ec2:CreateTags, or may not use the KMS key: grant them to the role (nanoship's docs/aws.md lists the policies).",
    },
    {
      name: 'an expired session points at role-duration-seconds',
      error: aws('ExpiredToken', 'The security token included in the request is expired'),
      message: /ExpiredToken: .*raise role-duration-seconds/,
    },
    {
      name: 'a region not enabled',
      error: aws('OptInRequired', 'opt in'),
      message: /Region us-east-1 is not enabled for this account/,
    },
    {
      name: 'a quota',
      error: aws('ResourceLimitExceeded', 'too many AMIs'),
      message: /An account quota is reached/,
    },
    {
      name: 'missing credentials',
      error: Object.assign(new Error('Could not load credentials from any providers'), {
        name: 'CredentialsProviderError',
      }),
      message:
        /^AWS failed ec2:CopyImage .*CredentialsProviderError: .*run aws-actions\/configure-aws-credentials/,
    },
    {
      name: 'a network failure the SDK gave up on',
      error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
        code: 'ECONNREFUSED',
        $metadata: { attempts: 6, totalRetryDelay: 3000 },
      }),
      message:
        /^AWS ec2:CopyImage in us-east-1 for ami-1 failed on the network: connect ECONNREFUSED/,
    },
    {
      name: 'a socket timeout',
      error: Object.assign(new Error('the request socket timed out'), {
        name: 'TimeoutError',
        $metadata: { attempts: 6 },
      }),
      message:
        /^AWS ec2:CopyImage in us-east-1 for ami-1 failed on the network: the request socket timed out\. Check/,
    },
    {
      name: 'a cancel',
      error: Object.assign(new Error('aborted'), { name: 'AbortError' }),
      message: 'AWS work was cancelled during ec2:CopyImage in us-east-1 for ami-1.',
    },
  ])('$name', ({ error, message }) => {
    const failure = awsFailure(error, site);
    expect(failure).toBeInstanceOf(UserError);
    expect(failure.cause).toBe(error);
    expect(failure.message).toMatch(message);
    expect(failure.message).not.toMatch(/\n/);
  });

  test('a bug stays a plain error, a UserError passes unchanged', () => {
    const bug = new TypeError('x is undefined');
    expect(awsFailure(bug, site)).toBe(bug);
    const user = new UserError('already worded');
    expect(awsFailure(user, site)).toBe(user);
  });
});
