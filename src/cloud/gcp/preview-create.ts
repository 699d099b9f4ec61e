/**
 * The two creations of a launch, each with its operation: the firewall rule, then the instance
 * (waited for until RUNNING with an external address). A resource of the same name that an
 * earlier attempt of this very preview left is used; anyone else's is an error. Each is
 * reported through `record` the moment it may exist.
 */
import { randomUUID } from 'node:crypto';
import { isUserError, UserError } from '../../errors.js';
import type { CloudResource, PreviewLaunch } from '../types.js';
import { SMALL_OPERATION_DEADLINE_MS, waitForOperation } from './compute.js';
import { deleteFirewall, type GceFirewall, getFirewall, insertFirewall } from './firewalls.js';
import { describeGoogleError, googleFailure } from './google-errors.js';
import { requestIdFor } from './image-resource.js';
import {
  type GceInstance,
  getInstance,
  insertInstance,
  type PreviewContext,
  waitForZoneOperation,
  waitUntilRunning,
} from './instances.js';
import {
  decodeFirewallMetadata,
  firewallResourceFor,
  instanceResourceFor,
  isPreviewOf,
  natIpOf,
  PreviewLabels,
  type PreviewNames,
} from './preview-resource.js';

/**
 * Request ids are derived from the request, so Google runs a retried call once. The other
 * side of that: for about an hour Google answers a repeated id with the first, finished
 * operation, so a launch of a build whose earlier launch (in this run, since destroyed) used
 * the same id gets no resource. A resource missing after a successful operation is therefore
 * asked for again once, under a random id.
 */
const INSERT_ROUNDS = 2;

/** firewalls.insert and its operation; a rule an earlier attempt left for this instance is used. */
export async function createFirewall(
  ctx: PreviewContext,
  request: PreviewLaunch,
  names: PreviewNames,
  network: string,
  attempt: string,
  record: (resource: CloudResource) => void,
): Promise<void> {
  const { project } = ctx.clients;
  const resource = firewallResourceFor(request, names, network);
  const step = `creating firewall rule ${names.firewall}`;
  const firewall: CloudResource = { cloud: 'gcp', kind: 'firewall', project, id: names.firewall };
  for (let round = 1; round <= INSERT_ROUNDS; round++) {
    const requestId =
      round === 1
        ? requestIdFor('firewalls.insert', project, names.firewall, attempt)
        : randomUUID();
    try {
      const operation = await insertFirewall(ctx, resource, requestId);
      record(firewall);
      await waitForOperation(ctx, operation, step, SMALL_OPERATION_DEADLINE_MS);
    } catch (error) {
      if (describeGoogleError(error).status !== 409) {
        throw firewallFailure(error, step, project, network);
      }
      if (await adoptFirewall(ctx, request, names, resource)) return record(firewall);
      continue;
    }
    if ((await getFirewall(ctx, names.firewall)) !== undefined) return;
    ctx.logger.info(`Firewall rule ${names.firewall} is missing after its insert: asking again.`);
  }
  throw new UserError(
    `Firewall rule ${names.firewall} could not be created in project ${project} (it was missing after ${INSERT_ROUNDS} inserts that Google reported done); run again.`,
  );
}

/**
 * A rule of this name exists. If it is nanoship's for this preview with the same ports and
 * tag, it is used (true); if it is nanoship's for this preview but differs, it is deleted so
 * it can be made anew (false); anyone else's is an error.
 */
async function adoptFirewall(
  ctx: PreviewContext,
  request: PreviewLaunch,
  names: PreviewNames,
  wanted: Record<string, unknown>,
): Promise<boolean> {
  const existing = await getFirewall(ctx, names.firewall);
  if (existing === undefined) return false;
  const metadata = decodeFirewallMetadata(existing.description);
  const { repoId, pr } = request.provenance;
  if (!isPreviewOf(metadata, { repoId: repoId!, pr })) {
    throw new UserError(
      `Firewall rule ${names.firewall} exists in project ${ctx.clients.project} and is not nanoship's rule for this pull request (its description holds no matching nanoship metadata): delete it ("gcloud compute firewall-rules delete ${names.firewall} --project ${ctx.clients.project}") or rename it.`,
    );
  }
  if (sameOpening(existing, wanted as GceFirewall)) {
    ctx.logger.info(
      `Firewall rule ${names.firewall} already exists (an earlier attempt's): using it.`,
    );
    return true;
  }
  ctx.logger.info(
    `Firewall rule ${names.firewall} of an earlier attempt opens other ports: replacing it.`,
  );
  await deleteFirewall(ctx, names.firewall);
  return false;
}

