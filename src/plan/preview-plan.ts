/**
 * Options and the run's event → PreviewPlan / SweepPlan: whether this run brings a pull
 * request's preview up or down, where, and how it is checked. The Action decides from the
 * event (`pull_request` opened, reopened, synchronize → up; closed → down); the CLI from its
 * command. Validated before anything is built.
 */
import type { CloudName, Provenance } from '../cloud/types.js';
import { UserError } from '../errors.js';
import { type Environment, type GitHubEvent, runUrlFromEnv } from '../github/context.js';
import { isForkPullRequest } from '../github/fork.js';
import type { OptionNamer, Options } from './options.js';
import { gcpEndpoints, gcpProjectFromEnv } from './publish-plan.js';
import { type ProbePlan, parseProbe } from './smoke-plan.js';
import { parseBoolean, parseChoice, parseDuration, parseInteger, splitList } from './validate.js';

/** A preview lives this long unless a push replaces it or the PR closes first. */
const DEFAULT_TTL_MS = 72 * 3_600_000;
/** GCE's maxRunDuration allows at most 120 days; AWS has no limit, the sweep applies it. */
const MAX_TTL_MS = 120 * 86_400_000;
/** How long the preview has to answer through its public address. */
const DEFAULT_PREVIEW_PROBE_TIMEOUT_S = 300;

/** `pull_request` actions that bring a preview up (a new or updated head) and down. */
const UP_ACTIONS = ['opened', 'reopened', 'synchronize', 'ready_for_review'];
const DOWN_ACTIONS = ['closed'];

export type PreviewAction = 'up' | 'down';

/** The GitHub side: the token that comments and deploys, and the API to reach. */
export interface GitHubAccess {
  token: string;
  /** `GITHUB_API_URL` (GitHub Enterprise Server); undefined: api.github.com. */
  apiUrl?: string;
  /** The workflow run, linked from comments and deployments. */
  runUrl?: string;
}

/** Where the preview instance runs, per cloud. */
export interface PreviewPlacement {
  cloud: CloudName;
  aws?: { region: string; subnetId?: string };
  gcp?: {
    project?: string;
    zone: string;
    network?: string;
    /** The staging bucket: the sweep also removes this repository's day-old objects there. */
    bucket?: string;
    computeEndpoint?: string;
    storageEndpoint?: string;
  };
}

export interface PreviewPlan extends PreviewPlacement {
  action: PreviewAction;
  /** `owner/name` of the base repository. */
  repo: string;
  pr: number;
  /** The PR's head commit, when known (the deployment's ref). */
  sha?: string;
  /** `<run_id>-<run_attempt>`: names and idempotency tokens of what the run creates. */
  run?: string;
  /** The head lives in a fork: no cloud resources unless `allowForks`. */
  fork: boolean;
  allowForks: boolean;
  /** Guest ports the security group / firewall opens. */
  ports: number[];
  /** What must answer through the public address before the preview counts as up. */
  probes: ProbePlan[];
  expectStatus: number;
  expectBody?: RegExp;
  probeTimeoutMs: number;
  instanceType?: string;
  ttlMs: number;
  github: GitHubAccess;
}

export interface SweepPlan extends PreviewPlacement {
  repo: string;
  /** Previews older than this go even when their PR is still open (default 72h). */
  ttlMs: number;
  github: GitHubAccess;
}

/** What the edge knows about the run: its event, provenance and environment. */
export interface RunContext {
  env: Environment;
  event: GitHubEvent;
  provenance: Provenance;
}

/** Which preview action a run's event asks for, if any. */
export function previewActionOf(event: GitHubEvent): PreviewAction | undefined {
  if (event.name !== 'pull_request' && event.name !== 'pull_request_target') return undefined;
  const action = event.payload.action ?? '';
  if (UP_ACTIONS.includes(action)) return 'up';
  if (DOWN_ACTIONS.includes(action)) return 'down';
  return undefined;
}

/** The cloud named by `preview`, or undefined when previews are off. */
export function parsePreviewCloud(options: Options, namer: OptionNamer): CloudName | undefined {
  const raw = options.preview?.trim();
  if (!raw) return undefined;
  return parseChoice(raw, 'preview', namer, ['aws', 'gcp'] as const, 'aws');
}

/**
 * The preview plan of a run, or undefined when `preview` is off or the event asks for no
 * preview. `action` overrides the event (the CLI's `preview up` / `preview down`). Smoke probes
 * are the default probes and ports, so a preview is checked as its image was.
 */
