import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../src/errors.js';
import type { GitHubEvent } from '../../src/github/context.js';
import { actionInputName, emptyOptions, type Options } from '../../src/plan/options.js';
import { planFromOptions } from '../../src/plan/plan.js';
import { planPreview, planSweep, previewActionOf } from '../../src/plan/preview-plan.js';

const env = {
  AWS_REGION: 'eu-west-1',
  GITHUB_TOKEN: 'ghs_x',
  GITHUB_API_URL: 'http://127.0.0.1:1/api/v3',
};
const prEvent = (action: string, fork = false): GitHubEvent => ({
  name: 'pull_request',
  payload: {
    action,
    number: 7,
    pull_request: {
      number: 7,
      head: { sha: 'head7', repo: { full_name: fork ? 'stranger/app' : 'octo/app' } },
      base: { repo: { full_name: 'octo/app' } },
    },
  },
});
const provenance = { repo: 'octo/app', repoId: '42', pr: 7, sha: 'head7' };
const smoke = {
  probes: [{ kind: 'http' as const, port: 8080, path: '/healthz' }],
  expectStatus: 200,
};
const plan = (fields: Partial<Options>, event = prEvent('opened')) =>
  planPreview(
    { ...emptyOptions(), preview: 'aws', ...fields },
    actionInputName,
    { env, event, provenance },
    smoke,
  );

describe('previewActionOf', () => {
  test.each([
    ['opened', 'up'],
    ['reopened', 'up'],
    ['synchronize', 'up'],
    ['closed', 'down'],
    ['labeled', undefined],
  ])('pull_request %s → %s', (action, expected) => {
    expect(previewActionOf(prEvent(action))).toBe(expected);
  });

  test('other events ask for no preview', () => {
    expect(previewActionOf({ name: 'push', payload: {} })).toBeUndefined();
  });
});

describe('planPreview', () => {
  test('defaults: the smoke probes and their ports, 72h, the run token and API', () => {
    expect(plan({})).toMatchObject({
      cloud: 'aws',
      aws: { region: 'eu-west-1' },
      action: 'up',
      repo: 'octo/app',
      pr: 7,
      sha: 'head7',
      fork: false,
      ports: [8080],
      probes: smoke.probes,
      ttlMs: 72 * 3_600_000,
      probeTimeoutMs: 300_000,
      github: { token: 'ghs_x', apiUrl: 'http://127.0.0.1:1/api/v3' },
    });
  });

  test('ports and probes of its own, ranges included', () => {
    const preview = plan({ previewPorts: ['8080, 9000-9002'], previewProbes: ['tcp://:9001'] });
    expect(preview?.ports).toEqual([8080, 9000, 9001, 9002]);
    expect(preview?.probes).toEqual([{ kind: 'tcp', port: 9001 }]);
  });

  test('no preview input or no pull request event means no preview', () => {
    expect(plan({ preview: undefined })).toBeUndefined();
    expect(plan({}, { name: 'push', payload: {} })).toBeUndefined();
  });

  test('a fork is marked, and the plan drops preview and publish unless forks are allowed', async () => {
    expect(plan({}, prEvent('opened', true))?.fork).toBe(true);
    const context = (event: GitHubEvent) => ({
      cwd: '/',
      namer: actionInputName,
      env,
      provenance,
      event,
    });
    const options = {
      ...emptyOptions(),
      preview: 'aws',
      publish: ['aws'],
      probes: ['http://:8080/'],
    };
    const stages = {
      kernel: false,
      build: false,
      smoke: false,
      publish: true,
      preview: 'event' as const,
    };
    const refused = await planFromOptions(options, stages, context(prEvent('opened', true)));
    expect(refused.preview).toBeUndefined();
    expect(refused.publish).toBeUndefined();
    expect(refused.notices).toEqual([expect.stringContaining('comes from a fork')]);
    const down = await planFromOptions(options, stages, context(prEvent('closed')));
    expect(down).toMatchObject({
      preview: { action: 'down' },
      publish: undefined,
      kernel: undefined,
    });
  });

  test.each([
    [{ preview: 'azure' }, 'input "preview" must be one of aws, gcp'],
    [{ previewPorts: ['70000'] }, 'input "preview-port" takes TCP ports'],
    [{ previewTtl: '200d' }, 'input "preview-ttl" must be at most 120d'],
    [{ preview: 'gcp' }, 'needs a zone: set input "gcp-zone"'],
    [{ preview: 'gcp', gcpZone: 'us-central1' }, 'input "gcp-zone" must be a zone'],
    [{ awsSubnetId: 'sub-1' }, 'input "aws-subnet-id" must be a subnet id'],
  ] as [Partial<Options>, string][])('%j refuses with %s', (fields, message) => {
    expect(() => plan(fields)).toThrow(UserError);
    expect(() => plan(fields)).toThrow(message);
  });

  test('a preview with nothing to probe and no port is refused', () => {
    expect(() =>
      planPreview(
        { ...emptyOptions(), preview: 'aws' },
        actionInputName,
        { env, event: prEvent('opened'), provenance },
        undefined,
      ),
    ).toThrow('A preview needs a port to open');
  });
});

describe('planSweep', () => {
  test('takes the repository from the run and the TTL from the option', () => {
    const sweep = planSweep(
      { ...emptyOptions(), preview: 'aws', previewTtl: '24h' },
      actionInputName,
      {
        env,
        event: { payload: {} },
        provenance,
      },
    );
    expect(sweep).toMatchObject({ cloud: 'aws', repo: 'octo/app', ttlMs: 86_400_000 });
  });
});
