/**
 * The EBS direct APIs of the AWS fake (REST-JSON, binary block bodies; cloud-publishing §8.2),
 * as strict as the service or stricter: every block's checksum is checked against its body,
 * its size and DataLength against 524288, the snapshot must be pending, and CompleteSnapshot's
 * ChangedBlocksCount and LINEAR aggregate must match what was stored. Blocks are kept on disk
 * (one sparse file per snapshot), so a gigabyte image costs no memory.
 */
import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import path from 'node:path';
import type { EbsOperation } from './fake-ebs-routes.js';
import { FAKE_ACCOUNT_ID, type FakeStore, newId, type SnapshotRecord } from './fake-state.js';
import { FakeAwsError } from './fake-wire.js';

export const BLOCK_BYTES = 524_288;
const MAX_VOLUME_GIB = 65_536;

/** One EBS request as the router hands it over. */
export interface EbsRequest {
  region: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** What an EBS handler answers on success. */
export interface EbsReply {
  status: number;
  json?: unknown;
  body?: Buffer;
  headers?: Record<string, string>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
const header = (request: EbsRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export interface EbsBehaviour {
  /** Describe polls a completed snapshot stays pending. */
  sealPolls: number;
  /** Describe-by-id polls a new snapshot stays invisible. */
  snapshotInvisiblePolls: number;
  /** Takes the next `snapshot-error` injection's message, if any. */
  takeSnapshotFailure(): string | undefined;
}

export class EbsService {
  readonly #handles = new Map<string, Promise<FileHandle>>();

  constructor(
    private readonly store: FakeStore,
    private readonly blockDir: string,
    private readonly behaviour: EbsBehaviour,
  ) {}

  async handle(operation: EbsOperation, request: EbsRequest): Promise<EbsReply> {
    switch (operation) {
      case 'StartSnapshot':
        return this.#start(request);
      case 'PutSnapshotBlock':
        return this.#put(request);
      case 'CompleteSnapshot':
        return this.#complete(request);
      case 'ListSnapshotBlocks':
        return this.#list(request);
      case 'GetSnapshotBlock':
        return this.#get(request);
    }
  }

  #snapshot(request: EbsRequest): SnapshotRecord {
    const id = request.params.snapshotId!;
    const snapshot = this.store.get('snapshot', request.region, id);
    if (snapshot === undefined) {
      throw new FakeAwsError(
        'ResourceNotFoundException',
        `The snapshot ${id} does not exist in ${request.region}.`,
        404,
        'SNAPSHOT_NOT_FOUND',
      );
    }
    return snapshot;
  }

  async #start(request: EbsRequest): Promise<EbsReply> {
    const input = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
    const volumeSize = input.VolumeSize;
    if (!Number.isInteger(volumeSize) || (volumeSize as number) < 1) {
      throw new FakeAwsError(
        'ValidationException',
        'VolumeSize is required',
        400,
        'INVALID_VOLUME_SIZE',
      );
    }
    if ((volumeSize as number) > MAX_VOLUME_GIB) {
      throw new FakeAwsError(
        'ValidationException',
        'VolumeSize too large',
        400,
        'INVALID_VOLUME_SIZE',
      );
    }
    const timeout = input.Timeout;
    if (
      timeout !== undefined &&
      (!Number.isInteger(timeout) || (timeout as number) < 10 || (timeout as number) > 4320)
    ) {
      throw new FakeAwsError(
        'ValidationException',
        `Timeout ${timeout} is out of range`,
        400,
        'INVALID_PARAMETER_VALUE',
      );
    }
    const token = input.ClientToken as string | undefined;
    if (token !== undefined && (token.length > 64 || /\s/.test(token))) {
      throw new FakeAwsError(
        'ValidationException',
        'ClientToken is not valid',
        400,
        'INVALID_PARAMETER_VALUE',
      );
    }
    const tags = (input.Tags as { Key: string; Value: string }[] | undefined) ?? [];
    if (
      tags.length > 50 ||
      tags.some((t) => !t.Key || t.Key.length > 127 || (t.Value ?? '').length > 255)
    ) {
      throw new FakeAwsError('ValidationException', 'Tags are not valid', 400, 'INVALID_TAG');
    }
    const kmsKeyArn = input.KmsKeyArn as string | undefined;
    if (kmsKeyArn !== undefined && input.Encrypted !== true) {
      throw new FakeAwsError(
        'ValidationException',
        'KmsKeyArn requires Encrypted',
        400,
        'INVALID_PARAMETER_VALUE',
      );
    }
    if (
      kmsKeyArn !== undefined &&
      !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/.+$/.test(kmsKeyArn)
    ) {
      throw new FakeAwsError(
        'ValidationException',
        'KmsKeyArn is not a key ARN',
        400,
        'INVALID_CUSTOMER_KEY',
      );
    }
    const { ClientToken: _token, ...rest } = input;
    const startParams = JSON.stringify(rest);
    if (token !== undefined) {
      const same = this.store.list('snapshot', request.region).find((s) => s.clientToken === token);
      if (same !== undefined) {
        if (same.startParams !== startParams) {
          throw new FakeAwsError(
            'ConflictException',
            'The ClientToken was used with other parameters.',
            409,
          );
        }
        return { status: 201, json: this.#startReply(same) };
      }
    }
    const id = newId('snap');
    const snapshot: SnapshotRecord = {
      type: 'snapshot',
      id,
      region: request.region,
      tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value ?? ''])),
      createdAt: new Date(),
      state: 'pending',
      volumeSize: volumeSize as number,
      description: (input.Description as string | undefined) ?? '',
      encrypted: input.Encrypted === true,
      kmsKeyArn,
      clientToken: token,
      startParams,
      blockFile: path.join(this.blockDir, `${request.region}-${id}.blocks`),
      digests: new Map(),
      completing: false,
      sealPollsLeft: 0,
      invisiblePollsLeft: this.behaviour.snapshotInvisiblePolls,
      createVolumeUsers: new Set(),
    };
    this.store.put(snapshot);
    return { status: 201, json: this.#startReply(snapshot) };
  }

