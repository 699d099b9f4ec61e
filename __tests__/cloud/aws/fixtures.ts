/**
 * Shared pieces of the AWS tests: the SDK pointed at the fake through its standard variables
 * (and away from anything on this machine: profiles, config files, instance metadata), image
 * files laid out block by block, a virtual clock whose sleeps return at once, and a recorder
 * that remembers what was created and settled.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { publishToAws } from '../../../src/cloud/aws/index.js';
import type { Timing } from '../../../src/cloud/aws/tuning.js';
import type {
  AwsPublished,
  AwsPublishPlan,
  CloudResource,
  ImageToPublish,
  PublishContext,
  ResourceRecorder,
} from '../../../src/cloud/types.js';
import { recordingLogger } from '../../../src/log.js';
import { BLOCK_BYTES } from './fake.js';
import { seededRandom } from './fake-wire.js';

/** Variables the SDK reads that could send requests elsewhere or pick up real credentials. */
const SDK_VARIABLES = [
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_EBS',
  'AWS_ENDPOINT_URL_EC2',
  'AWS_ENDPOINT_URL_KMS',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_MAX_ATTEMPTS',
  'AWS_RETRY_MODE',
] as const;

/**
 * Points the SDK at `endpoints` with static test credentials, through the variables a user
 * would set; returns a function that restores the environment as it was.
 */
export function useFakeAws(endpoints: { all?: string; ebs?: string; ec2?: string }): () => void {
  const saved = Object.fromEntries(SDK_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of SDK_VARIABLES) delete process.env[name];
  const nowhere = path.join(os.tmpdir(), 'nanoship-no-aws-config-here');
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDNANOSHIPTEST',
    AWS_SECRET_ACCESS_KEY: 'nanoship-test-secret',
    AWS_CONFIG_FILE: nowhere,
    AWS_SHARED_CREDENTIALS_FILE: nowhere,
    AWS_EC2_METADATA_DISABLED: 'true',
    ...(endpoints.all ? { AWS_ENDPOINT_URL: endpoints.all } : {}),
    ...(endpoints.ebs ? { AWS_ENDPOINT_URL_EBS: endpoints.ebs } : {}),
    ...(endpoints.ec2 ? { AWS_ENDPOINT_URL_EC2: endpoints.ec2 } : {}),
  });
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/** A folder under os.tmpdir() and a function that removes it. */
export function makeTempDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nanoship-aws-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A run of blocks in an image file: random data, or zeros. */
export type Segment = { data: number } | { zero: number } | { partialData: number };

/**
 * Writes an image file from segments (`{ data: 3 }` = three 512 KiB blocks of random bytes,
 * `{ zero: 2 }` = two zero blocks, `{ partialData: n }` = n random bytes, not a whole block).
 */
export function writeImage(file: string, segments: Segment[]): Buffer {
  const parts = segments.map((segment) => {
    if ('data' in segment) return randomBytes(segment.data * BLOCK_BYTES);
    if ('zero' in segment) return Buffer.alloc(segment.zero * BLOCK_BYTES);
    return randomBytes(segment.partialData);
  });
  const bytes = Buffer.concat(parts);
  writeFileSync(file, bytes);
  return bytes;
}

/**
 * A clock that only moves when something sleeps on it; a sleep yields to the event loop and
 * returns, having added its time. `sleeps` lists every wait asked for.
 */
export function virtualTiming(seed = 7): { timing: Timing; sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    timing: {
      clock: () => now,
      random: seededRandom(seed),
      sleep: async (ms, signal) => {
        signal?.throwIfAborted();
        sleeps.push(ms);
        now += ms;
        await new Promise((resolve) => setImmediate(resolve));
        signal?.throwIfAborted();
      },
    },
  };
}

/** A recorder that keeps the order of events and the set still unsettled. */
export function trackingRecorder(): ResourceRecorder & {
  events: string[];
  unsettled: () => CloudResource[];
} {
  const events: string[] = [];
  const open: CloudResource[] = [];
  const key = (r: CloudResource) => `${r.kind} ${r.id}${'region' in r ? ` ${r.region}` : ''}`;
  return {
    events,
    unsettled: () => [...open],
    created(resource) {
      events.push(`created ${key(resource)}`);
      open.push(resource);
    },
    settled(resource) {
      events.push(`settled ${key(resource)}`);
      const at = open.findIndex((r) => key(r) === key(resource));
      if (at < 0) throw new Error(`settled without created: ${key(resource)}`);
      open.splice(at, 1);
    },
  };
}

export const HOME = 'eu-west-1';
export const REPO_ID = '424242';

export function imageAt(file: string, bytes: Buffer, overrides: Partial<ImageToPublish> = {}) {
  const image: ImageToPublish = {
    path: file,
    name: 'webapp',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    sizeBytes: bytes.length,
    arch: 'x86_64',
    bootMode: 'bios',
    klibs: ['tls'],
    kernelVersion: '0.1.55',
    ...overrides,
  };
  return image;
}

export function awsPlan(overrides: Partial<AwsPublishPlan> = {}): AwsPublishPlan {
  return {
    region: HOME,
    copyRegions: [],
    shareAccounts: [],
    public: false,
    tags: {},
    ...overrides,
  };
}

export function publishContext(
  overrides: Partial<PublishContext['provenance']> = {},
): PublishContext {
  return {
    provenance: {
      repo: 'octo/webapp',
      repoId: REPO_ID,
      ref: 'refs/heads/main',
      sha: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678',
      run: '1001-1',
      ...overrides,
    },
    channel: 'branch-main',
  };
}

/** Tags nanoship puts on its resources, for seeding the fake with "earlier runs". */
export function ownTags(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    'nanoship:managed': 'true',
    'nanoship:kind': 'image',
    'nanoship:image': 'webapp',
    'nanoship:channel': 'branch-main',
    'nanoship:repo': 'octo/webapp',
    'nanoship:repo-id': REPO_ID,
    'nanoship:digest': '0'.repeat(64),
    ...overrides,
  };
}

export interface PublishRun {
  result?: AwsPublished;
  error?: Error;
  recorder: ReturnType<typeof trackingRecorder>;
  logger: ReturnType<typeof recordingLogger>;
  /** Every sleep asked for on the virtual clock. */
  sleeps: number[];
}

/** Runs publishToAws with a tracking recorder, a recording logger and a virtual clock. */
export async function tryPublish(
  image: ImageToPublish,
  plan: AwsPublishPlan,
  context: PublishContext = publishContext(),
  options: { now?: Date; signal?: AbortSignal } = {},
): Promise<PublishRun> {
  const recorder = trackingRecorder();
  const logger = recordingLogger();
  const { timing, sleeps } = virtualTiming();
  const run: PublishRun = { recorder, logger, sleeps };
  try {
    run.result = await publishToAws(
      image,
      plan,
      context,
      { logger, recorder, signal: options.signal, now: () => options.now ?? new Date() },
      { timing },
    );
  } catch (error) {
    run.error = error as Error;
  }
  return run;
}
