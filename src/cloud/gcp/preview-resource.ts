/**
 * What nanoship asks Compute Engine for to run a preview, decided without any I/O: the names
 * (instance, network tag, firewall rule), the labels, the instances.insert and firewalls.insert
 * bodies (cloud-publishing.md §5.1, §5.2), the metadata a firewall rule carries in its
 * description (rules have no labels), and how a found instance reads back as a preview.
 */
import { createHash } from 'node:crypto';
import { channelOf, gceName, nanoshipLabels, TagKeys } from '../naming.js';
import type { CloudResource, PreviewInstance, PreviewLaunch } from '../types.js';

/** A GCP label key from an AWS tag key (`nanoship:repo-id` → `nanoship-repo-id`). */
const labelKey = (tagKey: string) => tagKey.replace(/:/g, '-');

export const PreviewLabels = {
  managed: labelKey(TagKeys.managed),
  kind: labelKey(TagKeys.kind),
  repo: labelKey(TagKeys.repo),
  repoId: labelKey(TagKeys.repoId),
  pr: labelKey(TagKeys.pr),
  sha: labelKey(TagKeys.sha),
  channel: labelKey(TagKeys.channel),
  expiresAt: labelKey(TagKeys.expiresAt),
} as const;

/**
 * Machine types when the launch names none: e2-micro (2 shared vCPUs, 1 GB) is the smallest
 * x86 type with a full vCPU's worth of bursts; t2a-standard-1 is the smallest Arm type.
 */
export const DEFAULT_MACHINE_TYPES = { x86_64: 'e2-micro', aarch64: 't2a-standard-1' } as const;

/** Compute Engine's bounds for `scheduling.maxRunDuration` ("Limit the run time of a VM"). */
export const MIN_RUN_SECONDS = 30;
export const MAX_RUN_SECONDS = 120 * 86_400;

/** Every preview name starts so; sweeps list firewall rules by it. */
export const PREVIEW_PREFIX = 'nanoship-pr';

/** The first 8 hex digits of sha256(repository id): short, and stable across renames. */
export function repoHash(repoId: string): string {
  return createHash('sha256').update(repoId).digest('hex').slice(0, 8);
}

export interface PreviewNames {
  /** `nanoship-pr<N>-<repoHash8>-<sha7>`: the commit in it lets a new one run beside the old. */
  instance: string;
  /** The network tag the firewall rule targets: the instance's own name. */
  tag: string;
  /** `<instance>-tcp`. */
  firewall: string;
}

/**
 * The names of one preview. Tag and firewall rule are per instance, not per pull request:
 * while a push's new instance starts beside the old one, each has its own rule, and removing
 * the old one's rule never closes the new one's ports.
 */
export function previewNames(request: Pick<PreviewLaunch, 'provenance' | 'image'>): PreviewNames {
  const { provenance } = request;
  const build = gceName(`x${(provenance.sha ?? request.image.sha256).slice(0, 7)}`).slice(1);
  const instance = `${PREVIEW_PREFIX}${provenance.pr}-${repoHash(provenance.repoId!)}-${build}`;
  return { instance, tag: instance, firewall: `${instance}-tcp` };
}

/** The labels of a preview instance (and the metadata of its firewall rule). */
export function previewLabels(request: PreviewLaunch): Record<string, string> {
  return nanoshipLabels({
    kind: 'preview',
    image: request.image,
    provenance: request.provenance,
    channel: channelOf(request.provenance),
    expiresAt: request.expiresAt,
  });
}

/** Seconds from `now` until `expiresAt`, within Compute Engine's bounds. */
export function maxRunSeconds(expiresAt: Date, now: Date): number {
  const seconds = Math.ceil((expiresAt.getTime() - now.getTime()) / 1000);
  return Math.min(MAX_RUN_SECONDS, Math.max(MIN_RUN_SECONDS, seconds));
}

/** The machine type's short name: the request's, else the default for the architecture. */
export function machineTypeOf(request: Pick<PreviewLaunch, 'instanceType' | 'image'>): string {
  return request.instanceType ?? DEFAULT_MACHINE_TYPES[request.image.arch];
}

/** `projects/p/global/images/x` as given; a bare image name is taken to be in `project`. */
export function sourceImageOf(imageRef: string, project: string): string {
  return imageRef.includes('/') ? imageRef : `projects/${project}/global/images/${imageRef}`;
}

export interface InstanceSettings {
  project: string;
  zone: string;
  network: string;
  now: Date;
}

/**
 * The instances.insert body. No service account (so none can be misused from the preview, and
 * the caller needs no iam.serviceAccounts.actAs), no metadata. Google deletes the VM itself
 * once `maxRunDuration` has passed, even if every sweep fails. Arm (T2A) machines cannot live
 * migrate and have only gVNIC network cards.
 */
