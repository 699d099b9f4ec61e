/**
 * Google's refusals as one line a user can act on. The clients throw in several shapes: the
 * Compute client a GaxiosError whose message is Google's JSON error body, the Storage client
 * an ApiError with `code` and `errors[]`, the upload a GaxiosError with a status, a network
 * error a code such as ECONNREFUSED. `describeGoogleError` reads them all; `googleFailure`
 * words the common causes (API off, permission, quota, credentials) and names the permission
 * the failed step needs.
 */
import { errorMessage, UserError } from '../../errors.js';

export interface GoogleErrorInfo {
  /** HTTP status, when there was an answer. */
  status?: number;
  /** Google's `errors[0].reason` (`notFound`, `accessNotConfigured`, …), or a network code. */
  reason?: string;
  message: string;
}

interface GoogleErrorBody {
  error?: { code?: number; message?: string; errors?: { reason?: string; message?: string }[] };
}

/** What an error thrown by a Google client says, whatever its shape. */
export function describeGoogleError(error: unknown): GoogleErrorInfo {
  const e = (error ?? {}) as {
    code?: unknown;
    status?: unknown;
    errors?: { reason?: string }[];
    response?: { status?: number; data?: unknown };
  };
  const body = parseBody(errorMessage(error)) ?? parseBody(e.response?.data);
  const status =
    body?.error?.code ??
    (typeof e.status === 'number' ? e.status : undefined) ??
    (typeof e.code === 'number' ? e.code : undefined) ??
    e.response?.status;
  const reason =
    body?.error?.errors?.[0]?.reason ??
    e.errors?.[0]?.reason ??
    (typeof e.code === 'string' && !/^\d+$/.test(e.code) ? e.code : undefined);
  const message = body?.error?.message ?? errorMessage(error);
  return { status, reason, message: message.trim() };
}

function parseBody(value: unknown): GoogleErrorBody | undefined {
  if (typeof value === 'object' && value !== null && 'error' in value)
    return value as GoogleErrorBody;
  if (typeof value !== 'string' || !value.trimStart().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(value) as GoogleErrorBody;
    return typeof parsed.error === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** HTTP statuses and network codes worth another attempt. */
export function isTransientGoogleError(error: unknown): boolean {
  const { status, reason } = describeGoogleError(error);
  if (status !== undefined) return status === 408 || status === 429 || status >= 500;
  return (
    reason !== undefined &&
    /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|UND_ERR_SOCKET)$/.test(reason)
  );
}

export function isNotFound(error: unknown): boolean {
  return describeGoogleError(error).status === 404;
}

/** Where docs/gcp.md lists the permissions, for messages about a missing one. */
export const PERMISSIONS_DOC = 'docs/gcp.md#permissions';

export interface FailureContext {
  /** What was being done, as a gerund phrase: "creating image app-1a2b3c4". */
  step: string;
  project: string;
  /** The IAM permission the step needs. */
  permission: string;
  /** The API the call went to, for "not enabled". */
  api?: 'Compute Engine' | 'Cloud Storage';
}

/** One UserError for a refused call, keeping the original as `cause`. */
export function googleFailure(error: unknown, context: FailureContext): UserError {
  const { status, reason, message } = describeGoogleError(error);
  const api = context.api ?? 'Compute Engine';
  const service = api === 'Compute Engine' ? 'compute.googleapis.com' : 'storage.googleapis.com';
  const detail = `(${[status, reason].filter((x) => x !== undefined).join(' ')}: ${message})`;
  let text: string;
  const policy = policyConstraint(message);
  if (policy) {
    text = `An organisation policy forbids ${context.step} in project ${context.project}: constraint ${policy} ${detail}. ${constraintAdvice(policy, context.project)}`;
  } else if (
    reason === 'accessNotConfigured' ||
    /SERVICE_DISABLED|has not been used in project|is disabled/.test(message)
  ) {
    text = `${api} API not enabled in project ${context.project} ${detail}: enable it with "gcloud services enable ${service} --project ${context.project}", wait a minute, and run again.`;
  } else if (status === 401) {
    text = `Google rejected the credentials while ${context.step} ${detail}: check the google-github-actions/auth step (workload identity provider, service account) or GOOGLE_APPLICATION_CREDENTIALS.`;
  } else if (status === 403 && /quota|rateLimit/i.test(`${reason} ${message}`)) {
    text = `Quota exceeded in project ${context.project} while ${context.step} ${detail}: free some quota or ask for more in the Google Cloud console (IAM & Admin → Quotas).`;
  } else if (status === 403) {
    // Google names the permission it missed when one call needs several (instances.insert).
    const permission = /Required '([\w.]+)' permission/.exec(message)?.[1] ?? context.permission;
    text = `Permission denied: ${context.step} needs ${permission} in project ${context.project} ${detail}; grant it to the credentials' principal (${PERMISSIONS_DOC}).`;
  } else if (status === 429) {
    text = `Google Cloud kept throttling requests while ${context.step} ${detail}: run again later, or raise the API quota of project ${context.project}.`;
  } else if (status === undefined) {
    text = `Could not reach Google Cloud while ${context.step} ${detail}: check the runner's network, proxy and any CLOUDSDK_API_ENDPOINT_OVERRIDES_* variables.`;
  } else {
    text = `Google Cloud refused ${context.step} ${detail}.`;
  }
  return new UserError(text, { cause: error });
}

/** The organisation policy constraint a refusal names (`compute.vmExternalIpAccess`), if any. */
export function policyConstraint(message: string): string | undefined {
  return /constraints\/([A-Za-z][\w.]*[A-Za-z])/.exec(message)?.[1];
}

/** What to do about the constraints previews commonly meet (cloud-publishing.md §5.1). */
const CONSTRAINT_ADVICE: Record<string, (project: string) => string> = {
  'compute.vmExternalIpAccess': (project) =>
    `A preview needs an external IP to be reachable: ask an organisation policy administrator to allow external IPs in project ${project} (the constraint takes a list of instances; nanoship's are named nanoship-pr*), or preview in another project.`,
  'compute.trustedImageProjects': (project) =>
    `The preview boots an image of project ${project}: ask an organisation policy administrator to add projects/${project} to the trusted image projects.`,
  'compute.skipDefaultNetworkCreation': () =>
    'The project has no default network: name an existing network with gcp-network.',
};

/** The advice for a constraint: a specific one, else whom to ask. */
export function constraintAdvice(constraint: string, project: string): string {
  return (
    CONSTRAINT_ADVICE[constraint]?.(project) ??
    `Ask an organisation policy administrator to relax ${constraint} for project ${project}, or use another project.`
  );
}
