/**
 * The image writer with the reference sink: src/image/ as it is now, but with the sink of
 * 9090d43 (previous-image-sink.ts) in place of the current one, loaded into a fresh module
 * registry. A test file that calls this keeps its own statically imported src/ modules, which
 * use the current sink, so it can build every image both ways and compare the bytes.
 */
import { jest } from '@jest/globals';

type DiskModule = typeof import('../../src/image/disk.js');
type ImageModule = typeof import('../../src/image/index.js');

export interface PreviousWriter {
  writeImage: DiskModule['writeImage'];
  buildImage: ImageModule['buildImage'];
}

/**
 * Returns writeImage and buildImage bound to the reference sink. Call it once per test file,
 * after the file's static imports (jest resolves the module path from this file).
 */
export async function loadPreviousWriter(): Promise<PreviousWriter> {
  const previous = await import('./previous-image-sink.js');
  // The reference sink always stages 1 MiB and ignores the size disk.ts asks for; the current
  // module still answers what that size is.
  const { stagingBytesFor } = await import('../../src/image/image-sink.js');
  jest.unstable_mockModule('../../src/image/image-sink.js', () => ({
    ...previous,
    stagingBytesFor,
  }));
  jest.resetModules();
  const sink = await import('../../src/image/image-sink.js');
  if ((sink.ImageSink as unknown) !== previous.ImageSink) {
    throw new Error('the previous sink did not load');
  }
  const disk: DiskModule = await import('../../src/image/disk.js');
  const image: ImageModule = await import('../../src/image/index.js');
  return { writeImage: disk.writeImage, buildImage: image.buildImage };
}