export function planPreview(
  options: Options,
  namer: OptionNamer,
  run: RunContext,
  smoke: { probes: ProbePlan[]; expectStatus: number; expectBody?: RegExp } | undefined,
  action: PreviewAction | undefined = previewActionOf(run.event),
): PreviewPlan | undefined {
  const cloud = parsePreviewCloud(options, namer);
  if (cloud === undefined || action === undefined) return undefined;
  const pr = parseInteger(options.pr, 'pr', namer, { min: 1, max: 1e9 }) ?? run.provenance.pr;
  if (pr === undefined) {
    throw new UserError(
      `A preview belongs to a pull request: run on a pull_request event, or give ${namer('pr')}.`,
    );
  }
  const repo = options.repo?.trim() || run.provenance.repo;
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) {
    throw new UserError(
      `A preview needs the repository as owner/name: give ${namer('repo')} or set GITHUB_REPOSITORY${repo ? ` (got "${repo}")` : ''}.`,
    );
  }
  const probes = options.previewProbes.length
    ? splitList(options.previewProbes).map((probe) => parseProbe(probe, namer, 'preview-probe'))
    : (smoke?.probes ?? []);
  const ports = planPorts(options, namer, probes);
  if (action === 'up' && ports.length === 0) {
    throw new UserError(
      `A preview needs a port to open: give ${namer('preview-port')}, or a probe (${namer('probe')} or ${namer('preview-probe')}) whose port is used.`,
    );
  }
  return {
    ...planPlacement(cloud, options, namer, run.env),
    action,
    repo,
    pr,
    sha: run.provenance.sha,
    run: run.provenance.run,
    fork: isForkPullRequest(run.event.payload),
    allowForks: parseBoolean(options.previewAllowForks, 'preview-allow-forks', namer, false),
    ports,
    probes,
    expectStatus: smoke?.expectStatus ?? 200,
    expectBody: smoke?.expectBody,
    probeTimeoutMs:
      1000 *
      parseInteger(
        options.previewTimeout,
        'preview-timeout',
        namer,
        { min: 10, max: 3600 },
        DEFAULT_PREVIEW_PROBE_TIMEOUT_S,
      ),
    instanceType: options.previewInstanceType?.trim() || undefined,
    ttlMs: planTtl(options, namer),
    github: githubAccess(options, run.env),
  };
}

/** The sweep of one repository's previews on one cloud (`nanoship sweep`). */
export function planSweep(options: Options, namer: OptionNamer, run: RunContext): SweepPlan {
  const cloud = parsePreviewCloud(options, namer);
  if (cloud === undefined) {
    throw new UserError(`The sweep needs the cloud: give ${namer('preview')} aws or gcp.`);
  }
  const repo = options.repo?.trim() || run.provenance.repo;
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo)) {
    throw new UserError(
      `The sweep needs the repository as owner/name: give ${namer('repo')} or set GITHUB_REPOSITORY.`,
    );
  }
  return {
    ...planPlacement(cloud, options, namer, run.env),
    repo,
    ttlMs: planTtl(options, namer),
    github: githubAccess(options, run.env),
  };
}

function planTtl(options: Options, namer: OptionNamer): number {
  const ttl = parseDuration(options.previewTtl, 'preview-ttl', namer) ?? DEFAULT_TTL_MS;
  if (ttl > MAX_TTL_MS) {
    throw new UserError(`${namer('preview-ttl')} must be at most 120d (Compute Engine's limit).`);
  }
  return ttl;
}

/** `preview-port` entries (single ports or `a-b` ranges), else the probes' ports. */
function planPorts(options: Options, namer: OptionNamer, probes: ProbePlan[]): number[] {
  const ports = new Set<number>();
  for (const item of splitList(options.previewPorts)) {
    const range = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(item);
    const from = Number(range?.[1]);
    const to = Number(range?.[2] ?? range?.[1]);
    if (!range || from < 1 || to > 65535 || from > to || to - from > 1000) {
      throw new UserError(
        `${namer('preview-port')} takes TCP ports such as 8080 or 9000-9010, got "${item}".`,
      );
    }
    for (let port = from; port <= to; port++) ports.add(port);
  }
  if (ports.size === 0) for (const probe of probes) ports.add(probe.port);
  return [...ports].sort((a, b) => a - b);
}

/** Region / zone of the preview instance, from the cloud's options and the environment. */
function planPlacement(
  cloud: CloudName,
  options: Options,
  namer: OptionNamer,
  env: Environment,
): PreviewPlacement {
  if (cloud === 'aws') {
    const region = (options.awsRegion?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION)?.trim();
    if (!region) {
      throw new UserError(
        `A preview on AWS needs a region: set ${namer('aws-region')}, or AWS_REGION (aws-actions/configure-aws-credentials sets it).`,
      );
    }
    const subnetId = options.awsSubnetId?.trim() || undefined;
    if (subnetId !== undefined && !/^subnet-[0-9a-f]{8,17}$/.test(subnetId)) {
      throw new UserError(
        `${namer('aws-subnet-id')} must be a subnet id (subnet-…), got "${subnetId}".`,
      );
    }
    return { cloud, aws: { region, subnetId } };
  }
  const zone = options.gcpZone?.trim() || env.CLOUDSDK_COMPUTE_ZONE?.trim();
  if (!zone) {
    throw new UserError(
      `A preview on Google Cloud needs a zone: set ${namer('gcp-zone')} (such as us-central1-a) or CLOUDSDK_COMPUTE_ZONE.`,
    );
  }
  if (!/^[a-z]+-[a-z]+\d+-[a-z]$/.test(zone)) {
    throw new UserError(
      `${namer('gcp-zone')} must be a zone such as us-central1-a, got "${zone}".`,
    );
  }
  return {
    cloud,
    gcp: {
      project: options.gcpProject?.trim() || gcpProjectFromEnv(env),
      zone,
      network: options.gcpNetwork?.trim() || undefined,
      bucket:
        options.gcpBucket
          ?.trim()
          .replace(/^gs:\/\//, '')
          .replace(/\/+$/, '') || undefined,
      ...gcpEndpoints(env),
    },
  };
}

/** The token (input / flag, else GITHUB_TOKEN), API base and run link for GitHub calls. */
export function githubAccess(options: Options, env: Environment): GitHubAccess {
  return {
    token: options.githubToken?.trim() || env.GITHUB_TOKEN || '',
    apiUrl: env.GITHUB_API_URL || undefined,
    runUrl: runUrlFromEnv(env),
  };
}
