/**
 * The AWS fake's instances (cloud-publishing §3, §8.3): RunInstances as strict as EC2 about
 * what previews get wrong (the AMI must be available in the region; Nitro types need ENA;
 * instance and AMI architectures must match; groups and subnet in one VPC; network-interface
 * form without instance-level groups; ClientToken idempotency), DescribeInstances with EC2's
 * state codes and filters, TerminateInstances and GetConsoleOutput.
 *
 * With booting on (the default), a launched x86_64 instance is a real QEMU (fake-vm.ts) on its
 * own 127.0.0.N, which is the instance's public IPv4 address; it turns `running` once QEMU is
 * up, ends `terminated` when killed, and goes the way InstanceInitiatedShutdownBehavior says
 * when the guest powers off. Without booting, states advance by describe polls alone.
 */
import { open } from 'node:fs/promises';
import type { Ec2Action, Ec2Request } from './fake-ec2.js';
import { applyFilters, paginate } from './fake-ec2-describe.js';
import { reservationXml } from './fake-instance-xml.js';
import { NetworkService, tagsOf } from './fake-network.js';
import { INSTANCE_TYPES, launchSettings, placement } from './fake-run-instances.js';
import {
  type FakeStore,
  INSTANCE_STATE_CODES,
  type InstanceRecord,
  newId,
  type SnapshotRecord,
} from './fake-state.js';
import { type Vm, VmHost } from './fake-vm.js';
import {
  invalid,
  type QueryNode,
  queryList,
  text,
  type XmlObject,
  type XmlValue,
} from './fake-wire.js';

const GIB = 1024 ** 3;
const BLOCK_BYTES = 524_288;
/** A rule range wider than this is not forwarded port by port. */
const MAX_FORWARDED_RANGE = 64;

export interface InstanceBehaviour {
  /** Boot x86_64 instances in QEMU; false: states only. */
  boot: boolean;
  /** Describe polls an instance stays pending after its VM runs. */
  pendingPolls: number;
  /** Describe polls in shutting-down (stopping) before terminated (stopped). */
  endingPolls: number;
  /** DeleteSecurityGroup calls answered DependencyViolation after the instance terminated. */
  groupReleasePolls: number;
  describePageSize?: number;
  /** Takes the next `instance-stuck` injection: the instance never leaves pending. */
  takeStuck(region: string): boolean;
  /** Takes the next `instance-failed` injection: the launch ends terminated with this reason. */
  takeFailure(region: string): { code: string; message: string } | undefined;
  readBlock(snapshot: SnapshotRecord, index: number): Promise<Buffer>;
}

const bool = (node: QueryNode | string | undefined) => text(node) === 'true';

/** Whether an IPv4 CIDR lets 127.0.0.1 (the test, standing in for the internet) in. */
function admitsLoopback(cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const mask = Number(bits) === 0 ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  const value = (ip: string) =>
    ip.split('.').reduce((n, octet) => ((n << 8) | Number(octet)) >>> 0, 0);
  return (value(base ?? '') & mask) >>> 0 === (value('127.0.0.1') & mask) >>> 0;
}

export class InstanceService {
  constructor(
    private readonly store: FakeStore,
    private readonly network: NetworkService,
    private readonly vms: VmHost,
    private readonly behaviour: InstanceBehaviour,
  ) {}

  actions(): Record<string, Ec2Action> {
    return {
      RunInstances: (r) => this.#run(r),
      DescribeInstances: (r) => this.#describe(r),
      TerminateInstances: (r) => this.#terminate(r),
      GetConsoleOutput: (r) => this.#console(r),
    };
  }

