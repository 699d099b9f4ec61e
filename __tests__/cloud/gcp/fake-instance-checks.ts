/**
 * What the fake's instances.insert refuses, worded as Compute Engine words it: a malformed
 * name, machine type, disk, network interface, labels, tags or scheduling; an image that does
 * not exist or is not READY; a machine type of another architecture than the image; Arm
 * machines asked to live-migrate or without gVNIC; an external IP an organisation policy
 * forbids. And the IAM permissions Google checks for the body sent.
 */
import { networkName } from './fake-firewalls.js';
import type { ComputeState, ImageResource, ProjectState } from './fake-operations.js';

const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_KEY = /^[\p{Ll}\p{Lo}][\p{Ll}\p{Lo}\p{N}_-]{0,62}$/u;
const LABEL_VALUE = /^[\p{Ll}\p{Lo}\p{N}_-]{0,63}$/u;
const IMAGE_REF =
  /^(?:https:\/\/www\.googleapis\.com\/compute\/v1\/)?(?:projects\/([^/]+)\/)?global\/images\/(family\/)?([a-z][-a-z0-9]*)$/;
/** Machine series the fake knows; Arm ones need ARM64 images. */
const MACHINE_SERIES = /^(e2|n1|n2|n2d|n4|c2|c2d|c3|c3d|c4|t2d|t2a|c4a|g1|f1)-[a-z0-9-]+$/;
const ARM_SERIES = /^(t2a|c4a)-/;
const MAX_RUN_SECONDS = 120 * 86_400;

/** The parts of an instances.insert body the fake reads. */
export interface InstanceBody {
  name?: string;
  machineType?: string;
  disks?: {
    boot?: boolean;
    autoDelete?: boolean;
    initializeParams?: { sourceImage?: string; diskType?: string; labels?: Record<string, string> };
  }[];
  networkInterfaces?: {
    network?: string;
    nicType?: string;
    accessConfigs?: { type?: string; name?: string; networkTier?: string }[];
  }[];
  tags?: { items?: string[] };
  labels?: Record<string, string>;
  metadata?: { items?: unknown[] };
  serviceAccounts?: unknown[];
  scheduling?: {
    automaticRestart?: boolean;
    onHostMaintenance?: string;
    instanceTerminationAction?: string;
    maxRunDuration?: { seconds?: string | number };
  };
}

export type Refusal = { status: number; reason: string; message: string };

/** What a valid body resolves to. */
export interface CheckedInstance {
  machineType: string;
  image: ImageResource;
  imageProject: string;
  network: string;
  runSeconds?: number;
}

/** The permissions Google checks for this body (docs: "Required permissions", instances.insert). */
export function insertPermissions(body: InstanceBody): string[] {
  const nic = body.networkInterfaces?.[0];
  const disk = body.disks?.[0]?.initializeParams;
  return [
    'compute.disks.create',
    ...(disk?.sourceImage ? ['compute.images.useReadOnly'] : []),
    // The client sends empty maps for fields left out: only entries count.
    ...(Object.keys(disk?.labels ?? {}).length > 0 ? ['compute.disks.setLabels'] : []),
    ...(nic ? ['compute.subnetworks.use'] : []),
    ...((nic?.accessConfigs ?? []).length > 0 ? ['compute.subnetworks.useExternalIp'] : []),
    ...(Object.keys(body.labels ?? {}).length > 0 ? ['compute.instances.setLabels'] : []),
    ...((body.tags?.items ?? []).length > 0 ? ['compute.instances.setTags'] : []),
    ...((body.metadata?.items ?? []).length > 0 ? ['compute.instances.setMetadata'] : []),
    ...((body.serviceAccounts ?? []).length > 0
      ? ['compute.instances.setServiceAccount', 'iam.serviceAccounts.actAs']
      : []),
  ];
}

const invalid = (field: string, value: unknown, why = ''): Refusal => ({
  status: 400,
  reason: 'invalid',
  message: `Invalid value for field 'resource.${field}': '${typeof value === 'string' ? value : JSON.stringify(value)}'.${why ? ` ${why}` : ''}`,
});

