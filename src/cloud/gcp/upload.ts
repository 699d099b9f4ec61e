/**
 * The staging upload: the tarball streams into one Cloud Storage object through a resumable
 * upload, in chunks the library can re-send after a dropped connection, checked end to end by
 * CRC32C. The object is "create only" (`ifGenerationMatch=0`), which is also what lets the
 * library retry at all (its default idempotency strategy retries only conditional writes).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { File, FileMetadata } from '@google-cloud/storage';
import { errorMessage, UserError } from '../../errors.js';
import { describeGoogleError, googleFailure } from './google-errors.js';

/**
 * 16 MiB: a multiple of 256 KiB (Google's chunk granule) and above the 8 MiB Google
 * recommends. The library holds one chunk in memory to re-send it after a dropped connection,
 * and resumes only when a chunk size is set (without one, a broken connection ends the upload).
 */
export const UPLOAD_CHUNK_BYTES = 16 * 2 ** 20;

/** Retries per upload (the library counts them over the whole upload, not per chunk). */
const UPLOAD_RETRIES = 5;

export interface UploadOptions {
  /** Custom metadata stored with the object (nanoship-digest, so a leftover can be judged). */
  metadata: Record<string, string>;
  chunkBytes?: number;
  signal?: AbortSignal;
  /** Called once the upload session exists: from then on the object may come to exist. */
  onSession?: () => void;
  /** Bytes the server has acknowledged so far. */
  onProgress?: (uploadedBytes: number) => void;
}

export interface UploadTarget {
  file: File;
  project: string;
}

/** The upload's outcome: the new object's metadata, or that the object already existed. */
export type UploadResult = { metadata: FileMetadata } | { exists: true };

/**
 * Uploads `chunks` as `target.file` and returns the object's metadata (its size, crc32c and
 * generation), or `exists` when an object of that name is there already (it is never
 * overwritten). Throws a UserError when Google refuses; a CRC32C mismatch makes the library
 * delete the object and throw.
 */
export async function uploadObject(
  target: UploadTarget,
  chunks: AsyncIterable<Buffer>,
  options: UploadOptions,
): Promise<UploadResult> {
  const { file, project } = target;
  const where = `gs://${file.bucket.name}/${file.name}`;
  const fail = (error: unknown) => {
    if (describeGoogleError(error).status === 404) {
      return new UserError(
        `Cloud Storage bucket ${file.bucket.name} not found (${describeGoogleError(error).message}): create it (nanoship does not), or set gcp-bucket to a bucket the credentials can write to.`,
        { cause: error },
      );
    }
    return googleFailure(error, {
      step: `uploading ${where}`,
      project,
      permission: 'storage.objects.create',
      api: 'Cloud Storage',
    });
  };
  const writeOptions = {
    resumable: true,
    chunkSize: options.chunkBytes ?? UPLOAD_CHUNK_BYTES,
    validation: 'crc32c' as const,
    preconditionOpts: { ifGenerationMatch: 0 },
    metadata: { contentType: 'application/gzip', metadata: options.metadata },
  };
  // The session is opened on its own because File#createWriteStream does not pass the
  // client's useAuthWithCustomEndpoint on, so behind an endpoint override it would start the
  // session without credentials (@google-cloud/storage 7.22). Chunk requests need none: the
  // session URI is the credential.
  let uri: string;
  try {
    [uri] = await file.createResumableUpload(writeOptions);
  } catch (error) {
    if (describeGoogleError(error).status === 412) return { exists: true };
    throw fail(error);
  }
  options.onSession?.();
  const stream = file.createWriteStream({ ...writeOptions, uri });
  stream.on('progress', (event: { bytesWritten: number }) =>
    options.onProgress?.(event.bytesWritten),
  );
  try {
    await pipeline(Readable.from(chunks, { objectMode: false }), stream, {
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    // Another writer finished the same object between our session start and our last chunk.
    if (describeGoogleError(error).status === 412) return { exists: true };
    if (/^FILE_NO_UPLOAD/.test(String((error as { code?: unknown }).code))) {
      throw new UserError(
        `The upload of ${where} arrived damaged: Cloud Storage's checksum of the object does not match the CRC32C computed while sending it (${errorMessage(error)}), so the object was deleted. Run again; if it repeats, look for a proxy that alters traffic to Cloud Storage.`,
        { cause: error },
      );
    }
    throw fail(error);
  }
  return { metadata: file.metadata };
}

/** The retry settings the Storage client is built with (see createGcpClients). */
export const STORAGE_RETRY = { autoRetry: true, maxRetries: UPLOAD_RETRIES };
