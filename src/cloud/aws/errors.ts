/**
 * AWS failures as one line a user can act on: the operation as IAM names it, the region, the
 * resource, AWS's error code and message, and what to do. A refused call names the IAM
 * actions it needs, since AWS's own message often hides them in an encoded blob.
 */
import { errorMessage, UserError } from '../../errors.js';

export const EBS_OPERATIONS = ['StartSnapshot', 'PutSnapshotBlock', 'CompleteSnapshot'] as const;
export const EC2_OPERATIONS = [
  'DescribeSnapshots',
  'DescribeImages',
  'RegisterImage',
  'CopyImage',
  'ModifyImageAttribute',
  'ModifySnapshotAttribute',
  'GetImageBlockPublicAccessState',
  'EnableImageDeprecation',
  'DeregisterImage',
  'DeleteSnapshot',
] as const;

export const KMS_OPERATIONS = ['DescribeKey'] as const;

/** EC2 calls of previews and their teardown (beside DescribeImages … of EC2_OPERATIONS). */
export const PREVIEW_OPERATIONS = [
  'DescribeVpcs',
  'DescribeSubnets',
  'CreateSecurityGroup',
  'AuthorizeSecurityGroupIngress',
  'DescribeSecurityGroups',
  'DeleteSecurityGroup',
  'RunInstances',
  'DescribeInstances',
  'TerminateInstances',
  'GetConsoleOutput',
] as const;

export type AwsOperation =
  | (typeof EBS_OPERATIONS)[number]
  | (typeof EC2_OPERATIONS)[number]
  | (typeof KMS_OPERATIONS)[number]
  | (typeof PREVIEW_OPERATIONS)[number];

/**
 * Operations that tag what they create: IAM checks `ec2:CreateTags` on the new resource too
 * (Service Authorization Reference: StartSnapshot lists it as a dependent action; the others
 * are tag-on-create through their TagSpecifications).
 */
const TAGS_ON_CREATE: ReadonlySet<AwsOperation> = new Set([
  'StartSnapshot',
  'RegisterImage',
  'CopyImage',
  'CreateSecurityGroup',
  'AuthorizeSecurityGroupIngress',
  'RunInstances',
]);

/** Where the least-privilege policies are. */
export const POLICY_HINT = "nanoship's docs/aws.md lists the policies";

/** The IAM actions a call of `operation` needs. */
export function iamActions(operation: AwsOperation): string[] {
  const service = (EBS_OPERATIONS as readonly string[]).includes(operation)
    ? 'ebs'
    : (KMS_OPERATIONS as readonly string[]).includes(operation)
      ? 'kms'
      : 'ec2';
  const own = `${service}:${operation}`;
  return TAGS_ON_CREATE.has(operation) ? [own, 'ec2:CreateTags'] : [own];
}

/** The call a failure happened in, for its message. */
export interface CallSite {
  operation: AwsOperation;
  region: string;
  /** The resource acted on or created from (`snap-…`, `ami-…`, a file). */
  subject?: string;
  /** What to do, by AWS error code, where this call knows better than the general hints. */
  hints?: Partial<Record<string, string>>;
}

/** AWS's error code: the exception name the SDK derives from the response. */
export function awsErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as { name?: unknown; Code?: unknown; $fault?: unknown };
  if (typeof candidate.Code === 'string') return candidate.Code;
  // Only a service's answer has a fault side; a network error the SDK gave up on has none.
  if (candidate.$fault !== undefined && typeof candidate.name === 'string') return candidate.name;
  if (candidate.name === 'CredentialsProviderError') return candidate.name;
  return undefined;
}

/** The `Reason` an EBS exception carries (ACCOUNT_THROTTLED, SNAPSHOT_NOT_FOUND, …). */
export function ebsReason(error: unknown): string | undefined {
  const reason = (error as { Reason?: unknown } | null)?.Reason;
  return typeof reason === 'string' ? reason : undefined;
}

export function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

const DENIED = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedAccess',
]);
const BAD_CREDENTIALS = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
]);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

/** What to do about `code`, or undefined when AWS's message says it all. */
function hintFor(code: string, error: unknown, site: CallSite): string | undefined {
  const own = site.hints?.[code];
  if (own !== undefined) return own;
  if (DENIED.has(code)) {
    const actions = iamActions(site.operation).join(' and ');
    const kms =
      ebsReason(error) === 'DEPENDENCY_ACCESS_DENIED' ? ', or may not use the KMS key' : '';
    return `The credentials lack ${actions}${kms}: grant them to the role (${POLICY_HINT}).`;
  }
  if (code === 'CredentialsProviderError') {
    return 'No AWS credentials were found: run aws-actions/configure-aws-credentials (role-to-assume, with id-token: write) before nanoship, or set AWS_PROFILE.';
  }
  if (BAD_CREDENTIALS.has(code)) {
    return 'The credentials were not accepted: check the role that configure-aws-credentials assumed and the region.';
  }
  if (EXPIRED.has(code)) {
    return "The role's session ended: raise role-duration-seconds of configure-aws-credentials for long publishes (copies to many regions).";
  }
  if (code === 'OptInRequired') {
    return `Region ${site.region} is not enabled for this account: enable it, or choose another region.`;
  }
  if (/LimitExceeded|QuotaExceeded/.test(code) && !/^Request/.test(code)) {
    return 'An account quota is reached: delete unused images and snapshots (aws-keep does for nanoship’s own) or ask AWS for a higher quota.';
  }
  if (/Throttl|RequestLimitExceeded/.test(code)) {
    return 'AWS kept throttling after retries: run again later, or publish fewer images at once.';
  }
  return undefined;
}

/** Collapses whitespace so an AWS message stays on one line. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * `error` from a call at `site` as one UserError (cause kept). A UserError passes through
 * unchanged; a cancel becomes "cancelled"; an error that is not AWS's (a bug) is returned as is.
 */
export function awsFailure(error: unknown, site: CallSite): Error {
  if (error instanceof UserError) return error;
  const where = `in ${site.region}${site.subject ? ` for ${site.subject}` : ''}`;
  const name = iamActions(site.operation)[0];
  if (isAbort(error)) {
    return new UserError(`AWS work was cancelled during ${name} ${where}.`, {
      cause: error,
    });
  }
  const code = awsErrorCode(error);
  if (code === undefined) {
    const network =
      error instanceof Error &&
      (('code' in error && typeof error.code === 'string') || error.name === 'TimeoutError');
    if (network) {
      return new UserError(
        `AWS ${name} ${where} failed on the network: ${oneLine(errorMessage(error))}. Check the runner's connection to AWS (or AWS_ENDPOINT_URL).`,
        { cause: error },
      );
    }
    return error instanceof Error ? error : new Error(errorMessage(error));
  }
  const verb = DENIED.has(code) ? 'refused' : 'failed';
  const hint = hintFor(code, error, site);
  const said = oneLine(errorMessage(error));
  const detail = /[.!?]$/.test(said) || said === '' ? said : `${said}.`;
  const reason = ebsReason(error);
  return new UserError(
    `AWS ${verb} ${name} ${where}: ${code}${reason ? ` (${reason})` : ''}: ${detail}${hint ? ` ${hint}` : ''}`,
    { cause: error },
  );
}

/** Runs one AWS call; a failure is thrown as `awsFailure` words it. */
export async function callAws<T>(site: CallSite, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw awsFailure(error, site);
  }
}
