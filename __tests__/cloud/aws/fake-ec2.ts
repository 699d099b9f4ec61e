/**
 * The EC2 actions of the AWS fake (Query protocol in, XML out; cloud-publishing §8.3) that
 * publishing uses: snapshots and AMIs, copies, launch permissions, deprecation, deletion. Each
 * action is a function in a table keyed by its name, so more (RunInstances, security groups)
 * can be added beside them without touching the router. Resources live in the shared store,
 * per region: the region is the one the request was signed for, as in AWS.
 */
import { describeImages, describeSnapshots } from './fake-ec2-describe.js';
import {
  type FakeStore,
  type ImageRecord,
  type LaunchPermissionRecord,
  newId,
  type SnapshotRecord,
} from './fake-state.js';
import {
  invalid,
  type QueryNode,
  queryList,
  queryTagSpecs,
  struct,
  text,
  type XmlObject,
} from './fake-wire.js';

export interface Ec2Request {
  region: string;
  params: QueryNode;
}

export type Ec2Action = (request: Ec2Request) => XmlObject | Promise<XmlObject>;

export interface Ec2Behaviour {
  /** Describe polls a new AMI (registered or copied) stays pending. */
  imagePendingPolls: number;
  /** Per region: `block-new-sharing` or `unblocked` (the default). */
  blockPublicAccess: Record<string, string>;
  /** Caps describe pages below MaxResults, to exercise pagination. */
  describePageSize?: number;
  /** Takes the next `image-failed` injection for `region`, if any. */
  takeImageFailure(region: string): { code: string; message: string } | undefined;
}

