/**
 * Options → PublishPlan: which clouds get the image and how, validated before anything is
 * built. Defaults come from the variables the official auth actions export
 * (configure-aws-credentials: AWS_REGION; google-github-actions/auth: GOOGLE_CLOUD_PROJECT),
 * passed in by the edge.
 */
import { channelOf } from '../cloud/naming.js';
import type {
  AwsPublishPlan,
  CloudName,
  GcpPublishPlan,
  Provenance,
  PublishPlan,
  UserTags,
} from '../cloud/types.js';
import { UserError } from '../errors.js';
import type { Environment } from '../github/context.js';
import { planArch } from './kernel-plan.js';
import type { OptionNamer, Options } from './options.js';
import { parseBoolean, parseDuration, parseInteger, parseKeyValue, splitList } from './validate.js';

const CLOUDS: readonly CloudName[] = ['aws', 'gcp'];

/** us-east-1, eu-central-2, us-gov-west-1, ap-southeast-4 … */
const AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** A 12-digit account, an organisation ARN or an organisational-unit ARN. */
const AWS_SHARE_PATTERN =
  /^(\d{12}|arn:aws[a-z-]*:organizations::\d{12}:(organization\/o-[a-z0-9]{10,32}|ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}))$/;
const KEEP_RANGE = { min: 1, max: 1000 };

/** Project variables google-github-actions/auth exports, in the order gcloud reads them. */
const GCP_PROJECT_VARIABLES = [
  'CLOUDSDK_CORE_PROJECT',
  'CLOUDSDK_PROJECT',
  'GOOGLE_CLOUD_PROJECT',
  'GCLOUD_PROJECT',
  'GCP_PROJECT',
];

/** Parses `publish`: `aws`, `gcp`, or both; empty means no publishing. */
export function parseTargets(raw: string[], namer: OptionNamer): CloudName[] {
  const targets: CloudName[] = [];
  for (const item of splitList(raw)) {
    const cloud = item.toLowerCase() as CloudName;
    if (!CLOUDS.includes(cloud)) {
      throw new UserError(`${namer('publish')} takes aws and/or gcp, got "${item}".`);
    }
    if (!targets.includes(cloud)) targets.push(cloud);
  }
  return targets;
}

/** The publish plan, or undefined when `publish` names no cloud. */
export function planPublish(
  options: Options,
  namer: OptionNamer,
  env: Environment,
  provenance: Provenance,
): PublishPlan | undefined {
  const targets = parseTargets(options.publish, namer);
  if (targets.length === 0) return undefined;
  return {
    targets,
    aws: targets.includes('aws') ? planAws(options, namer, env) : undefined,
    gcp: targets.includes('gcp') ? planGcp(options, namer, env) : undefined,
    provenance,
    channel: channelOf(provenance),
    imageName: options.imageName?.trim() || undefined,
    // Only a named architecture: an image file says its own, and a default would contradict it.
    arch: options.arch?.trim() ? planArch(options.arch, namer) : undefined,
  };
}

function planAws(options: Options, namer: OptionNamer, env: Environment): AwsPublishPlan {
  const region = (options.awsRegion?.trim() || env.AWS_REGION || env.AWS_DEFAULT_REGION)?.trim();
  if (!region) {
    throw new UserError(
      `Publishing to AWS needs a region: set ${namer('aws-region')}, or AWS_REGION (aws-actions/configure-aws-credentials sets it from its aws-region input).`,
    );
  }
  const copyRegions = splitList(options.awsCopyRegions);
  for (const [name, value] of [
    ['aws-region', region],
    ...copyRegions.map((r) => ['aws-copy-regions', r]),
  ] as const) {
    if (!AWS_REGION_PATTERN.test(value)) {
      throw new UserError(
        `${namer(name)} must be an AWS region such as us-east-1, got "${value}".`,
      );
    }
  }
  const shareAccounts = splitList(options.awsShareAccounts);
  for (const account of shareAccounts) {
    if (!AWS_SHARE_PATTERN.test(account)) {
      throw new UserError(
        `${namer('aws-share-accounts')} takes 12-digit account ids or organisation / OU ARNs (arn:aws:organizations::123456789012:organization/o-…), got "${account}".`,
      );
    }
  }
  const isPublic = parseBoolean(options.awsPublic, 'aws-public', namer, false);
  const kmsKeyId = options.awsKmsKeyId?.trim() || undefined;
  if (isPublic && kmsKeyId !== undefined) {
    throw new UserError(
      `${namer('aws-public')} cannot be combined with ${namer('aws-kms-key-id')}: AWS does not allow encrypted AMIs to be public.`,
    );
  }
  return {
    region,
    copyRegions: copyRegions.filter((r) => r !== region),
    shareAccounts,
    public: isPublic,
    kmsKeyId,
    tags: parseUserTags(options.awsTags, 'aws-tags', namer, checkAwsTag),
    keep: parseInteger(options.awsKeep, 'aws-keep', namer, KEEP_RANGE),
    deprecateAfterMs: parseDuration(options.awsDeprecateAfter, 'aws-deprecate-after', namer),
  };
}

