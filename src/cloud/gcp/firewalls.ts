/**
 * The firewall-rule calls previews make: insert, get, list nanoship's by name, delete. Rules
 * are global; their mutations return global operations.
 */
import { randomUUID } from 'node:crypto';
import type { protos } from '@google-cloud/compute';
import {
  type GceOperation,
  retried,
  SMALL_OPERATION_DEADLINE_MS,
  waitForOperation,
} from './compute.js';
import { googleFailure, isNotFound } from './google-errors.js';
import type { PreviewContext } from './instances.js';
import { PREVIEW_PREFIX } from './preview-resource.js';

export type GceFirewall = protos.google.cloud.compute.v1.IFirewall;

/** Starts firewalls.insert; returns its operation. A 409 is left to the caller. */
export async function insertFirewall(
  ctx: PreviewContext,
  firewallResource: GceFirewall,
  requestId: string,
): Promise<GceOperation> {
  const { project, firewalls } = ctx.clients;
  const [started] = await retried(ctx, `creating firewall rule ${firewallResource.name}`, () =>
    firewalls.insert({ project, firewallResource, requestId }),
  );
  return started.latestResponse as GceOperation;
}

/** The rule, or undefined when there is none of that name. */
export async function getFirewall(
  ctx: PreviewContext,
  name: string,
): Promise<GceFirewall | undefined> {
  const { project, firewalls } = ctx.clients;
  try {
    const [rule] = await retried(ctx, `reading firewall rule ${name}`, () =>
      firewalls.get({ project, firewall: name }),
    );
    return rule;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw googleFailure(error, {
      step: `reading firewall rule ${name}`,
      project,
      permission: 'compute.firewalls.get',
    });
  }
}

/**
 * Rules whose name starts like a preview's (`nanoship-pr…`); the caller checks the metadata
 * in their descriptions, as a name alone proves nothing.
 */
export async function listPreviewFirewalls(ctx: PreviewContext): Promise<GceFirewall[]> {
  const { project, firewalls } = ctx.clients;
  const found: GceFirewall[] = [];
  try {
    const filter = `name eq "${PREVIEW_PREFIX}.*"`;
    for await (const rule of firewalls.listAsync({ project, filter }, { autoPaginate: false })) {
      if (rule.name?.startsWith(PREVIEW_PREFIX)) found.push(rule);
    }
  } catch (error) {
    throw googleFailure(error, {
      step: 'listing firewall rules',
      project,
      permission: 'compute.firewalls.list',
    });
  }
  return found;
}

/** Deletes a rule and waits until it is gone; false when there was none to delete. */
export async function deleteFirewall(ctx: PreviewContext, name: string): Promise<boolean> {
  const { project, firewalls } = ctx.clients;
  const requestId = randomUUID();
  const step = `deleting firewall rule ${name}`;
  let operation: GceOperation;
  try {
    const [started] = await retried(ctx, step, () =>
      firewalls.delete({ project, firewall: name, requestId }),
    );
    operation = started.latestResponse as GceOperation;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw googleFailure(error, { step, project, permission: 'compute.firewalls.delete' });
  }
  await waitForOperation(ctx, operation, step, SMALL_OPERATION_DEADLINE_MS);
  return true;
}
