/**
 * The state of the fake GitHub (`fake.ts`): repositories with refs, pull requests, issue
 * comments, deployments and their statuses, releases and their assets, and the JSON GitHub
 * returns for each. Tests read and arrange it directly.
 */

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: string;
  created_at: string;
  updated_at: string;
}

export interface FakePull {
  number: number;
  state: 'open' | 'closed';
  headSha: string;
  headRef: string;
  /** `owner/name` of the head repository; another name than the base's for a fork. */
  headRepo: string;
}

export interface FakeDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  payload: unknown;
  description: string | null;
  transient_environment: boolean;
  production_environment: boolean;
  creator: string;
  created_at: string;
}

export interface FakeDeploymentStatus {
  id: number;
  deployment_id: number;
  state: string;
  description: string;
  environment: string;
  environment_url: string;
  log_url: string;
  creator: string;
  created_at: string;
}

export interface FakeRelease {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  make_latest: string;
  author: string;
  created_at: string;
}

export interface FakeAsset {
  id: number;
  release_id: number;
  name: string;
  label: string | null;
  content_type: string;
  data: Buffer;
  uploader: string;
  created_at: string;
}

export interface FakeRepo {
  id: number;
  owner: string;
  name: string;
  default_branch: string;
  /** Every ref the repository resolves (branch, `refs/heads/…`, tag, `refs/pull/N/head`, SHA) → SHA. */
  refs: Map<string, string>;
  /** Refs whose branch is behind the default branch: `auto_merge` (default true) merges and answers 202. */
  behindBase: Set<string>;
  /** Refs with a pending commit status: the default `required_contexts` (all) answers 409. */
  pendingChecks: Set<string>;
  pulls: Map<number, FakePull>;
  comments: FakeComment[];
  deployments: FakeDeployment[];
  statuses: FakeDeploymentStatus[];
  releases: FakeRelease[];
  assets: FakeAsset[];
}

export interface FakeState {
  repos: Map<string, FakeRepo>;
  /** Tokens that may read but not write (a fork PR's GITHUB_TOKEN): writes get 403. */
  readOnlyTokens: Set<string>;
  /** Login per token; others are `github-actions[bot]`. */
  users: Map<string, string>;
  nextId: number;
  /** Seconds after the fake epoch of the next timestamp: every object is one second younger. */
  tick: number;
}

const EPOCH_MS = Date.parse('2026-01-01T00:00:00Z');

export function newState(): FakeState {
  return { repos: new Map(), readOnlyTokens: new Set(), users: new Map(), nextId: 1000, tick: 0 };
}

/** A fresh id and timestamp, both increasing: GitHub's ids grow with creation order. */
export function stamp(state: FakeState): { id: number; at: string } {
  state.tick += 1;
  state.nextId += 1;
  return { id: state.nextId, at: new Date(EPOCH_MS + state.tick * 1000).toISOString() };
}

export function repoKey(fullName: string): string {
  return fullName.toLowerCase();
}