function planGcp(options: Options, namer: OptionNamer, env: Environment): GcpPublishPlan {
  const bucket = options.gcpBucket
    ?.trim()
    .replace(/^gs:\/\//, '')
    .replace(/\/+$/, '');
  if (!bucket) {
    throw new UserError(
      `Publishing to Google Cloud needs a staging bucket for the upload: set ${namer('gcp-bucket')} to a Cloud Storage bucket the credentials can write to.`,
    );
  }
  if (!/^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/.test(bucket)) {
    throw new UserError(`${namer('gcp-bucket')} is not a Cloud Storage bucket name: "${bucket}".`);
  }
  const project = options.gcpProject?.trim() || gcpProjectFromEnv(env);
  const family = options.gcpImageFamily?.trim() || undefined;
  if (family !== undefined && !/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(family)) {
    throw new UserError(
      `${namer('gcp-image-family')} must be 1–63 lower-case letters, digits and hyphens, starting with a letter, got "${family}".`,
    );
  }
  return {
    project,
    bucket,
    family,
    storageLocation: options.gcpStorageLocation?.trim() || undefined,
    labels: parseUserTags(options.gcpLabels, 'gcp-labels', namer, checkGcpLabel),
    keep: parseInteger(options.gcpKeep, 'gcp-keep', namer, KEEP_RANGE),
    deprecateAfterMs: parseDuration(options.gcpDeprecateAfter, 'gcp-deprecate-after', namer),
    ...gcpEndpoints(env),
  };
}

/** The project google-github-actions/auth (or gcloud) exported, if any. */
export function gcpProjectFromEnv(env: Environment): string | undefined {
  return GCP_PROJECT_VARIABLES.map((name) => env[name]?.trim()).find((value) => value) || undefined;
}

/** The Google endpoints gcloud's override variables name (the post step needs them too). */
export function gcpEndpoints(
  env: Environment,
): Pick<GcpPublishPlan, 'computeEndpoint' | 'storageEndpoint'> {
  return {
    computeEndpoint: endpointOverride(env, 'COMPUTE', '/compute/v1/'),
    storageEndpoint: endpointOverride(env, 'STORAGE', '/storage/v1/'),
  };
}

/**
 * gcloud's endpoint override for one API, checked: the Google clients add the API's path
 * themselves, so an override must end in exactly that path (or have none).
 */
function endpointOverride(
  env: Environment,
  api: 'COMPUTE' | 'STORAGE',
  apiPath: string,
): string | undefined {
  const variable = `CLOUDSDK_API_ENDPOINT_OVERRIDES_${api}`;
  const raw = env[variable]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    throw new UserError(`${variable} must be a URL such as https://host${apiPath}, got "${raw}".`, {
      cause: error,
    });
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  if (!['http:', 'https:'].includes(url.protocol) || (path !== '/' && path !== apiPath)) {
    throw new UserError(
      `${variable} must be an http(s) URL whose path is ${apiPath} (the client adds it), got "${raw}".`,
    );
  }
  return `${url.protocol}//${url.host}${apiPath}`;
}

type TagCheck = (key: string, value: string) => string | undefined;

function parseUserTags(
  entries: string[],
  name: string,
  namer: OptionNamer,
  check: TagCheck,
): UserTags {
  const tags: UserTags = {};
  for (const entry of entries) {
    if (entry.trim() === '') continue;
    const [key, value] = parseKeyValue(entry.trim(), name, namer);
    const problem = check(key, value);
    if (problem !== undefined) throw new UserError(`${namer(name)}: "${entry}" ${problem}.`);
    tags[key] = value;
  }
  return tags;
}

const checkAwsTag: TagCheck = (key, value) => {
  if (/^(aws|nanoship):/i.test(key))
    return 'uses a reserved prefix (aws: and nanoship: are not yours to set)';
  if (key.length > 128) return 'has a key longer than 128 characters';
  if (value.length > 256) return 'has a value longer than 256 characters';
  if (!/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(`${key}${value}`)) {
    return 'holds a character AWS tags do not allow (letters, digits, spaces and _ . : / = + - @ are allowed)';
  }
  return undefined;
};

const checkGcpLabel: TagCheck = (key, value) => {
  if (!/^[a-z][a-z0-9_-]{0,62}$/.test(key)) {
    return 'has a key that is not 1–63 lower-case letters, digits, _ or -, starting with a letter';
  }
  if (key.startsWith('nanoship')) return 'uses the reserved prefix nanoship';
  if (!/^[a-z0-9_-]{0,63}$/.test(value)) {
    return 'has a value that is not at most 63 lower-case letters, digits, _ or -';
  }
  return undefined;
};
