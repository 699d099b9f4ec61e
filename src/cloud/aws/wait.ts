/**
 * nanoship's own waits for a snapshot to seal and an AMI to become available. Not the SDK
 * waiters: `waitUntilSnapshotCompleted` has no failure acceptor and spins until its timeout on a
 * snapshot in `error` (cloud-publishing §0.6, §1.7). Each wait is a policy object (deadline,
 * poll interval, successes in a row, as coldsnap's WaitParams) over one poll function that
 * classifies what it saw.
 */
import type { EC2Client, Image, Snapshot } from '@aws-sdk/client-ec2';
import { DescribeImagesCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { UserError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { awsErrorCode, awsFailure } from './errors.js';
import type { Timing } from './tuning.js';

export interface WaitPolicy {
  /** Give up after this long. */
  deadlineMs: number;
  /** The pause before the next poll, given the time waited so far. */
  intervalMs: (elapsedMs: number) => number;
  /** Successful polls in a row that count as done. */
  successes: number;
}

/**
 * Sealing a snapshot: 3 s polls for the first minute, then 10 s, for up to 15 minutes
 * (coldsnap budgets 3, ops 32). Two `completed` in a row: a new snapshot can drop out of
 * DescribeSnapshots for a moment (coldsnap asks for three for the same reason).
 */
export const SNAPSHOT_SEAL_WAIT: WaitPolicy = {
  deadlineMs: 15 * 60_000,
  intervalMs: (elapsed) => (elapsed < 60_000 ? 3_000 : 10_000),
  successes: 2,
};

/** RegisterImage from a snapshot is normally available in seconds to a few minutes. */
export const IMAGE_AVAILABLE_WAIT: WaitPolicy = {
  deadlineMs: 10 * 60_000,
  intervalMs: (elapsed) => (elapsed < 60_000 ? 5_000 : 15_000),
  successes: 1,
};

/** A cross-region copy takes minutes; packer raises its waiter to 30 min for long copies. */
export const COPY_AVAILABLE_WAIT: WaitPolicy = {
  deadlineMs: 45 * 60_000,
  intervalMs: (elapsed) => (elapsed < 60_000 ? 5_000 : 15_000),
  successes: 1,
};

/** What one poll saw. */
export type PollOutcome<T> =
  | { kind: 'done'; value: T }
  | { kind: 'pending'; status: string }
  /** Not visible (yet): eventual consistency right after creation. */
  | { kind: 'missing' }
  | { kind: 'failed'; message: string };

export interface WaitContext {
  timing: Timing;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * Polls until `policy.successes` `done` outcomes in a row; `failed` throws at once, a deadline
 * throws with the last status seen. `what` names the resource in messages ("snapshot snap-1 in
 * eu-west-1").
 */
export async function waitFor<T>(
  what: string,
  poll: () => Promise<PollOutcome<T>>,
  policy: WaitPolicy,
  context: WaitContext,
): Promise<T> {
  const { timing } = context;
  const started = timing.clock();
  let streak = 0;
  let last = 'not visible yet';
  for (;;) {
    const outcome = await poll();
    if (outcome.kind === 'failed') throw new UserError(`${what} ${outcome.message}`);
    if (outcome.kind === 'done') {
      streak++;
      if (streak >= policy.successes) return outcome.value;
    } else {
      streak = 0;
      if (outcome.kind === 'pending' && outcome.status !== last) {
        context.logger.info(`${what}: ${outcome.status}`);
      }
      last = outcome.kind === 'pending' ? outcome.status : 'not visible yet';
    }
    const elapsed = timing.clock() - started;
    if (elapsed >= policy.deadlineMs) {
      throw new UserError(
        `${what} was not ready after ${Math.round(policy.deadlineMs / 60_000)} min (last seen: ${last}). AWS may be slow in this region: run again later.`,
      );
    }
    await timing.sleep(policy.intervalMs(elapsed), context.signal);
  }
}

/**
 * Errors that mean "ask again": throttling, a server fault or a network failure that outlasted
 * the SDK's retries. A wait has minutes to spare; its deadline still bounds them.
 */
function isTransient(error: unknown): boolean {
  const failure = error as {
    $metadata?: { httpStatusCode?: number };
    code?: unknown;
    name?: unknown;
  };
  const status = failure.$metadata?.httpStatusCode;
  const code = awsErrorCode(error);
  if (code === undefined)
    return typeof failure.code === 'string' || failure.name === 'TimeoutError';
  return (status !== undefined && status >= 500) || /Throttl|RequestLimitExceeded/.test(code);
}

/** Waits until `snapshotId` is `completed`; `error` fails at once with AWS's StateMessage. */
export function waitForSnapshot(
  ec2: EC2Client,
  region: string,
  snapshotId: string,
  context: WaitContext,
  policy: WaitPolicy = SNAPSHOT_SEAL_WAIT,
): Promise<Snapshot> {
  const poll = async (): Promise<PollOutcome<Snapshot>> => {
    let snapshot: Snapshot | undefined;
    try {
      const out = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }), {
        abortSignal: context.signal,
      });
      snapshot = out.Snapshots?.find((s) => s.SnapshotId === snapshotId);
    } catch (error) {
      if (awsErrorCode(error) === 'InvalidSnapshot.NotFound') return { kind: 'missing' };
      if (isTransient(error)) return { kind: 'pending', status: `describe failed, retrying` };
      throw awsFailure(error, { operation: 'DescribeSnapshots', region, subject: snapshotId });
    }
    if (snapshot === undefined) return { kind: 'missing' };
    if (snapshot.State === 'completed') return { kind: 'done', value: snapshot };
    if (snapshot.State === 'error') {
      return {
        kind: 'failed',
        message: `went to state error: ${snapshot.StateMessage || 'AWS gave no reason'}. Run again; if it repeats, check the KMS key (aws-kms-key-id) and the account's EBS quotas.`,
      };
    }
    return { kind: 'pending', status: `${snapshot.State ?? 'unknown'} ${snapshot.Progress ?? ''}` };
  };
  return waitFor(`Snapshot ${snapshotId} in ${region}`, poll, policy, context);
}

/** Image states after which an AMI will never become available. */
const DEAD_IMAGE_STATES = new Set(['failed', 'error', 'invalid', 'deregistered', 'disabled']);

/** Waits until `imageId` is `available`; `failed` fails at once with its StateReason. */
export function waitForImage(
  ec2: EC2Client,
  region: string,
  imageId: string,
  context: WaitContext,
  policy: WaitPolicy = IMAGE_AVAILABLE_WAIT,
): Promise<Image> {
  const poll = async (): Promise<PollOutcome<Image>> => {
    let image: Image | undefined;
    try {
      const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId] }), {
        abortSignal: context.signal,
      });
      image = out.Images?.find((i) => i.ImageId === imageId);
    } catch (error) {
      if (awsErrorCode(error) === 'InvalidAMIID.NotFound') return { kind: 'missing' };
      if (isTransient(error)) return { kind: 'pending', status: `describe failed, retrying` };
      throw awsFailure(error, { operation: 'DescribeImages', region, subject: imageId });
    }
    if (image === undefined) return { kind: 'missing' };
    if (image.State === 'available') return { kind: 'done', value: image };
    if (DEAD_IMAGE_STATES.has(image.State ?? '')) {
      const reason = image.StateReason;
      return {
        kind: 'failed',
        message: `went to state ${image.State}: ${reason?.Code ?? 'no code'}: ${reason?.Message ?? 'AWS gave no reason'}.`,
      };
    }
    return { kind: 'pending', status: image.State ?? 'unknown' };
  };
  return waitFor(`AMI ${imageId} in ${region}`, poll, policy, context);
}