const AMI_NAME = /^[A-Za-z0-9()[\] ./'@_-]{3,128}$/;
const ARCHITECTURES = new Set(['i386', 'x86_64', 'arm64', 'x86_64_mac', 'arm64_mac']);
const VOLUME_TYPES = new Set(['standard', 'io1', 'io2', 'gp2', 'sc1', 'st1', 'gp3']);
const BOOT_MODES = new Set(['legacy-bios', 'uefi', 'uefi-preferred']);
const bool = (node: QueryNode | string | undefined) => text(node) === 'true';

export class Ec2Service {
  /** The actions by name; add one to extend the fake. */
  readonly actions = new Map<string, Ec2Action>();

  constructor(
    private readonly store: FakeStore,
    private readonly behaviour: Ec2Behaviour,
  ) {
    const own: Record<string, Ec2Action> = {
      DescribeSnapshots: (r) => describeSnapshots(this.store, this.behaviour, r),
      DescribeImages: (r) => describeImages(this.store, this.behaviour, r),
      RegisterImage: (r) => this.#registerImage(r),
      CopyImage: (r) => this.#copyImage(r),
      ModifyImageAttribute: (r) => this.#modifyImageAttribute(r),
      ModifySnapshotAttribute: (r) => this.#modifySnapshotAttribute(r),
      GetImageBlockPublicAccessState: (r) => ({
        imageBlockPublicAccessState: this.behaviour.blockPublicAccess[r.region] ?? 'unblocked',
        managedBy: 'account',
      }),
      EnableImageDeprecation: (r) => this.#enableDeprecation(r),
      DeregisterImage: (r) => this.#deregisterImage(r),
      DeleteSnapshot: (r) => this.#deleteSnapshot(r),
    };
    for (const [name, action] of Object.entries(own)) this.actions.set(name, action);
  }

  #image(region: string, params: QueryNode): ImageRecord {
    const id = text(params.ImageId) ?? '';
    const image = this.store.get('image', region, id);
    if (image === undefined) {
      throw invalid(`The image id '[${id}]' does not exist`, 'InvalidAMIID.NotFound');
    }
    return image;
  }

  #snapshot(region: string, id: string): SnapshotRecord {
    const snapshot = this.store.get('snapshot', region, id);
    if (snapshot === undefined || snapshot.invisiblePollsLeft > 0) {
      throw invalid(`The snapshot '${id}' does not exist.`, 'InvalidSnapshot.NotFound');
    }
    return snapshot;
  }

  #checkNewName(region: string, name: string | undefined): string {
    if (name === undefined || !AMI_NAME.test(name)) {
      throw invalid(`AMI name ${name} is not valid`, 'InvalidAMIName.Malformed');
    }
    if (this.store.list('image', region).some((i) => i.name === name)) {
      throw invalid(`AMI name ${name} is already in use by an AMI`, 'InvalidAMIName.Duplicate');
    }
    return name;
  }

  /** Tags of the TagSpecifications for `type`; any other resource type is refused. */
  #tagsFor(params: QueryNode, allowed: string[], type: string): Record<string, string> {
    const specs = queryTagSpecs(params);
    for (const spec of specs) {
      if (!allowed.includes(spec.type))
        throw invalid(`'${spec.type}' is not a valid taggable resource type for this operation`);
    }
    return Object.assign({}, ...specs.filter((s) => s.type === type).map((s) => s.tags));
  }

  #registerImage({ region, params }: Ec2Request): XmlObject {
    const name = this.#checkNewName(region, text(params.Name));
    const architecture = text(params.Architecture);
    if (architecture === undefined || !ARCHITECTURES.has(architecture)) {
      throw invalid(
        `Architecture ${architecture} is not valid (nanoship must set it: the default is i386)`,
      );
    }
    const rootDeviceName = text(params.RootDeviceName);
    const blockDevices = queryList(params.BlockDeviceMapping).map((node) => {
      const m = struct(node);
      const ebs = struct(m.Ebs);
      const volumeType = text(ebs.VolumeType) ?? 'standard';
      if (!VOLUME_TYPES.has(volumeType)) throw invalid(`VolumeType ${volumeType} is not valid`);
      const snapshot = this.#snapshot(region, text(ebs.SnapshotId) ?? '');
      if (snapshot.state !== 'completed') {
        throw invalid(`Snapshot ${snapshot.id} is ${snapshot.state}`, 'IncorrectState');
      }
      return {
        deviceName: text(m.DeviceName) ?? '',
        snapshotId: snapshot.id,
        volumeType,
        deleteOnTermination: bool(ebs.DeleteOnTermination),
        volumeSize: text(ebs.VolumeSize) === undefined ? undefined : Number(text(ebs.VolumeSize)),
        encrypted: snapshot.encrypted,
      };
    });
    if (!blockDevices.some((d) => d.deviceName === rootDeviceName)) {
      throw invalid(
        `RootDeviceName ${rootDeviceName} has no block device mapping`,
        'InvalidBlockDeviceMapping',
      );
    }
    const bootMode = text(params.BootMode);
    if (bootMode !== undefined && !BOOT_MODES.has(bootMode))
      throw invalid(`BootMode ${bootMode} is not valid`);
    // A guard rather than a documented EC2 refusal: EC2's pages say Graviton types boot UEFI
    // (so such an AMI could never start), not that RegisterImage refuses it. nanoship must
    // never ask for it either way.
    if (architecture === 'arm64' && bootMode === 'legacy-bios') {
      throw invalid('arm64 AMIs cannot boot legacy-bios', 'InvalidParameterCombination');
    }
    const imdsSupport = text(params.ImdsSupport);
    if (imdsSupport !== undefined && imdsSupport !== 'v2.0')
      throw invalid(`ImdsSupport ${imdsSupport} is not valid`);
    const virtualizationType = text(params.VirtualizationType) ?? 'paravirtual';
    const image = this.#newImage(region, {
      name,
      description: text(params.Description),
      architecture,
      rootDeviceName: rootDeviceName!,
      blockDevices,
      virtualizationType,
      enaSupport: bool(params.EnaSupport),
      bootMode,
      imdsSupport,
      tags: this.#tagsFor(params, ['image'], 'image'),
    });
    return { imageId: image.id };
  }

  #newImage(
    region: string,
    fields: Omit<
      ImageRecord,
      'type' | 'id' | 'region' | 'createdAt' | 'state' | 'launchPermissions' | 'pendingPollsLeft'
    >,
  ): ImageRecord {
    const image: ImageRecord = {
      type: 'image',
      id: newId('ami'),
      region,
      createdAt: new Date(),
      state: 'pending',
      launchPermissions: [],
      pendingPollsLeft: this.behaviour.imagePendingPolls,
      failWith: this.behaviour.takeImageFailure(region),
      ...fields,
    };
    this.store.put(image);
    return image;
  }

  #copyImage({ region, params }: Ec2Request): XmlObject {
    const sourceRegion = text(params.SourceRegion);
    const sourceId = text(params.SourceImageId);
    if (sourceRegion === undefined || sourceId === undefined) {
      throw invalid('SourceRegion and SourceImageId are required', 'MissingParameter');
    }
    const token = text(params.ClientToken);
    const earlier = token && this.store.list('image', region).find((i) => i.copyToken === token);
    if (earlier) return { imageId: earlier.id };
    const source = this.store.get('image', sourceRegion, sourceId);
    if (source === undefined) {
      throw invalid(
        `The image id '[${sourceId}]' does not exist in ${sourceRegion}`,
        'InvalidAMIID.NotFound',
      );
    }
    if (source.state !== 'available')
      throw invalid(`Image ${sourceId} is ${source.state}`, 'IncorrectState');
    const name = this.#checkNewName(region, text(params.Name));
    const imageTags = this.#tagsFor(params, ['image', 'snapshot'], 'image');
    const snapshotTags = this.#tagsFor(params, ['image', 'snapshot'], 'snapshot');
    const encrypted = bool(params.Encrypted);
    const blockDevices = source.blockDevices.map((device) => {
      const from = this.store.get('snapshot', sourceRegion, device.snapshotId)!;
      const copy: SnapshotRecord = {
        ...from,
        id: newId('snap'),
        region,
        tags: bool(params.CopyImageTags) ? { ...from.tags, ...snapshotTags } : snapshotTags,
        createdAt: new Date(),
        encrypted: from.encrypted || encrypted,
        clientToken: undefined,
        createVolumeUsers: new Set(),
      };
      this.store.put(copy);
      return { ...device, snapshotId: copy.id, encrypted: copy.encrypted };
    });
    const image = this.#newImage(region, {
      name,
      description: text(params.Description) ?? source.description,
      architecture: source.architecture,
      rootDeviceName: source.rootDeviceName,
      blockDevices,
      virtualizationType: source.virtualizationType,
      enaSupport: source.enaSupport,
      bootMode: source.bootMode,
      imdsSupport: source.imdsSupport,
      tags: bool(params.CopyImageTags) ? { ...source.tags, ...imageTags } : imageTags,
      copyToken: token,
    });
    return { imageId: image.id };
  }

  #modifyImageAttribute({ region, params }: Ec2Request): XmlObject {
    const image = this.#image(region, params);
    const adds = queryList(struct(params.LaunchPermission).Add).map((node) => {
      const p = struct(node);
      const permission: LaunchPermissionRecord = {
        userId: text(p.UserId),
        group: text(p.Group),
        organizationArn: text(p.OrganizationArn),
        organizationalUnitArn: text(p.OrganizationalUnitArn),
      };
      if (permission.group !== undefined && permission.group !== 'all')
        throw invalid(`Group ${permission.group} is not valid`);
      if (permission.userId !== undefined && !/^\d{12}$/.test(permission.userId)) {
        throw invalid(
          `UserId ${permission.userId} is not an account id`,
          'InvalidUserID.Malformed',
        );
      }
      if (Object.values(permission).filter((v) => v !== undefined).length !== 1) {
        throw invalid('Each launch permission names exactly one grantee');
      }
      return permission;
    });
    if (adds.length === 0) throw invalid('No attribute to modify', 'MissingParameter');
    if (adds.some((p) => p.group === 'all')) {
      if ((this.behaviour.blockPublicAccess[region] ?? 'unblocked') === 'block-new-sharing') {
        throw invalid(
          'Block public access for AMIs is enabled in this Region',
          'OperationNotPermitted',
        );
      }
      if (image.blockDevices.some((d) => d.encrypted))
        throw invalid('Encrypted AMIs cannot be made public');
    }
    image.launchPermissions.push(...adds);
    return { return: true };
  }

  #modifySnapshotAttribute({ region, params }: Ec2Request): XmlObject {
    const snapshot = this.#snapshot(region, text(params.SnapshotId) ?? '');
    if (text(params.Attribute) !== 'createVolumePermission')
      throw invalid('Only createVolumePermission');
    if (text(params.OperationType) !== 'add') throw invalid('Only OperationType add is modelled');
    const users = queryList(params.UserId).map((u) => text(u) ?? '');
    if (users.length === 0 || users.some((u) => !/^\d{12}$/.test(u))) {
      throw invalid('UserId must be account ids', 'InvalidUserID.Malformed');
    }
    for (const user of users) snapshot.createVolumeUsers.add(user);
    return { return: true };
  }

  #enableDeprecation({ region, params }: Ec2Request): XmlObject {
    const image = this.#image(region, params);
    const at = new Date(text(params.DeprecateAt) ?? '');
    if (Number.isNaN(at.getTime()))
      throw invalid(`DeprecateAt ${text(params.DeprecateAt)} is not a date`);
    const now = Date.now();
    if (at.getTime() <= now - 60_000 || at.getTime() > now + 10 * 366 * 24 * 3_600_000) {
      throw invalid('DeprecateAt must be in the future and at most 10 years ahead');
    }
    image.deprecationTime = at;
    return { return: true };
  }

  #deregisterImage({ region, params }: Ec2Request): XmlObject {
    const image = this.#image(region, params);
    this.store.delete('image', region, image.id);
    return { return: true };
  }

  #deleteSnapshot({ region, params }: Ec2Request): XmlObject {
    const id = text(params.SnapshotId) ?? '';
    this.#snapshot(region, id);
    const user = this.store
      .list('image', region)
      .find((i) => i.blockDevices.some((d) => d.snapshotId === id));
    if (user !== undefined) {
      throw invalid(
        `The snapshot ${id} is currently in use by ${user.id}`,
        'InvalidSnapshot.InUse',
      );
    }
    this.store.delete('snapshot', region, id);
    return { return: true };
  }
}