  #instance(region: string, id: string): InstanceRecord {
    const instance = this.store.get('instance', region, id);
    if (instance === undefined)
      throw invalid(`The instance ID '${id}' does not exist`, 'InvalidInstanceID.NotFound');
    return instance;
  }

  /** TCP ports the groups open to the world (here: to 127.0.0.1), for QEMU's forwards. */
  forwardedPorts(region: string, groupIds: string[]): number[] {
    const ports = new Set<number>();
    for (const id of groupIds) {
      for (const rule of this.store.get('security-group', region, id)?.ingress ?? []) {
        if (rule.protocol !== 'tcp' || !rule.cidrs.some((c) => admitsLoopback(c.cidr))) continue;
        if (rule.toPort - rule.fromPort >= MAX_FORWARDED_RANGE) continue;
        for (let port = rule.fromPort; port <= rule.toPort; port++) ports.add(port);
      }
    }
    return [...ports].sort((a, b) => a - b);
  }

  async #run({ region, params }: Ec2Request): Promise<XmlObject> {
    const token = text(params.ClientToken);
    const { ClientToken: _, ...rest } = params;
    const runParams = JSON.stringify(rest);
    if (token !== undefined) {
      if (token.length > 64) throw invalid('ClientToken is longer than 64 characters');
      const earlier = this.store.list('instance', region).find((i) => i.clientToken === token);
      if (earlier !== undefined) {
        if (earlier.runParams !== runParams) {
          throw invalid(
            'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
            'IdempotentParameterMismatch',
          );
        }
        return reservationXml(this.store, earlier);
      }
    }
    if (text(params.MinCount) === undefined || text(params.MaxCount) === undefined) {
      throw invalid(
        'The request must contain the parameters MinCount and MaxCount',
        'MissingParameter',
      );
    }
    if (text(params.MinCount) !== '1' || text(params.MaxCount) !== '1')
      throw invalid('fake: one instance per RunInstances');
    const imageId = text(params.ImageId) ?? '';
    const image = this.store.get('image', region, imageId);
    if (image === undefined)
      throw invalid(`The image id '[${imageId}]' does not exist`, 'InvalidAMIID.NotFound');
    if (image.state !== 'available') {
      throw invalid(
        `Image '${imageId}' is ${image.state}, and cannot be run`,
        'InvalidAMIID.Unavailable',
      );
    }
    const settings = launchSettings(image, params);
    const { instanceType } = settings;
    const where = placement(this.network, region, params);
    const tags = (type: string) =>
      tagsOf(params, ['instance', 'volume', 'network-interface'], type);
    const id = newId('i');
    const stuck = this.behaviour.takeStuck(region);
    const instance: InstanceRecord = {
      type: 'instance',
      id,
      region,
      tags: tags('instance'),
      createdAt: new Date(),
      reservationId: newId('r'),
      imageId,
      instanceType,
      architecture: image.architecture,
      state: 'pending',
      vpcId: where.vpcId,
      subnetId: where.subnetId,
      availabilityZone: where.availabilityZone,
      groupIds: where.groupIds,
      privateIp: `10.0.${Math.floor(Math.random() * 250)}.${2 + Math.floor(Math.random() * 250)}`,
      networkInterfaceId: newId('eni'),
      volumeId: newId('vol'),
      clientToken: token,
      runParams,
      httpTokens: settings.httpTokens,
      httpEndpoint: settings.httpEndpoint,
      shutdownBehavior: settings.shutdownBehavior,
      cpuCredits: settings.cpuCredits,
      amiBootMode: image.bootMode,
      currentBootMode: settings.bootMode,
      volumeTags: tags('volume'),
      interfaceTags: tags('network-interface'),
      pendingPollsLeft: stuck ? Number.POSITIVE_INFINITY : this.behaviour.pendingPolls,
      endingPollsLeft: 0,
      groupHoldsLeft: 0,
      failWith: this.behaviour.takeFailure(region),
    };
    const ports = this.forwardedPorts(region, instance.groupIds);
    // arm64 images are not booted: the fake has no aarch64 firmware set-up (states only).
    const booting =
      this.behaviour.boot &&
      !stuck &&
      instance.failWith === undefined &&
      image.architecture === 'x86_64';
    if (where.publicIp) instance.publicIp = await this.vms.allocate(id, ports, booting);
    this.store.put(instance);
    if (booting) {
      const root =
        image.blockDevices.find((d) => d.deviceName === image.rootDeviceName) ??
        image.blockDevices[0];
      const snapshot = this.store.get('snapshot', region, root?.snapshotId ?? '');
      const sizeGiB = root?.volumeSize ?? snapshot?.volumeSize ?? 1;
      this.vms.boot(
        {
          instanceId: id,
          address: instance.publicIp,
          ports,
          writeDisk: (file) => this.#writeDisk(file, snapshot, sizeGiB),
        },
        (vm) => this.#ended(instance, vm),
      );
    }
    return reservationXml(this.store, instance);
  }

  /** The root disk: the AMI's snapshot blocks at their offsets in a sparse file of the volume's size. */
  async #writeDisk(file: string, snapshot: SnapshotRecord | undefined, sizeGiB: number) {
    if (snapshot === undefined) throw new Error('the AMI has no root snapshot');
    const handle = await open(file, 'w');
    try {
      await handle.truncate(sizeGiB * GIB);
      for (const index of [...snapshot.digests.keys()].sort((a, b) => a - b)) {
        const block = await this.behaviour.readBlock(snapshot, index);
        await handle.write(block, 0, block.length, index * BLOCK_BYTES);
      }
    } finally {
      await handle.close();
    }
  }

  /** The VM ended: by TerminateInstances (already handled), a failed start, or the guest. */
  #ended(instance: InstanceRecord, vm: Vm) {
    const end = vm.end;
    if (end === undefined || end.by === 'terminate') return;
    if (instance.state === 'terminated' || instance.state === 'shutting-down') return;
    if (end.by === 'failed') {
      instance.stateReason = {
        code: 'Server.InternalError',
        message: `fake: QEMU did not start: ${end.stderr || `exit ${end.code ?? end.signal}`}`,
      };
      this.#end(instance, 'shutting-down');
      return;
    }
    instance.stateReason = {
      code: 'Client.InstanceInitiatedShutdown',
      message: 'Client.InstanceInitiatedShutdown: Instance initiated shutdown',
    };
    this.#end(instance, instance.shutdownBehavior === 'terminate' ? 'shutting-down' : 'stopping');
  }

  #end(instance: InstanceRecord, state: 'shutting-down' | 'stopping') {
    instance.state = state;
    instance.endingPollsLeft = this.behaviour.endingPolls;
    instance.groupHoldsLeft = this.behaviour.groupReleasePolls;
  }

  /** One describe poll moves an instance on. */
  #advance(instance: InstanceRecord) {
    const vm = this.vms.get(instance.id);
    if (instance.state === 'pending') {
      if (vm !== undefined && vm.status !== 'running') return;
      if (instance.pendingPollsLeft > 0) {
        instance.pendingPollsLeft--;
        return;
      }
      if (instance.failWith !== undefined) {
        instance.stateReason = instance.failWith;
        this.#end(instance, 'shutting-down');
      } else instance.state = 'running';
      return;
    }
    if (instance.state === 'shutting-down' || instance.state === 'stopping') {
      if (instance.endingPollsLeft > 0) {
        instance.endingPollsLeft--;
        return;
      }
      instance.state = instance.state === 'stopping' ? 'stopped' : 'terminated';
      this.vms.release(instance.id);
    }
  }

  #describe({ region, params }: Ec2Request): XmlObject {
    const ids = queryList(params.InstanceId).map((i) => text(i) ?? '');
    if (ids.length > 0 && params.MaxResults !== undefined) {
      throw invalid(
        'The parameter instancesSet cannot be used with the parameter maxResults',
        'InvalidParameterCombination',
      );
    }
    const instances =
      ids.length > 0
        ? ids.map((id) => this.#instance(region, id))
        : this.store.list('instance', region);
    for (const instance of instances) this.#advance(instance);
    const filtered = applyFilters(instances, params, {
      'instance-state-name': (i) => [i.state],
      'instance-state-code': (i) => [String(INSTANCE_STATE_CODES[i.state])],
      'instance-id': (i) => [i.id],
      'image-id': (i) => [i.imageId],
      'instance-type': (i) => [i.instanceType],
      'instance.group-id': (i) => i.groupIds,
      'vpc-id': (i) => [i.vpcId],
      'subnet-id': (i) => [i.subnetId],
      'client-token': (i) => (i.clientToken ? [i.clientToken] : []),
      'ip-address': (i) => (i.publicIp ? [i.publicIp] : []),
    });
    const { page, next } = paginate(filtered, params, this.behaviour.describePageSize);
    return { reservationSet: page.map((i) => reservationXml(this.store, i)), nextToken: next };
  }

  async #terminate({ region, params }: Ec2Request): Promise<XmlObject> {
    const ids = queryList(params.InstanceId).map((i) => text(i) ?? '');
    if (ids.length === 0)
      throw invalid('The request must contain the parameter InstanceId', 'MissingParameter');
    const instances = ids.map((id) => this.#instance(region, id));
    const changes: XmlValue[] = [];
    for (const instance of instances) {
      const previousState = { code: INSTANCE_STATE_CODES[instance.state], name: instance.state };
      if (instance.state !== 'terminated' && instance.state !== 'shutting-down') {
        instance.stateReason = {
          code: 'Client.UserInitiatedShutdown',
          message: 'Client.UserInitiatedShutdown: User initiated shutdown',
        };
        this.#end(instance, 'shutting-down');
        await this.vms.get(instance.id)?.kill();
      }
      changes.push({
        instanceId: instance.id,
        currentState: { code: INSTANCE_STATE_CODES[instance.state], name: instance.state },
        previousState,
      });
    }
    return { instancesSet: changes };
  }

  #console({ region, params }: Ec2Request): XmlObject {
    const instance = this.#instance(region, text(params.InstanceId) ?? '');
    if (bool(params.Latest) && !INSTANCE_TYPES[instance.instanceType]?.nitro) {
      throw invalid(
        `Retrieving the latest console output is not supported for the '${instance.instanceType}' instance type.`,
        'UnsupportedOperation',
      );
    }
    const vm = this.vms.get(instance.id);
    const output = vm
      ? vm.console()
      : Buffer.from(`fake: ${instance.id} is not booted (no QEMU for it)\r\n`);
    return {
      instanceId: instance.id,
      timestamp: new Date(),
      output: output.length > 0 ? output.toString('base64') : undefined,
    };
  }
}

