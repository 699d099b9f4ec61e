import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import { actionInputName, emptyOptions, type Options } from '../../src/plan/options.js';
import { planPublish } from '../../src/plan/publish-plan.js';

const plan = (fields: Partial<Options>, env: Record<string, string> = {}) =>
  planPublish({ ...emptyOptions(), ...fields }, actionInputName, env, { pr: 4 });

function errorOf(fields: Partial<Options>, env: Record<string, string> = {}): string {
  try {
    plan(fields, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

describe('planPublish', () => {
  test('no cloud named means no publish stage', () => {
    expect(plan({})).toBeUndefined();
  });

  test('reads targets from lines or commas, once each, in order', () => {
    expect(
      plan({ publish: ['gcp, aws', 'aws'], gcpBucket: 'b-1' }, { AWS_REGION: 'eu-west-1' })
        ?.targets,
    ).toEqual(['gcp', 'aws']);
  });

  test.each([
    { arch: undefined, expected: undefined },
    { arch: ' ', expected: undefined },
    { arch: 'arm64', expected: 'aarch64' },
    { arch: 'x86_64', expected: 'x86_64' },
  ])('arch "$arch" is $expected: only a named one, an image file says its own', (row) => {
    expect(plan({ publish: ['aws'], awsRegion: 'us-east-1', arch: row.arch })?.arch).toBe(
      row.expected,
    );
  });

  test('AWS takes its region from the input, else AWS_REGION, else AWS_DEFAULT_REGION', () => {
    const region = (fields: Partial<Options>, env: Record<string, string>) =>
      plan({ publish: ['aws'], ...fields }, env)?.aws?.region;
    expect(region({ awsRegion: 'us-east-2' }, { AWS_REGION: 'eu-west-1' })).toBe('us-east-2');
    expect(region({}, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'ap-south-1' })).toBe(
      'eu-west-1',
    );
    expect(region({}, { AWS_DEFAULT_REGION: 'ap-south-1' })).toBe('ap-south-1');
  });

  test('a full AWS plan', () => {
    const aws = plan({
      publish: ['aws'],
      awsRegion: 'us-east-1',
      awsCopyRegions: ['eu-west-1,us-east-1', 'ap-southeast-2'],
      awsShareAccounts: [
        '123456789012',
        'arn:aws:organizations::123456789012:organization/o-abcdefghij',
      ],
      awsPublic: 'false',
      awsTags: ['team=web', 'cost-center=42'],
      awsKeep: '3',
      awsDeprecateAfter: '90d',
    })?.aws;
    expect(aws).toEqual({
      region: 'us-east-1',
      copyRegions: ['eu-west-1', 'ap-southeast-2'],
      shareAccounts: [
        '123456789012',
        'arn:aws:organizations::123456789012:organization/o-abcdefghij',
      ],
      public: false,
      kmsKeyId: undefined,
      tags: { team: 'web', 'cost-center': '42' },
      keep: 3,
      deprecateAfterMs: 90 * 86_400_000,
    });
  });

  test('a GCP plan takes the project and endpoints from what the auth action and gcloud export', () => {
    const gcp = plan(
      { publish: ['gcp'], gcpBucket: 'gs://staging-bucket/', gcpLabels: ['team=web'] },
      {
        GOOGLE_CLOUD_PROJECT: 'proj-1',
        CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: 'http://127.0.0.1:9000/compute/v1/',
        CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE: 'http://127.0.0.1:9000',
      },
    )?.gcp;
    expect(gcp).toMatchObject({
      project: 'proj-1',
      bucket: 'staging-bucket',
      labels: { team: 'web' },
      computeEndpoint: 'http://127.0.0.1:9000/compute/v1/',
      storageEndpoint: 'http://127.0.0.1:9000/storage/v1/',
    });
  });

  test.each([
    [{ publish: ['azure'] }, {}, 'input "publish" takes aws and/or gcp, got "azure".'],
    [{ publish: ['aws'] }, {}, 'Publishing to AWS needs a region: set input "aws-region"'],
    [
      { publish: ['aws'], awsRegion: 'useast1' },
      {},
      'input "aws-region" must be an AWS region such as us-east-1, got "useast1".',
    ],
    [
      { publish: ['aws'], awsRegion: 'us-east-1', awsCopyRegions: ['mars-1'] },
      {},
      'input "aws-copy-regions" must be an AWS region',
    ],
    [
      { publish: ['aws'], awsRegion: 'us-east-1', awsShareAccounts: ['12345'] },
      {},
      'input "aws-share-accounts" takes 12-digit account ids',
    ],
    [
      { publish: ['aws'], awsRegion: 'us-east-1', awsPublic: 'yes' },
      {},
      'input "aws-public" must be true or false, got "yes".',
    ],
    [
      { publish: ['aws'], awsRegion: 'us-east-1', awsPublic: 'true', awsKmsKeyId: 'alias/k' },
      {},
      'cannot be combined with input "aws-kms-key-id"',
    ],
    [
      { publish: ['aws'], awsRegion: 'us-east-1', awsTags: ['aws:owner=me'] },
      {},
      'uses a reserved prefix',
    ],
    [
      { publish: ['aws'], awsRegion: 'us-east-1', awsTags: ['novalue'] },
      {},
      'input "aws-tags" takes KEY=VALUE, got "novalue".',
    ],
    [
      { publish: ['aws'], awsRegion: 'us-east-1', awsKeep: '0' },
      {},
      'input "aws-keep" must be between 1 and 1000, got 0.',
    ],
    [
      { publish: ['aws'], awsRegion: 'us-east-1', awsDeprecateAfter: 'soon' },
      {},
      'input "aws-deprecate-after" must be a duration such as 30m, 72h, 90d or 2w, got "soon".',
    ],
    [{ publish: ['gcp'] }, {}, 'needs a staging bucket for the upload: set input "gcp-bucket"'],
    [
      { publish: ['gcp'], gcpBucket: 'Bad Bucket' },
      {},
      'input "gcp-bucket" is not a Cloud Storage bucket name',
    ],
    [
      { publish: ['gcp'], gcpBucket: 'b-1', gcpLabels: ['Team=web'] },
      {},
      'input "gcp-labels": "Team=web" has a key',
    ],
    [
      { publish: ['gcp'], gcpBucket: 'b-1', gcpImageFamily: 'My_Family' },
      {},
      'input "gcp-image-family" must be 1–63',
    ],
    [
      { publish: ['gcp'], gcpBucket: 'b-1' },
      { CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: 'http://h/compute/beta/' },
      'CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE must be an http(s) URL whose path is /compute/v1/',
    ],
  ] as [Partial<Options>, Record<string, string>, string][])(
    '%j refuses with %j',
    (fields, env, message) => {
      expect(errorOf(fields, env)).toContain(message);
    },
  );
});
