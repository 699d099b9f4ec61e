import { describe, expect, test } from '@jest/globals';
import { computeClientOptions, storageClientOptions } from '../../../src/cloud/gcp/clients.js';
import { cliOptionName, emptyOptions } from '../../../src/plan/options.js';
import { planPublish } from '../../../src/plan/publish-plan.js';

/** The endpoints exactly as the lead's plan makes them from gcloud's variables. */
function endpointsFrom(env: Record<string, string>) {
  const options = { ...emptyOptions(), publish: ['gcp'], gcpBucket: 'staging', gcpProject: 'p' };
  const gcp = planPublish(options, cliOptionName, env, {})!.gcp!;
  return { compute: gcp.computeEndpoint, storage: gcp.storageEndpoint };
}

describe('client options from gcloud endpoint overrides', () => {
  test.each([
    {
      name: 'no override: Google',
      env: {} as Record<string, string>,
      compute: { fallback: true, projectId: 'p' },
      storage: { projectId: 'p' },
    },
    {
      name: 'a local http endpoint',
      env: {
        CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE: 'http://127.0.0.1:8123/compute/v1/',
        CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE: 'http://127.0.0.1:8124/storage/v1/',
      },
      compute: {
        fallback: true,
        projectId: 'p',
        apiEndpoint: '127.0.0.1',
        port: 8123,
        protocol: 'http',
      },
      storage: {
        projectId: 'p',
        apiEndpoint: 'http://127.0.0.1:8124',
        useAuthWithCustomEndpoint: true,
      },
    },
    {
      name: 'a private endpoint without a port',
      env: {
        CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE:
          'https://compute-private.p.googleapis.com/compute/v1/',
        CLOUDSDK_API_ENDPOINT_OVERRIDES_STORAGE: 'https://storage-private.p.googleapis.com/',
      },
      compute: {
        fallback: true,
        projectId: 'p',
        apiEndpoint: 'compute-private.p.googleapis.com',
        port: 443,
        protocol: 'https',
      },
      storage: {
        projectId: 'p',
        apiEndpoint: 'https://storage-private.p.googleapis.com',
        useAuthWithCustomEndpoint: true,
      },
    },
  ])('$name', ({ env, compute, storage }) => {
    const endpoints = endpointsFrom(env);
    expect(computeClientOptions(endpoints.compute, 'p')).toEqual(compute);
    expect(storageClientOptions(endpoints.storage, 'p')).toMatchObject(storage);
  });

  test('retries uploads: the storage client is built with retries on', () => {
    expect(storageClientOptions(undefined, 'p').retryOptions).toMatchObject({ autoRetry: true });
  });
});
