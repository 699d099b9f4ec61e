/**
 * How the AWS fake shows an instance on the wire: EC2's XML member names for RunInstances and
 * DescribeInstances (cloud-publishing §8.3), with the state codes of `INSTANCE_STATE_CODES`.
 */
import {
  FAKE_ACCOUNT_ID,
  type FakeStore,
  INSTANCE_STATE_CODES,
  type InstanceRecord,
} from './fake-state.js';
import { tagSet, type XmlObject, type XmlValue } from './fake-wire.js';

/** A reservation holding `instance` (RunInstances' answer, a DescribeInstances item). */
export function reservationXml(store: FakeStore, instance: InstanceRecord): XmlObject {
  return {
    reservationId: instance.reservationId,
    ownerId: FAKE_ACCOUNT_ID,
    groupSet: [],
    instancesSet: [instanceXml(store, instance)],
  };
}

/** An instance in EC2's XML names (`ipAddress` is PublicIpAddress, `instanceState` its state). */
export function instanceXml(store: FakeStore, i: InstanceRecord): XmlValue {
  const state = { code: INSTANCE_STATE_CODES[i.state], name: i.state };
  const groups = i.groupIds.map((groupId) => ({
    groupId,
    groupName: store.get('security-group', i.region, groupId)?.name ?? groupId,
  }));
  const live = i.state !== 'terminated';
  return {
    instanceId: i.id,
    imageId: i.imageId,
    instanceState: state,
    privateDnsName: live
      ? `ip-${i.privateIp.replaceAll('.', '-')}.${i.region}.compute.internal`
      : '',
    reason: i.stateReason?.message ?? '',
    amiLaunchIndex: 0,
    instanceType: i.instanceType,
    launchTime: i.createdAt,
    placement: { availabilityZone: i.availabilityZone, tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: live ? i.subnetId : undefined,
    vpcId: live ? i.vpcId : undefined,
    privateIpAddress: live ? i.privateIp : undefined,
    ipAddress: live && i.state !== 'stopped' ? i.publicIp : undefined,
    groupSet: groups,
    stateReason: i.stateReason,
    architecture: i.architecture,
    bootMode: i.amiBootMode,
    currentInstanceBootMode: i.currentBootMode,
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/sda1',
    blockDeviceMapping: live
      ? [
          {
            deviceName: '/dev/sda1',
            ebs: {
              volumeId: i.volumeId,
              status: 'attached',
              attachTime: i.createdAt,
              deleteOnTermination: true,
            },
          },
        ]
      : [],
    virtualizationType: 'hvm',
    clientToken: i.clientToken,
    tagSet: tagSet(i.tags),
    hypervisor: 'xen',
    networkInterfaceSet: live
      ? [
          {
            networkInterfaceId: i.networkInterfaceId,
            subnetId: i.subnetId,
            vpcId: i.vpcId,
            status: 'in-use',
            privateIpAddress: i.privateIp,
            groupSet: groups,
            attachment: { deviceIndex: 0, status: 'attached', deleteOnTermination: true },
            association: i.publicIp ? { publicIp: i.publicIp, ipOwnerId: 'amazon' } : undefined,
          },
        ]
      : [],
    ebsOptimized: false,
    enaSupport: true,
    metadataOptions: {
      state: 'applied',
      httpTokens: i.httpTokens,
      httpPutResponseHopLimit: 1,
      httpEndpoint: i.httpEndpoint,
    },
  };
}
