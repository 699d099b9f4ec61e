import { describe, expect, test } from '@jest/globals';
import {
  describeGoogleError,
  googleFailure,
  isTransientGoogleError,
} from '../../../src/cloud/gcp/google-errors.js';
import { instanceErrorHint } from '../../../src/cloud/gcp/instances.js';
import { UserError } from '../../../src/errors.js';

/** What the Compute client throws: a GaxiosError-like error whose message is the JSON body. */
function computeError(status: number, reason: string, message: string) {
  const body = {
    error: { code: status, message, errors: [{ message, domain: 'global', reason }] },
  };
  return Object.assign(new Error(JSON.stringify(body)), { status, code: status });
}

describe('describeGoogleError', () => {
  test.each([
    {
      name: 'a Compute error (JSON body as message)',
      error: computeError(404, 'notFound', "The resource 'x' was not found"),
      expected: { status: 404, reason: 'notFound', message: "The resource 'x' was not found" },
    },
    {
      name: 'a Storage ApiError',
      error: Object.assign(new Error('No such object.'), {
        code: 404,
        errors: [{ reason: 'notFound' }],
      }),
      expected: { status: 404, reason: 'notFound', message: 'No such object.' },
    },
    {
      name: 'a GaxiosError with only a status',
      error: Object.assign(new Error('Request failed with status code 412'), {
        status: 412,
        code: '412',
      }),
      expected: { status: 412, reason: undefined, message: 'Request failed with status code 412' },
    },
    {
      name: 'a network error',
      error: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      expected: {
        status: undefined,
        reason: 'ECONNREFUSED',
        message: 'connect ECONNREFUSED 127.0.0.1:9',
      },
    },
    {
      name: 'a string',
      error: 'oops',
      expected: { status: undefined, reason: undefined, message: 'oops' },
    },
  ])('reads $name', ({ error, expected }) => {
    expect(describeGoogleError(error)).toEqual(expected);
  });
});

describe('isTransientGoogleError', () => {
  test.each([
    { status: 429, transient: true },
    { status: 500, transient: true },
    { status: 503, transient: true },
    { status: 400, transient: false },
    { status: 403, transient: false },
    { status: 404, transient: false },
    { status: 409, transient: false },
  ])('HTTP $status → $transient', ({ status, transient }) => {
    expect(isTransientGoogleError(computeError(status, 'x', 'y'))).toBe(transient);
  });

  test.each([
    ['ECONNRESET', true],
    ['ETIMEDOUT', true],
    ['ERR_INVALID_URL', false],
  ])('%s → %s', (code, transient) => {
    expect(isTransientGoogleError(Object.assign(new Error(code), { code }))).toBe(transient);
  });
});

describe('googleFailure', () => {
  const context = {
    step: 'creating image app-1',
    project: 'p',
    permission: 'compute.images.create',
  };

  test.each([
    {
      name: 'the API switched off',
      error: computeError(
        403,
        'accessNotConfigured',
        'Compute Engine API has not been used in project 12 before or it is disabled.',
      ),
      text: 'Compute Engine API not enabled in project p (403 accessNotConfigured: Compute Engine API has not been used in project 12 before or it is disabled.): enable it with "gcloud services enable compute.googleapis.com --project p", wait a minute, and run again.',
    },
    {
      name: 'a missing permission',
      error: computeError(
        403,
        'forbidden',
        "Required 'compute.images.create' permission for 'projects/p/global/images/app-1'",
      ),
      text: "Permission denied: creating image app-1 needs compute.images.create in project p (403 forbidden: Required 'compute.images.create' permission for 'projects/p/global/images/app-1'); grant it to the credentials' principal (docs/gcp.md#permissions).",
    },
    {
      name: 'a quota',
      error: computeError(403, 'quotaExceeded', "Quota 'IMAGES' exceeded."),
      text: "Quota exceeded in project p while creating image app-1 (403 quotaExceeded: Quota 'IMAGES' exceeded.): free some quota or ask for more in the Google Cloud console (IAM & Admin → Quotas).",
    },
    {
      name: 'rejected credentials',
      error: computeError(401, 'authError', 'Request had invalid authentication credentials.'),
      text: 'Google rejected the credentials while creating image app-1 (401 authError: Request had invalid authentication credentials.): check the google-github-actions/auth step (workload identity provider, service account) or GOOGLE_APPLICATION_CREDENTIALS.',
    },
    {
      name: 'no answer',
      error: Object.assign(new Error('getaddrinfo ENOTFOUND compute.example'), {
        code: 'ENOTFOUND',
      }),
      text: "Could not reach Google Cloud while creating image app-1 (ENOTFOUND: getaddrinfo ENOTFOUND compute.example): check the runner's network, proxy and any CLOUDSDK_API_ENDPOINT_OVERRIDES_* variables.",
    },
    {
      name: 'anything else',
      error: computeError(400, 'invalid', "Invalid value for field 'resource.name'."),
      text: "Google Cloud refused creating image app-1 (400 invalid: Invalid value for field 'resource.name'.).",
    },
  ])('words $name as one UserError keeping the cause', ({ error, text }) => {
    const failure = googleFailure(error, context);
    expect(failure).toBeInstanceOf(UserError);
    expect(failure.message).toBe(text);
    expect(failure.cause).toBe(error);
  });

  test('names the Storage API for storage calls', () => {
    const error = computeError(403, 'accessNotConfigured', 'Cloud Storage JSON API is disabled.');
    expect(googleFailure(error, { ...context, api: 'Cloud Storage' }).message).toMatch(
      /^Cloud Storage API not enabled in project p .*gcloud services enable storage.googleapis.com/,
    );
  });
});

