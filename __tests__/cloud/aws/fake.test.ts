// The fake is only worth its tests if it refuses what AWS refuses: these drive it with the real
// SDK clients and a raw HTTP request, and expect it to say no.
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import {
  CompleteSnapshotCommand,
  EBSClient,
  GetSnapshotBlockCommand,
  ListSnapshotBlocksCommand,
  PutSnapshotBlockCommand,
  StartSnapshotCommand,
} from '@aws-sdk/client-ebs';
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { type AwsFake, BLOCK_BYTES, startAwsFake } from './fake.js';
import { HOME, useFakeAws } from './fixtures.js';

let fake: AwsFake;
let restoreEnv: () => void;
let ebs: EBSClient;
let ec2: EC2Client;

beforeEach(async () => {
  fake = await startAwsFake();
  restoreEnv = useFakeAws({ all: fake.endpoint });
  ebs = new EBSClient({ region: HOME, maxAttempts: 1 });
  ec2 = new EC2Client({ region: HOME, maxAttempts: 1 });
});
afterEach(async () => {
  ebs.destroy();
  ec2.destroy();
  restoreEnv();
  await fake.close();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (e: { name: string; Reason?: string }) => `${e.name}${e.Reason ? ` ${e.Reason}` : ''}`,
  );

async function start(): Promise<string> {
  const out = await ebs.send(new StartSnapshotCommand({ VolumeSize: 1, ClientToken: 'tok' }));
  return out.SnapshotId!;
}

function put(SnapshotId: string, BlockIndex: number, block: Buffer, checksum = sha(block)) {
  return ebs.send(
    new PutSnapshotBlockCommand({
      SnapshotId,
      BlockIndex,
      BlockData: block,
      DataLength: BLOCK_BYTES,
      Checksum: checksum.toString('base64'),
      ChecksumAlgorithm: 'SHA256',
    }),
  );
}

function complete(SnapshotId: string, ChangedBlocksCount: number, aggregate: Buffer) {
  return ebs.send(
    new CompleteSnapshotCommand({
      SnapshotId,
      ChangedBlocksCount,
      Checksum: aggregate.toString('base64'),
      ChecksumAlgorithm: 'SHA256',
      ChecksumAggregationMethod: 'LINEAR',
    }),
  );
}

describe('EBS strictness', () => {
  test('a block whose checksum does not match its bytes', async () => {
    const id = await start();
    const block = Buffer.alloc(BLOCK_BYTES, 1);
    expect(await refusal(put(id, 0, block, sha(Buffer.alloc(BLOCK_BYTES, 2))))).toBe(
      'ValidationException INVALID_BLOCK',
    );
  });

  test('a block that is not 512 KiB', async () => {
    const id = await start();
    const short = Buffer.alloc(1000, 1);
    expect(await refusal(put(id, 0, short))).toBe('ValidationException INVALID_BLOCK');
  });

  test('a block beyond the volume, or to an unknown snapshot', async () => {
    const id = await start();
    const block = Buffer.alloc(BLOCK_BYTES, 1);
    expect(await refusal(put(id, 2048, block))).toBe('ValidationException INVALID_BLOCK');
    expect(await refusal(put('snap-0000000000000000', 0, block))).toBe(
      'ResourceNotFoundException SNAPSHOT_NOT_FOUND',
    );
  });

  test('CompleteSnapshot with a wrong count or aggregate; then the right one; then no more blocks', async () => {
    const id = await start();
    const blocks = [Buffer.alloc(BLOCK_BYTES, 1), Buffer.alloc(BLOCK_BYTES, 2)];
    await put(id, 3, blocks[1]!);
    await put(id, 0, blocks[0]!);
    const linear = sha(Buffer.concat([sha(blocks[0]!), sha(blocks[1]!)]));
    const wrongOrder = sha(Buffer.concat([sha(blocks[1]!), sha(blocks[0]!)]));
    expect(await refusal(complete(id, 3, linear))).toBe(
      'ValidationException INVALID_PARAMETER_VALUE',
    );
    expect(await refusal(complete(id, 2, wrongOrder))).toBe(
      'ValidationException INVALID_PARAMETER_VALUE',
    );
    expect(await refusal(complete(id, 2, linear))).toBe('accepted');
    expect(await refusal(put(id, 1, blocks[0]!))).toBe('ValidationException INVALID_SNAPSHOT_ID');
  });

  test('the same ClientToken with other parameters is a conflict', async () => {
    const first = await start();
    expect(await start()).toBe(first);
    expect(
      await refusal(ebs.send(new StartSnapshotCommand({ VolumeSize: 2, ClientToken: 'tok' }))),
    ).toBe('ConflictException');
  });

  test('what was stored reads back through ListSnapshotBlocks and GetSnapshotBlock', async () => {
    const id = await start();
    const block = Buffer.alloc(BLOCK_BYTES, 9);
    await put(id, 5, block);
    const list = await ebs.send(new ListSnapshotBlocksCommand({ SnapshotId: id }));
    expect(list.Blocks?.map((b) => b.BlockIndex)).toEqual([5]);
    const got = await ebs.send(
      new GetSnapshotBlockCommand({
        SnapshotId: id,
        BlockIndex: 5,
        BlockToken: list.Blocks![0]!.BlockToken,
      }),
    );
    const bytes = Buffer.from(await got.BlockData!.transformToByteArray());
    expect(bytes.equals(block)).toBe(true);
    expect(got.Checksum).toBe(sha(block).toString('base64'));
  });
});

describe('EC2 strictness', () => {
  test('an unknown filter name', async () => {
    expect(
      await refusal(
        ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })),
      ),
    ).toBe('InvalidParameterValue');
  });
});

describe('signatures', () => {
  const raw = (path: string, authorization?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(path, fake.endpoint);
      const req = request(
        url,
        { method: 'POST', headers: authorization ? { authorization } : {} },
        (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('{"VolumeSize":1}');
    });

  test('an unsigned request, or one signed for another service, is refused', async () => {
    expect((await raw('/snapshots')).status).toBe(403);
    const forEc2 =
      'AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/ec2/aws4_request, SignedHeaders=host, Signature=0';
    const answer = await raw('/snapshots', forEc2);
    expect(answer.status).toBe(403);
    expect(answer.body).toMatch(/Signed for ec2, sent to ebs/);
    expect(fake.store.list('snapshot')).toEqual([]);
  });
});
