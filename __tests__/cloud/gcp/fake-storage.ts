/**
 * Cloud Storage's JSON API as far as a resumable upload needs it (cloud-publishing.md §8.5):
 * session start with `ifGenerationMatch=0`, chunk PUTs with Content-Range (308 + Range until
 * the last one, every chunk but the last a multiple of 256 KiB), status queries, the final
 * object with its CRC32C and MD5, and object get / list / delete. Objects are kept on disk.
 */
import { createHash, type Hash, randomUUID } from 'node:crypto';
import { appendFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Route, RouteContext } from './fake-http.js';
import { crc32cBase64, crc32cUpdate } from './fake-import.js';

/** Chunks other than the last must be multiples of this (Google's rule). */
export const UPLOAD_GRANULE_BYTES = 256 * 1024;

export interface StoredObject {
  bucket: string;
  name: string;
  generation: string;
  size: number;
  crc32c: string;
  md5Hash: string;
  contentType?: string;
  metadata?: Record<string, string>;
  timeCreated: string;
  /** Where the bytes are. */
  file: string;
}

interface Session {
  bucket: string;
  name: string;
  contentType?: string;
  metadata?: Record<string, string>;
  ifGenerationMatch?: string;
  /** Bytes persisted so far. */
  received: number;
  crc: number;
  md5: Hash;
  file: string;
  object?: StoredObject;
}

export interface StorageState {
  dir: string;
  buckets: Map<string, Map<string, StoredObject>>;
  sessions: Map<string, Session>;
  baseUrl: () => string;
  /** Leave crc32c and md5Hash out of final replies (only to show the client then refuses). */
  omitHashes: boolean;
  generation: number;
}

export function newStorageState(dir: string, baseUrl: () => string): StorageState {
  return {
    dir,
    buckets: new Map(),
    sessions: new Map(),
    baseUrl,
    omitHashes: false,
    generation: 1,
  };
}

/** The object resource as the JSON API returns it. */
export function objectResource(object: StoredObject, omitHashes = false) {
  return {
    kind: 'storage#object',
    id: `${object.bucket}/${object.name}/${object.generation}`,
    bucket: object.bucket,
    name: object.name,
    generation: object.generation,
    metageneration: '1',
    size: String(object.size),
    contentType: object.contentType,
    metadata: object.metadata,
    timeCreated: object.timeCreated,
    ...(omitHashes ? {} : { crc32c: object.crc32c, md5Hash: object.md5Hash }),
  };
}

/** Stores `bytes` as an object directly (a leftover from an earlier run, say). */
export async function putObject(
  state: StorageState,
  bucket: string,
  name: string,
  bytes: Buffer,
  metadata?: Record<string, string>,
): Promise<StoredObject> {
  const file = path.join(state.dir, `object-${randomUUID()}`);
  await writeFile(file, bytes);
  const object: StoredObject = {
    bucket,
    name,
    generation: String(state.generation++),
    size: bytes.length,
    crc32c: crc32cBase64(crc32cUpdate(0, bytes)),
    md5Hash: createHash('md5').update(bytes).digest('base64'),
    metadata,
    timeCreated: new Date().toISOString(),
    file,
  };
  bucketOf(state, bucket)!.set(name, object);
  return object;
}

function bucketOf(state: StorageState, bucket: string) {
  return state.buckets.get(bucket);
}

function missingBucket(ctx: RouteContext): void {
  ctx.fail(404, 'notFound', 'The specified bucket does not exist.');
}

export function storageRoutes(state: StorageState): Route[] {
  return [
    {
      id: 'storage.objects.insert',
      method: 'POST',
      path: /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/,
      permissions: ['storage.objects.create'],
      async handle(ctx) {
        const [bucket] = ctx.params as [string];
        const body = await ctx.json<{ name?: string; metadata?: Record<string, string> }>();
        if (ctx.query.uploadType !== 'resumable') {
          return ctx.fail(400, 'invalid', 'The fake only speaks uploadType=resumable.');
        }
        const objects = bucketOf(state, bucket);
        if (!objects) return missingBucket(ctx);
        const name = ctx.query.name ?? body.name;
        if (!name) return ctx.fail(400, 'required', 'Required parameter: name.');
        const ifGenerationMatch = ctx.query.ifGenerationMatch;
        if (ifGenerationMatch === '0' && objects.has(name)) {
          return ctx.fail(
            412,
            'conditionNotMet',
            'At least one of the pre-conditions you specified did not hold.',
          );
        }
        const id = randomUUID();
        const file = path.join(state.dir, `upload-${id}`);
        await writeFile(file, '');
        state.sessions.set(id, {
          bucket,
          name,
          contentType: ctx.req.headers['x-upload-content-type'] as string | undefined,
          metadata: body.metadata,
          ifGenerationMatch,
          received: 0,
          crc: 0,
          md5: createHash('md5'),
          file,
        });
        const location = `${state.baseUrl()}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&upload_id=${id}`;
        ctx.send(200, '', { location });
      },
    },
    {
      id: 'storage.objects.upload',
      method: 'PUT',
      path: /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/,
      permissions: ['storage.objects.create'],
      // The session URI is the credential: Google takes chunk PUTs without a token.
      bearer: false,
      handlesDrop: true,
      // Faults hit chunks that carry data, not status queries.
      faultable: (req) => /^bytes \d/.test(req.headers['content-range'] ?? ''),
      handle: (ctx) => uploadChunk(state, ctx),
    },
    {
      id: 'storage.objects.get',
      method: 'GET',
      path: /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/,
      permissions: ['storage.objects.get'],
      handle(ctx) {
        const [bucket, encoded] = ctx.params as [string, string];
        const objects = bucketOf(state, bucket);
        if (!objects) return missingBucket(ctx);
        const object = objects.get(decodeURIComponent(encoded));
        if (!object) return ctx.fail(404, 'notFound', 'No such object.');
        ctx.send(200, objectResource(object));
      },
    },
    {
      id: 'storage.objects.delete',
      method: 'DELETE',
      path: /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/,
      permissions: ['storage.objects.delete'],
      async handle(ctx) {
        const [bucket, encoded] = ctx.params as [string, string];
        const objects = bucketOf(state, bucket);
        if (!objects) return missingBucket(ctx);
        const object = objects.get(decodeURIComponent(encoded));
        if (!object) return ctx.fail(404, 'notFound', 'No such object.');
        objects.delete(object.name);
        await rm(object.file, { force: true });
        ctx.send(204);
      },
    },
    {
      id: 'storage.objects.list',
      method: 'GET',
      path: /^\/storage\/v1\/b\/([^/]+)\/o$/,
      permissions: ['storage.objects.list'],
      handle(ctx) {
        const [bucket] = ctx.params as [string];
        const objects = bucketOf(state, bucket);
        if (!objects) return missingBucket(ctx);
        const prefix = ctx.query.prefix ?? '';
        const items = [...objects.values()]
          .filter((o) => o.name.startsWith(prefix))
          .map((o) => objectResource(o));
        ctx.send(200, { kind: 'storage#objects', items });
      },
    },
  ];
}

