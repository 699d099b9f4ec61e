/** Progress lines for the staging upload, every few seconds, and the line that ends it. */
import type { Logger } from '../../log.js';
import type { TarballProgress } from './disk-tarball.js';

/** Often enough to show a long upload is alive, rarely enough not to flood a CI log. */
export const PROGRESS_INTERVAL_MS = 5000;

const MIB = 2 ** 20;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
/** MB/s with 1 MB = 10^6 bytes, as network rates are quoted. */
const rate = (bytes: number, ms: number) =>
  ms > 0 ? `${(bytes / 1000 / ms).toFixed(1)} MB/s` : '–';

export interface UploadProgress {
  /** Bytes sent to Cloud Storage so far (set by the upload). */
  uploaded: number;
  /** Stops the periodic lines and returns the summary line. */
  stop(): string;
}

/**
 * Logs `Uploading <where>: disk.raw 512.0 MiB of 1024.0 MiB packed (13.1 MB/s) into 3.2 MiB of
 * gzip, 2.0 MiB uploaded (1.9 MB/s)` every PROGRESS_INTERVAL_MS. `now` is the publish clock.
 */
export function reportUploadProgress(
  logger: Logger,
  now: () => Date,
  where: string,
  tarball: TarballProgress,
): UploadProgress {
  const start = now().getTime();
  const state: UploadProgress = {
    uploaded: 0,
    stop() {
      clearInterval(timer);
      const ms = now().getTime() - start;
      return `Uploaded ${where}: ${mib(tarball.gzipBytes)} of gzip for a ${mib(tarball.totalTarBytes)} tar in ${(ms / 1000).toFixed(1)} s (${rate(state.uploaded, ms)}).`;
    },
  };
  const timer = setInterval(() => {
    const ms = now().getTime() - start;
    logger.info(
      `Uploading ${where}: disk.raw ${mib(tarball.tarBytes)} of ${mib(tarball.totalTarBytes)} packed (${rate(tarball.tarBytes, ms)}) into ${mib(tarball.gzipBytes)} of gzip, ${mib(state.uploaded)} uploaded (${rate(state.uploaded, ms)})`,
    );
  }, PROGRESS_INTERVAL_MS);
  timer.unref();
  return state;
}
