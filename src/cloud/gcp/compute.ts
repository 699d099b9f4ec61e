/**
 * The Compute Engine calls publishing makes, each one step: look images up, insert, delete,
 * deprecate, and wait for the global operation a mutation returns. Mutations carry a request
 * id and are retried on transient failures with the same id, so Google runs them once.
 */
import { randomUUID } from 'node:crypto';
import type { protos } from '@google-cloud/compute';
import { UserError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { type RetryOptions, retry } from '../../retry.js';
import type { GcpClients } from './clients.js';
import { googleFailure, isNotFound, isTransientGoogleError } from './google-errors.js';

export type GceImage = protos.google.cloud.compute.v1.IImage;
export type GceOperation = protos.google.cloud.compute.v1.IOperation;

/** An image import takes seconds to minutes; 20 minutes means something is wrong. */
export const IMPORT_DEADLINE_MS = 20 * 60_000;
/** Deleting or deprecating an image is quick. */
export const SMALL_OPERATION_DEADLINE_MS = 5 * 60_000;
/** Operation.Status.DONE when the client hands enums out as numbers. */
const DONE_NUMBER = 2104194;

/** Transient refusals (429, 5xx, a dropped connection): 4 attempts, 1 s then 2 s then 4 s apart. */
export const COMPUTE_RETRY: RetryOptions = { attempts: 4, minDelayMs: 1000, maxDelayMs: 8000 };

export interface ComputeContext {
  clients: GcpClients;
  logger: Logger;
  now: () => Date;
  signal?: AbortSignal;
  retry?: RetryOptions;
}

/** Runs one call, retried when Google's answer is transient. */
export function retried<T>(ctx: ComputeContext, label: string, call: () => Promise<T>): Promise<T> {
  return retry(call, {
    ...(ctx.retry ?? COMPUTE_RETRY),
    label,
    isRetryable: isTransientGoogleError,
    logger: ctx.logger,
  });
}

/** The image, or undefined when there is none of that name. */
export async function getImage(ctx: ComputeContext, name: string): Promise<GceImage | undefined> {
  const { project, images } = ctx.clients;
  try {
    const [image] = await images.get({ project, image: name });
    return image;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw googleFailure(error, {
      step: `reading image ${name}`,
      project,
      permission: 'compute.images.get',
    });
  }
}

/** Images whose labels hold every `labels` entry (server-side filter, checked again here). */
export async function listImagesByLabels(
  ctx: ComputeContext,
  labels: Record<string, string>,
): Promise<GceImage[]> {
  const { project, images } = ctx.clients;
  const filter = Object.entries(labels)
    .map(([key, value]) => `(labels.${key} = "${value}")`)
    .join(' ');
  const found: GceImage[] = [];
  try {
    for await (const image of images.listAsync({ project, filter }, { autoPaginate: false })) {
      if (Object.entries(labels).every(([key, value]) => image.labels?.[key] === value)) {
        found.push(image);
      }
    }
  } catch (error) {
    throw googleFailure(error, {
      step: 'listing images',
      project,
      permission: 'compute.images.list',
    });
  }
  return found;
}

/** Starts images.insert; returns its operation. A 409 is left to the caller. */
export async function insertImage(
  ctx: ComputeContext,
  resource: GceImage,
  requestId: string,
): Promise<GceOperation> {
  const { project, images } = ctx.clients;
  const [started] = await retried(ctx, `creating image ${resource.name}`, () =>
    images.insert({ project, imageResource: resource, requestId }),
  );
  return started.latestResponse as GceOperation;
}

/**
 * Deletes an image and waits for it to be gone; a missing image counts as deleted. The
 * request id is new for every call (retries inside it share it): an image deleted, created
 * again and deleted again within the hour must really be deleted the second time.
 */
export async function deleteImage(ctx: ComputeContext, name: string) {
  const { project, images } = ctx.clients;
  const requestId = randomUUID();
  const step = `deleting image ${name}`;
  let operation: GceOperation;
  try {
    const [started] = await retried(ctx, step, () =>
      images.delete({ project, image: name, requestId }),
    );
    operation = started.latestResponse as GceOperation;
  } catch (error) {
    if (isNotFound(error)) return;
    throw googleFailure(error, { step, project, permission: 'compute.images.delete' });
  }
  await waitForOperation(ctx, operation, step, SMALL_OPERATION_DEADLINE_MS);
}

/** Marks an image DEPRECATED in favour of `replacement` (a self link) and waits. */
export async function deprecateImage(
  ctx: ComputeContext,
  name: string,
  replacement: string,
): Promise<void> {
  const { project, images } = ctx.clients;
  const requestId = randomUUID();
  const step = `deprecating image ${name}`;
  const deprecationStatusResource = {
    state: 'DEPRECATED',
    replacement,
    deprecated: ctx.now().toISOString(),
  };
  let operation: GceOperation;
  try {
    const [started] = await retried(ctx, step, () =>
      images.deprecate({ project, image: name, deprecationStatusResource, requestId }),
    );
    operation = started.latestResponse as GceOperation;
  } catch (error) {
    throw googleFailure(error, { step, project, permission: 'compute.images.deprecate' });
  }
  await waitForOperation(ctx, operation, step, SMALL_OPERATION_DEADLINE_MS);
}

/**
 * Waits for a global operation: `wait` returns when the operation is done or after about two
 * minutes, so it is called until DONE or `deadlineMs` has passed. An operation that ends with
 * errors fails at once, listing every error.
 */
export async function waitForOperation(
  ctx: ComputeContext,
  started: GceOperation,
  step: string,
  deadlineMs: number,
): Promise<void> {
  const { project, operations } = ctx.clients;
  await awaitOperation(ctx, started, step, deadlineMs, {
    wait: (operation) => operations.wait({ project, operation }),
    scope: '--global',
    permission: 'compute.globalOperations.get',
  });
}

/** How to wait for one kind of operation (global, zonal). */
export interface OperationWaiter {
  /** One `wait` call: returns when the operation is done or after about two minutes. */
  wait(operation: string): Promise<[GceOperation, ...unknown[]]>;
  /** gcloud's flag for where the operation lives, for the message: `--global`, `--zone z`. */
  scope: string;
  /** The permission `wait` needs. */
  permission: string;
  /** A sentence to add when the operation ends with these errors (what to do about them). */
  hint?: (errors: OperationErrorItem[]) => string | undefined;
}

export type OperationErrorItem = NonNullable<NonNullable<GceOperation['error']>['errors']>[number];

/**
 * Calls `waiter.wait` until the operation is DONE or `deadlineMs` has passed; an operation
 * that ends with errors fails at once with one UserError listing every error.
 */
export async function awaitOperation(
  ctx: ComputeContext,
  started: GceOperation,
  step: string,
  deadlineMs: number,
  waiter: OperationWaiter,
): Promise<GceOperation> {
  const { project } = ctx.clients;
  const deadline = ctx.now().getTime() + deadlineMs;
  let operation = started;
  while (!isDone(operation)) {
    ctx.signal?.throwIfAborted();
    if (ctx.now().getTime() > deadline) {
      throw new UserError(
        `Timed out after ${deadlineMs / 60_000} min ${step} (operation ${operation.name} is still ${operation.status}); see it with "gcloud compute operations describe ${operation.name} ${waiter.scope} --project ${project}".`,
      );
    }
    try {
      [operation] = await retried(ctx, `waiting for ${operation.name}`, () =>
        waiter.wait(started.name!),
      );
    } catch (error) {
      throw googleFailure(error, {
        step: `waiting for operation ${started.name}`,
        project,
        permission: waiter.permission,
      });
    }
  }
  const errors = operation.error?.errors ?? [];
  if (errors.length > 0) {
    const list = errors.map((e) => `${e.code ?? 'ERROR'}: ${e.message ?? ''}`.trim()).join('; ');
    const hint = waiter.hint?.(errors);
    throw new UserError(`Google Cloud failed ${step}: ${list}.${hint ? ` ${hint}` : ''}`);
  }
  return operation;
}

function isDone(operation: GceOperation): boolean {
  return String(operation.status) === 'DONE' || Number(operation.status) === DONE_NUMBER;
}