/** How the fake runs instances (previews). */
export interface InstanceOptions {
  /** Boot x86_64 instances in QEMU (default true); false: states only, no QEMU (unit tests). */
  boot?: boolean;
  /** PATH to find `qemu-system-x86_64` on (default this process's PATH); put a stand-in first. */
  path?: string;
  /** Default `tcg` (`-accel tcg -cpu max`). */
  accel?: 'tcg' | 'kvm';
  /** Guest memory (default 512). */
  memoryMiB?: number;
  /** Describe polls an instance stays pending once its VM runs (default 0). */
  pendingPolls?: number;
  /** Describe polls in shutting-down before terminated (default 1). */
  terminatingPolls?: number;
  /** DeleteSecurityGroup calls answered DependencyViolation after termination (default 2). */
  groupReleasePolls?: number;
  /** Regions without a default VPC. */
  noDefaultVpc?: string[];
}

/** A booted instance's VM, as `vms()` lists them. */
export interface FakeVm {
  instanceId: string;
  address?: string;
  ports: number[];
  pid?: number;
  status: 'starting' | 'running' | 'ended';
  /** The QEMU root disk file (under `dir`). */
  disk: string;
}

/** The fake's network and instance services, wired to its store, blocks and injections. */
export function startInstances(
  store: FakeStore,
  dir: string,
  options: { instances?: InstanceOptions; describePageSize?: number },
  hooks: Pick<InstanceBehaviour, 'takeStuck' | 'takeFailure' | 'readBlock'>,
): { actions: Record<string, Ec2Action>; network: NetworkService; vms: VmHost } {
  const own = options.instances ?? {};
  const vms = new VmHost(dir, {
    path: own.path,
    accel: own.accel ?? 'tcg',
    memoryMiB: own.memoryMiB ?? 512,
  });
  const network = new NetworkService(store, {
    noDefaultVpc: own.noDefaultVpc ?? [],
    describePageSize: options.describePageSize,
  });
  const instances = new InstanceService(store, network, vms, {
    boot: own.boot ?? true,
    pendingPolls: own.pendingPolls ?? 0,
    endingPolls: own.terminatingPolls ?? 1,
    groupReleasePolls: own.groupReleasePolls ?? 2,
    describePageSize: options.describePageSize,
    ...hooks,
  });
  return { actions: { ...network.actions(), ...instances.actions() }, network, vms };
}

/** What `vms()` shows of each VM. */
export function listVms(vms: VmHost): FakeVm[] {
  return vms.list().map((vm) => ({
    instanceId: vm.spec.instanceId,
    address: vm.spec.address,
    ports: vm.spec.ports,
    pid: vm.pid,
    status: vm.status,
    disk: vm.disk,
  }));
}
