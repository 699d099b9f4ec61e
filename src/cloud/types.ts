/**
 * What goes into and comes out of the publish stage, for every cloud. The cloud modules
 * (`cloud/aws`, `cloud/gcp`) take these plain values; the edges build them from inputs, flags
 * and the runner's environment.
 */
import type { Logger } from '../log.js';

/** Where an image came from: the repository, commit and run that made it (all optional). */
export interface Provenance {
  /** `owner/name`. */
  repo?: string;
  /** GitHub's numeric repository id: stable across renames, so tags key on it. */
  repoId?: string;
  /** Full git ref, such as `refs/heads/main` or `refs/pull/7/merge`. */
  ref?: string;
  /** Full commit SHA. */
  sha?: string;
  /** Pull-request number, for previews and PR builds. */
  pr?: number;
  /** `<run_id>-<run_attempt>`. */
  run?: string;
  /** Release version without the leading `v` (`1.2.3`), on a release run. */
  version?: string;
}

/**
 * The family of builds retention counts within: `release`, `pr-<N>`, `branch-<name>` or
 * `local`. Keeping the last N images never lets a PR's builds push a release out.
 */
export type Channel = string;

/** The tested image file that is to be published. */
export interface ImageToPublish {
  path: string;
  /** Image name (the program's name unless set), used for cloud names and tags. */
  name: string;
  sha256: string;
  sizeBytes: number;
  arch: 'x86_64' | 'aarch64';
  /**
   * The firmware the image boots with: BIOS (x86_64 stage1/stage2), UEFI (an EFI System
   * Partition; every aarch64 image) or hybrid (x86_64 with both).
   */
  bootMode: 'bios' | 'uefi' | 'hybrid';
  /** Klibs in the image (the AWS IMDS rule depends on `aws` / `cloudwatch`). */
  klibs: string[];
  kernelVersion: string;
}

/** A cloud resource a run created, recorded the moment it exists so a failed run undoes it. */
export type CloudResource =
  | {
      cloud: 'aws';
      kind: 'snapshot' | 'image' | 'instance' | 'security-group';
      region: string;
      id: string;
    }
  | {
      cloud: 'gcp';
      kind: 'object' | 'image' | 'instance' | 'firewall';
      project: string;
      /** Object name, image name, instance name or firewall rule name. */
      id: string;
      /** The staging bucket, for `object`. */
      bucket?: string;
      /** For `instance`. */
      zone?: string;
    };

/**
 * Where the cloud modules report what they create. `created` is called as soon as an id
 * exists; `settled` when the resource is meant to outlive the run (published) or has been
 * removed. Whatever is created and never settled is deleted by the Action's post step.
 */
export interface ResourceRecorder {
  created(resource: CloudResource): void;
  settled(resource: CloudResource): void;
}

/** A recorder that forgets everything: for callers that clean up in-process only. */
export const noRecorder: ResourceRecorder = { created() {}, settled() {} };

/** Tags / labels the user added (`aws-tags`, `gcp-labels`), after validation. */
export type UserTags = Record<string, string>;

export interface AwsPublishPlan {
  /** Home region: the snapshot and the first AMI are made here. */
  region: string;
  copyRegions: string[];
  /** Account ids, organisation ARNs or OU ARNs to share the AMI with. */
  shareAccounts: string[];
  public: boolean;
  /** Encrypts the snapshot (and so the AMI) with this KMS key. */
  kmsKeyId?: string;
  tags: UserTags;
  /** Keep this many AMIs per image name and channel; older nanoship AMIs are deleted. */
  keep?: number;
  /** Deprecate the new AMI this long after publishing. */
  deprecateAfterMs?: number;
}

export interface GcpPublishPlan {
  /** Undefined: the project of the credentials (ADC). */
  project?: string;
  /** Staging bucket for the upload. */
  bucket: string;
  family?: string;
  storageLocation?: string;
  labels: UserTags;
  keep?: number;
  deprecateAfterMs?: number;
  /**
   * gcloud's endpoint overrides (`CLOUDSDK_API_ENDPOINT_OVERRIDES_COMPUTE` / `_STORAGE`),
   * e.g. `https://compute.example/compute/v1/`; undefined: Google's endpoints.
   */
  computeEndpoint?: string;
  storageEndpoint?: string;
}

export type CloudName = 'aws' | 'gcp';

