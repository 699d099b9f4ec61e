/**
 * Google Cloud in a box: one node:http server on 127.0.0.1 that speaks Cloud Storage's JSON
 * and resumable-upload protocol, Compute Engine's REST API for images, instances, firewall
 * rules and operations, and the token endpoints of Workload Identity Federation. The real
 * @google-cloud clients reach it the way users' configuration would: through gcloud's endpoint
 * overrides and an external_account credentials file.
 *
 * Instances boot for real (fake-instances.ts, fake-vm.ts): a launched instance is a QEMU
 * process booting a copy of the image's disk.raw, its natIP a loopback address 127.0.0.N of
 * its own on which exactly the TCP ports its firewall rules open are forwarded. QEMU is
 * `qemu-system-x86_64` on PATH (the Linux-guest stand-in first on PATH where there is no Nanos
 * kernel); `boot: false` makes instances that only look RUNNING.
 *
 *   const fake = await startGcpFake({ projects: ['demo'], buckets: ['staging'] });
 *   const env = { ...fake.env, GOOGLE_APPLICATION_CREDENTIALS: await fake.writeCredentials(dir) };
 *   // spawn the CLI with env, or build a plan from it with planPublish(...)
 *   fake.images('demo');             // what Compute holds
 *   fake.extractedDisk('demo', name) // the disk.raw the import extracted (a sparse file)
 *   fake.requests                    // every call, with its route and IAM permissions
 *   fake.instances('demo'), fake.firewalls('demo'), fake.vm('demo', zone, name)  // .address, .pid
 *   await fake.close();              // stops every QEMU and the server, removes its folder
 *
 * Faults: `inject(route, fault, times)` (a status, a connection dropped mid-body, a lost
 * response), `failNextImport(errors)`, `failNextInstance(errors)`, `setConstraint(name)` (an
 * organisation policy), `omitHashes`, and `earlyWaits` (how often `wait` returns RUNNING
 * before the operation is awaited).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
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
import { type FirewallResource, firewallRoutes, networkLink } from './fake-firewalls.js';
import { dispatch, type Fault, FaultQueue, type RequestRecord, type Route } from './fake-http.js';
import {
  type InstanceRecord,
  type InstanceResource,
  type InstanceWorld,
  instanceRoutes,
  stopAllInstances,
} from './fake-instances.js';
import { SELF_LINK_BASE } from './fake-operations.js';
import {
  newStorageState,
  putObject,
  type StorageState,
  type StoredObject,
  storageRoutes,
} from './fake-storage.js';
import { type FakeVm, SerialLog, VmHost, type VmHostOptions } from './fake-vm.js';

export interface GcpFakeOptions {
  /** Projects that exist; calls for others get 404. Default ['demo-project']. */
  projects?: string[];
  /** Buckets that exist. Default ['nanoship-staging']. */
  buckets?: string[];
  /** Project number → project id, for credentials whose project is looked up. */
  projectNumbers?: Record<string, string>;
  /** The project the GCE metadata server reports (GCE_METADATA_HOST). */
  metadataProject?: string;
  /** Zones instances can be made in. Default DEFAULT_ZONES (us-central1-a, …). */
  zones?: string[];
  /** The VPC networks of every project. Default ['default']. */
  networks?: string[];
  /**
   * How instances boot: QEMU's binary and environment, the first 127.0.0.N, memory (see
   * VmHostOptions), and `runDurationScale` for maxRunDuration (default 1). False: instances
   * are RUNNING at once with an address in 192.0.2.0/24 and nothing behind it.
   */
  boot?: false | (VmHostOptions & { runDurationScale?: number });
  /** Bytes one serial-port read returns at most (Google: up to 1 MB). Default 64 KiB. */
  serialPageBytes?: number;
}