  #startReply(snapshot: SnapshotRecord) {
    return {
      SnapshotId: snapshot.id,
      OwnerId: FAKE_ACCOUNT_ID,
      Status: snapshot.state,
      StartTime: snapshot.createdAt.getTime() / 1000,
      VolumeSize: snapshot.volumeSize,
      BlockSize: BLOCK_BYTES,
      Tags: Object.entries(snapshot.tags).map(([Key, Value]) => ({ Key, Value })),
      Description: snapshot.description,
      ...(snapshot.encrypted
        ? { KmsKeyArn: snapshot.kmsKeyArn ?? 'arn:aws:kms:default', SseType: 'sse-kms' }
        : { SseType: 'none' }),
    };
  }

  async #put(request: EbsRequest): Promise<EbsReply> {
    const snapshot = this.#snapshot(request);
    if (snapshot.state !== 'pending' || snapshot.completing) {
      throw new FakeAwsError(
        'ValidationException',
        `Snapshot ${snapshot.id} is not pending`,
        400,
        'INVALID_SNAPSHOT_ID',
      );
    }
    const index = Number(request.params.index);
    if (index >= (snapshot.volumeSize * 2 ** 30) / BLOCK_BYTES) {
      throw new FakeAwsError(
        'ValidationException',
        `BlockIndex ${index} is beyond the volume`,
        400,
        'INVALID_BLOCK',
      );
    }
    const dataLength = header(request, 'x-amz-data-length');
    if (dataLength !== String(BLOCK_BYTES) || request.body.length !== BLOCK_BYTES) {
      throw new FakeAwsError(
        'ValidationException',
        `DataLength ${dataLength} / body ${request.body.length} bytes: blocks are ${BLOCK_BYTES} bytes`,
        400,
        'INVALID_BLOCK',
      );
    }
    if (header(request, 'x-amz-checksum-algorithm') !== 'SHA256') {
      throw new FakeAwsError(
        'ValidationException',
        'ChecksumAlgorithm must be SHA256',
        400,
        'INVALID_BLOCK',
      );
    }
    const digest = sha256(request.body);
    const checksum = digest.toString('base64');
    const payloadHash = header(request, 'x-amz-content-sha256');
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== digest.toString('hex')) {
      throw new FakeAwsError(
        'XAmzContentSHA256Mismatch',
        `The provided 'x-amz-content-sha256' header does not match what was computed.`,
        400,
      );
    }
    if (header(request, 'x-amz-checksum') !== checksum) {
      throw new FakeAwsError(
        'ValidationException',
        `The checksum of block ${index} does not match its data`,
        400,
        'INVALID_BLOCK',
      );
    }
    const handle = await this.#handle(snapshot.blockFile);
    await handle.write(request.body, 0, BLOCK_BYTES, index * BLOCK_BYTES);
    snapshot.digests.set(index, digest);
    return {
      status: 201,
      headers: { 'x-amz-checksum': checksum, 'x-amz-checksum-algorithm': 'SHA256' },
    };
  }

  async #complete(request: EbsRequest): Promise<EbsReply> {
    const snapshot = this.#snapshot(request);
    if (snapshot.state !== 'pending' || snapshot.completing) {
      throw new FakeAwsError(
        'ValidationException',
        `Snapshot ${snapshot.id} is not pending`,
        400,
        'INVALID_SNAPSHOT_ID',
      );
    }
    const count = header(request, 'x-amz-changedblockscount');
    if (count !== String(snapshot.digests.size)) {
      throw new FakeAwsError(
        'ValidationException',
        `ChangedBlocksCount ${count}, but ${snapshot.digests.size} blocks were written`,
        400,
        'INVALID_PARAMETER_VALUE',
      );
    }
    const checksum = header(request, 'x-amz-checksum');
    if (checksum !== undefined) {
      if (
        header(request, 'x-amz-checksum-algorithm') !== 'SHA256' ||
        header(request, 'x-amz-checksum-aggregation-method') !== 'LINEAR'
      ) {
        throw new FakeAwsError(
          'ValidationException',
          'Checksum needs SHA256 and LINEAR',
          400,
          'INVALID_PARAMETER_VALUE',
        );
      }
      if (checksum !== linearAggregate(snapshot.digests).toString('base64')) {
        throw new FakeAwsError(
          'ValidationException',
          'The aggregate checksum does not match the blocks',
          400,
          'INVALID_PARAMETER_VALUE',
        );
      }
    }
    snapshot.completing = true;
    snapshot.sealPollsLeft = this.behaviour.sealPolls;
    snapshot.failWith = this.behaviour.takeSnapshotFailure();
    return { status: 202, json: { Status: 'pending' } };
  }

  #list(request: EbsRequest): EbsReply {
    const snapshot = this.#snapshot(request);
    const indexes = [...snapshot.digests.keys()].sort((a, b) => a - b);
    const start = Number(request.query.get('startingBlockIndex') ?? 0);
    const max = Number(request.query.get('maxResults') ?? 10_000);
    const from = Number(request.query.get('pageToken') ?? start);
    const page = indexes.filter((i) => i >= from).slice(0, max);
    const last = page[page.length - 1];
    const more = last !== undefined && indexes.some((i) => i > last);
    return {
      status: 200,
      json: {
        Blocks: page.map((BlockIndex) => ({
          BlockIndex,
          BlockToken: `${snapshot.id}.${BlockIndex}`,
        })),
        VolumeSize: snapshot.volumeSize,
        BlockSize: BLOCK_BYTES,
        ExpiryTime: Date.now() / 1000 + 600,
        ...(more ? { NextToken: String(last + 1) } : {}),
      },
    };
  }

  async #get(request: EbsRequest): Promise<EbsReply> {
    const snapshot = this.#snapshot(request);
    const index = Number(request.params.index);
    if (request.query.get('blockToken') !== `${snapshot.id}.${index}`) {
      throw new FakeAwsError(
        'ValidationException',
        'The block token is not valid',
        400,
        'INVALID_BLOCK_TOKEN',
      );
    }
    const block = await this.readBlock(snapshot, index);
    return {
      status: 200,
      body: block,
      headers: {
        'content-type': 'application/octet-stream',
        'x-amz-data-length': String(BLOCK_BYTES),
        'x-amz-checksum': sha256(block).toString('base64'),
        'x-amz-checksum-algorithm': 'SHA256',
      },
    };
  }

  /** The stored bytes of block `index` (zeros when it was never written). */
  async readBlock(snapshot: SnapshotRecord, index: number): Promise<Buffer> {
    const block = Buffer.alloc(BLOCK_BYTES);
    if (snapshot.digests.has(index)) {
      const handle = await this.#handle(snapshot.blockFile);
      await handle.read(block, 0, BLOCK_BYTES, index * BLOCK_BYTES);
    }
    return block;
  }

  #handle(file: string): Promise<FileHandle> {
    let handle = this.#handles.get(file);
    if (handle === undefined) {
      // Each snapshot has its own new file; copies share their source's (read only).
      handle = open(file, 'w+');
      this.#handles.set(file, handle);
    }
    return handle;
  }

  /** Closes every block file (the fake removes the folder afterwards). */
  async close(): Promise<void> {
    for (const handle of this.#handles.values()) await (await handle).close();
    this.#handles.clear();
  }
}

/** SHA-256 over the raw digests in ascending index order: the LINEAR aggregate. */
export function linearAggregate(digests: Map<number, Buffer>): Buffer {
  const hash = createHash('sha256');
  for (const index of [...digests.keys()].sort((a, b) => a - b)) hash.update(digests.get(index)!);
  return hash.digest();
}
