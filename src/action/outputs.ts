/**
 * Pipeline result → action outputs and the job summary. Every output id lives in `Outputs`
 * (src/constants.ts) and is declared in action.yml.
 */
import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { Outputs } from '../constants.js';
import { type ImageInspection, inspectImage } from '../image/inspect.js';
import { renderEntryLine, renderManifestText } from '../image/listing.js';
import type { PipelineResult } from '../pipeline.js';
import { consoleTail } from '../smoke/console.js';
import { describeGuest } from '../smoke/types.js';

/** Sets the outputs of every stage that ran. */
export function setOutputs(result: PipelineResult): void {
  const { toolchain, image, smoke, published, preview, release } = result;
  if (toolchain) {
    core.setOutput(Outputs.KernelVersion, toolchain.version);
    core.setOutput(Outputs.KernelDir, toolchain.dir);
  }
  if (image) {
    core.setOutput(Outputs.ImagePath, image.path);
    core.setOutput(Outputs.ImageSha256, image.sha256);
    core.setOutput(Outputs.ImageSize, String(image.sizeBytes));
  }
  if (smoke) {
    core.setOutput(Outputs.SmokeResult, smoke.verdict);
    if (smoke.bootMs !== undefined)
      core.setOutput(Outputs.BootMs, String(Math.round(smoke.bootMs)));
    core.setOutput(Outputs.ConsoleLog, smoke.consoleLog);
  }
  if (published?.aws) {
    core.setOutput(Outputs.AmiId, published.aws.amiId);
    core.setOutput(Outputs.AmiIds, JSON.stringify(published.aws.amiIds));
    core.setOutput(Outputs.SnapshotId, published.aws.snapshotId);
  }
  if (published?.gcp) {
    core.setOutput(Outputs.GcpImage, published.gcp.image);
    core.setOutput(Outputs.GcpImageUri, published.gcp.imageUri);
  }
  if (preview?.url) core.setOutput(Outputs.PreviewUrl, preview.url);
  if (preview?.instance) core.setOutput(Outputs.PreviewInstance, preview.instance);
  if (release) core.setOutput(Outputs.ReleaseImages, JSON.stringify(release.images));
}

/** Text made safe for an HTML table cell. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** A value shown as code inside an HTML table cell (Markdown is not rendered there). */
export function codeCell(value: string): string {
  return `<code>${escapeHtml(value)}</code>`;
}

/** What the summary shows besides the pipeline result, read back by the caller. */
export interface SummaryExtras {
  /** The built image read back (`inspectImage`), for its file list. */
  inspection?: ImageInspection;
  /** The console log's content. */
  consoleText?: string;
}

/**
 * Writes the job summary: kernel, image digest and contents (manifest, files, libraries), and
 * the smoke verdict with the tail of the console when it failed.
 */
export async function writeSummary(
  result: PipelineResult,
  { inspection, consoleText }: SummaryExtras = {},
): Promise<void> {
  const { toolchain, image, smoke, published, preview, release } = result;
  const summary = core.summary.addHeading('nanoship', 2);
  const rows: [string, string][] = [];
  if (toolchain) rows.push(['Kernel', `${toolchain.version} (${toolchain.source})`]);
  if (image) {
    rows.push(['Image', codeCell(image.path)]);
    rows.push(['sha256', codeCell(image.sha256)]);
    rows.push(['Size', `${image.sizeBytes} bytes`]);
    rows.push(['Files', String(image.files)]);
  }
  if (smoke) {
    const verdict =
      smoke.verdict === 'pass'
        ? '✅ pass'
        : `❌ fail${smoke.fault === 'host' ? ' (a fault of the host, not of the image)' : ''}`;
    rows.push(['Smoke test', `${verdict}: ${escapeHtml(smoke.reason)}`]);
    if (smoke.kvmFailure !== undefined) {
      rows.push(['KVM', `failed (QEMU: ${codeCell(smoke.kvmFailure)})`]);
    }
    if (smoke.bootMs !== undefined)
      rows.push(['Boot to ready', `${Math.round(smoke.bootMs)} ms (${smoke.accel})`]);
    rows.push(['Guest', escapeHtml(describeGuest(smoke))]);
  }
  if (published?.aws) {
    const { aws } = published;
    for (const [region, id] of Object.entries(aws.amiIds)) {
      const how = aws.reused ? 'reused (same digest)' : region === aws.region ? 'new' : 'copy';
      rows.push([`AMI ${escapeHtml(region)}`, `${codeCell(id)} ${codeCell(aws.name)} ${how}`]);
    }
  }
  if (published?.gcp) {
    const { gcp } = published;
    rows.push([
      'GCE image',
      `${codeCell(gcp.imageUri)}${gcp.family ? ` family ${codeCell(gcp.family)}` : ''} ${gcp.reused ? 'reused (same digest)' : 'new'}`,
    ]);
  }
  if (preview?.action === 'up') {
    rows.push([
      `Preview #${preview.pr}`,
      `<a href="${escapeHtml(preview.url ?? '')}">${escapeHtml(preview.url ?? '')}</a> ${codeCell(preview.instance ?? '')} (${escapeHtml(preview.location ?? '')}), expires ${escapeHtml(preview.expiresAt ?? '')}`,
    ]);
  }
  if (preview?.action === 'down') {
    const removed = preview.removed ?? [];
    rows.push([
      `Preview #${preview.pr}`,
      removed.length > 0 ? `removed: ${removed.map(escapeHtml).join('; ')}` : 'nothing to remove',
    ]);
  }
  if (release) {
    rows.push([
      'Release',
      `<a href="${escapeHtml(release.url)}">${escapeHtml(release.images.version)}</a> (images.json attached)`,
    ]);
  }
  summary.addTable([
    [
      { data: 'What', header: true },
      { data: 'Value', header: true },
    ],
    ...rows,
  ]);
  if (image) {
    summary.addDetails('Manifest', `\n\n\`\`\`\n${renderManifestText(image.manifest)}\n\`\`\`\n`);
    const libraries =
      image.libraries.map((lib) => lib.imagePath).join('\n') || '(none: static program)';
    summary.addDetails('Shared libraries', `\n\n\`\`\`\n${libraries}\n\`\`\`\n`);
  }
  if (inspection) {
    const files = inspection.root.entries
      .filter((entry) => entry.kind !== 'directory')
      .map(renderEntryLine)
      .join('\n');
    summary.addDetails('Files', `\n\n\`\`\`\n${files}\n\`\`\`\n`);
  }
  if (smoke?.verdict === 'fail' && consoleText !== undefined) {
    summary.addHeading('Console (last lines)', 3).addCodeBlock(consoleTail(consoleText, 40));
  }
  await summary.write();
}

/**
 * Reports a finished pipeline: outputs, the job summary (with the image read back for its file
 * list, and the console for a failed smoke test), and a failed step when the smoke test failed.
 * The outputs are set first, so later steps can still read a failed verdict.
 */
export async function report(result: PipelineResult): Promise<void> {
  setOutputs(result);
  const inspection = result.image && (await inspectImage(result.image.path));
  const consoleText =
    result.smoke && (await readFile(result.smoke.consoleLog, 'utf8').catch(() => ''));
  await writeSummary(result, { inspection, consoleText });
  if (result.smoke?.verdict === 'fail') core.setFailed(`Smoke test failed: ${result.smoke.reason}`);
}
