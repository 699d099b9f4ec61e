/**
 * Pipeline result → action outputs and the job summary. Every output id lives in `Outputs`
 * (src/constants.ts) and is declared in action.yml.
 */
import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import { Outputs } from '../constants.js';
import {
  type ImageInspection,
  inspectImage,
  renderEntryLine,
  renderManifestText,
} from '../image/inspect.js';
import type { PipelineResult } from '../pipeline.js';
import { consoleTail } from '../smoke/console.js';

/** Sets the outputs of every stage that ran. */
export function setOutputs({ toolchain, image, smoke }: PipelineResult): void {
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
  const { toolchain, image, smoke } = result;
  const summary = core.summary.addHeading('nanoship', 2);
  const rows: [string, string][] = [];
  if (toolchain) rows.push(['Kernel', `${toolchain.version} (${toolchain.source})`]);
  if (image) {
    rows.push(['Image', `\`${image.path}\``]);
    rows.push(['sha256', `\`${image.sha256}\``]);
    rows.push(['Size', `${image.sizeBytes} bytes`]);
    rows.push(['Files', String(image.files)]);
  }
  if (smoke) {
    rows.push([
      'Smoke test',
      `${smoke.verdict === 'pass' ? '✅ pass' : '❌ fail'}: ${smoke.reason}`,
    ]);
    if (smoke.bootMs !== undefined)
      rows.push(['Boot to ready', `${Math.round(smoke.bootMs)} ms (${smoke.accel})`]);
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
