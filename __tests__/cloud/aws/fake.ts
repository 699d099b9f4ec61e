/**
 * A local AWS for tests and the benchmark: one node:http server on 127.0.0.1 that speaks the
 * EBS direct APIs (REST-JSON, binary blocks) and EC2 (Query, XML) as the real SDK clients send
 * them. Point the SDK at it the standard way, and nothing else changes:
 *
 *   const fake = await startAwsFake();
 *   process.env.AWS_ENDPOINT_URL = fake.endpoint;          // or AWS_ENDPOINT_URL_EBS / _EC2
 *   process.env.AWS_ACCESS_KEY_ID = 'AKIDFAKE'; process.env.AWS_SECRET_ACCESS_KEY = 'fake';
 *   …publish…
 *   expect(fake.operations('PutSnapshotBlock')).toHaveLength(128);
 *   await fake.close();
 *
 * Each request's region is the one its SigV4 signature was made for (the credential scope of
 * the Authorization header), and every resource lives in that region. `inject` adds faults:
 * errors (all, a share chosen by a seeded generator, or the first N), latency, a limit on
 * PutSnapshotBlock requests in flight, snapshots that seal into `error`, AMIs that fail,
 * instances that never run or end at launch.
 *
 * Instances boot for real (fake-instances.ts, fake-vm.ts): RunInstances assembles the AMI's
 * snapshot into a disk and starts `qemu-system-x86_64` from `instances.path` (default PATH)
 * on 127.0.0.N, its public IPv4 address, forwarding the ports its security groups open:
 *
 *   const fake = await startAwsFake({ instances: { path: `${standInBin}:${process.env.PATH}` } });
 *   …launch… → DescribeInstances' PublicIpAddress 127.0.0.2 answers on http://127.0.0.2:8080/
 *   fake.vms()  // [{ instanceId, address, pid, status }]
 *   await fake.close();  // kills every QEMU it started and removes its files
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BLOCK_BYTES, EbsService, linearAggregate } from './fake-ebs.js';
import { type EbsOperation, ebsRoute } from './fake-ebs-routes.js';
import { type Ec2Action, Ec2Service } from './fake-ec2.js';
import { type FakeVm, type InstanceOptions, listVms, startInstances } from './fake-instances.js';
import { describeKey, kmsKeyRecord } from './fake-kms.js';
import type { SeedSubnet } from './fake-network.js';
import { type SeedImage, type SeedSnapshot, seedImage, seedSnapshot } from './fake-seed.js';
import {
  FAKE_ACCOUNT_ID,
  FakeStore,
  type ImageRecord,
  type InstanceRecord,
  type SnapshotRecord,
} from './fake-state.js';
import {
  FakeAwsError,
  flatJson,
  parseQuery,
  type QueryNode,
  readBody,
  seededRandom,
  sendEbsError,
  sendEc2Error,
  sendEc2Result,
  sendJson,
  signingScope,
  text,
} from './fake-wire.js';

export type {
  FakeVm,
  ImageRecord,
  InstanceOptions,
  InstanceRecord,
  SeedImage,
  SeedSnapshot,
  SeedSubnet,
  SnapshotRecord,
};
export { BLOCK_BYTES, FAKE_ACCOUNT_ID, linearAggregate };

export interface AwsFakeOptions {
  /** Describe polls a snapshot stays pending after CompleteSnapshot (default 1). */
  sealPolls?: number;
  /** Describe-by-id polls a new snapshot is not found (default 0). */
  snapshotInvisiblePolls?: number;
  /** Describe polls a new AMI stays pending (default 1). */
  imagePendingPolls?: number;
  /** Per region: `block-new-sharing` turns public sharing off there. */
  blockPublicAccess?: Record<string, string>;
  /** Caps describe pages, so pagination is exercised. */
  describePageSize?: number;
  /** Seeds the generator behind `probability` injections (default 1). */
  seed?: number;
  instances?: InstanceOptions;
}

