/**
 * The SDK clients of one publish, one set per region, built from the SDK's own defaults and
 * nothing else: credentials from the default chain (what configure-aws-credentials exports),
 * endpoints from the SDK's standard variables (`AWS_ENDPOINT_URL`, `AWS_ENDPOINT_URL_EBS`,
 * `AWS_ENDPOINT_URL_EC2`, `AWS_ENDPOINT_URL_KMS`, or `endpoint_url` in a profile). There is deliberately no endpoint
 * option here: tests, the contract tests and a private endpoint all go the way a user's would.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { EBSClient } from '@aws-sdk/client-ebs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { KMSClient } from '@aws-sdk/client-kms';
import { CONCURRENCY_MAX } from './concurrency.js';

/**
 * SDK attempts per call. With the SDK's standard backoff (100 ms base, 500 ms for throttles,
 * doubling, capped at 20 s) six attempts ride out a throttling burst of several seconds; the
 * uploader retries a block on top of that (cloud-publishing §1.6.2).
 */
export const SDK_MAX_ATTEMPTS = 6;

/**
 * Sockets per agent: at least the uploader's highest concurrency, or requests queue in the
 * agent unseen (the SDK's default cap is 50) and the controller measures the queue, not AWS.
 */
const MAX_SOCKETS = CONCURRENCY_MAX;
/** A TCP connection that takes longer than this to open is not coming. */
const CONNECTION_TIMEOUT_MS = 10_000;
/**
 * A socket silent for this long is dead: a 512 KiB block takes well under a second on any
 * runner. The SDK retries the TimeoutError this raises.
 */
const SOCKET_TIMEOUT_MS = 60_000;

/**
 * Hands SigV4 the SHA-256 the uploader computed for each block (the Checksum field, base64) as
 * the payload hash (`x-amz-content-sha256`, hex). The signer would otherwise hash every 512 KiB
 * block a second time: the SDK signs the body of PutSnapshotBlock rather than sending
 * UNSIGNED-PAYLOAD. The body stays signed, with the very digest the service checks it against.
 */
function withBlockPayloadHash(ebs: EBSClient): EBSClient {
  ebs.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Checksum?: string };
      const request = args.request as { headers?: Record<string, string> } | undefined;
      if (context.commandName === 'PutSnapshotBlockCommand' && input.Checksum && request?.headers) {
        request.headers['x-amz-content-sha256'] = Buffer.from(input.Checksum, 'base64').toString(
          'hex',
        );
      }
      return next(args);
    },
    { step: 'build', name: 'nanoshipBlockPayloadHash' },
  );
  return ebs;
}

/**
 * The EBS client's logger: silent, like the SDK's default, except that the default turns one
 * message into a console warning: "An error was encountered in a non-retryable streaming
 * request." Block bodies are streams (block-body.ts) and the uploader retries them itself, so
 * that line would print for every throttled block. Failures reach the user through the
 * uploader's own messages.
 */
const QUIET_LOGGER = { debug() {}, info() {}, warn() {}, error() {} };

/** The clients of one region. */
export interface RegionClients {
  region: string;
  ebs: EBSClient;
  ec2: EC2Client;
  /** Only to turn an aws-kms-key-id that is not a key ARN into one. */
  kms: KMSClient;
}

/**
 * Hands out one set of clients per region, all sharing one keep-alive agent (a connection per
 * in-flight block, reused across blocks). `destroy()` closes every socket: call it when the
 * publish ends, or Node keeps the process alive for the idle sockets.
 */
export class AwsClients {
  readonly #regions = new Map<string, RegionClients>();
  readonly #requestHandler = {
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    // Plain HTTP only when an endpoint variable points at one (a local test double).
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    connectionTimeout: CONNECTION_TIMEOUT_MS,
    socketTimeout: SOCKET_TIMEOUT_MS,
  };

  /** The clients bound to `region`: requests are sent to and signed for that region. */
  forRegion(region: string): RegionClients {
    let clients = this.#regions.get(region);
    if (clients === undefined) {
      clients = {
        region,
        // Standard, not adaptive (cloud-publishing §1.6.2 suggested adaptive): the adaptive
        // mode's client-side token bucket stacks on the uploader's own concurrency control,
        // recovers on a slow curve, and under a steady share of throttled requests cut a
        // 64 MiB upload to ~0.6 MB/s against the fake. The uploader already halves its
        // concurrency on throttling, told by each response's retry count.
        ebs: withBlockPayloadHash(
          new EBSClient({
            region,
            maxAttempts: SDK_MAX_ATTEMPTS,
            retryMode: 'standard',
            requestHandler: this.#requestHandler,
            logger: QUIET_LOGGER,
          }),
        ),
        ec2: new EC2Client({
          region,
          maxAttempts: SDK_MAX_ATTEMPTS,
          retryMode: 'standard',
          requestHandler: this.#requestHandler,
        }),
        kms: new KMSClient({
          region,
          maxAttempts: SDK_MAX_ATTEMPTS,
          retryMode: 'standard',
          requestHandler: this.#requestHandler,
        }),
      };
      this.#regions.set(region, clients);
    }
    return clients;
  }

  destroy(): void {
    for (const { ebs, ec2, kms } of this.#regions.values()) {
      ebs.destroy();
      ec2.destroy();
      kms.destroy();
    }
    this.#regions.clear();
    this.#requestHandler.httpsAgent.destroy();
    this.#requestHandler.httpAgent.destroy();
  }
}
