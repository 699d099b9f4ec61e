/**
 * The Google clients publishing uses, built one way for Google and for any endpoint a user
 * overrides (gcloud's CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE / _STORAGE, which the plan
 * carries). Credentials are Application Default Credentials, found by the clients themselves:
 * GOOGLE_APPLICATION_CREDENTIALS (google-github-actions/auth's external_account file, or a
 * key), gcloud's own login, or the metadata server of a GCE runner.
 *
 * Only the Compute clients used are imported, from their own files: the package's index
 * pulls in every Compute API (~70 MB of bundle), these ~15 MB (mostly the protos JSON every
 * client loads). Publishing makes two; previews three more (`createPreviewClients`).
 */
import { FirewallsClient } from '@google-cloud/compute/build/src/v1/firewalls_client.js';
import { GlobalOperationsClient } from '@google-cloud/compute/build/src/v1/global_operations_client.js';
import { ImagesClient } from '@google-cloud/compute/build/src/v1/images_client.js';
import { InstancesClient } from '@google-cloud/compute/build/src/v1/instances_client.js';
import { ZoneOperationsClient } from '@google-cloud/compute/build/src/v1/zone_operations_client.js';
import { Storage } from '@google-cloud/storage';
import { errorMessage, UserError } from '../../errors.js';
import type { GcpPublishPlan } from '../types.js';
import { STORAGE_RETRY } from './upload.js';

/** The endpoints a plan may override; undefined means Google's. */
export type GcpEndpoints = Pick<GcpPublishPlan, 'computeEndpoint' | 'storageEndpoint'>;

export interface GcpClients {
  project: string;
  images: ImagesClient;
  operations: GlobalOperationsClient;
  storage: Storage;
  close(): Promise<void>;
}

type ComputeOptions = NonNullable<ConstructorParameters<typeof ImagesClient>[0]>;

/** How the project can be set, for the error when none is found. */
export const PROJECT_HINT =
  'set gcp-project (Action input; --gcp-project on the command line), or GOOGLE_CLOUD_PROJECT ' +
  '(google-github-actions/auth exports it when given project_id)';

/**
 * Compute client options for an endpoint override `scheme://host:port/compute/v1/`: the
 * client adds `/compute/v1/` itself and takes host, port and protocol apart. `fallback` is the
 * REST transport (Compute has no gRPC).
 */
export function computeClientOptions(
  endpoint: string | undefined,
  projectId?: string,
): ComputeOptions {
  const base: ComputeOptions = { fallback: true, ...(projectId ? { projectId } : {}) };
  if (endpoint === undefined) return base;
  const url = new URL(endpoint);
  const protocol = url.protocol.replace(/:$/, '');
  return {
    ...base,
    apiEndpoint: url.hostname,
    port: Number(url.port) || (protocol === 'http' ? 80 : 443),
    protocol,
  };
}

/**
 * Storage client options for `scheme://host:port/storage/v1/`: the client wants the origin
 * (it adds `/storage/v1` and `/upload/storage/v1`), and sends credentials to a custom
 * endpoint only when asked to.
 */
export function storageClientOptions(endpoint: string | undefined, projectId: string) {
  const base = { projectId, retryOptions: STORAGE_RETRY };
  if (endpoint === undefined) return base;
  return { ...base, apiEndpoint: new URL(endpoint).origin, useAuthWithCustomEndpoint: true };
}

/**
 * Builds the clients for `project`, or for the credentials' project when it is undefined
 * (asking google-auth-library, which tries the credentials file, gcloud's configuration, the
 * metadata server and, for external accounts, Resource Manager). Throws a UserError when no
 * project can be found.
 */
export async function createGcpClients(
  project: string | undefined,
  endpoints: GcpEndpoints,
): Promise<GcpClients> {
  let images = new ImagesClient(computeClientOptions(endpoints.computeEndpoint, project));
  let projectId = project;
  if (projectId === undefined) {
    try {
      projectId = await images.getProjectId();
    } catch (error) {
      await images.close();
      throw new UserError(
        `Could not find out which Google Cloud project to publish to (${errorMessage(error)}): ${PROJECT_HINT}.`,
        { cause: error },
      );
    }
    // A client made without a project asks the auth library again on every call.
    await images.close();
    images = new ImagesClient(computeClientOptions(endpoints.computeEndpoint, projectId));
  }
  const operations = new GlobalOperationsClient(
    computeClientOptions(endpoints.computeEndpoint, projectId),
  );
  const storage = new Storage(storageClientOptions(endpoints.storageEndpoint, projectId));
  return {
    project: projectId,
    images,
    operations,
    storage,
    async close() {
      await Promise.allSettled([images.close(), operations.close()]);
    },
  };
}

/** Publishing's clients plus those of preview instances: instances, firewalls, zone operations. */
export interface PreviewClients extends GcpClients {
  instances: InstancesClient;
  firewalls: FirewallsClient;
  zoneOperations: ZoneOperationsClient;
}

/**
 * `createGcpClients` plus the instance, firewall and zone-operation clients (made only here,
 * so publishing does not load them). Throws a UserError when no project can be found.
 */
export async function createPreviewClients(
  project: string | undefined,
  endpoints: GcpEndpoints,
): Promise<PreviewClients> {
  const base = await createGcpClients(project, endpoints);
  const options = computeClientOptions(endpoints.computeEndpoint, base.project);
  const instances = new InstancesClient(options);
  const firewalls = new FirewallsClient(options);
  const zoneOperations = new ZoneOperationsClient(options);
  return {
    ...base,
    instances,
    firewalls,
    zoneOperations,
    async close() {
      await Promise.allSettled([
        base.close(),
        instances.close(),
        firewalls.close(),
        zoneOperations.close(),
      ]);
    },
  };
}