export type Injection =
  | {
      kind: 'error';
      operation: string;
      code: string;
      status?: number;
      message?: string;
      /** EBS exceptions: ACCOUNT_THROTTLED, SNAPSHOT_NOT_FOUND, … */
      reason?: string;
      region?: string;
      /** Share of matching requests hit (seeded); default all. */
      probability?: number;
      /** Requests hit before the injection is spent; default unlimited. */
      times?: number;
      /** Carry the request out, then answer with the error (a lost response). */
      afterEffect?: boolean;
    }
  | { kind: 'latency'; operation: string; ms: number }
  /** More PutSnapshotBlock requests than `max` in flight: ConcurrentLimitExceededException. */
  | { kind: 'concurrency-limit'; max: number }
  /** The next `times` snapshots completed seal into `error` with `message`. */
  | { kind: 'snapshot-error'; message: string; times?: number }
  /** The next `times` AMIs registered or copied (in `region`) end `failed`. */
  | { kind: 'image-failed'; code: string; message: string; region?: string; times?: number }
  /** The next `times` instances launched (in `region`) stay pending forever, never booted. */
  | { kind: 'instance-stuck'; region?: string; times?: number }
  /** The next `times` instances launched end terminated with this StateReason, never running. */
  | { kind: 'instance-failed'; code: string; message: string; region?: string; times?: number };

export interface LoggedRequest {
  service: 'ebs' | 'ec2' | 'kms';
  operation: string;
  /** The region of the SigV4 credential scope. */
  region: string;
  /** The access key the request was signed with. */
  accessKeyId?: string;
  status: number;
  /** The error code answered, if any. */
  code?: string;
  /** EC2: the Query parameters, flat. EBS: path parameters and the JSON body's fields. */
  params: Record<string, string>;
}

export interface AwsFake {
  /** `http://127.0.0.1:<port>`: the value for AWS_ENDPOINT_URL(_EBS|_EC2). */
  endpoint: string;
  store: FakeStore;
  requests: LoggedRequest[];
  /** Logged requests of `operation` (optionally only those answered with `status`). */
  operations(operation: string, status?: number): LoggedRequest[];
  inject(injection: Injection): void;
  /** The highest number of PutSnapshotBlock requests in flight at once. */
  peakBlocksInFlight(): number;
  /** A completed snapshot (with `blocks` stored) and an available AMI on it, as AWS would hold them. */
  seedImage(seed: SeedImage): { imageId: string; snapshotId: string };
  seedSnapshot(seed: SeedSnapshot): string;
  /** A KMS key (for DescribeKey) in `region`, with its aliases (`alias/…`). */
  seedKmsKey(
    region: string,
    options?: { aliases?: string[]; state?: 'Enabled' | 'Disabled' },
  ): { keyId: string; arn: string };
  /** The stored blocks of a snapshot: the indexes written and the bytes up to the last one. */
  readSnapshot(snapshotId: string): Promise<{ indexes: number[]; bytes: Buffer }>;
  /** A subnet (in a new non-default VPC unless `vpcId` is given), as a custom network. */
  seedSubnet(seed: SeedSubnet): { vpcId: string; subnetId: string };
  /** The VMs of booted instances, running or ended. */
  vms(): FakeVm[];
  /** The folder holding the fake's files (snapshot blocks, instance disks). */
  dir: string;
  /** More EC2 actions. */
  addEc2Action(name: string, action: Ec2Action): void;
  /** Stops the server, kills every QEMU it started, removes its files. */
  close(): Promise<void>;
}

