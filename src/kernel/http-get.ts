/**
 * A streaming HTTP(S) GET on node:http, following redirects. Not `fetch`: Node's built-in
 * fetch (undici) crashed the whole process with an internal assertion when a plain HTTP/1.0
 * server (e.g. `python3 -m http.server` as a mirror) closed the connection while the body was
 * paused for back-pressure; node:http reports such endings as ordinary stream errors.
 */
import type { IncomingMessage } from 'node:http';

/** Redirects followed before giving up (the official bucket answers directly). */
const MAX_REDIRECTS = 5;
/** No byte for this long (connecting or mid-body) counts as a network failure. */
const IDLE_TIMEOUT_MS = 30_000;

export interface HttpResponse {
  status: number;
  /** The final URL after redirects. */
  url: string;
  body: IncomingMessage;
}

async function requestOnce(url: URL): Promise<IncomingMessage> {
  // Loaded on first use: TLS and HTTP cost start-up time, and cached kernels need neither.
  const client = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  return new Promise((resolve, reject) => {
    const request = client.get(url, { headers: { 'user-agent': 'nanoship' } }, resolve);
    request.setTimeout(IDLE_TIMEOUT_MS, () => {
      request.destroy(new Error(`no data for ${IDLE_TIMEOUT_MS / 1000} s`));
    });
    request.on('error', reject);
  });
}

/**
 * GETs `url`, following up to MAX_REDIRECTS redirects. Resolves with the status and the body
 * stream of the final response; rejects on connection errors. The caller consumes or destroys
 * the body.
 */
export async function httpGet(url: string): Promise<HttpResponse> {
  let current = new URL(url);
  for (let redirects = 0; ; redirects++) {
    const response = await requestOnce(current);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && location !== undefined) {
      response.resume();
      if (redirects === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current);
      continue;
    }
    return { status, url: current.toString(), body: response };
  }
}