export interface PublishPlan {
  targets: CloudName[];
  aws?: AwsPublishPlan;
  gcp?: GcpPublishPlan;
  provenance: Provenance;
  channel: Channel;
  /** The name of an image file published without a build (default: its file name). */
  imageName?: string;
  /**
   * The architecture the user named (`--arch`), if any. An image file published without a
   * build is described by its own boot loaders; it must be of this architecture when one is
   * named. A built image carries the architecture it was built for.
   */
  arch?: 'x86_64' | 'aarch64';
}

export interface AwsPublished {
  region: string;
  amiId: string;
  snapshotId: string;
  /** Region → AMI id, the home region included. */
  amiIds: Record<string, string>;
  name: string;
  /** True when an AMI with the same digest existed and nothing was uploaded. */
  reused: boolean;
}

export interface GcpPublished {
  project: string;
  /** Image name. */
  image: string;
  /** `projects/<p>/global/images/<name>`. */
  imageUri: string;
  family?: string;
  reused: boolean;
}

export interface Published {
  aws?: AwsPublished;
  gcp?: GcpPublished;
}

/** Where the image came from and which builds it counts with, for names and tags. */
export interface PublishContext {
  provenance: Provenance;
  channel: Channel;
}

/** Both clouds' entry points take these. */
export interface PublishDeps {
  logger: Logger;
  recorder: ResourceRecorder;
  signal?: AbortSignal;
  /** The current time; tests pass a fixed clock. */
  now?: () => Date;
}

// ---- Previews: one instance per pull request and cloud -------------------------------------

/** What a preview instance is launched from and for. */
export interface PreviewLaunch {
  /** The published image: an AMI id (home region) or a GCE image URI. */
  imageRef: string;
  image: Pick<ImageToPublish, 'name' | 'sha256' | 'arch' | 'bootMode' | 'klibs'>;
  provenance: Provenance & { pr: number };
  /** Guest TCP ports to open to the world (security group / firewall rule). */
  ports: number[];
  /** Instance / machine type; undefined: the cloud's default for the image's architecture. */
  instanceType?: string;
  /** When a sweep may delete it; GCP also gets it as `maxRunDuration` (a backstop TTL). */
  expiresAt: Date;
}

/** A running preview, as found by tag / label. */
export interface PreviewInstance {
  cloud: CloudName;
  /** Instance id (AWS) or instance name (GCP). */
  id: string;
  /** Public IPv4 address (or host name) the preview answers on. */
  address: string;
  /** Region (AWS) or zone (GCP). */
  location: string;
  pr: number;
  sha?: string;
  createdAt?: Date;
  expiresAt?: Date;
  /** Everything that goes with it: the instance and its security group / firewall rule. */
  resources: CloudResource[];
}

/** Which previews a teardown or sweep may touch: always one repository's, nanoship's only. */
export interface PreviewFilter {
  repoId: string;
  /** One pull request; undefined: every pull request of the repository. */
  pr?: number;
}

/**
 * The cloud side of previews, one implementation per cloud. Every resource is tagged or
 * labelled at creation and recorded through `deps.recorder` the moment it exists.
 */
export interface PreviewCloud {
  /**
   * Creates the security group / firewall rule and the instance, waits until it runs, and
   * returns it with its public address (readiness of the program is the caller's probe).
   */
  launch(request: PreviewLaunch, deps: PublishDeps): Promise<PreviewInstance>;
  /** The instance's serial console output, for the log when the preview does not answer. */
  consoleOutput(instance: PreviewInstance, deps: PublishDeps): Promise<string>;
  /**
   * Deletes the instance, then its security group / firewall rule (retrying while the cloud
   * still holds it, e.g. AWS DependencyViolation); resources already gone count as deleted.
   */
  destroy(instance: PreviewInstance, deps: PublishDeps): Promise<void>;
  /** nanoship's previews of the filter's repository (and pull request), found by tag / label. */
  findPreviews(filter: PreviewFilter, deps: PublishDeps): Promise<PreviewInstance[]>;
  /**
   * Deletes the images (and snapshots) published for the filter's pull request(s), nanoship's
   * only; returns what was deleted, in words for the PR comment.
   */
  deletePreviewImages(filter: PreviewFilter, deps: PublishDeps): Promise<string[]>;
  /**
   * Deletes leftovers no preview owns any more: security groups / firewall rules without an
   * instance, snapshots without an AMI older than a grace period. Returns what was deleted.
   */
  deleteOrphans(filter: PreviewFilter, deps: PublishDeps): Promise<string[]>;
}