export async function startAwsFake(options: AwsFakeOptions = {}): Promise<AwsFake> {
  const blockDir = await mkdtemp(path.join(os.tmpdir(), 'nanoship-aws-fake-'));
  const store = new FakeStore();
  const random = seededRandom(options.seed ?? 1);
  const injections: Injection[] = [];
  const requests: LoggedRequest[] = [];
  let blocksInFlight = 0;
  let peakInFlight = 0;

  /** The first injection of `kind` that applies, its `times` counted down. */
  const take = <K extends Injection['kind']>(
    kind: K,
    applies: (i: Extract<Injection, { kind: K }>) => boolean,
  ) => {
    const found = injections.find(
      (i): i is Extract<Injection, { kind: K }> =>
        i.kind === kind && applies(i as Extract<Injection, { kind: K }>),
    );
    if (found && 'times' in found && found.times !== undefined) {
      if (--found.times <= 0) injections.splice(injections.indexOf(found), 1);
    }
    return found;
  };

  const ebs = new EbsService(store, blockDir, {
    sealPolls: options.sealPolls ?? 1,
    snapshotInvisiblePolls: options.snapshotInvisiblePolls ?? 0,
    takeSnapshotFailure: () => take('snapshot-error', () => true)?.message,
  });
  const ec2 = new Ec2Service(store, {
    imagePendingPolls: options.imagePendingPolls ?? 1,
    blockPublicAccess: options.blockPublicAccess ?? {},
    describePageSize: options.describePageSize,
    takeImageFailure: (region) => {
      const found = take('image-failed', (i) => i.region === undefined || i.region === region);
      return found && { code: found.code, message: found.message };
    },
  });

  const instances = startInstances(store, blockDir, options, {
    takeStuck: (region) =>
      take('instance-stuck', (i) => i.region === undefined || i.region === region) !== undefined,
    takeFailure: (region) => {
      const found = take('instance-failed', (i) => i.region === undefined || i.region === region);
      return found && { code: found.code, message: found.message };
    },
    readBlock: (snapshot, index) => ebs.readBlock(snapshot, index),
  });
  for (const [name, action] of Object.entries(instances.actions)) ec2.actions.set(name, action);

  /** An injected error for this request, if one fires. */
  const injectedError = (operation: string, region: string, afterEffect: boolean) => {
    const rule = take('error', (i) => {
      if (i.operation !== operation || (i.region ?? region) !== region) return false;
      if ((i.afterEffect ?? false) !== afterEffect) return false;
      return i.probability === undefined || random() < i.probability;
    });
    return (
      rule &&
      new FakeAwsError(
        rule.code,
        rule.message ?? `injected ${rule.code}`,
        rule.status ?? 400,
        rule.reason,
      )
    );
  };

  async function serve(req: IncomingMessage, res: ServerResponse, entry: LoggedRequest) {
    const url = new URL(req.url ?? '/', 'http://fake');
    const target = req.headers['x-amz-target'];
    const atRoot = req.method === 'POST' && url.pathname === '/';
    const route = atRoot ? undefined : ebsRoute(req.method ?? '', url.pathname);
    entry.service = typeof target === 'string' ? 'kms' : route ? 'ebs' : 'ec2';
    const isBlock = route?.operation === 'PutSnapshotBlock';
    if (isBlock) peakInFlight = Math.max(peakInFlight, ++blocksInFlight);
    let released = false;
    const send = (fn: () => void) => {
      // Before the answer leaves: the client may start its next block at once.
      if (isBlock && !released) {
        released = true;
        blocksInFlight--;
      }
      fn();
    };
    const fail = (error: FakeAwsError) => {
      entry.status = error.status;
      entry.code = error.code;
      send(() => (entry.service === 'ec2' ? sendEc2Error(res, error) : sendEbsError(res, error)));
    };
    try {
      const body = await readBody(req);
      if (route === undefined && !atRoot) {
        throw new FakeAwsError('UnknownOperationException', `${req.method} ${url.pathname}`, 404);
      }
      const query = entry.service === 'ec2' ? parseQuery(body.toString('utf8')) : {};
      if (entry.service === 'kms') {
        entry.operation = String(target).split('.').at(-1) ?? '';
        entry.params = flatJson(body);
      } else if (route) {
        entry.operation = route.operation;
        entry.params = {
          ...route.params,
          ...(route.operation === 'StartSnapshot' ? flatJson(body) : {}),
        };
      } else {
        entry.operation = text(query.Action) ?? '';
        entry.params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
      }
      const scope = signingScope(req);
      if (scope === undefined) {
        throw new FakeAwsError('MissingAuthenticationToken', 'Request is not signed', 403);
      }
      entry.region = scope.region;
      entry.accessKeyId = scope.accessKeyId;
      if (scope.service !== entry.service) {
        throw new FakeAwsError(
          'InvalidSignatureException',
          `Signed for ${scope.service}, sent to ${entry.service}`,
          403,
        );
      }
      for (const i of injections) {
        if (i.kind === 'latency' && (i.operation === '*' || i.operation === entry.operation)) {
          await sleep(i.ms);
        }
      }
      const limit = injections.find((i) => i.kind === 'concurrency-limit');
      if (isBlock && limit && blocksInFlight > limit.max) {
        throw new FakeAwsError(
          'ConcurrentLimitExceededException',
          'You have reached the limit for concurrent API requests.',
          400,
        );
      }
      const before = injectedError(entry.operation, scope.region, false);
      if (before) throw before;
      const reply = await answer(entry, scope.region, res, { route, query, body, url, req });
      const after = injectedError(entry.operation, scope.region, true);
      if (after) throw after;
      entry.status = reply.status;
      send(reply.send);
    } catch (error) {
      if (error instanceof FakeAwsError) fail(error);
      else fail(new FakeAwsError('InternalError', `fake: ${(error as Error).stack}`, 500));
    }
  }

  /** Carries the request out; returns its status and how to send the success answer. */
  async function answer(
    entry: LoggedRequest,
    region: string,
    res: ServerResponse,
    request: {
      route: ReturnType<typeof ebsRoute>;
      query: QueryNode;
      body: Buffer;
      url: URL;
      req: IncomingMessage;
    },
  ): Promise<{ status: number; send: () => void }> {
    if (entry.service === 'kms') {
      if (entry.operation !== 'DescribeKey') {
        throw new FakeAwsError('UnknownOperationException', `KMS ${entry.operation}`);
      }
      const result = describeKey(store, region, request.body);
      return { status: 200, send: () => sendJson(res, 200, result) };
    }
    if (request.route) {
      const reply = await ebs.handle(request.route.operation as EbsOperation, {
        region,
        params: request.route.params,
        query: request.url.searchParams,
        headers: request.req.headers,
        body: request.body,
      });
      return {
        status: reply.status,
        send: () => {
          if (reply.body) {
            res.writeHead(reply.status, reply.headers);
            res.end(reply.body);
          } else sendJson(res, reply.status, reply.json, reply.headers);
        },
      };
    }
    const action = ec2.actions.get(entry.operation);
    if (action === undefined) {
      throw new FakeAwsError(
        'InvalidAction',
        `The action ${entry.operation} is not valid for this web service.`,
      );
    }
    const result = await action({ region, params: request.query });
    return { status: 200, send: () => sendEc2Result(res, entry.operation, result) };
  }

  const server = createServer((req, res) => {
    const entry: LoggedRequest = {
      service: 'ec2',
      operation: '',
      region: '',
      status: 0,
      params: {},
    };
    requests.push(entry);
    void serve(req, res, entry);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    store,
    requests,
    operations: (operation, status) =>
      requests.filter(
        (r) => r.operation === operation && (status === undefined || r.status === status),
      ),
    inject: (injection) => {
      injections.push({ ...injection });
    },
    peakBlocksInFlight: () => peakInFlight,
    seedSnapshot: (seed) => seedSnapshot(store, blockDir, seed),
    seedKmsKey: (region, options = {}) => {
      const key = kmsKeyRecord(
        region,
        randomUUID(),
        options.aliases ?? [],
        options.state ?? 'Enabled',
      );
      store.put(key);
      return { keyId: key.id, arn: key.arn };
    },
    seedImage: (seed) => seedImage(store, blockDir, seed),
    readSnapshot: async (snapshotId) => {
      const snapshot = store.find('snapshot', snapshotId);
      if (snapshot === undefined) throw new Error(`fake: no snapshot ${snapshotId}`);
      const indexes = [...snapshot.digests.keys()].sort((a, b) => a - b);
      const last = indexes[indexes.length - 1] ?? -1;
      const bytes = Buffer.alloc((last + 1) * BLOCK_BYTES);
      for (const index of indexes)
        (await ebs.readBlock(snapshot, index)).copy(bytes, index * BLOCK_BYTES);
      return { indexes, bytes };
    },
    seedSubnet: (seed) => instances.network.seedSubnet(seed),
    vms: () => listVms(instances.vms),
    dir: blockDir,
    addEc2Action: (name, action) => ec2.actions.set(name, action),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((e) => (e ? reject(e) : resolve())),
      );
      await instances.vms.close();
      await ebs.close();
      await rm(blockDir, { recursive: true, force: true });
    },
  };
}
