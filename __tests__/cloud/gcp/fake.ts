/**
 * Google Cloud in a box: one node:http server on 127.0.0.1 that speaks Cloud Storage's JSON
 * and resumable-upload protocol, Compute Engine's REST API for images and operations, and the
 * token endpoints of Workload Identity Federation. The real @google-cloud clients reach it
 * the way users' configuration would: through gcloud's endpoint overrides and an
 * external_account credentials file.
 *
 *   const fake = await startGcpFake({ projects: ['demo'], buckets: ['staging'] });
 *   const env = { ...fake.env, GOOGLE_APPLICATION_CREDENTIALS: await fake.writeCredentials(dir) };
 *   // spawn the CLI with env, or build a plan from it with planPublish(...)
 *   fake.images('demo');             // what Compute holds
 *   fake.extractedDisk('demo', name) // the disk.raw the import extracted (a sparse file)
 *   fake.requests                    // every call, with its route and IAM permissions
 *   await fake.close();              // stops the server and removes its folder
 *
 * Faults: `inject(route, fault, times)` (a status, a connection dropped mid-body, a lost
 * response), `failNextImport(errors)`, `omitHashes`, and `earlyWaits` (how often `wait` returns
 * RUNNING before the operation is awaited).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  type AuthState,
  authRoutes,
  type CredentialsOptions,
  newAuthState,
  writeExternalAccountFile,
} from './fake-auth.js';
import {
  type ComputeState,
  computeRoutes,
  type ImageResource,
  imageLink,
  newComputeState,
  type OperationError,
  operationRoutes,
  stamp,
} from './fake-compute.js';
import { dispatch, type Fault, FaultQueue, type RequestRecord, type Route } from './fake-http.js';
import {
  newStorageState,
  putObject,
  type StorageState,
  type StoredObject,
  storageRoutes,
} from './fake-storage.js';

export interface GcpFakeOptions {
  /** Projects that exist; calls for others get 404. Default ['demo-project']. */
  projects?: string[];
  /** Buckets that exist. Default ['nanoship-staging']. */
  buckets?: string[];
  /** Project number → project id, for credentials whose project is looked up. */
  projectNumbers?: Record<string, string>;
  /** The project the GCE metadata server reports (GCE_METADATA_HOST). */
  metadataProject?: string;
}

export interface GcpFake {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** What CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE / _STORAGE hold to reach the fake. */
  computeEndpoint: string;
  storageEndpoint: string;
  /** Those two variables and GCE_METADATA_HOST, ready to merge into an environment. */
  env: Record<string, string>;
  /** Every request so far, in order. */
  requests: RequestRecord[];
  /** Writes an external_account credentials file (as google-github-actions/auth does). */
  writeCredentials(dir: string, options?: CredentialsOptions): Promise<string>;
  /** The next `times` calls of `route` (e.g. 'storage.objects.upload') meet `fault`. */
  inject(route: string, fault: Fault, times?: number): void;
  /** Faults injected but not met yet (by route). */
  pendingFaults(): string[];
  /** The next image import ends with these operation errors. */
  failNextImport(errors: OperationError[]): void;
  /** How many times `wait` answers RUNNING before it waits for the end. */
  setEarlyWaits(count: number): void;
  /** Leave the hashes out of final upload replies (to show the client then refuses). */
  setOmitHashes(omit: boolean): void;
  images(project: string): ImageResource[];
  /** Adds an image as if created earlier (foreign or nanoship's), READY unless said. */
  seedImage(project: string, image: Partial<ImageResource> & { name: string }): ImageResource;
  /** The disk.raw the import of `image` extracted, as a (sparse) file. */
  extractedDisk(project: string, image: string): string;
  objects(bucket: string): StoredObject[];
  putObject(
    bucket: string,
    name: string,
    bytes: Buffer,
    metadata?: Record<string, string>,
  ): Promise<StoredObject>;
  /** Upload sessions started (finished or not). */
  uploadSessions(): number;
  /** Routes of further APIs (instances, firewalls) can be added by later tests. */
  addRoutes(routes: Route[]): void;
  state: { auth: AuthState; storage: StorageState; compute: ComputeState };
  close(): Promise<void>;
}

export async function startGcpFake(options: GcpFakeOptions = {}): Promise<GcpFake> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nanoship-gcp-fake-'));
  let baseUrl = '';
  const auth = newAuthState();
  for (const [number, id] of Object.entries(options.projectNumbers ?? {})) {
    auth.projectNumbers.set(number, id);
  }
  auth.metadataProject = options.metadataProject;
  const storage = newStorageState(dir, () => baseUrl);
  for (const bucket of options.buckets ?? ['nanoship-staging'])
    storage.buckets.set(bucket, new Map());
  const compute = newComputeState(dir, storage, options.projects ?? ['demo-project']);
  const routes: Route[] = [
    ...authRoutes(auth),
    ...storageRoutes(storage),
    ...computeRoutes(compute),
    ...operationRoutes(compute),
  ];
  const faults = new FaultQueue();
  const requests: RequestRecord[] = [];
  const server = createServer((req, res) => {
    dispatch(routes, faults, requests, (token) => auth.tokens.has(token), req, res).catch(
      (error: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 500, message: error.stack } }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const project = (name: string) => {
    const state = compute.projects.get(name);
    if (!state) throw new Error(`the fake has no project ${name}`);
    return state;
  };
  return {
    baseUrl,
    computeEndpoint: `${baseUrl}/compute/v1/`,
    storageEndpoint: `${baseUrl}/storage/v1/`,
    env: {
      CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: `${baseUrl}/compute/v1/`,
      CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE: `${baseUrl}/storage/v1/`,
      GCE_METADATA_HOST: baseUrl.slice('http://'.length),
    },
    requests,
    writeCredentials: (credentialsDir, credentialOptions) =>
      writeExternalAccountFile(credentialsDir, baseUrl, auth, credentialOptions),
    inject: (route, fault, times = 1) => faults.add(route, fault, times),
    pendingFaults: () => faults.pending(),
    failNextImport: (errors) => compute.importFailures.push(errors),
    setEarlyWaits: (count) => {
      compute.earlyWaits = count;
    },
    setOmitHashes: (omit) => {
      storage.omitHashes = omit;
    },
    images: (name) => [...project(name).images.values()],
    seedImage(name, image) {
      const seeded: ImageResource = {
        kind: 'compute#image',
        id: String(compute.nextId++),
        creationTimestamp: stamp(compute),
        status: 'READY',
        selfLink: imageLink(name, image.name),
        ...image,
      };
      project(name).images.set(seeded.name, seeded);
      return seeded;
    },
    extractedDisk: (name, image) => path.join(dir, 'disks', name, `${image}.raw`),
    objects: (bucket) => [...(storage.buckets.get(bucket)?.values() ?? [])],
    putObject: (bucket, name, bytes, metadata) => putObject(storage, bucket, name, bytes, metadata),
    uploadSessions: () => storage.sessions.size,
    addRoutes: (more) => routes.unshift(...more),
    state: { auth, storage, compute },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}
