import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { PROGRESS_INTERVAL_MS, reportUploadProgress } from '../../../src/cloud/gcp/progress.js';
import { recordingLogger } from '../../../src/log.js';

const MIB = 2 ** 20;

describe('reportUploadProgress', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  test('logs packed, compressed and uploaded bytes with rates every interval, then a summary', () => {
    const logger = recordingLogger();
    let clock = 0;
    const tarball = { tarBytes: 0, totalTarBytes: 1024 * MIB, gzipBytes: 0 };
    const progress = reportUploadProgress(logger, () => new Date(clock), 'gs://b/o', tarball);

    clock = 5000;
    tarball.tarBytes = 512 * MIB;
    tarball.gzipBytes = 10 * MIB;
    progress.uploaded = 5 * MIB;
    jest.advanceTimersByTime(PROGRESS_INTERVAL_MS);
    clock = 10_000;
    tarball.tarBytes = 1024 * MIB;
    tarball.gzipBytes = 12 * MIB;
    progress.uploaded = 12 * MIB;
    const summary = progress.stop();
    jest.advanceTimersByTime(10 * PROGRESS_INTERVAL_MS);

    expect(logger.lines).toEqual([
      {
        level: 'info',
        message:
          'Uploading gs://b/o: disk.raw 512.0 MiB of 1024.0 MiB packed (107.4 MB/s) into 10.0 MiB of gzip, 5.0 MiB uploaded (1.0 MB/s)',
      },
    ]);
    expect(summary).toBe(
      'Uploaded gs://b/o: 12.0 MiB of gzip for a 1024.0 MiB tar in 10.0 s (1.3 MB/s).',
    );
  });
});