/** A 40-hex SHA derived from a label, for refs tests do not care about. */
export function fakeSha(label: string): string {
  let hash = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 40; round++) {
    for (const char of `${label}:${round}`) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    out += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

export function addRepo(state: FakeState, fullName: string): FakeRepo {
  const [owner, name] = fullName.split('/') as [string, string];
  const mainSha = fakeSha(`${fullName}@main`);
  const repo: FakeRepo = {
    id: stamp(state).id,
    owner,
    name,
    default_branch: 'main',
    refs: new Map([
      ['main', mainSha],
      ['refs/heads/main', mainSha],
      [mainSha, mainSha],
    ]),
    behindBase: new Set(),
    pendingChecks: new Set(),
    pulls: new Map(),
    comments: [],
    deployments: [],
    statuses: [],
    releases: [],
    assets: [],
  };
  state.repos.set(repoKey(fullName), repo);
  return repo;
}

/**
 * An open pull request. Its head SHA and `refs/pull/N/head` resolve in the base repository;
 * its branch name does only when the head is in the same repository (not for a fork).
 */
export function addPull(
  repo: FakeRepo,
  pull: { number: number; headSha: string; headRef?: string; headRepo?: string },
): FakePull {
  const full = `${repo.owner}/${repo.name}`;
  const record: FakePull = {
    number: pull.number,
    state: 'open',
    headSha: pull.headSha,
    headRef: pull.headRef ?? `feature-${pull.number}`,
    headRepo: pull.headRepo ?? full,
  };
  repo.pulls.set(pull.number, record);
  repo.refs.set(pull.headSha, pull.headSha);
  repo.refs.set(`refs/pull/${pull.number}/head`, pull.headSha);
  if (repoKey(record.headRepo) === repoKey(full)) {
    repo.refs.set(record.headRef, pull.headSha);
    repo.refs.set(`refs/heads/${record.headRef}`, pull.headSha);
  }
  return record;
}

/** URLs the JSON carries: the API base, the uploads base and the web base. */
export interface FakeUrls {
  api: string;
  uploads: string;
  web: string;
}

function user(login: string) {
  return { login, id: login.length, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
}

function repoPath(repo: FakeRepo): string {
  return `${repo.owner}/${repo.name}`;
}

export function commentJson(repo: FakeRepo, c: FakeComment, urls: FakeUrls) {
  return {
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${urls.api}/repos/${repoPath(repo)}/issues/comments/${c.id}`,
    html_url: `${urls.web}/${repoPath(repo)}/pull/${c.issue}#issuecomment-${c.id}`,
    issue_url: `${urls.api}/repos/${repoPath(repo)}/issues/${c.issue}`,
    body: c.body,
    user: user(c.user),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE',
  };
}

export function pullJson(repo: FakeRepo, p: FakePull, urls: FakeUrls) {
  const full = repoPath(repo);
  return {
    id: p.number * 7,
    number: p.number,
    state: p.state,
    html_url: `${urls.web}/${full}/pull/${p.number}`,
    head: {
      ref: p.headRef,
      sha: p.headSha,
      repo: { full_name: p.headRepo, fork: repoKey(p.headRepo) !== repoKey(full) },
    },
    base: { ref: repo.default_branch, repo: { full_name: full, fork: false } },
  };
}

export function deploymentJson(repo: FakeRepo, d: FakeDeployment, urls: FakeUrls) {
  const url = `${urls.api}/repos/${repoPath(repo)}/deployments/${d.id}`;
  return {
    url,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: user(d.creator),
    created_at: d.created_at,
    updated_at: d.created_at,
    statuses_url: `${url}/statuses`,
    repository_url: `${urls.api}/repos/${repoPath(repo)}`,
    transient_environment: d.transient_environment,
    production_environment: d.production_environment,
  };
}

export function statusJson(repo: FakeRepo, s: FakeDeploymentStatus, urls: FakeUrls) {
  const deploymentUrl = `${urls.api}/repos/${repoPath(repo)}/deployments/${s.deployment_id}`;
  return {
    url: `${deploymentUrl}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: user(s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.log_url,
    log_url: s.log_url,
    environment_url: s.environment_url,
    created_at: s.created_at,
    updated_at: s.created_at,
    deployment_url: deploymentUrl,
    repository_url: `${urls.api}/repos/${repoPath(repo)}`,
  };
}

export function assetJson(repo: FakeRepo, a: FakeAsset, urls: FakeUrls) {
  const release = repo.releases.find((r) => r.id === a.release_id);
  return {
    url: `${urls.api}/repos/${repoPath(repo)}/releases/assets/${a.id}`,
    id: a.id,
    node_id: `RA_${a.id}`,
    name: a.name,
    label: a.label,
    content_type: a.content_type,
    state: 'uploaded',
    size: a.data.length,
    download_count: 0,
    browser_download_url: `${urls.web}/${repoPath(repo)}/releases/download/${release?.tag_name}/${a.name}`,
    uploader: user(a.uploader),
    created_at: a.created_at,
    updated_at: a.created_at,
  };
}

export function releaseJson(repo: FakeRepo, r: FakeRelease, urls: FakeUrls) {
  const url = `${urls.api}/repos/${repoPath(repo)}/releases/${r.id}`;
  return {
    url,
    id: r.id,
    node_id: `RE_${r.id}`,
    tag_name: r.tag_name,
    target_commitish: r.target_commitish,
    name: r.name,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    author: user(r.author),
    created_at: r.created_at,
    published_at: r.draft ? null : r.created_at,
    html_url: `${urls.web}/${repoPath(repo)}/releases/tag/${r.tag_name}`,
    assets_url: `${url}/assets`,
    upload_url: `${urls.uploads}/repos/${repoPath(repo)}/releases/${r.id}/assets{?name,label}`,
    tarball_url: `${urls.api}/repos/${repoPath(repo)}/tarball/${r.tag_name}`,
    zipball_url: `${urls.api}/repos/${repoPath(repo)}/zipball/${r.tag_name}`,
    assets: repo.assets.filter((a) => a.release_id === r.id).map((a) => assetJson(repo, a, urls)),
  };
}
