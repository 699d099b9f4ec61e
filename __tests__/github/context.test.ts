import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import {
  githubRunFromEnv,
  provenanceFromEnv,
  readEventPayload,
  runUrlFromEnv,
  versionFromTag,
} from '../../src/github/context.js';

const dir = mkdtempSync(path.join(tmpdir(), 'nanoship-context-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runner = {
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_REPOSITORY_ID: '42',
  GITHUB_SHA: 'merge0000000000000000000000000000000000',
  GITHUB_RUN_ID: '900',
  GITHUB_RUN_ATTEMPT: '2',
};

describe('versionFromTag', () => {
  test.each([
    ['v1.2.3', '1.2.3'],
    ['1.2.3', '1.2.3'],
    ['v1.2.3-rc.1', '1.2.3-rc.1'],
    ['v1.2', undefined],
    ['nightly', undefined],
    [undefined, undefined],
  ])('%j gives %j', (tag, version) => {
    expect(versionFromTag(tag)).toBe(version);
  });
});

describe('provenanceFromEnv', () => {
  test('a push to a branch', () => {
    expect(
      provenanceFromEnv(
        { ...runner, GITHUB_REF: 'refs/heads/main' },
        { name: 'push', payload: {} },
      ),
    ).toEqual({
      repo: 'octo/app',
      repoId: '42',
      ref: 'refs/heads/main',
      sha: runner.GITHUB_SHA,
      run: '900-2',
      pr: undefined,
      version: undefined,
    });
  });

  test('a pull request takes the head commit, not the merge commit', () => {
    const provenance = provenanceFromEnv(
      { ...runner, GITHUB_REF: 'refs/pull/7/merge' },
      {
        name: 'pull_request',
        payload: { number: 7, pull_request: { number: 7, head: { sha: 'head1234' } } },
      },
    );
    expect(provenance).toMatchObject({ pr: 7, sha: 'head1234', version: undefined });
  });

  test('a pushed v-tag and a release event carry the version', () => {
    expect(
      provenanceFromEnv(
        { ...runner, GITHUB_REF: 'refs/tags/v2.0.1' },
        { name: 'push', payload: {} },
      ).version,
    ).toBe('2.0.1');
    expect(
      provenanceFromEnv(runner, { name: 'release', payload: { release: { tag_name: 'v3.1.0' } } })
        .version,
    ).toBe('3.1.0');
  });

  test('outside GitHub everything is absent', () => {
    expect(provenanceFromEnv({}, { payload: {} })).toEqual({
      repo: undefined,
      repoId: undefined,
      ref: undefined,
      sha: undefined,
      pr: undefined,
      run: undefined,
      version: undefined,
    });
  });
});

describe('reading the event payload', () => {
  test('reads GITHUB_EVENT_PATH, and treats a missing or broken file as no payload', async () => {
    const file = path.join(dir, 'event.json');
    writeFileSync(file, JSON.stringify({ pull_request: { number: 3, head: { sha: 'abc' } } }));
    const run = await githubRunFromEnv({
      ...runner,
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: file,
    });
    expect(run.event.name).toBe('pull_request');
    expect(run.provenance).toMatchObject({ pr: 3, sha: 'abc' });
    writeFileSync(path.join(dir, 'broken.json'), '{');
    expect(await readEventPayload(path.join(dir, 'broken.json'))).toEqual({});
    expect(await readEventPayload(path.join(dir, 'absent.json'))).toEqual({});
    expect(await readEventPayload(undefined)).toEqual({});
  });
});

describe('runUrlFromEnv', () => {
  test.each([
    [
      'a first attempt',
      { ...runner, GITHUB_RUN_ATTEMPT: '1', GITHUB_SERVER_URL: 'https://github.com' },
      'https://github.com/octo/app/actions/runs/900',
    ],
    [
      'a re-run links its attempt',
      runner,
      'https://github.com/octo/app/actions/runs/900/attempts/2',
    ],
    [
      'GitHub Enterprise Server',
      { ...runner, GITHUB_RUN_ATTEMPT: '1', GITHUB_SERVER_URL: 'https://ghe.example/' },
      'https://ghe.example/octo/app/actions/runs/900',
    ],
    ['outside GitHub', {}, undefined],
  ])('%s', (_name, env, expected) => {
    expect(runUrlFromEnv(env)).toBe(expected);
  });
});
