/**
 * The one place that reads action inputs. Ids are those of action.yml; every value comes back
 * as typed `Options`, the same shape the CLI builds from its flags.
 */
import * as core from '@actions/core';
import { UserError } from '../errors.js';
import { actionInputName, type Options } from '../plan/options.js';

function optional(name: string): string | undefined {
  const value = core.getInput(name);
  return value === '' ? undefined : value;
}

function lines(name: string): string[] {
  return core.getMultilineInput(name).filter((line) => line.trim() !== '');
}

/** Whether the smoke test runs; a boolean input, so it is read apart from Options. */
export function smokeEnabled(): boolean {
  try {
    return core.getBooleanInput('smoke');
  } catch (error) {
    // @actions/core throws a TypeError, which would be reported as a nanoship bug.
    throw new UserError(
      `${actionInputName('smoke')} must be true or false, got "${core.getInput('smoke')}".`,
      { cause: error },
    );
  }
}

/** Reads every input action.yml declares. */
export function getInputs(): Options {
  return {
    kernelVersion: optional('kernel-version'),
    kernelBaseUrl: optional('kernel-base-url'),
    kernelSha256: optional('kernel-sha256'),
    kernelDir: optional('kernel-dir'),
    arch: optional('arch'),
    program: optional('program'),
    config: optional('config'),
    args: lines('args'),
    env: lines('env'),
    files: lines('files'),
    dirs: lines('dirs'),
    output: optional('output'),
    imageName: optional('image-name'),
    size: optional('size'),
    caBundle: optional('ca-bundle'),
    uefi: optional('uefi'),
    targetRoot: optional('target-root'),
    probes: lines('probe'),
    expectStatus: optional('expect-status'),
    expectBody: optional('expect-body'),
    expectExit: optional('expect-exit'),
    expectOutput: optional('expect-output'),
    timeout: optional('timeout'),
    accel: optional('accel'),
    bootMode: optional('boot-mode'),
    firmware: optional('firmware'),
    memory: optional('memory'),
    cpus: optional('cpus'),
    consoleLog: optional('console-log'),
    publish: lines('publish'),
    awsRegion: optional('aws-region'),
    awsCopyRegions: lines('aws-copy-regions'),
    awsShareAccounts: lines('aws-share-accounts'),
    awsPublic: optional('aws-public'),
    awsKmsKeyId: optional('aws-kms-key-id'),
    awsTags: lines('aws-tags'),
    awsKeep: optional('aws-keep'),
    awsDeprecateAfter: optional('aws-deprecate-after'),
    gcpProject: optional('gcp-project'),
    gcpBucket: optional('gcp-bucket'),
    gcpImageFamily: optional('gcp-image-family'),
    gcpStorageLocation: optional('gcp-storage-location'),
    gcpLabels: lines('gcp-labels'),
    gcpKeep: optional('gcp-keep'),
    gcpDeprecateAfter: optional('gcp-deprecate-after'),
    preview: optional('preview'),
    previewPorts: lines('preview-port'),
    previewProbes: lines('preview-probe'),
    previewInstanceType: optional('preview-instance-type'),
    previewTtl: optional('preview-ttl'),
    previewAllowForks: optional('preview-allow-forks'),
    previewTimeout: optional('preview-timeout'),
    githubToken: optional('github-token'),
    awsSubnetId: optional('aws-subnet-id'),
    gcpZone: optional('gcp-zone'),
    gcpNetwork: optional('gcp-network'),
  };
}
