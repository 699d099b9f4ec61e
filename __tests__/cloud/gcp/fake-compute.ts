/**
 * Compute Engine's REST API for global images (cloud-publishing.md §8.4): insert, get, list
 * with a filter, getFromFamily, delete and deprecate; mutations answer with an operation
 * (fake-operations.ts). images.insert imports the tarball from the fake's storage as
 * strictly as Google describes it (fake-import.ts).
 *
 * Instances and firewalls fit the same shape: a route list using `answerWithOperation` (with
 * a zone for zonal operations) and a map in `ProjectState`.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { matchesFilter, parseFilter } from './fake-filter.js';
import type { Route, RouteContext } from './fake-http.js';
import { GIB, ImportError, importDiskArchive } from './fake-import.js';
import {
  answerWithOperation,
  type ComputeState,
  type ImageResource,
  type OperationError,
  type ProjectState,
  projectOf,
  repeated,
  SELF_LINK_BASE,
  stamp,
} from './fake-operations.js';

export { newComputeState, operationRoutes, stamp } from './fake-operations.js';
export type { ComputeState, ImageResource, OperationError, ProjectState };

const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const GUEST_OS_FEATURES = new Set([
  'VIRTIO_SCSI_MULTIQUEUE',
  'WINDOWS',
  'MULTI_IP_SUBNET',
  'UEFI_COMPATIBLE',
  'SECURE_BOOT',
  'GVNIC',
  'SEV_CAPABLE',
  'SEV_LIVE_MIGRATABLE',
  'SEV_LIVE_MIGRATABLE_V2',
  'SEV_SNP_CAPABLE',
  'TDX_CAPABLE',
  'IDPF',
  'SUSPEND_RESUME_COMPATIBLE',
  'BARE_METAL_LINUX_COMPATIBLE',
  'SNP_SVSM_CAPABLE',
]);
const RAW_DISK_SOURCE = /^https:\/\/storage\.googleapis\.com\/([^/]+)\/(.+)$/;
const DEPRECATION_STATES = new Set(['ACTIVE', 'DEPRECATED', 'OBSOLETE', 'DELETED']);

export function imageLink(project: string, name: string): string {
  return `${SELF_LINK_BASE}/projects/${project}/global/images/${name}`;
}

function imageOf(project: ProjectState, ctx: RouteContext, name: string) {
  const image = project.images.get(name);
  if (!image) {
    ctx.fail(
      404,
      'notFound',
      `The resource 'projects/${ctx.params[0]}/global/images/${name}' was not found`,
    );
  }
  return image;
}

const P = '^/compute/v1/projects/([^/]+)/global';

export function computeRoutes(state: ComputeState): Route[] {
  return [
    {
      id: 'compute.images.insert',
      method: 'POST',
      path: new RegExp(`${P}/images$`),
      // The caller also needs to read the object the image is made from (§4.5).
      permissions: ['compute.images.create', 'storage.objects.get'],
      handle: (ctx) => insertImage(state, ctx),
    },
    {
      id: 'compute.images.list',
      method: 'GET',
      path: new RegExp(`${P}/images$`),
      permissions: ['compute.images.list'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        if (!project) return;
        let filter: ReturnType<typeof parseFilter>;
        try {
          filter = parseFilter(ctx.query.filter ?? '');
        } catch (error) {
          return ctx.fail(
            400,
            'invalid',
            `Invalid value for field 'filter': ${(error as Error).message}`,
          );
        }
        const all = [...project.images.values()].filter((image) => matchesFilter(image, filter));
        const pageSize = Math.min(Number(ctx.query.maxResults ?? 500), 500);
        const start = Number(ctx.query.pageToken ?? 0);
        const items = all.slice(start, start + pageSize);
        const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
        ctx.send(200, { kind: 'compute#imageList', items, nextPageToken: next });
      },
    },
    {
      id: 'compute.images.getFromFamily',
      method: 'GET',
      path: new RegExp(`${P}/images/family/([^/]+)$`),
      permissions: ['compute.images.getFromFamily'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        if (!project) return;
        const family = ctx.params[1]!;
        const newest = [...project.images.values()]
          .filter((i) => i.family === family && i.status === 'READY')
          .filter((i) => !i.deprecated || i.deprecated.state === 'ACTIVE')
          .sort((a, b) => b.creationTimestamp.localeCompare(a.creationTimestamp))[0];
        if (!newest)
          return ctx.fail(
            404,
            'notFound',
            `The resource 'projects/${ctx.params[0]}/global/images/family/${family}' was not found`,
          );
        ctx.send(200, newest);
      },
    },
    {
      id: 'compute.images.get',
      method: 'GET',
      path: new RegExp(`${P}/images/([^/]+)$`),
      permissions: ['compute.images.get'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        const image = project && imageOf(project, ctx, ctx.params[1]!);
        if (image) ctx.send(200, image);
      },
    },
    {
      id: 'compute.images.delete',
      method: 'DELETE',
      path: new RegExp(`${P}/images/([^/]+)$`),
      permissions: ['compute.images.delete'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        if (!project || repeated(state, ctx)) return;
        const image = imageOf(project, ctx, ctx.params[1]!);
        if (!image) return;
        answerWithOperation(
          state,
          ctx,
          'delete',
          imageLink(ctx.params[0]!, image.name),
          async () => {
            project.images.delete(image.name);
            return undefined;
          },
        );
      },
    },
    {
      id: 'compute.images.deprecate',
      method: 'POST',
      path: new RegExp(`${P}/images/([^/]+)/deprecate$`),
      permissions: ['compute.images.deprecate'],
      async handle(ctx) {
        const project = projectOf(state, ctx);
        const body = await ctx.json<Record<string, string>>();
        if (!project || repeated(state, ctx)) return;
        const image = imageOf(project, ctx, ctx.params[1]!);
        if (!image) return;
        if (!DEPRECATION_STATES.has(body.state ?? '')) {
          return ctx.fail(
            400,
            'invalid',
            `Invalid value for field 'resource.state': '${body.state}'.`,
          );
        }
        const replacement = body.replacement;
        const replaced =
          replacement && /\/projects\/([^/]+)\/global\/images\/([^/]+)$/.exec(replacement);
        if (
          replacement &&
          (!replaced || !state.projects.get(replaced[1]!)?.images.has(replaced[2]!))
        ) {
          return ctx.fail(
            400,
            'invalid',
            `Invalid value for field 'resource.replacement': '${replacement}'.`,
          );
        }
        answerWithOperation(
          state,
          ctx,
          'deprecate',
          imageLink(ctx.params[0]!, image.name),
          async () => {
            image.deprecated = body.state === 'ACTIVE' ? undefined : body;
            return undefined;
          },
        );
      },
    },
  ];
}

/** The fields of an images.insert body the fake checks. */
interface ImageBody {
  name: string;
  family?: string;
  labels?: Record<string, string>;
  guestOsFeatures?: { type: string }[];
  architecture?: string;
  storageLocations?: string[];
  rawDisk?: { source?: string };
}