export function instanceResourceFor(
  request: PreviewLaunch,
  names: PreviewNames,
  settings: InstanceSettings,
): Record<string, unknown> {
  const machineType = machineTypeOf(request);
  const arm = request.image.arch === 'aarch64' || /^(t2a|c4a)-/.test(machineType);
  const { provenance } = request;
  return {
    name: names.instance,
    description: `nanoship preview of ${provenance.repo ?? `repository ${provenance.repoId}`} pull request #${provenance.pr}${provenance.sha ? ` at ${provenance.sha.slice(0, 7)}` : ''}`,
    machineType: `zones/${settings.zone}/machineTypes/${machineType}`,
    // No disk type or size: the zone's default type, sized as the image (as ops does).
    disks: [
      {
        boot: true,
        autoDelete: true,
        type: 'PERSISTENT',
        initializeParams: { sourceImage: sourceImageOf(request.imageRef, settings.project) },
      },
    ],
    networkInterfaces: [
      {
        network: `global/networks/${settings.network}`,
        // The access config is what gives the instance an external IPv4 address.
        accessConfigs: [{ name: 'External NAT', type: 'ONE_TO_ONE_NAT', networkTier: 'PREMIUM' }],
        ...(arm ? { nicType: 'GVNIC' } : {}),
      },
    ],
    tags: { items: [names.tag] },
    labels: previewLabels(request),
    scheduling: {
      automaticRestart: false,
      onHostMaintenance: arm ? 'TERMINATE' : 'MIGRATE',
      instanceTerminationAction: 'DELETE',
      maxRunDuration: { seconds: String(maxRunSeconds(request.expiresAt, settings.now)) },
    },
  };
}

/** The metadata a firewall rule carries in its description, as compact JSON. */
const FIREWALL_METADATA_KEYS = [
  PreviewLabels.managed,
  PreviewLabels.kind,
  PreviewLabels.repoId,
  PreviewLabels.repo,
  PreviewLabels.pr,
  PreviewLabels.sha,
  PreviewLabels.expiresAt,
];

export function encodeFirewallMetadata(labels: Record<string, string>): string {
  const kept = FIREWALL_METADATA_KEYS.filter((key) => labels[key] !== undefined);
  return JSON.stringify(Object.fromEntries(kept.map((key) => [key, labels[key]])));
}

/** The metadata of a nanoship firewall rule; undefined for a description that is not one. */
export function decodeFirewallMetadata(
  description: string | null | undefined,
): Record<string, string> | undefined {
  if (!description?.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(description) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const entries = Object.entries(parsed).filter(([, v]) => typeof v === 'string');
    const metadata = Object.fromEntries(entries) as Record<string, string>;
    return metadata[PreviewLabels.managed] === 'true' ? metadata : undefined;
  } catch {
    return undefined;
  }
}

/** The firewalls.insert body: the request's TCP ports, open to the world, on the tag. */
export function firewallResourceFor(
  request: PreviewLaunch,
  names: PreviewNames,
  network: string,
): Record<string, unknown> {
  return {
    name: names.firewall,
    network: `global/networks/${network}`,
    direction: 'INGRESS',
    priority: 1000,
    sourceRanges: ['0.0.0.0/0'],
    targetTags: [names.tag],
    allowed: [{ IPProtocol: 'tcp', ports: request.ports.map(String) }],
    description: encodeFirewallMetadata(previewLabels(request)),
  };
}

/** Labels (or firewall metadata) that say: nanoship's preview of this repository (and PR). */
export function isPreviewOf(
  labels: Record<string, string> | null | undefined,
  filter: { repoId: string; pr?: number },
): boolean {
  return (
    labels?.[PreviewLabels.managed] === 'true' &&
    labels[PreviewLabels.kind] === 'preview' &&
    labels[PreviewLabels.repoId] === filter.repoId &&
    (filter.pr === undefined || labels[PreviewLabels.pr] === String(filter.pr))
  );
}

/** The list filter for `isPreviewOf` (checked again on what comes back). */
export function previewListFilter(filter: { repoId: string; pr?: number }): string {
  const labels: Record<string, string> = {
    [PreviewLabels.managed]: 'true',
    [PreviewLabels.kind]: 'preview',
    [PreviewLabels.repoId]: filter.repoId,
    ...(filter.pr === undefined ? {} : { [PreviewLabels.pr]: String(filter.pr) }),
  };
  return Object.entries(labels)
    .map(([key, value]) => `(labels.${key} = "${value}")`)
    .join(' ');
}

/** The fields of a Compute instance a preview is read from. */
export interface FoundInstance {
  name?: string | null;
  zone?: string | null;
  creationTimestamp?: string | null;
  labels?: Record<string, string> | null;
  tags?: { items?: string[] | null } | null;
  networkInterfaces?: { accessConfigs?: { natIP?: string | null }[] | null }[] | null;
}

/** The last part of a zone URL (`…/zones/us-central1-a`). */
export const zoneOf = (zone: string | null | undefined) => (zone ?? '').split('/').pop() ?? '';

/** The external address of an instance, if it has one. */
export function natIpOf(instance: FoundInstance): string | undefined {
  return instance.networkInterfaces?.[0]?.accessConfigs?.[0]?.natIP ?? undefined;
}

/** A found instance as a preview, with its firewall rules among `resources`. */
export function previewFromInstance(
  instance: FoundInstance,
  project: string,
  firewalls: string[],
): PreviewInstance {
  const labels = instance.labels ?? {};
  const zone = zoneOf(instance.zone);
  const expires = Number(labels[PreviewLabels.expiresAt]);
  const created = Date.parse(instance.creationTimestamp ?? '');
  const resources: CloudResource[] = [
    { cloud: 'gcp', kind: 'instance', project, zone, id: instance.name! },
    ...firewalls.map((id): CloudResource => ({ cloud: 'gcp', kind: 'firewall', project, id })),
  ];
  return {
    cloud: 'gcp',
    id: instance.name!,
    address: natIpOf(instance) ?? '',
    location: zone,
    pr: Number(labels[PreviewLabels.pr]),
    sha: labels[PreviewLabels.sha] || undefined,
    createdAt: Number.isNaN(created) ? undefined : new Date(created),
    expiresAt: Number.isFinite(expires) && expires > 0 ? new Date(expires * 1000) : undefined,
    resources,
  };
}