/** A Content-Range header (a range and a total, either one may be a star) → its parts; undefined when malformed. */
function parseContentRange(header: string | undefined) {
  const match = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(header ?? '');
  if (!match) return undefined;
  return {
    first: match[1] === undefined ? undefined : Number(match[1]),
    last: match[2] === undefined ? undefined : Number(match[2]),
    total: match[3] === '*' ? undefined : Number(match[3]),
  };
}

async function uploadChunk(state: StorageState, ctx: RouteContext): Promise<void> {
  const session = state.sessions.get(ctx.query.upload_id ?? '');
  if (!session) {
    await ctx.body();
    return ctx.fail(404, 'notFound', 'No such upload session.');
  }
  const range = parseContentRange(ctx.req.headers['content-range']);
  if (!range) {
    await ctx.body();
    return ctx.fail(400, 'invalid', `Bad Content-Range: ${ctx.req.headers['content-range']}`);
  }
  const persistedRange = () =>
    session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : undefined;
  if (range.first === undefined) {
    await ctx.body(); // a status query
    if (session.object) return ctx.send(200, objectResource(session.object, state.omitHashes));
    return ctx.send(308, '', persistedRange());
  }
  if (session.object) {
    await ctx.body();
    return ctx.send(200, objectResource(session.object, state.omitHashes));
  }
  if (range.first !== session.received) {
    await ctx.body();
    return ctx.fail(
      400,
      'invalid',
      `Chunk starts at ${range.first}, but ${session.received} bytes are persisted.`,
    );
  }
  const length = range.last! - range.first + 1;
  const isLast = range.total !== undefined && range.last! + 1 === range.total;
  if (ctx.dropAfterBytes !== undefined) {
    // The connection breaks mid-chunk: Google keeps what it received in whole granules.
    const partial = await ctx.readThenDrop(ctx.dropAfterBytes);
    await persist(
      session,
      partial.subarray(0, partial.length - (partial.length % UPLOAD_GRANULE_BYTES)),
    );
    return;
  }
  const body = await ctx.body();
  if (body.length !== length) {
    return ctx.fail(
      400,
      'invalid',
      `Content-Range says ${length} bytes, the body has ${body.length}.`,
    );
  }
  if (!isLast && length % UPLOAD_GRANULE_BYTES !== 0) {
    return ctx.fail(400, 'invalid', `Chunk of ${length} bytes is not a multiple of 256 KiB.`);
  }
  await persist(session, body);
  if (!isLast) return ctx.send(308, '', persistedRange());
  await finish(state, session, ctx);
}

async function persist(session: Session, bytes: Buffer): Promise<void> {
  if (bytes.length === 0) return;
  await appendFile(session.file, bytes);
  session.received += bytes.length;
  session.crc = crc32cUpdate(session.crc, bytes);
  session.md5.update(bytes);
}

async function finish(state: StorageState, session: Session, ctx: RouteContext): Promise<void> {
  const crc32c = crc32cBase64(session.crc);
  const sentCrc = /crc32c=([^,]+)/.exec(String(ctx.req.headers['x-goog-hash'] ?? ''))?.[1];
  if (sentCrc !== undefined && sentCrc !== crc32c) {
    return ctx.fail(
      400,
      'invalid',
      `Provided CRC32C "${sentCrc}" doesn't match calculated CRC32C "${crc32c}".`,
    );
  }
  const objects = bucketOf(state, session.bucket)!;
  if (session.ifGenerationMatch === '0' && objects.has(session.name)) {
    return ctx.fail(
      412,
      'conditionNotMet',
      'At least one of the pre-conditions you specified did not hold.',
    );
  }
  const file = session.file;
  const object: StoredObject = {
    bucket: session.bucket,
    name: session.name,
    generation: String(state.generation++),
    size: (await stat(file)).size,
    crc32c,
    md5Hash: session.md5.digest('base64'),
    contentType: session.contentType,
    metadata: session.metadata,
    timeCreated: new Date().toISOString(),
    file,
  };
  session.object = object;
  objects.set(object.name, object);
  ctx.send(200, objectResource(object, state.omitHashes));
}