/** Why an image resource is invalid, worded as Google words it; undefined when it is fine. */
function invalidImage(image: ImageBody): string | undefined {
  if (!NAME.test(image.name ?? ''))
    return `Invalid value for field 'resource.name': '${image.name}'.`;
  if (image.family !== undefined && !NAME.test(image.family)) {
    return `Invalid value for field 'resource.family': '${image.family}'.`;
  }
  const labels = Object.entries((image.labels ?? {}) as Record<string, string>);
  if (labels.length > 64) return 'Too many labels: at most 64 are allowed.';
  for (const [key, value] of labels) {
    if (!LABEL_KEY.test(key) || !LABEL_VALUE.test(value)) {
      return `Invalid value for field 'resource.labels': '${key}=${value}'.`;
    }
  }
  for (const feature of image.guestOsFeatures ?? []) {
    if (!GUEST_OS_FEATURES.has(feature.type)) {
      return `Invalid value for field 'resource.guestOsFeatures[].type': '${feature.type}'.`;
    }
  }
  if (image.architecture !== undefined && !['X86_64', 'ARM64'].includes(image.architecture)) {
    return `Invalid value for field 'resource.architecture': '${image.architecture}'.`;
  }
  if ((image.storageLocations ?? []).length > 1) return 'At most one storage location is allowed.';
  if (!RAW_DISK_SOURCE.test(image.rawDisk?.source ?? '')) {
    return `Invalid value for field 'resource.rawDisk.source': '${image.rawDisk?.source}'.`;
  }
  return undefined;
}

async function insertImage(state: ComputeState, ctx: RouteContext): Promise<void> {
  const project = projectOf(state, ctx);
  const body = await ctx.json<ImageBody & Record<string, unknown>>();
  if (!project || repeated(state, ctx)) return;
  const projectId = ctx.params[0]!;
  const problem = invalidImage(body);
  if (problem) return ctx.fail(400, 'invalid', problem);
  if (project.images.has(body.name)) {
    return ctx.fail(
      409,
      'alreadyExists',
      `The resource 'projects/${projectId}/global/images/${body.name}' already exists`,
    );
  }
  const image: ImageResource = {
    ...body,
    name: body.name,
    kind: 'compute#image',
    id: String(state.nextId++),
    creationTimestamp: stamp(state),
    status: 'PENDING',
    sourceType: 'RAW',
    selfLink: imageLink(projectId, body.name),
    labelFingerprint: 'fake',
  };
  project.images.set(image.name, image);
  const failure = state.importFailures.shift();
  answerWithOperation(state, ctx, 'insert', image.selfLink as string, async () => {
    const errors = failure ?? (await importImage(state, projectId, image));
    image.status = errors ? 'FAILED' : 'READY';
    return errors;
  });
}

/** Reads rawDisk.source from the fake's storage like the real import; errors as Google's. */
async function importImage(state: ComputeState, project: string, image: ImageResource) {
  const [, bucket, encoded] = RAW_DISK_SOURCE.exec((image.rawDisk as { source: string }).source)!;
  const object = state.storage.buckets.get(bucket!)?.get(decodeURIComponent(encoded!));
  if (!object) {
    return [
      {
        code: 'RESOURCE_NOT_FOUND',
        message: `The resource '${(image.rawDisk as { source: string }).source}' was not found`,
      },
    ];
  }
  const dir = path.join(state.dir, 'disks', project);
  await mkdir(dir, { recursive: true });
  try {
    const disk = await importDiskArchive(object.file, path.join(dir, `${image.name}.raw`));
    image.diskSizeGb = String(disk.bytes / GIB);
    image.archiveSizeBytes = String(object.size);
    return undefined;
  } catch (error) {
    if (error instanceof ImportError) return [{ code: error.code, message: error.message }];
    throw error;
  }
}