describe('what previews meet', () => {
  const context = {
    step: 'creating instance nanoship-pr7-x in us-central1-a',
    project: 'demo',
    permission: 'compute.instances.create',
  };

  test.each([
    {
      name: 'the external-IP constraint',
      error: computeError(
        412,
        'conditionNotMet',
        'Constraint constraints/compute.vmExternalIpAccess violated for project 123. Add instance projects/demo/zones/us-central1-a/instances/nanoship-pr7-x to the constraint to use external IP with it.',
      ),
      starts:
        'An organisation policy forbids creating instance nanoship-pr7-x in us-central1-a in project demo: constraint compute.vmExternalIpAccess (412 conditionNotMet:',
      advice: 'A preview needs an external IP',
    },
    {
      name: 'the trusted-image constraint',
      error: computeError(
        412,
        'conditionNotMet',
        "Constraint constraints/compute.trustedImageProjects violated for project demo. Use of images from project 'demo' is prohibited.",
      ),
      starts: 'An organisation policy forbids',
      advice: 'add projects/demo to the trusted image projects',
    },
    {
      name: 'a constraint nanoship has no words for',
      error: computeError(
        412,
        'conditionNotMet',
        'Constraint constraints/compute.requireShieldedVm violated.',
      ),
      starts: 'An organisation policy forbids',
      advice: 'relax compute.requireShieldedVm for project demo',
    },
    {
      name: 'a permission Google names that is not the step’s own',
      error: computeError(
        403,
        'forbidden',
        "Required 'compute.disks.create' permission for 'projects/demo/zones/us-central1-a/disks/nanoship-pr7-x'",
      ),
      starts:
        'Permission denied: creating instance nanoship-pr7-x in us-central1-a needs compute.disks.create in project demo',
      advice: 'docs/gcp.md#permissions',
    },
  ])('$name', ({ error, starts, advice }) => {
    const failure = googleFailure(error, context);
    expect(failure.message.startsWith(starts)).toBe(true);
    expect(failure.message).toContain(advice);
    expect(failure.cause).toBe(error);
  });

  test('instanceErrorHint words capacity, quota and constraints in operation errors', () => {
    const hint = (code: string, message = '') =>
      instanceErrorHint([{ code, message }], 'demo', 'us-central1-a');
    expect(hint('ZONE_RESOURCE_POOL_EXHAUSTED')).toContain('use another gcp-zone');
    expect(hint('QUOTA_EXCEEDED', "Quota 'CPUS' exceeded.")).toContain('Free some quota');
    expect(
      hint('CONDITION_NOT_MET', 'Constraint constraints/compute.vmExternalIpAccess violated'),
    ).toContain('compute.vmExternalIpAccess');
    expect(hint('INTERNAL_ERROR', 'boom')).toBeUndefined();
  });
});
