/**
 * Deleting what nanoship made: an AMI with the snapshots behind it, a snapshot that never got
 * an AMI, a preview's instance and security group. "Already gone" counts as done everywhere, so the in-process rollback, the post step
 * and a re-run can all try the same deletion. `RunResources` is the ledger of one publish:
 * every id is recorded the moment it exists, settled when published, deleted on failure.
 */
import { DeleteSnapshotCommand, DeregisterImageCommand } from '@aws-sdk/client-ec2';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { CloudResource, ResourceRecorder } from '../types.js';
import type { AwsClients } from './clients.js';
import { awsErrorCode, awsFailure, callAws } from './errors.js';
import { describeImage } from './images.js';
import { terminateInstances, waitForTerminated } from './instances.js';
import { deleteSecurityGroup } from './security-groups.js';
import type { Timing } from './tuning.js';

/**
 * How long a snapshot may stay "in use" after its AMI was deregistered: AWS releases it
 * within seconds, and cloud-publishing §2.10 budgets a minute.
 */
export const SNAPSHOT_IN_USE_WAIT_MS = 60_000;
const SNAPSHOT_IN_USE_POLL_MS = 5_000;

type AwsResource = Extract<CloudResource, { cloud: 'aws' }>;

/** Deletes `snapshotId`; a snapshot already gone is fine, one still in use is waited for. */
export async function deleteSnapshot(
  clients: AwsClients,
  region: string,
  snapshotId: string,
  timing: Timing,
): Promise<void> {
  const { ec2 } = clients.forRegion(region);
  const started = timing.clock();
  for (;;) {
    try {
      await ec2.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
      return;
    } catch (error) {
      const code = awsErrorCode(error);
      if (code === 'InvalidSnapshot.NotFound') return;
      const waited = timing.clock() - started;
      if (code !== 'InvalidSnapshot.InUse' || waited >= SNAPSHOT_IN_USE_WAIT_MS) {
        throw awsFailure(error, { operation: 'DeleteSnapshot', region, subject: snapshotId });
      }
      await timing.sleep(SNAPSHOT_IN_USE_POLL_MS);
    }
  }
}

/** Deregisters `imageId` and deletes the snapshots behind it; an AMI already gone is fine. */
export async function deleteImage(
  clients: AwsClients,
  region: string,
  imageId: string,
  timing: Timing,
): Promise<void> {
  const { ec2 } = clients.forRegion(region);
  const image = await describeImage(ec2, region, imageId);
  if (image === undefined) return;
  await callAws({ operation: 'DeregisterImage', region, subject: imageId }, () =>
    ec2.send(new DeregisterImageCommand({ ImageId: imageId })).catch((error: unknown) => {
      if (awsErrorCode(error) !== 'InvalidAMIID.NotFound') throw error;
    }),
  );
  for (const snapshotId of image.snapshotIds) {
    await deleteSnapshot(clients, region, snapshotId, timing);
  }
}

/** Deletes one recorded resource; an instance is waited for until it is terminated. */
async function deleteResource(
  clients: AwsClients,
  resource: AwsResource,
  timing: Timing,
  logger: Logger,
) {
  const { region, id } = resource;
  switch (resource.kind) {
    case 'image':
      return deleteImage(clients, region, id, timing);
    case 'snapshot':
      return deleteSnapshot(clients, region, id, timing);
    case 'instance': {
      const { ec2 } = clients.forRegion(region);
      await terminateInstances(ec2, region, [id]);
      return waitForTerminated(ec2, region, id, { timing, logger });
    }
    case 'security-group':
      return deleteSecurityGroup(clients.forRegion(region).ec2, region, id, { timing, logger });
  }
}

const describe = (r: AwsResource) => `${r.kind} ${r.id} in ${r.region}`;

/** Deletion order: an instance holds its security group, an AMI its snapshots. */
const DELETE_ORDER: AwsResource['kind'][] = ['instance', 'security-group', 'image', 'snapshot'];

/**
 * Deletes `resources` in DELETE_ORDER and returns the ones that could not be deleted, each
 * with the reason. Never throws.
 */
export async function deleteAll(
  clients: AwsClients,
  resources: AwsResource[],
  timing: Timing,
  logger: Logger,
): Promise<{ resource: AwsResource; reason: string }[]> {
  const order = (r: AwsResource) => DELETE_ORDER.indexOf(r.kind);
  const failures: { resource: AwsResource; reason: string }[] = [];
  for (const resource of [...resources].sort((a, b) => order(a) - order(b))) {
    try {
      await deleteResource(clients, resource, timing, logger);
      logger.info(`Deleted ${describe(resource)}.`);
    } catch (error) {
      failures.push({ resource, reason: errorMessage(error) });
    }
  }
  return failures;
}

/**
 * The resources one publish created: each recorded (and reported) the moment its id exists,
 * and at the end either settled as published or deleted, newest first.
 */
export class RunResources {
  readonly #created: AwsResource[] = [];

  constructor(
    private readonly recorder: ResourceRecorder,
    private readonly clients: AwsClients,
    private readonly timing: Timing,
    private readonly logger: Logger,
  ) {}

  add(kind: 'snapshot' | 'image', region: string, id: string): void {
    const resource: AwsResource = { cloud: 'aws', kind, region, id };
    if (this.#created.some((r) => r.kind === kind && r.region === region && r.id === id)) return;
    this.#created.push(resource);
    this.recorder.created(resource);
  }

  get created(): readonly AwsResource[] {
    return this.#created;
  }

  /** Everything is published for good: nothing is left for the post step. */
  settleAll(): void {
    for (const resource of this.#created.splice(0)) this.recorder.settled(resource);
  }

  /**
   * Deletes everything this run created; what is deleted is settled, what cannot be stays
   * recorded for the post step and is named in a warning.
   */
  async rollback(): Promise<void> {
    if (this.#created.length === 0) return;
    const resources = this.#created.splice(0).reverse();
    this.logger.info(`Publishing to AWS failed: deleting ${resources.map(describe).join(', ')}.`);
    const failures = await deleteAll(this.clients, resources, this.timing, this.logger);
    for (const resource of resources) {
      if (!failures.some((f) => f.resource === resource)) this.recorder.settled(resource);
    }
    for (const { resource, reason } of failures) {
      this.logger.warning(`Could not delete ${describe(resource)}: ${reason}`);
    }
  }
}
