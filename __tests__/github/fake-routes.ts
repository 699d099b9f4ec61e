/**
 * The REST routes of the fake GitHub, each validating its input as GitHub does and changing
 * the state in `fake-state.ts`. Only the routes nanoship calls exist; anything else is a 404.
 * Pull requests, comments and deployments are here; releases in `fake-releases.ts`.
 */
import {
  COMMENT_MAX_CHARS,
  codePoints,
  DOCS,
  id,
  invalid,
  notFound,
  paged,
  type Reply,
  type Route,
  type RouteContext,
  STATUS_DESCRIPTION_MAX_CHARS,
  STATUS_STATES,
} from './fake-http.js';
import {
  createRelease,
  deleteAsset,
  listAssets,
  listReleases,
  releaseByTag,
  updateRelease,
  uploadAsset,
} from './fake-releases.js';
import {
  commentJson,
  deploymentJson,
  type FakeRepo,
  pullJson,
  stamp,
  statusJson,
} from './fake-state.js';

export type { Reply } from './fake-http.js';
export { notFound } from './fake-http.js';

// ---------------------------------------------------------------- pull requests and comments

function listPulls(ctx: RouteContext): Reply {
  const state = ctx.query.get('state') ?? 'open';
  const pulls = [...ctx.repo.pulls.values()]
    .filter((p) => state === 'all' || p.state === state)
    .sort((a, b) => b.number - a.number);
  return paged(
    ctx,
    pulls.map((p) => pullJson(ctx.repo, p, ctx.urls)),
  );
}

function getPull(ctx: RouteContext): Reply {
  const pull = ctx.repo.pulls.get(id(ctx));
  return pull ? { status: 200, body: pullJson(ctx.repo, pull, ctx.urls) } : notFound();
}

function listComments(ctx: RouteContext): Reply {
  if (!ctx.repo.pulls.has(id(ctx))) return notFound();
  const comments = ctx.repo.comments.filter((c) => c.issue === id(ctx));
  return paged(
    ctx,
    comments.map((c) => commentJson(ctx.repo, c, ctx.urls)),
  );
}

function checkCommentBody(body: unknown): Reply | undefined {
  if (typeof body !== 'string' || body === '')
    return invalid('IssueComment', 'body', 'missing_field');
  if (codePoints(body) > COMMENT_MAX_CHARS) {
    return invalid(
      'IssueComment',
      'data',
      'unprocessable',
      `Body is too long (maximum is ${COMMENT_MAX_CHARS} characters)`,
    );
  }
  return undefined;
}

function createComment(ctx: RouteContext): Reply {
  if (!ctx.repo.pulls.has(id(ctx))) return notFound();
  const refused = checkCommentBody(ctx.json.body);
  if (refused) return refused;
  const { id: commentId, at } = stamp(ctx.state);
  const comment = {
    id: commentId,
    issue: id(ctx),
    body: ctx.json.body as string,
    user: ctx.login,
    created_at: at,
    updated_at: at,
  };
  ctx.repo.comments.push(comment);
  return { status: 201, body: commentJson(ctx.repo, comment, ctx.urls) };
}

function updateComment(ctx: RouteContext): Reply {
  const comment = ctx.repo.comments.find((c) => c.id === id(ctx));
  if (!comment) return notFound();
  const refused = checkCommentBody(ctx.json.body);
  if (refused) return refused;
  comment.body = ctx.json.body as string;
  comment.updated_at = stamp(ctx.state).at;
  return { status: 200, body: commentJson(ctx.repo, comment, ctx.urls) };
}

function deleteComment(ctx: RouteContext): Reply {
  const index = ctx.repo.comments.findIndex((c) => c.id === id(ctx));
  if (index === -1) return notFound();
  ctx.repo.comments.splice(index, 1);
  return { status: 204 };
}

// ---------------------------------------------------------------- deployments

/**
 * GitHub's checks, in its order: the ref must resolve; `auto_merge` (default true) merges the
 * default branch into a ref that is behind it and answers 202 without a deployment;
 * `required_contexts` (default: every context) must all be green, else 409.
 */
function createDeployment(ctx: RouteContext): Reply {
  const body = ctx.json;
  if (typeof body.ref !== 'string' || body.ref === '') {
    return {
      status: 422,
      body: { message: 'Invalid request.\n\n"ref" wasn\'t supplied.', documentation_url: DOCS },
    };
  }
  const sha = ctx.repo.refs.get(body.ref);
  if (!sha)
    return {
      status: 422,
      body: { message: `No ref found for: ${body.ref}`, documentation_url: DOCS },
    };
  if (body.auto_merge !== false && ctx.repo.behindBase.has(body.ref)) {
    return {
      status: 202,
      body: { message: `Auto-merged ${ctx.repo.default_branch} into ${body.ref} on deployment.` },
    };
  }
  const contexts = body.required_contexts;
  if (contexts !== undefined && !Array.isArray(contexts))
    return invalid('Deployment', 'required_contexts', 'invalid');
  if ((contexts === undefined || contexts.length > 0) && ctx.repo.pendingChecks.has(body.ref)) {
    return {
      status: 409,
      body: {
        message: `Conflict: Commit status checks failed for ${body.ref}.`,
        errors: [
          {
            contexts: [{ context: 'ci', state: 'pending' }],
            resource: 'Deployment',
            field: 'required_contexts',
            code: 'invalid',
          },
        ],
        documentation_url: DOCS,
      },
    };
  }
  const environment = typeof body.environment === 'string' ? body.environment : 'production';
  const { id: deploymentId, at } = stamp(ctx.state);
  const deployment = {
    id: deploymentId,
    sha,
    ref: body.ref,
    task: typeof body.task === 'string' ? body.task : 'deploy',
    environment,
    payload: body.payload ?? {},
    description: typeof body.description === 'string' ? body.description : null,
    transient_environment: body.transient_environment === true,
    production_environment:
      typeof body.production_environment === 'boolean'
        ? body.production_environment
        : environment === 'production',
    creator: ctx.login,
    created_at: at,
  };
  ctx.repo.deployments.push(deployment);
  return { status: 201, body: deploymentJson(ctx.repo, deployment, ctx.urls) };
}

