/**
 * Shared set-up for the publish tests: the fake, a credentials file, the environment the
 * Google clients read (restored afterwards), a plan made by the lead's own planPublish from
 * gcloud's endpoint variables, image files, and a byte-for-byte check of an extracted disk.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {
  CloudResource,
  GcpPublishPlan,
  Provenance,
  ResourceRecorder,
} from '../../../src/cloud/types.js';
import { type Logger, recordingLogger } from '../../../src/log.js';
import { cliOptionName, emptyOptions, type Options } from '../../../src/plan/options.js';
import { planPublish } from '../../../src/plan/publish-plan.js';
import { type GcpFake, type GcpFakeOptions, startGcpFake } from './fake.js';
import type { CredentialsOptions } from './fake-auth.js';

export const PROJECT = 'demo-project';
export const BUCKET = 'nanoship-staging';

/** What the Google libraries read from the environment, saved and restored around a test. */
const GOOGLE_VARIABLES = [
  'GOOGLE_APPLICATION_CREDENTIALS',
  'GCE_METADATA_HOST',
  'GOOGLE_CLOUD_PROJECT',
  'GCLOUD_PROJECT',
];

export interface GcpWorld {
  fake: GcpFake;
  dir: string;
  /** The environment an edge would see: the endpoint variables and the credentials file. */
  env: Record<string, string>;
  logger: Logger & { lines: { level: string; message: string }[] };
  /** What publishing reported to its recorder. */
  created: CloudResource[];
  settled: CloudResource[];
  recorder: ResourceRecorder;
  stop(): Promise<void>;
}

/**
 * Starts the fake, writes an external_account credentials file and points the process's
 * Google variables at them (the clients read process.env themselves).
 */
export async function startWorld(
  options: GcpFakeOptions = {},
  credentials: CredentialsOptions = {},
): Promise<GcpWorld> {
  const fake = await startGcpFake({ projects: [PROJECT], buckets: [BUCKET], ...options });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nanoship-gcp-test-'));
  const saved = Object.fromEntries(GOOGLE_VARIABLES.map((name) => [name, process.env[name]]));
  const env: Record<string, string> = {
    ...fake.env,
    GOOGLE_APPLICATION_CREDENTIALS: await fake.writeCredentials(dir, credentials),
  };
  for (const name of GOOGLE_VARIABLES) delete process.env[name];
  process.env.GOOGLE_APPLICATION_CREDENTIALS = env.GOOGLE_APPLICATION_CREDENTIALS;
  process.env.GCE_METADATA_HOST = env.GCE_METADATA_HOST;
  const created: CloudResource[] = [];
  const settled: CloudResource[] = [];
  return {
    fake,
    dir,
    env,
    logger: recordingLogger(),
    created,
    settled,
    recorder: {
      created: (r) => void created.push(r),
      settled: (r) => void settled.push(r),
    },
    async stop() {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await fake.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The GCP plan exactly as the edges make it: planPublish over options and an environment. */
export function planFor(
  world: GcpWorld,
  options: Partial<Options> = {},
  provenance: Provenance = PROVENANCE,
): GcpPublishPlan {
  const plan = planPublish(
    { ...emptyOptions(), publish: ['gcp'], gcpBucket: BUCKET, gcpProject: PROJECT, ...options },
    cliOptionName,
    world.env,
    provenance,
  );
  return plan!.gcp!;
}

export const PROVENANCE: Provenance = {
  repo: 'octo/app',
  repoId: '4242',
  ref: 'refs/heads/main',
  sha: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d',
  run: '99-1',
};

export const CONTEXT = { provenance: PROVENANCE, channel: 'branch-main' };

export { compareWithPadded, GIB, writeImage } from './image-files.js';
