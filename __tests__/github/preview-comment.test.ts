import { describe, expect, test } from '@jest/globals';
import {
  COMMENT_BODY_MAX_CHARS,
  hasMarker,
  previewCommentMarker,
} from '../../src/github/pr-comment.js';
import {
  consoleTail,
  formatUtc,
  renderPreviewComment,
  renderPreviewFailedComment,
  renderPreviewRemovedComment,
} from '../../src/github/preview-comment.js';

const sha = '0123456789abcdef0123456789abcdef01234567';
const digest = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const runUrl = 'https://github.com/octo/app/actions/runs/900';

describe('renderPreviewComment', () => {
  test('AWS: marker first, then URL, commit, digest, boot time, AMI, instance, expiry', () => {
    const body = renderPreviewComment({
      cloud: 'aws',
      url: 'http://203.0.113.7:8080/',
      digest,
      sha,
      bootMs: 1_234,
      image: 'ami-0abc',
      instance: 'i-0def',
      location: 'us-east-1',
      expiresAt: new Date('2026-03-04T05:06:07Z'),
      runUrl,
    });

    expect(body).toBe(
      [
        '<!-- nanoship:preview:aws -->',
        '### Preview on AWS: ready',
        '',
        '| | |',
        '|---|---|',
        '| URL | http://203.0.113.7:8080/ |',
        `| Commit | ${sha} |`,
        `| Image digest | \`${digest}\` |`,
        '| Boot to ready | 1.2 s |',
        '| AMI | `ami-0abc` |',
        '| Instance | `i-0def` (us-east-1) |',
        '| Expires | 2026-03-04 05:06 UTC |',
        '',
        `<sub>Written by [this run](${runUrl}). nanoship updates this comment in place on every push and when the pull request closes.</sub>`,
      ].join('\n'),
    );
  });

  test('Google Cloud: the image row is labelled Image; optional rows are left out', () => {
    const body = renderPreviewComment({
      cloud: 'gcp',
      url: 'http://198.51.100.9/',
      digest,
      sha,
      image: 'projects/p/global/images/app-1',
      instance: 'nanoship-pr-7',
    });

    expect(hasMarker(body, previewCommentMarker('gcp'))).toBe(true);
    expect(body).toContain('### Preview on Google Cloud: ready');
    expect(body).toContain('| Image | `projects/p/global/images/app-1` |');
    expect(body).not.toMatch(/Boot to ready|Expires|this run/);
  });

  test('a value cannot break the table or its code span', () => {
    const body = renderPreviewComment({
      cloud: 'aws',
      url: 'not a url | x',
      digest: 'a`b',
      sha,
      image: 'ami-1',
      instance: 'i-1\nnext line',
    });

    expect(body).toContain('| URL | `not a url \\| x` |');
    expect(body).toContain('| Image digest | `` a`b `` |');
    expect(body).toContain('| Instance | `i-1 next line` |');
  });
});

describe('renderPreviewFailedComment', () => {
  test('the reason, and the console end in a collapsed block', () => {
    const body = renderPreviewFailedComment({
      cloud: 'aws',
      sha,
      reason: 'the probe GET http://203.0.113.7:8080/ got no answer in 120 s',
      console: 'en1: assigned 10.0.0.5\nlistening on :8080\n',
      runUrl,
    });

    expect(body).toContain('### Preview on AWS: failed');
    expect(body).toContain(`The preview of ${sha} did not come up: the probe GET`);
    expect(body).toContain(
      '<details><summary>Console output</summary>\n\n```text\nen1: assigned 10.0.0.5\nlistening on :8080\n```\n\n</details>',
    );
  });

  test('a huge console is cut from the start at a line, and the body stays under the limit', () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`);

    const body = renderPreviewFailedComment({
      cloud: 'gcp',
      sha,
      reason: 'boot failed',
      console: lines.join('\n'),
    });

    expect(body.length).toBeLessThanOrEqual(COMMENT_BODY_MAX_CHARS);
    expect(body).toContain(`${lines.at(-1)}\n\`\`\`\n\n</details>`);
    expect(body).toMatch(/```text\n\[… \d+ earlier characters cut\]\nline \d+ x+\n/);
    expect(body).not.toContain('characters cut: GitHub allows');
  });

  test('console output holding a code fence does not close the block', () => {
    const body = renderPreviewFailedComment({
      cloud: 'aws',
      sha,
      reason: 'r',
      console: 'a\n```\nb',
    });
    expect(body).toContain('````text\na\n```\nb\n````');
  });
});

describe('consoleTail', () => {
  test.each([
    ['short text stays whole', 'a\nb\n', 100, 'a\nb'],
    [
      'one long line is cut inside it',
      'z'.repeat(100),
      40,
      `[… 91 earlier characters cut]\n${'z'.repeat(9)}`,
    ],
    [
      'a cut starts at a line',
      `${'a'.repeat(50)}\n${'b'.repeat(50)}\nlast`,
      45,
      '[… 102 earlier characters cut]\nlast',
    ],
  ])('%s', (_name, text, max, expected) => {
    const tail = consoleTail(text, max);
    expect(tail).toBe(expected);
    expect(tail.length).toBeLessThanOrEqual(max);
  });
});

describe('renderPreviewRemovedComment', () => {
  test('says when and what was removed', () => {
    const body = renderPreviewRemovedComment({
      cloud: 'aws',
      sha,
      removedAt: new Date('2026-03-05T10:00:00Z'),
      removed: [
        'instance i-0def (us-east-1)',
        'security group sg-1',
        'AMI ami-0abc and snapshot snap-1',
      ],
      runUrl,
    });

    expect(body).toBe(
      [
        '<!-- nanoship:preview:aws -->',
        '### Preview on AWS: removed',
        '',
        `The pull request was closed and the preview of ${sha} was removed at 2026-03-05 10:00 UTC.`,
        '',
        'Deleted:',
        '- instance i-0def (us-east-1)',
        '- security group sg-1',
        '- AMI ami-0abc and snapshot snap-1',
        '',
        `<sub>Written by [this run](${runUrl}). nanoship updates this comment in place on every push and when the pull request closes.</sub>`,
      ].join('\n'),
    );
  });

  test('formatUtc', () => {
    expect(formatUtc(new Date('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31 23:59 UTC');
  });
});
