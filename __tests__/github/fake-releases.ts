/**
 * The fake GitHub's releases and release assets, uploads included.
 */
import {
  codePoints,
  DOCS,
  id,
  invalid,
  notFound,
  paged,
  RELEASE_BODY_MAX_CHARS,
  type Reply,
  type RouteContext,
} from './fake-http.js';
import { assetJson, releaseJson, stamp } from './fake-state.js';

export function releaseByTag(ctx: RouteContext): Reply {
  const tag = decodeURIComponent(ctx.params[0]!);
  // Drafts have no tag yet: this route only finds published releases.
  const release = ctx.repo.releases.find((r) => r.tag_name === tag && !r.draft);
  return release ? { status: 200, body: releaseJson(ctx.repo, release, ctx.urls) } : notFound();
}

export function listReleases(ctx: RouteContext): Reply {
  const releases = [...ctx.repo.releases].sort((a, b) => b.id - a.id);
  return paged(
    ctx,
    releases.map((r) => releaseJson(ctx.repo, r, ctx.urls)),
  );
}

function checkReleaseBody(body: unknown): Reply | undefined {
  if (body !== undefined && body !== null && typeof body !== 'string')
    return invalid('Release', 'body', 'invalid');
  if (typeof body === 'string' && codePoints(body) > RELEASE_BODY_MAX_CHARS) {
    return invalid(
      'Release',
      'body',
      'custom',
      `body is too long (maximum is ${RELEASE_BODY_MAX_CHARS} characters)`,
    );
  }
  return undefined;
}

export function createRelease(ctx: RouteContext): Reply {
  const body = ctx.json;
  if (typeof body.tag_name !== 'string' || body.tag_name === '')
    return invalid('Release', 'tag_name', 'missing_field');
  const refused = checkReleaseBody(body.body);
  if (refused) return refused;
  if (
    body.make_latest !== undefined &&
    !['true', 'false', 'legacy'].includes(body.make_latest as string)
  ) {
    return invalid('Release', 'make_latest', 'invalid');
  }
  const draft = body.draft === true;
  if (!draft && ctx.repo.releases.some((r) => r.tag_name === body.tag_name && !r.draft)) {
    return invalid('Release', 'tag_name', 'already_exists');
  }
  const commitish =
    typeof body.target_commitish === 'string' ? body.target_commitish : ctx.repo.default_branch;
  // A release of a tag that does not exist creates the tag at target_commitish.
  if (!draft && !ctx.repo.refs.has(body.tag_name)) {
    const sha = ctx.repo.refs.get(commitish);
    if (!sha) return invalid('Release', 'target_commitish', 'invalid');
    ctx.repo.refs.set(body.tag_name, sha);
  }
  const { id: releaseId, at } = stamp(ctx.state);
  const release = {
    id: releaseId,
    tag_name: body.tag_name,
    target_commitish: commitish,
    name: typeof body.name === 'string' ? body.name : null,
    body: typeof body.body === 'string' ? body.body : null,
    draft,
    prerelease: body.prerelease === true,
    make_latest: (body.make_latest as string | undefined) ?? 'true',
    author: ctx.login,
    created_at: at,
  };
  ctx.repo.releases.push(release);
  return { status: 201, body: releaseJson(ctx.repo, release, ctx.urls) };
}

export function updateRelease(ctx: RouteContext): Reply {
  const release = ctx.repo.releases.find((r) => r.id === id(ctx));
  if (!release) return notFound();
  const refused = checkReleaseBody(ctx.json.body);
  if (refused) return refused;
  if (typeof ctx.json.body === 'string') release.body = ctx.json.body;
  if (typeof ctx.json.name === 'string') release.name = ctx.json.name;
  if (typeof ctx.json.draft === 'boolean') release.draft = ctx.json.draft;
  if (typeof ctx.json.prerelease === 'boolean') release.prerelease = ctx.json.prerelease;
  return { status: 200, body: releaseJson(ctx.repo, release, ctx.urls) };
}

export function listAssets(ctx: RouteContext): Reply {
  if (!ctx.repo.releases.some((r) => r.id === id(ctx))) return notFound();
  const assets = ctx.repo.assets.filter((a) => a.release_id === id(ctx));
  return paged(
    ctx,
    assets.map((a) => assetJson(ctx.repo, a, ctx.urls)),
  );
}

export function deleteAsset(ctx: RouteContext): Reply {
  const index = ctx.repo.assets.findIndex((a) => a.id === id(ctx));
  if (index === -1) return notFound();
  ctx.repo.assets.splice(index, 1);
  return { status: 204 };
}

/** `POST <uploads>/repos/o/r/releases/ID/assets?name=…&label=…` with the raw bytes. */
export function uploadAsset(ctx: RouteContext): Reply {
  if (!ctx.repo.releases.some((r) => r.id === id(ctx))) return notFound();
  const name = ctx.query.get('name');
  if (!name) return invalid('ReleaseAsset', 'name', 'missing_field');
  if (!ctx.contentType)
    return {
      status: 400,
      body: { message: 'Content-Type header is required', documentation_url: DOCS },
    };
  if (ctx.repo.assets.some((a) => a.release_id === id(ctx) && a.name === name)) {
    return invalid('ReleaseAsset', 'name', 'already_exists');
  }
  const { id: assetId, at } = stamp(ctx.state);
  const asset = {
    id: assetId,
    release_id: id(ctx),
    name,
    label: ctx.query.get('label'),
    content_type: ctx.contentType,
    data: ctx.raw,
    uploader: ctx.login,
    created_at: at,
  };
  ctx.repo.assets.push(asset);
  return { status: 201, body: assetJson(ctx.repo, asset, ctx.urls) };
}