/** The body's problem, or what it resolves to. */
export function checkInstance(
  state: ComputeState,
  project: ProjectState,
  projectId: string,
  zone: string,
  body: InstanceBody,
): Refusal | CheckedInstance {
  if (!NAME.test(body.name ?? '')) return invalid('name', body.name);
  const machine = new RegExp(
    `^(?:https://www\\.googleapis\\.com/compute/v1/projects/${projectId}/)?zones/${zone}/machineTypes/([a-z0-9-]+)$`,
  ).exec(body.machineType ?? '');
  if (!machine) return invalid('machineType', body.machineType);
  const machineType = machine[1]!;
  if (!MACHINE_SERIES.test(machineType)) {
    return invalid(
      'machineType',
      body.machineType,
      `Machine type with name '${machineType}' does not exist in zone '${zone}'.`,
    );
  }
  const image = imageOf(state, projectId, body);
  if ('status' in image) return image;
  const scheduling = checkScheduling(body, machineType);
  if (scheduling && 'status' in scheduling) return scheduling;
  const arm = ARM_SERIES.test(machineType);
  const imageArch = String(image.image.architecture ?? 'X86_64');
  if ((imageArch === 'ARM64') !== arm) {
    return invalid(
      'machineType',
      body.machineType,
      `The machine type's architecture (${arm ? 'ARM64' : 'X86_64'}) differs from the boot disk's (${imageArch}).`,
    );
  }
  const nics = body.networkInterfaces ?? [];
  if (nics.length !== 1)
    return invalid('networkInterfaces', nics, 'The fake supports exactly one.');
  const nic = nics[0]!;
  const network = networkName(nic.network ?? 'global/networks/default', projectId);
  if (network === undefined) return invalid('networkInterfaces[0].network', nic.network);
  if (!project.networks.has(network)) {
    return {
      status: 404,
      reason: 'notFound',
      message: `The resource 'projects/${projectId}/global/networks/${network}' was not found`,
    };
  }
  if (arm && nic.nicType !== 'GVNIC') {
    return invalid(
      'networkInterfaces[0].nicType',
      nic.nicType ?? 'VIRTIO_NET',
      `${machineType} supports only GVNIC network interfaces.`,
    );
  }
  const features = ((image.image.guestOsFeatures ?? []) as { type: string }[]).map((f) => f.type);
  if (nic.nicType === 'GVNIC' && !features.includes('GVNIC')) {
    return invalid(
      'networkInterfaces[0].nicType',
      'GVNIC',
      'The boot image does not declare the GVNIC guest OS feature.',
    );
  }
  for (const access of nic.accessConfigs ?? []) {
    if (access.type !== 'ONE_TO_ONE_NAT')
      return invalid('networkInterfaces[0].accessConfigs[0].type', access.type);
  }
  const labels = checkLabels(body.labels ?? {});
  if (labels) return labels;
  for (const tag of body.tags?.items ?? [])
    if (!NAME.test(tag)) return invalid('tags.items[]', tag);
  if ((nic.accessConfigs ?? []).length > 0 && state.constraints.has('compute.vmExternalIpAccess')) {
    return {
      status: 412,
      reason: 'conditionNotMet',
      message: `Constraint constraints/compute.vmExternalIpAccess violated for project ${projectId}. Add instance projects/${projectId}/zones/${zone}/instances/${body.name} to the constraint to use external IP with it.`,
    };
  }
  return { machineType, ...image, network, runSeconds: scheduling?.runSeconds };
}

function imageOf(state: ComputeState, projectId: string, body: InstanceBody) {
  const disks = body.disks ?? [];
  if (disks.length !== 1 || disks[0]!.boot !== true) {
    return invalid('disks', disks, 'The fake supports exactly one disk, the boot disk.');
  }
  const params = disks[0]!.initializeParams;
  const ref = IMAGE_REF.exec(params?.sourceImage ?? '');
  if (!ref) return invalid('disks[0].initializeParams.sourceImage', params?.sourceImage);
  if (
    params?.diskType !== undefined &&
    !/^(?:.*\/)?zones\/[^/]+\/diskTypes\/pd-[a-z]+$/.test(params.diskType)
  ) {
    return invalid('disks[0].initializeParams.diskType', params.diskType);
  }
  const imageProject = ref[1] ?? projectId;
  const images = [...(state.projects.get(imageProject)?.images.values() ?? [])];
  const image = ref[2]
    ? images
        .filter(
          (i) =>
            i.family === ref[3] &&
            i.status === 'READY' &&
            (!i.deprecated || i.deprecated.state === 'ACTIVE'),
        )
        .sort((a, b) => b.creationTimestamp.localeCompare(a.creationTimestamp))[0]
    : images.find((i) => i.name === ref[3]);
  const shown = `projects/${imageProject}/global/images/${ref[2] ?? ''}${ref[3]}`;
  if (!image)
    return {
      status: 404,
      reason: 'notFound',
      message: `The resource '${shown}' was not found`,
    } as Refusal;
  if (image.status !== 'READY') {
    return {
      status: 400,
      reason: 'resourceNotReady',
      message: `The resource '${shown}' is not ready`,
    } as Refusal;
  }
  return { image, imageProject };
}

function checkScheduling(body: InstanceBody, machineType: string) {
  const scheduling = body.scheduling ?? {};
  if (
    scheduling.onHostMaintenance !== undefined &&
    !['MIGRATE', 'TERMINATE'].includes(scheduling.onHostMaintenance)
  ) {
    return invalid('scheduling.onHostMaintenance', scheduling.onHostMaintenance);
  }
  if (ARM_SERIES.test(machineType) && scheduling.onHostMaintenance !== 'TERMINATE') {
    return invalid(
      'scheduling.onHostMaintenance',
      scheduling.onHostMaintenance ?? 'MIGRATE',
      `${machineType} instances cannot live migrate: set TERMINATE.`,
    );
  }
  const action = scheduling.instanceTerminationAction;
  if (action !== undefined && !['DELETE', 'STOP'].includes(action)) {
    return invalid('scheduling.instanceTerminationAction', action);
  }
  if (scheduling.maxRunDuration === undefined) return undefined;
  const seconds = Number(scheduling.maxRunDuration.seconds);
  if (!Number.isInteger(seconds) || seconds < 30 || seconds > MAX_RUN_SECONDS) {
    return invalid(
      'scheduling.maxRunDuration.seconds',
      scheduling.maxRunDuration.seconds,
      'It must be between 30 seconds and 120 days.',
    );
  }
  if (action === undefined) {
    return invalid(
      'scheduling.instanceTerminationAction',
      '',
      'It is required with maxRunDuration.',
    );
  }
  return { runSeconds: seconds };
}

function checkLabels(labels: Record<string, string>): Refusal | undefined {
  const entries = Object.entries(labels);
  if (entries.length > 64)
    return invalid('labels', `${entries.length} labels`, 'At most 64 are allowed.');
  for (const [key, value] of entries) {
    if (!LABEL_KEY.test(key) || !LABEL_VALUE.test(value))
      return invalid('labels', `${key}=${value}`);
  }
  return undefined;
}
