/**
 * The bodies of the sticky preview comment: the preview is up, it failed, it was removed. Pure
 * string builders; every body starts with the cloud's marker and stays under GitHub's limit.
 */
import type { CloudName } from '../cloud/types.js';
import { COMMENT_BODY_MAX_CHARS, fitCommentBody, previewCommentMarker } from './pr-comment.js';

const CLOUD_TITLES: Record<CloudName, string> = { aws: 'AWS', gcp: 'Google Cloud' };
const IMAGE_LABELS: Record<CloudName, string> = { aws: 'AMI', gcp: 'Image' };

/** Room kept for the markup around a console excerpt when the body is near the limit. */
const MARKUP_RESERVE_CHARS = 512;

export interface PreviewUp {
  cloud: CloudName;
  /** Where the preview answers, e.g. `http://203.0.113.7:8080/`. */
  url: string;
  /** The image's sha256 (the `image-sha256` output). */
  digest: string;
  /** The pull request's head commit. */
  sha: string;
  /** Boot to the first answer of the probe, through the public address. */
  bootMs?: number;
  /** AMI id, or the GCE image URI. */
  image: string;
  /** Instance id (AWS) or name (GCE). */
  instance: string;
  /** Region (AWS) or zone (GCE). */
  location?: string;
  /** When the sweep may remove the preview (`preview-ttl` after launch). */
  expiresAt?: Date;
  /** The workflow run, for the footer. */
  runUrl?: string;
}

export interface PreviewFailed {
  cloud: CloudName;
  sha: string;
  /** One line: why the preview did not come up. */
  reason: string;
  /** The instance's console output; its end is shown, cut to fit the comment. */
  console?: string;
  runUrl?: string;
}

export interface PreviewRemoved {
  cloud: CloudName;
  /** The last commit that had a preview, when known. */
  sha?: string;
  removedAt: Date;
  /** What was deleted, one entry each: "instance i-0abc (us-east-1)". */
  removed?: string[];
  runUrl?: string;
}

/** `2026-03-01 14:05 UTC`. */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Text for one table cell or line: no line breaks, no column separators. */
function inline(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\|/g, '\\|').trim();
}

/** `text` as inline code, with a fence longer than any backtick run inside it. */
function code(text: string): string {
  const run = Math.max(0, ...(inline(text).match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(run + 1);
  return run > 0 ? `${fence} ${inline(text)} ${fence}` : `${fence}${inline(text)}${fence}`;
}

/** A bare http(s) URL GitHub links by itself; anything else as code. */
function link(url: string): string {
  return /^https?:\/\/\S+$/.test(url) ? url : code(url);
}

function footer(runUrl: string | undefined): string {
  const run = runUrl ? ` by [this run](${runUrl})` : '';
  return `<sub>Written${run}. nanoship updates this comment in place on every push and when the pull request closes.</sub>`;
}

/** The comment for a preview that answers: URL, commit, digest, boot time, ids, expiry. */
export function renderPreviewComment(preview: PreviewUp): string {
  const rows: [string, string][] = [
    ['URL', link(preview.url)],
    // A bare commit SHA is linked by GitHub; inside code it would not be.
    ['Commit', inline(preview.sha)],
    ['Image digest', code(preview.digest)],
  ];
  if (preview.bootMs !== undefined) {
    rows.push(['Boot to ready', `${(preview.bootMs / 1000).toFixed(1)} s`]);
  }
  rows.push([IMAGE_LABELS[preview.cloud], code(preview.image)]);
  const where = preview.location ? ` (${inline(preview.location)})` : '';
  rows.push(['Instance', `${code(preview.instance)}${where}`]);
  if (preview.expiresAt) rows.push(['Expires', formatUtc(preview.expiresAt)]);
  const body = [
    previewCommentMarker(preview.cloud),
    `### Preview on ${CLOUD_TITLES[preview.cloud]}: ready`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([name, value]) => `| ${name} | ${value} |`),
    '',
    footer(preview.runUrl),
  ].join('\n');
  return fitCommentBody(body);
}

/**
 * The comment for a preview that did not come up: the reason, and the end of the console
 * output in a collapsed block, cut at a line start so the whole body fits GitHub's limit.
 */
export function renderPreviewFailedComment(failed: PreviewFailed): string {
  const head = [
    previewCommentMarker(failed.cloud),
    `### Preview on ${CLOUD_TITLES[failed.cloud]}: failed`,
    '',
    `The preview of ${inline(failed.sha)} did not come up: ${inline(failed.reason)}. ` +
      'Its instance was removed; the next push tries again.',
  ].join('\n');
  const tail = `\n\n${footer(failed.runUrl)}`;
  if (!failed.console) return fitCommentBody(head + tail);
  const budget = COMMENT_BODY_MAX_CHARS - head.length - tail.length - MARKUP_RESERVE_CHARS;
  const excerpt = consoleTail(failed.console, budget);
  const run = Math.max(2, ...(excerpt.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(run + 1);
  const details = [
    '',
    '',
    '<details><summary>Console output</summary>',
    '',
    `${fence}text`,
    excerpt,
    fence,
    '',
    '</details>',
  ].join('\n');
  return fitCommentBody(head + details + tail);
}

/** The end of `text` within `maxChars`, from a line start, led by a note of what was cut. */
export function consoleTail(text: string, maxChars: number): string {
  const trimmed = text.replace(/\s+$/, '');
  if (trimmed.length <= maxChars) return trimmed;
  const note = (cut: number) => `[… ${cut} earlier characters cut]\n`;
  let start = trimmed.length - Math.max(0, maxChars - note(trimmed.length).length);
  const lineStart = trimmed.indexOf('\n', start - 1);
  if (lineStart !== -1 && lineStart < trimmed.length - 1) start = lineStart + 1;
  if (/[\uDC00-\uDFFF]/.test(trimmed[start] ?? '')) start += 1;
  return note(start) + trimmed.slice(start);
}

/** The comment once the pull request closed and its preview was removed. */
export function renderPreviewRemovedComment(removed: PreviewRemoved): string {
  const commit = removed.sha ? ` of ${inline(removed.sha)}` : '';
  const lines = [
    previewCommentMarker(removed.cloud),
    `### Preview on ${CLOUD_TITLES[removed.cloud]}: removed`,
    '',
    `The pull request was closed and the preview${commit} was removed at ${formatUtc(removed.removedAt)}.`,
  ];
  if (removed.removed && removed.removed.length > 0) {
    lines.push('', 'Deleted:', ...removed.removed.map((item) => `- ${inline(item)}`));
  }
  lines.push('', footer(removed.runUrl));
  return fitCommentBody(lines.join('\n'));
}
