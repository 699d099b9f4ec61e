/**
 * Human-readable text for each command's result. JSON output needs none of this.
 */
import type { Published } from '../cloud/types.js';
import type { Image } from '../image/index.js';
import type { ImageInspection } from '../image/inspect.js';
import { renderEntryLine, renderManifestText } from '../image/listing.js';
import type { Toolchain } from '../kernel/types.js';
import type { PreviewResult, SweepResult } from '../preview/index.js';
import type { SmokeResult } from '../smoke/index.js';
import { describeGuest } from '../smoke/types.js';

const MIB = 1024 * 1024;

function rows(pairs: [string, string | undefined][]): string {
  const width = Math.max(...pairs.map(([label]) => label.length));
  return pairs
    .filter(([, value]) => value !== undefined)
    .map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)
    .join('\n');
}

export function renderToolchain(toolchain: Toolchain): string {
  const title =
    toolchain.source === 'local'
      ? 'kernel from a local directory'
      : `kernel ${toolchain.version} (${toolchain.source})`;
  return `${title}\n${rows([
    ['dir', toolchain.dir],
    ['kernel.img', toolchain.kernelImg],
    ['boot.img', toolchain.bootImg],
    ['klibs', toolchain.klibs.length > 0 ? toolchain.klibs.join(', ') : undefined],
    ['sha256', toolchain.sha256],
    ['url', toolchain.url],
  ])}`;
}

export function renderImage(image: Image): string {
  return `image ${image.name}\n${rows([
    ['path', image.path],
    ['sha256', image.sha256],
    ['size', `${image.sizeBytes} bytes (${(image.sizeBytes / MIB).toFixed(1)} MiB)`],
    ['kernel', image.kernelVersion],
    ['files', String(image.files)],
    [
      'libraries',
      image.libraries.length > 0
        ? image.libraries.map((lib) => lib.imagePath).join(', ')
        : 'none (static)',
    ],
    ['klibs', image.klibs.length > 0 ? image.klibs.join(', ') : undefined],
  ])}`;
}

export function renderSmoke(result: SmokeResult): string {
  const blame = result.fault === 'host' ? ' (host fault)' : '';
  return `smoke test: ${result.verdict.toUpperCase()}${blame}: ${result.reason}\n${rows([
    [
      'boot',
      result.bootMs === undefined
        ? undefined
        : `${Math.round(result.bootMs)} ms to ready (${result.accel})`,
    ],
    ['guest', describeGuest(result)],
    ['exit code', result.exitCode === undefined ? undefined : String(result.exitCode)],
    [
      'kvm',
      result.kvmFailure === undefined || result.accel === 'kvm'
        ? undefined
        : `failed (${result.kvmFailure}); booted again under TCG`,
    ],
    ['console', result.consoleLog],
  ])}`;
}

const BOOT_MODE_TEXT = {
  bios: 'BIOS',
  uefi: 'UEFI',
  hybrid: 'BIOS or UEFI (hybrid)',
} as const;

export function renderInspection(inspection: ImageInspection): string {
  const tree = inspection.root.entries.map((entry) => `  ${renderEntryLine(entry)}`);
  const boot = inspection.bootfs?.entries
    .filter((entry) => entry.kind === 'file')
    .map((entry) => entry.path)
    .join(', ');
  const { esp } = inspection;
  const espFiles = esp?.entries
    .filter((entry) => entry.kind === 'file')
    .map((entry) => `${entry.path} (${entry.sizeBytes} bytes)`)
    .join(', ');
  return [
    `${inspection.path}: ${inspection.sizeBytes} bytes${inspection.partitioned ? '' : ' (raw filesystem, no partition table)'}`,
    inspection.boot &&
      `boots with: ${BOOT_MODE_TEXT[inspection.boot.mode]}, ${inspection.boot.arch}`,
    esp &&
      `EFI System Partition at ${esp.offsetBytes} (${esp.sizeBytes} bytes): ${espFiles || 'no files'}`,
    boot === undefined ? undefined : `bootfs: ${boot}`,
    `root filesystem: uuid ${inspection.root.uuid}${inspection.root.label ? `, label ${inspection.root.label}` : ''}`,
    '',
    'manifest:',
    renderManifestText(inspection.root.manifest),
    '',
    'files:',
    ...tree,
  ]
    .filter((line) => line !== undefined)
    .join('\n');
}

export function renderPublished(published: Published): string {
  const parts: string[] = [];
  const { aws, gcp } = published;
  if (aws) {
    const copies = Object.entries(aws.amiIds)
      .filter(([region]) => region !== aws.region)
      .map(([region, id]) => `${region} ${id}`);
    parts.push(
      `AWS AMI ${aws.amiId} in ${aws.region}${aws.reused ? ' (reused: same image digest)' : ''}\n${rows(
        [
          ['name', aws.name],
          ['snapshot', aws.snapshotId],
          ['copies', copies.length > 0 ? copies.join(', ') : undefined],
        ],
      )}`,
    );
  }
  if (gcp) {
    parts.push(
      `Google Compute image ${gcp.image}${gcp.reused ? ' (reused: same image digest)' : ''}\n${rows(
        [
          ['uri', gcp.imageUri],
          ['project', gcp.project],
          ['family', gcp.family],
        ],
      )}`,
    );
  }
  return parts.join('\n');
}

export function renderPreview(preview: PreviewResult): string {
  if (preview.action === 'down') {
    const removed = preview.removed ?? [];
    return removed.length > 0
      ? `preview of #${preview.pr} on ${preview.cloud} removed:\n${removed.map((line) => `  ${line}`).join('\n')}`
      : `preview of #${preview.pr} on ${preview.cloud}: nothing to remove`;
  }
  if (preview.action === 'skipped') return `no preview: ${preview.reason ?? ''}`;
  return `preview of #${preview.pr} up at ${preview.url}\n${rows([
    ['instance', preview.instance],
    ['where', preview.location],
    [
      'ready',
      preview.readyMs === undefined ? undefined : `${Math.round(preview.readyMs)} ms after running`,
    ],
    ['expires', preview.expiresAt],
    ['replaced', preview.replaced?.length ? preview.replaced.join(', ') : undefined],
  ])}`;
}

export function renderSweep(result: SweepResult): string {
  const lines = [
    `sweep on ${result.cloud}: removed ${result.removed.length}, kept ${result.kept.length}`,
    ...result.removed.map((line) => `  removed ${line}`),
    ...result.kept.map((line) => `  kept ${line}`),
  ];
  return lines.join('\n');
}
