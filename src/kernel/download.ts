import { createHash } from 'node:crypto';
import { errorMessage, UserError } from '../errors.js';
import { open, rm } from '../files.js';
import type { Logger } from '../log.js';
import { DEFAULT_RETRY, type RetryCall, type RetryOptions, retry } from '../retry.js';
import { type HttpResponse, httpGet } from './http-get.js';

/** A response with a status other than 2xx; the status decides whether to retry. */
export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`HTTP ${status} from ${url}`);
  }
}

/** The connection failed or broke off mid-body: always worth another attempt. */
class NetworkError extends Error {
  override name = 'NetworkError';

  constructor(url: string, cause: unknown) {
    super(`network error fetching ${url}: ${describeCause(cause)}`, { cause });
  }
}

/** What a finished download measured while it wrote the file. */
export interface DownloadedFile {
  path: string;
  bytes: number;
  sha256: string;
  md5: string;
}

/** How a download is retried and logged. */
export interface DownloadOptions {
  logger: Logger;
  retry?: RetryOptions;
}

/**
 * The retry policy for HTTP: network errors, 5xx, 408 (timeout) and 429 (rate limit) are
 * transient; any other status (404 above all) will not change by asking again.
 */
function isRetryableDownloadError(error: unknown): boolean {
  if (error instanceof NetworkError) return true;
  if (error instanceof HttpError) {
    return error.status >= 500 || error.status === 408 || error.status === 429;
  }
  return false;
}

/**
 * Downloads `url` to `dest` (which must not exist), retrying transient failures, hashing
 * sha256 and md5 as the bytes are written so the archive is never held in memory. Throws the
 * last HttpError/NetworkError when attempts run out; a failed attempt leaves no file behind.
 */
export async function downloadFile(
  url: string,
  dest: string,
  options: DownloadOptions,
): Promise<DownloadedFile> {
  return retry(() => downloadAttempt(url, dest), retryCall(url, options));
}

/** One GET of `url` streamed into `dest`; deletes the partial file when anything fails. */
async function downloadAttempt(url: string, dest: string): Promise<DownloadedFile> {
  const { body } = await get(url);
  const sha256 = createHash('sha256');
  const md5 = createHash('md5');
  let bytes = 0;
  const file = await open(dest, 'wx');
  try {
    for await (const chunk of readBody(body, url)) {
      sha256.update(chunk);
      md5.update(chunk);
      bytes += chunk.length;
      await file.write(chunk);
    }
    await file.close();
  } catch (error) {
    await file.close().catch(() => {});
    await rm(dest, { force: true });
    throw error;
  }
  return { path: dest, bytes, sha256: sha256.digest('hex'), md5: md5.digest('hex') };
}

/** GETs a small text file (latest.txt, an .md5) with retries and returns it trimmed. */
export async function fetchText(url: string, options: DownloadOptions): Promise<string> {
  return retry(
    async () => {
      const { body } = await get(url);
      let text = '';
      for await (const chunk of readBody(body, url)) text += Buffer.from(chunk).toString('utf8');
      return text.trim();
    },
    retryCall(url, options),
  );
}

/** How every GET of `url` is retried: the caller's policy, HTTP's idea of transient, its log. */
function retryCall(url: string, options: DownloadOptions): RetryCall {
  return {
    ...(options.retry ?? DEFAULT_RETRY),
    label: url,
    isRetryable: isRetryableDownloadError,
    logger: options.logger,
  };
}

/**
 * Turns a download failure into the UserError a person can act on, or returns undefined for
 * statuses the caller words itself (a 404 means different things for different files).
 */
export function describeDownloadFailure(
  error: unknown,
  url: string,
  attempts: number,
): UserError | undefined {
  if (error instanceof HttpError && error.status === 404) return undefined;
  if (error instanceof HttpError && !isRetryableDownloadError(error)) {
    return new UserError(
      `the server refused ${url} with HTTP ${error.status}; check --kernel-base-url (input kernel-base-url) and that the mirror allows anonymous reads`,
      { cause: error },
    );
  }
  if (isRetryableDownloadError(error)) {
    return new UserError(
      `could not download ${url} after ${attempts} attempt(s): ${errorMessage(error)}; check the network or proxy, or use a mirror with --kernel-base-url`,
      { cause: error },
    );
  }
  return undefined;
}

async function get(url: string): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await httpGet(url);
  } catch (error) {
    throw new NetworkError(url, error);
  }
  if (response.status < 200 || response.status >= 300) {
    // Drop the error body so the connection is released before the next attempt.
    response.body.destroy();
    throw new HttpError(response.status, url);
  }
  return response;
}

async function* readBody(body: AsyncIterable<Uint8Array>, url: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    throw new NetworkError(url, error);
  }
}

/** Some socket errors keep the useful part in `cause`. */
function describeCause(cause: unknown): string {
  const inner = cause instanceof Error && cause.cause !== undefined ? cause.cause : undefined;
  return inner === undefined
    ? errorMessage(cause)
    : `${errorMessage(cause)} (${errorMessage(inner)})`;
}
