// The clients take endpoints and credentials only from the SDK's standard sources: the
// AWS_ENDPOINT_URL(_EBS|_EC2) variables reach the right service each, the key in the
// environment signs, and the agent lets the uploader's 64 blocks be in flight at once.
import path from 'node:path';
import { EBSClient, PutSnapshotBlockCommand } from '@aws-sdk/client-ebs';
import { DescribeImagesCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { AwsClients } from '../../../src/cloud/aws/clients.js';
import { CONCURRENCY_MAX } from '../../../src/cloud/aws/concurrency.js';
import { uploadSnapshot } from '../../../src/cloud/aws/snapshot-upload.js';
import { recordingLogger } from '../../../src/log.js';
import { type AwsFake, startAwsFake } from './fake.js';
import {
  awsPlan,
  HOME,
  imageAt,
  makeTempDir,
  tryPublish,
  useFakeAws,
  virtualTiming,
  writeImage,
} from './fixtures.js';

let temp: ReturnType<typeof makeTempDir>;
const fakes: AwsFake[] = [];
let restoreEnv = () => {};

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(async () => {
  restoreEnv();
  temp.remove();
  for (const fake of fakes.splice(0)) await fake.close();
});

async function fake() {
  const started = await startAwsFake();
  fakes.push(started);
  return started;
}

/** The host a client would send `DescribeImages` to, caught before it leaves. */
async function hostFor(clients: AwsClients, region: string): Promise<string> {
  const { ec2 } = clients.forRegion(region);
  let host = '';
  ec2.middlewareStack.add(
    () => async (args) => {
      const request = args.request as { hostname: string; port?: number; protocol: string };
      host = `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`;
      throw new Error('caught');
    },
    { step: 'finalizeRequest', name: 'catchHost' },
  );
  await ec2.send(new DescribeImagesCommand({ Owners: ['self'] })).catch(() => {});
  return host;
}

describe('endpoints', () => {
  test('AWS_ENDPOINT_URL_EBS and _EC2 each send their service to its own endpoint', async () => {
    const ebsFake = await fake();
    const ec2Fake = await fake();
    // The generic variable points nowhere: the service-specific ones must win.
    restoreEnv = useFakeAws({
      all: 'http://127.0.0.1:9',
      ebs: ebsFake.endpoint,
      ec2: ec2Fake.endpoint,
    });
    const file = path.join(temp.dir, 'a.img');
    const image = imageAt(file, writeImage(file, [{ data: 2 }]));
    // The two fakes do not share state, so drive the upload and the EC2 side separately.
    const clients = new AwsClients();
    try {
      const uploaded = await uploadSnapshot({
        ebs: clients.forRegion(HOME).ebs,
        region: HOME,
        file: image.path,
        snapshot: { clientToken: 't', tags: {}, description: 'd' },
        concurrency: 'adaptive',
        timing: virtualTiming().timing,
        logger: recordingLogger(),
        onStarted: () => {},
      });
      expect(uploaded.blocks).toBe(2);
      await clients.forRegion(HOME).ec2.send(new DescribeImagesCommand({ Owners: ['self'] }));
    } finally {
      clients.destroy();
    }
    expect(new Set(ebsFake.requests.map((r) => r.service))).toEqual(new Set(['ebs']));
    expect(new Set(ec2Fake.requests.map((r) => r.service))).toEqual(new Set(['ec2']));
    expect(ebsFake.operations('PutSnapshotBlock')).toHaveLength(2);
    expect(ec2Fake.operations('DescribeImages')).toHaveLength(1);
  });

  test('AWS_ENDPOINT_URL alone serves both, signed with the key from the environment', async () => {
    const both = await fake();
    restoreEnv = useFakeAws({ all: both.endpoint });
    const file = path.join(temp.dir, 'a.img');
    const run = await tryPublish(imageAt(file, writeImage(file, [{ data: 1 }])), awsPlan());
    expect(run.error).toBeUndefined();
    expect(new Set(both.requests.map((r) => r.service))).toEqual(new Set(['ebs', 'ec2']));
    expect(new Set(both.requests.map((r) => r.accessKeyId))).toEqual(new Set(['AKIDNANOSHIPTEST']));
  });

  test('the variables are what moves the endpoint (and the tests keep the opt-out unset)', async () => {
    restoreEnv = useFakeAws({ ec2: 'http://127.0.0.1:4567' });
    expect(process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS).toBeUndefined();
    const clients = new AwsClients();
    try {
      expect(await hostFor(clients, 'us-west-2')).toBe('http://127.0.0.1:4567');
      process.env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'true';
      const ignoring = new AwsClients();
      expect(await hostFor(ignoring, 'us-west-2')).toBe('https://ec2.us-west-2.amazonaws.com');
      ignoring.destroy();
    } finally {
      clients.destroy();
    }
  });
});

describe('connections', () => {
  test(`the agent lets ${CONCURRENCY_MAX} blocks be in flight at once (the SDK's default stops at 50)`, async () => {
    const slow = await fake();
    restoreEnv = useFakeAws({ all: slow.endpoint });
    slow.inject({ kind: 'latency', operation: 'PutSnapshotBlock', ms: 400 });
    const file = path.join(temp.dir, 'a.img');
    writeImage(file, [{ data: 128 }]);
    const upload = (ebs: EBSClient, clientToken: string) =>
      uploadSnapshot({
        ebs,
        region: HOME,
        file,
        snapshot: { clientToken, tags: {}, description: 'd' },
        concurrency: CONCURRENCY_MAX,
        timing: virtualTiming().timing,
        logger: recordingLogger(),
        onStarted: () => {},
      });
    // The control: a client with the SDK's own connection defaults.
    const plain = new EBSClient({ region: HOME });
    await upload(plain, 'plain').finally(() => plain.destroy());
    expect(slow.peakBlocksInFlight()).toBeLessThanOrEqual(50);
    const clients = new AwsClients();
    await upload(clients.forRegion(HOME).ebs, 'ours').finally(() => clients.destroy());
    // Past the SDK's default of 50 (all 64 at once when nothing else competes for the CPU).
    expect(slow.peakBlocksInFlight()).toBeGreaterThan(50);
    expect(slow.peakBlocksInFlight()).toBeLessThanOrEqual(CONCURRENCY_MAX);
  }, 30_000);
});

describe('signing', () => {
  test('a block is signed with the digest the uploader computed, not hashed a second time', async () => {
    restoreEnv = useFakeAws({ all: 'http://127.0.0.1:9' });
    const clients = new AwsClients();
    const { ebs } = clients.forRegion(HOME);
    let signed = '';
    ebs.middlewareStack.add(
      () => async (args) => {
        signed = (args.request as { headers: Record<string, string> }).headers[
          'x-amz-content-sha256'
        ]!;
        throw new Error('caught');
      },
      { step: 'finalizeRequest', name: 'catchPayloadHash' },
    );
    // A checksum that is not the body's: only a header taken from it can carry this value.
    const claimed = Buffer.alloc(32, 0xab);
    await ebs
      .send(
        new PutSnapshotBlockCommand({
          SnapshotId: 'snap-1',
          BlockIndex: 0,
          BlockData: Buffer.alloc(524_288),
          DataLength: 524_288,
          Checksum: claimed.toString('base64'),
          ChecksumAlgorithm: 'SHA256',
        }),
      )
      .catch(() => {});
    clients.destroy();
    expect(signed).toBe(claimed.toString('hex'));
  });
});