function listDeployments(ctx: RouteContext): Reply {
  const filters = ['sha', 'ref', 'task', 'environment'] as const;
  const deployments = ctx.repo.deployments
    .filter((d) => filters.every((f) => !ctx.query.has(f) || d[f] === ctx.query.get(f)))
    .sort((a, b) => b.id - a.id);
  return paged(
    ctx,
    deployments.map((d) => deploymentJson(ctx.repo, d, ctx.urls)),
  );
}

function latestStatus(repo: FakeRepo, deploymentId: number) {
  return repo.statuses
    .filter((s) => s.deployment_id === deploymentId)
    .sort((a, b) => b.id - a.id)[0];
}

/**
 * A status; with `auto_inactive` (default true) a `success` also sets inactive the earlier
 * deployments of the environment that are neither transient nor production and whose latest
 * status is success: GitHub's documented rule, under which transient previews are not touched.
 */
function createStatus(ctx: RouteContext): Reply {
  const deployment = ctx.repo.deployments.find((d) => d.id === id(ctx));
  if (!deployment) return notFound();
  const { state, description } = ctx.json;
  if (typeof state !== 'string' || !STATUS_STATES.includes(state))
    return invalid('DeploymentStatus', 'state', 'invalid');
  if (typeof description === 'string' && description.length > STATUS_DESCRIPTION_MAX_CHARS) {
    return invalid(
      'DeploymentStatus',
      'description',
      'custom',
      `description is too long (maximum is ${STATUS_DESCRIPTION_MAX_CHARS} characters)`,
    );
  }
  const add = (
    deploymentId: number,
    fields: { state: string; description?: string; environment_url?: string; log_url?: string },
  ) => {
    const { id: statusId, at } = stamp(ctx.state);
    const status = {
      id: statusId,
      deployment_id: deploymentId,
      state: fields.state,
      description: fields.description ?? '',
      environment: deployment.environment,
      environment_url: fields.environment_url ?? '',
      log_url: fields.log_url ?? '',
      creator: ctx.login,
      created_at: at,
    };
    ctx.repo.statuses.push(status);
    return status;
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const status = add(deployment.id, {
    state,
    description: str(description),
    environment_url: str(ctx.json.environment_url),
    log_url: str(ctx.json.log_url) ?? str(ctx.json.target_url),
  });
  if (state === 'success' && ctx.json.auto_inactive !== false) {
    for (const earlier of ctx.repo.deployments) {
      if (earlier.id >= deployment.id || earlier.environment !== deployment.environment) continue;
      if (earlier.transient_environment || earlier.production_environment) continue;
      if (latestStatus(ctx.repo, earlier.id)?.state === 'success')
        add(earlier.id, { state: 'inactive' });
    }
  }
  return { status: 201, body: statusJson(ctx.repo, status, ctx.urls) };
}

function listStatuses(ctx: RouteContext): Reply {
  if (!ctx.repo.deployments.some((d) => d.id === id(ctx))) return notFound();
  const statuses = ctx.repo.statuses
    .filter((s) => s.deployment_id === id(ctx))
    .sort((a, b) => b.id - a.id);
  return paged(
    ctx,
    statuses.map((s) => statusJson(ctx.repo, s, ctx.urls)),
  );
}

const REPO = '^/repos/([^/]+)/([^/]+)';
const r = (
  method: string,
  path: string,
  permission: string,
  handle: Route['handle'],
  api: Route['api'] = 'rest',
): Route => ({
  method,
  api,
  pattern: new RegExp(`${REPO}${path}$`),
  permission,
  handle,
});
const ISSUES = 'issues=write; pull_requests=write';

export const ROUTES: Route[] = [
  r('GET', '/pulls', 'pull_requests=read', listPulls),
  r('GET', '/pulls/(\\d+)', 'pull_requests=read', getPull),
  r('GET', '/issues/(\\d+)/comments', ISSUES, listComments),
  r('POST', '/issues/(\\d+)/comments', ISSUES, createComment),
  r('PATCH', '/issues/comments/(\\d+)', ISSUES, updateComment),
  r('DELETE', '/issues/comments/(\\d+)', ISSUES, deleteComment),
  r('POST', '/deployments', 'deployments=write', createDeployment),
  r('GET', '/deployments', 'deployments=read', listDeployments),
  r('POST', '/deployments/(\\d+)/statuses', 'deployments=write', createStatus),
  r('GET', '/deployments/(\\d+)/statuses', 'deployments=read', listStatuses),
  r('GET', '/releases/tags/(.+)', 'contents=read', releaseByTag),
  r('GET', '/releases', 'contents=read', listReleases),
  r('POST', '/releases', 'contents=write', createRelease),
  r('PATCH', '/releases/(\\d+)', 'contents=write', updateRelease),
  r('GET', '/releases/(\\d+)/assets', 'contents=read', listAssets),
  r('DELETE', '/releases/assets/(\\d+)', 'contents=write', deleteAsset),
  r('POST', '/releases/(\\d+)/assets', 'contents=write', uploadAsset, 'uploads'),
];
