// The waits as call sequences (aws-sdk-client-mock; the wire is the fake's business): what
// counts as done, what fails at once, what is polled past, and the deadline.

import {
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  EC2ServiceException,
  type SnapshotState,
} from '@aws-sdk/client-ec2';
import { describe, expect, test } from '@jest/globals';
import { mockClient } from 'aws-sdk-client-mock';
import { SNAPSHOT_SEAL_WAIT, waitForImage, waitForSnapshot } from '../../../src/cloud/aws/wait.js';
import { UserError } from '../../../src/errors.js';
import { recordingLogger } from '../../../src/log.js';
import { virtualTiming } from './fixtures.js';

const awsError = (name: string, status = 400) =>
  new EC2ServiceException({
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
    message: name,
  });

const snapshot = (State: SnapshotState, extra: Record<string, string> = {}) => ({
  Snapshots: [
    { SnapshotId: 'snap-1', State, Progress: State === 'completed' ? '100%' : '40%', ...extra },
  ],
});

function setUp() {
  const client = new EC2Client({ region: 'eu-west-1' });
  const mock = mockClient(client);
  const { timing, sleeps } = virtualTiming();
  const logger = recordingLogger();
  return { client, mock, sleeps, context: { timing, logger }, logger };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: Error) => e,
  );

describe('waitForSnapshot', () => {
  test('done after two completed polls in a row; not found and pending are polled past', async () => {
    const { client, mock, sleeps, context } = setUp();
    mock
      .on(DescribeSnapshotsCommand)
      .rejectsOnce(awsError('InvalidSnapshot.NotFound'))
      .resolvesOnce(snapshot('pending'))
      .resolvesOnce(snapshot('completed'))
      .resolvesOnce(snapshot('pending'))
      .resolvesOnce(snapshot('completed'))
      .resolves(snapshot('completed'));
    const result = await waitForSnapshot(client, 'eu-west-1', 'snap-1', context);
    expect(result.State).toBe('completed');
    expect(mock.commandCalls(DescribeSnapshotsCommand)).toHaveLength(6);
    expect(mock.commandCalls(DescribeSnapshotsCommand)[0]!.args[0].input).toEqual({
      SnapshotIds: ['snap-1'],
    });
    expect(sleeps).toEqual([3000, 3000, 3000, 3000, 3000]);
  });

  test('state error fails at once, with AWS’s StateMessage', async () => {
    const { client, mock, context } = setUp();
    mock
      .on(DescribeSnapshotsCommand)
      .resolvesOnce(snapshot('pending'))
      .resolves(snapshot('error', { StateMessage: 'KMS key disabled' }));
    const error = await failure(waitForSnapshot(client, 'eu-west-1', 'snap-1', context));
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toMatch(
      /^Snapshot snap-1 in eu-west-1 went to state error: KMS key disabled\. /,
    );
    expect(mock.commandCalls(DescribeSnapshotsCommand)).toHaveLength(2);
  });

  test('gives up at the deadline, naming the last state, after 3 s then 10 s polls', async () => {
    const { client, mock, sleeps, context } = setUp();
    mock.on(DescribeSnapshotsCommand).resolves(snapshot('pending'));
    const error = await failure(waitForSnapshot(client, 'eu-west-1', 'snap-1', context));
    expect(error!.message).toBe(
      'Snapshot snap-1 in eu-west-1 was not ready after 15 min (last seen: pending 40%). AWS may be slow in this region: run again later.',
    );
    expect(sleeps.filter((s) => s === 3000)).toHaveLength(20);
    expect(sleeps.slice(20).every((s) => s === 10_000)).toBe(true);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
      SNAPSHOT_SEAL_WAIT.deadlineMs - 10_000,
    );
  });

  test('a refused describe fails at once, naming the IAM action', async () => {
    const { client, mock, context } = setUp();
    mock.on(DescribeSnapshotsCommand).rejects(awsError('UnauthorizedOperation', 403));
    const error = await failure(waitForSnapshot(client, 'eu-west-1', 'snap-1', context));
    expect(error!.message).toMatch(
      /^AWS refused ec2:DescribeSnapshots in eu-west-1 for snap-1: UnauthorizedOperation: .*The credentials lack ec2:DescribeSnapshots:/,
    );
  });

  test('throttling that outlasted the SDK’s retries is polled past', async () => {
    const { client, mock, context } = setUp();
    mock
      .on(DescribeSnapshotsCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 503))
      .resolves(snapshot('completed'));
    await waitForSnapshot(client, 'eu-west-1', 'snap-1', context);
    expect(mock.commandCalls(DescribeSnapshotsCommand)).toHaveLength(3);
  });
});

describe('waitForImage', () => {
  test('available once is done; not found right after registering is polled past', async () => {
    const { client, mock, sleeps, context, logger } = setUp();
    mock
      .on(DescribeImagesCommand)
      .rejectsOnce(awsError('InvalidAMIID.NotFound'))
      .resolvesOnce({ Images: [{ ImageId: 'ami-1', State: 'pending' }] })
      .resolves({ Images: [{ ImageId: 'ami-1', State: 'available' }] });
    const image = await waitForImage(client, 'eu-west-1', 'ami-1', context);
    expect(image.State).toBe('available');
    expect(sleeps).toEqual([5000, 5000]);
    expect(logger.lines.map((l) => l.message)).toEqual(['AMI ami-1 in eu-west-1: pending']);
  });

  test('failed fails at once with the StateReason', async () => {
    const { client, mock, context } = setUp();
    mock.on(DescribeImagesCommand).resolves({
      Images: [
        {
          ImageId: 'ami-1',
          State: 'failed',
          StateReason: { Code: 'Client.InvalidSnapshot.NotFound', Message: 'snapshot gone' },
        },
      ],
    });
    const error = await failure(waitForImage(client, 'eu-west-1', 'ami-1', context));
    expect(error!.message).toBe(
      'AMI ami-1 in eu-west-1 went to state failed: Client.InvalidSnapshot.NotFound: snapshot gone.',
    );
    expect(mock.commandCalls(DescribeImagesCommand)).toHaveLength(1);
  });

  test('a cancel stops the wait', async () => {
    const { client, mock, context } = setUp();
    mock.on(DescribeImagesCommand).resolves({ Images: [{ ImageId: 'ami-1', State: 'pending' }] });
    const abort = new AbortController();
    abort.abort();
    const error = await failure(
      waitForImage(client, 'eu-west-1', 'ami-1', { ...context, signal: abort.signal }),
    );
    expect(error).toBeDefined();
    expect(mock.commandCalls(DescribeImagesCommand)).toHaveLength(1);
  });
});
