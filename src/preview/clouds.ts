/**
 * The cloud side of a preview, loaded on demand: each cloud's SDK is a large chunk that runs
 * that do not preview should not load.
 */
import type { PreviewCloud } from '../cloud/types.js';
import type { PreviewPlacement } from '../plan/preview-plan.js';

export async function previewCloudFor(placement: PreviewPlacement): Promise<PreviewCloud> {
  if (placement.cloud === 'aws') {
    const { createAwsPreviewCloud } = await import('../cloud/aws/index.js');
    return createAwsPreviewCloud(placement.aws!);
  }
  const { createGcpPreviewCloud } = await import('../cloud/gcp/index.js');
  return createGcpPreviewCloud(placement.gcp!);
}