export interface GcpFake {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** The fake's folder (disks, VMs); every QEMU it starts names a file in it. */
  dir: string;
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
  /** Gives an image a disk.raw: a (sparse) copy of `disk`, so that instances of it boot. */
  seedImageDisk(project: string, image: string, disk: string): Promise<void>;
  instances(project: string): InstanceResource[];
  /** The QEMU behind an instance, while it runs. */
  vm(project: string, zone: string, name: string): FakeVm | undefined;
  /** Every QEMU the fake has running. */
  vms(): FakeVm[];
  /** Adds an instance as if created earlier (foreign or nanoship's), RUNNING, not booted. */
  seedInstance(
    project: string,
    zone: string,
    instance: Partial<InstanceResource> & { name: string },
  ): InstanceResource;
  firewalls(project: string): FirewallResource[];
  /** Adds a firewall rule as if created earlier. */
  seedFirewall(
    project: string,
    rule: Partial<FirewallResource> & { name: string },
  ): FirewallResource;
  /** Enforces an organisation policy constraint, such as compute.vmExternalIpAccess. */
  setConstraint(constraint: string, enforced?: boolean): void;
  /** Bytes one serial-port read returns at most. */
  setSerialPageBytes(bytes: number): void;
  /** The next instance insert's operation ends with these errors (no instance is left). */
  failNextInstance(errors: OperationError[]): void;
  /** Routes of further APIs can be added by later tests. */
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
  const compute = newComputeState(dir, storage, options.projects ?? ['demo-project'], options);
  const boot = options.boot ?? {};
  const world: InstanceWorld = {
    host: boot === false ? undefined : new VmHost(dir, boot),
    runDurationScale: (boot === false ? undefined : boot.runDurationScale) ?? 1,
    serialPageBytes: options.serialPageBytes ?? 64 * 1024,
  };
  const routes: Route[] = [
    ...authRoutes(auth),
    ...storageRoutes(storage),
    ...computeRoutes(compute),
    ...instanceRoutes(compute, world),
    ...firewallRoutes(compute),
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
    dir,
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
    async seedImageDisk(name, image, disk) {
      const target = path.join(dir, 'disks', name, `${image}.raw`);
      await mkdir(path.dirname(target), { recursive: true });
      await promisify(execFile)('cp', ['--reflink=auto', '--sparse=always', disk, target]);
    },
    instances: (name) => [...project(name).instances.values()].map((r) => r.resource),
    vm: (name, zone, instance) => project(name).instances.get(`${zone}/${instance}`)?.vm,
    vms: () => world.host?.list() ?? [],
    seedInstance(name, zone, instance) {
      const link = `${SELF_LINK_BASE}/projects/${name}/zones/${zone}`;
      const resource: InstanceResource = {
        kind: 'compute#instance',
        id: String(compute.nextId++),
        creationTimestamp: stamp(compute),
        status: 'RUNNING',
        zone: link,
        selfLink: `${link}/instances/${instance.name}`,
        networkInterfaces: [
          { network: networkLink(name, 'default'), networkIP: '10.0.2.15', accessConfigs: [] },
        ],
        ...instance,
      };
      const record: InstanceRecord = { resource, project: name, zone, idleSerial: new SerialLog() };
      project(name).instances.set(`${zone}/${instance.name}`, record);
      return resource;
    },
    firewalls: (name) => [...project(name).firewalls.values()],
    seedFirewall(name, rule) {
      const seeded: FirewallResource = {
        kind: 'compute#firewall',
        id: String(compute.nextId++),
        creationTimestamp: stamp(compute),
        network: networkLink(name, 'default'),
        direction: 'INGRESS',
        priority: 1000,
        sourceRanges: ['0.0.0.0/0'],
        selfLink: `${SELF_LINK_BASE}/projects/${name}/global/firewalls/${rule.name}`,
        ...rule,
      };
      project(name).firewalls.set(seeded.name, seeded);
      return seeded;
    },
    setConstraint(constraint, enforced = true) {
      if (enforced) compute.constraints.add(constraint);
      else compute.constraints.delete(constraint);
    },
    failNextInstance: (errors) => compute.instanceFailures.push(errors),
    setSerialPageBytes: (bytes) => {
      world.serialPageBytes = bytes;
    },
    extractedDisk: (name, image) => path.join(dir, 'disks', name, `${image}.raw`),
    objects: (bucket) => [...(storage.buckets.get(bucket)?.values() ?? [])],
    putObject: (bucket, name, bytes, metadata) => putObject(storage, bucket, name, bytes, metadata),
    uploadSessions: () => storage.sessions.size,
    addRoutes: (more) => routes.unshift(...more),
    state: { auth, storage, compute },
    async close() {
      await stopAllInstances(compute, world);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}
