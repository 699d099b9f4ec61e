/**
 * The checksums of the EBS direct APIs: each 512 KiB block is sent with its SHA-256, and
 * CompleteSnapshot receives the LINEAR aggregate, the end-to-end proof that the snapshot holds
 * the blocks nanoship read. LINEAR means: order the per-block digests by block index,
 * concatenate the *raw* 32-byte digests (not their base64 text), SHA-256 that, and send it
 * base64-encoded (ebs model, CompleteSnapshotRequest.Checksum; coldsnap and ops compute it the
 * same way; cloud-publishing.md §1.5).
 */
import { createHash } from 'node:crypto';

const DIGEST_BYTES = 32;

/** The raw SHA-256 of one block (as sent: padded to EBS_BLOCK_BYTES). */
export function blockDigest(block: Uint8Array): Buffer {
  return createHash('sha256').update(block).digest();
}

/**
 * The digests of the blocks written to one snapshot, kept by block index so that the aggregate
 * does not depend on the order in which parallel uploads finish. Writing an index twice (a
 * retry whose first response was lost) replaces its digest, as the service replaces the block.
 */
export class BlockDigests {
  readonly #byIndex = new Map<number, Buffer>();

  set(index: number, digest: Buffer): void {
    if (digest.length !== DIGEST_BYTES) {
      throw new Error(`block ${index}: a SHA-256 digest has 32 bytes, got ${digest.length}`);
    }
    this.#byIndex.set(index, digest);
  }

  /** Distinct block indexes written: CompleteSnapshot's ChangedBlocksCount. */
  get count(): number {
    return this.#byIndex.size;
  }

  /** The LINEAR aggregate as raw bytes. */
  aggregate(): Buffer {
    const hash = createHash('sha256');
    const indexes = [...this.#byIndex.keys()].sort((a, b) => a - b);
    for (const index of indexes) hash.update(this.#byIndex.get(index)!);
    return hash.digest();
  }
}

/** `digest` as the checksum headers carry it. */
export function checksumText(digest: Buffer): string {
  return digest.toString('base64');
}