function sameOpening(a: GceFirewall, b: GceFirewall): boolean {
  const opening = (rule: GceFirewall) =>
    JSON.stringify({
      network: rule.network?.replace(/^.*\/(global\/networks\/)/, '$1'),
      tags: [...(rule.targetTags ?? [])].sort(),
      allowed: (rule.allowed ?? []).map((x) => [x.IPProtocol, [...(x.ports ?? [])].sort()]),
      sources: [...(rule.sourceRanges ?? [])].sort(),
    });
  return opening(a) === opening(b);
}

/** A refused firewall insert; a missing network gets its own words. */
function firewallFailure(error: unknown, step: string, project: string, network: string) {
  if (isUserError(error)) return error;
  const { status, message } = describeGoogleError(error);
  if (status === 404 && message.includes(`networks/${network}`)) {
    return new UserError(
      `Network ${network} does not exist in project ${project} (${message}): name an existing VPC network with gcp-network. Projects made under the organisation policy compute.skipDefaultNetworkCreation have no default network.`,
      { cause: error },
    );
  }
  return googleFailure(error, {
    step,
    project,
    permission: 'compute.firewalls.create',
  });
}

/** instances.insert, its operation, then RUNNING with an external address. */
export async function createInstance(
  ctx: PreviewContext,
  request: PreviewLaunch,
  names: PreviewNames,
  settings: { zone: string; network?: string },
  attempt: string,
  record: (resource: CloudResource) => void,
): Promise<GceInstance> {
  const { project } = ctx.clients;
  const { zone } = settings;
  const network = settings.network ?? 'default';
  const resource = instanceResourceFor(request, names, { project, zone, network, now: ctx.now() });
  const step = `creating instance ${names.instance} in ${zone}`;
  const instance: CloudResource = {
    cloud: 'gcp',
    kind: 'instance',
    project,
    zone,
    id: names.instance,
  };
  for (let round = 1; round <= INSERT_ROUNDS; round++) {
    const requestId =
      round === 1
        ? requestIdFor('instances.insert', project, zone, names.instance, attempt)
        : randomUUID();
    try {
      const operation = await insertInstance(ctx, zone, resource, requestId);
      record(instance);
      await waitForZoneOperation(ctx, zone, operation, step);
    } catch (error) {
      if (isUserError(error) || describeGoogleError(error).status !== 409) {
        throw isUserError(error)
          ? error
          : googleFailure(error, { step, project, permission: 'compute.instances.create' });
      }
      await adoptInstance(ctx, request, names, zone, resource);
      record(instance);
      break;
    }
    if ((await getInstance(ctx, zone, names.instance)) !== undefined) break;
    ctx.logger.info(`Instance ${names.instance} is missing after its insert: asking again.`);
  }
  const running = await waitUntilRunning(ctx, zone, names.instance);
  if (natIpOf(running) === undefined) {
    throw new UserError(
      `Instance ${names.instance} runs without an external IP address, so the preview cannot be reached; an organisation policy (compute.vmExternalIpAccess) may have removed it.`,
    );
  }
  return running;
}

/** An instance of this name exists: nanoship's for this very build is used, else an error. */
async function adoptInstance(
  ctx: PreviewContext,
  request: PreviewLaunch,
  names: PreviewNames,
  zone: string,
  wanted: Record<string, unknown>,
): Promise<void> {
  const existing = await getInstance(ctx, zone, names.instance);
  const labels = existing?.labels ?? {};
  const { repoId, pr } = request.provenance;
  const sha = (wanted.labels as Record<string, string>)[PreviewLabels.sha];
  if (
    existing &&
    isPreviewOf(labels, { repoId: repoId!, pr }) &&
    labels[PreviewLabels.sha] === sha
  ) {
    ctx.logger.info(`Instance ${names.instance} of this build already exists: using it.`);
    return;
  }
  throw new UserError(
    `Instance name ${names.instance} is taken in ${zone} of project ${ctx.clients.project} by ${existing ? 'an instance that is not this preview' : 'an instance being deleted'}: delete it ("gcloud compute instances delete ${names.instance} --zone ${zone} --project ${ctx.clients.project}") and run again.`,
  );
}
