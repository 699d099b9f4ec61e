/**
 * Credentials as a GitHub runner has them after google-github-actions/auth with Workload
 * Identity Federation: an `external_account` file whose subject token comes from the runner's
 * OIDC endpoint, exchanged at STS, optionally for a service account's token. The fake serves
 * all four endpoints (OIDC, STS, IAM credentials, Resource Manager for the project lookup) and
 * the GCE metadata server, so the real google-auth-library runs its real flows against it.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Route } from './fake-http.js';

export interface AuthState {
  /** Access tokens the fake issued; compute and storage calls must carry one of them. */
  tokens: Set<string>;
  /** What the runner's ACTIONS_ID_TOKEN_REQUEST_TOKEN would be. */
  requestToken: string;
  /** The GitHub OIDC token (a JWT in real life; opaque here). */
  oidcToken: string;
  /** Project number → project id, for Resource Manager; unknown numbers get a 403. */
  projectNumbers: Map<string, string>;
  /** What the metadata server says the project is; undefined: it answers 404. */
  metadataProject?: string;
}

export function newAuthState(): AuthState {
  return {
    tokens: new Set(),
    requestToken: `gh-request-${randomUUID()}`,
    oidcToken: `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(randomUUID()).toString('base64url')}.sig`,
    projectNumbers: new Map(),
  };
}

const issue = (state: AuthState) => {
  const token = `ya29.fake-${randomUUID()}`;
  state.tokens.add(token);
  return token;
};

export function authRoutes(state: AuthState): Route[] {
  return [
    {
      id: 'github.oidc',
      method: 'GET',
      path: /^\/oidc$/,
      permissions: [],
      bearer: false,
      handle(ctx) {
        if (ctx.req.headers.authorization !== `Bearer ${state.requestToken}`) {
          return ctx.fail(401, 'unauthorized', 'Bad ACTIONS_ID_TOKEN_REQUEST_TOKEN.');
        }
        ctx.send(200, { value: state.oidcToken });
      },
    },
    {
      id: 'sts.token',
      method: 'POST',
      path: /^\/sts\/v1\/token$/,
      permissions: [],
      bearer: false,
      async handle(ctx) {
        const form = new URLSearchParams((await ctx.body()).toString('utf8'));
        if (
          form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:token-exchange' ||
          form.get('subject_token') !== state.oidcToken
        ) {
          return ctx.send(400, { error: 'invalid_grant', error_description: 'bad subject token' });
        }
        ctx.send(200, {
          access_token: issue(state),
          issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
          token_type: 'Bearer',
          expires_in: 3600,
        });
      },
    },
    {
      id: 'iamcredentials.generateAccessToken',
      method: 'POST',
      path: /^\/iamcredentials\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/,
      permissions: [],
      async handle(ctx) {
        await ctx.body();
        const expireTime = new Date(Date.now() + 3600_000).toISOString();
        ctx.send(200, { accessToken: issue(state), expireTime });
      },
    },
    {
      id: 'cloudresourcemanager.projects.get',
      method: 'GET',
      path: /^\/cloudresourcemanager\/v1\/projects\/([^/]+)$/,
      permissions: ['resourcemanager.projects.get'],
      handle(ctx) {
        const projectId = state.projectNumbers.get(ctx.params[0]!);
        if (projectId === undefined) {
          return ctx.fail(403, 'forbidden', `Permission denied on project ${ctx.params[0]}.`);
        }
        ctx.send(200, { projectNumber: ctx.params[0], projectId, lifecycleState: 'ACTIVE' });
      },
    },
    {
      id: 'metadata.project-id',
      method: 'GET',
      path: /^\/computeMetadata\/v1\/project\/project-id$/,
      permissions: [],
      bearer: false,
      handle(ctx) {
        if (
          state.metadataProject === undefined ||
          ctx.req.headers['metadata-flavor'] !== 'Google'
        ) {
          return ctx.send(404, 'not found');
        }
        ctx.send(200, state.metadataProject, {
          'metadata-flavor': 'Google',
          'content-type': 'text/plain',
        });
      },
    },
  ];
}

export interface CredentialsOptions {
  /** Impersonate this service account (google-github-actions/auth's `service_account`). */
  serviceAccount?: string;
  /** The WIF pool's project number; Resource Manager maps it to a project id. */
  projectNumber?: string;
}

/**
 * Writes the credentials file google-github-actions/auth writes for Workload Identity
 * Federation (same fields), but with every URL on the fake. Returns its path, for
 * GOOGLE_APPLICATION_CREDENTIALS.
 */
export async function writeExternalAccountFile(
  dir: string,
  baseUrl: string,
  state: AuthState,
  options: CredentialsOptions = {},
): Promise<string> {
  const projectNumber = options.projectNumber ?? '123456789012';
  const audience = `//iam.googleapis.com/projects/${projectNumber}/locations/global/workloadIdentityPools/github/providers/nanoship`;
  const oidc = new URL(`${baseUrl}/oidc`);
  oidc.searchParams.set('audience', `https://${audience.slice(2)}`);
  const config: Record<string, unknown> = {
    type: 'external_account',
    audience,
    subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
    token_url: `${baseUrl}/sts/v1/token`,
    credential_source: {
      url: oidc.toString(),
      headers: { Authorization: `Bearer ${state.requestToken}` },
      format: { type: 'json', subject_token_field_name: 'value' },
    },
    cloud_resource_manager_url: `${baseUrl}/cloudresourcemanager/v1/projects/`,
  };
  if (options.serviceAccount) {
    config.service_account_impersonation_url = `${baseUrl}/iamcredentials/v1/projects/-/serviceAccounts/${options.serviceAccount}:generateAccessToken`;
  }
  const file = path.join(dir, `gha-creds-${randomUUID().slice(0, 8)}.json`);
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}
