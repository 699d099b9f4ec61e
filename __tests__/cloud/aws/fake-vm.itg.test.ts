// The fake's booted instances themselves, with the Linux test guest through the stand-in
// QEMU (the disk's content does not matter to it): `running` only once QEMU listens, a guest
// that powers off ends its instance as InstanceInitiatedShutdownBehavior says, and close()
// leaves no QEMU behind even for instances nobody terminated.
import { connect } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeInstancesCommand,
  EC2Client,
  GetConsoleOutputCommand,
  type Instance,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { linuxGuestQemu } from '../../contract/stand-ins.js';
import { startAwsFake } from './fake.js';
import { HOME, makeTempDir, useFakeAws } from './fixtures.js';
import { qemuProcesses } from './preview-fixtures.js';

jest.setTimeout(180_000);

const temp = makeTempDir();
let httpdPath: string;
let poweroffPath: string;

beforeAll(async () => {
  httpdPath = `${await linuxGuestQemu(path.join(temp.dir, 'httpd'), { kind: 'httpd' })}:${process.env.PATH}`;
  poweroffPath = `${await linuxGuestQemu(path.join(temp.dir, 'poweroff'), { kind: 'poweroff' })}:${process.env.PATH}`;
}, 180_000);
afterAll(() => temp.remove());

/** A fake with `qemuPath`, its env, a client, an AMI and a group opening 8080. */
async function setUp(qemuPath: string) {
  const fake = await startAwsFake({ instances: { path: qemuPath } });
  const restore = useFakeAws({ all: fake.endpoint });
  const ec2 = new EC2Client({ region: HOME, maxAttempts: 1 });
  const { imageId } = fake.seedImage({ region: HOME, name: 'guest' });
  const { GroupId } = await ec2.send(
    new CreateSecurityGroupCommand({ GroupName: 'g', Description: 'd' }),
  );
  await ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId,
      IpPermissions: [
        { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
      ],
    }),
  );
  const launch = async (behavior: 'stop' | 'terminate' = 'terminate') => {
    const out = await ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SecurityGroupIds: [GroupId!],
        InstanceInitiatedShutdownBehavior: behavior,
      }),
    );
    return out.Instances![0]!.InstanceId!;
  };
  const describeOne = async (id: string): Promise<Instance> => {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
    return out.Reservations![0]!.Instances![0]!;
  };
  const close = async () => {
    ec2.destroy();
    restore();
    await fake.close();
  };
  return { fake, ec2, launch, describeOne, close };
}

/** Describes `id` until `done` holds of it (or a minute passes); every state seen, in order. */
async function watch(
  describeOne: (id: string) => Promise<Instance>,
  id: string,
  done: (i: Instance) => boolean,
) {
  const seen: string[] = [];
  const started = Date.now();
  for (;;) {
    const instance = await describeOne(id);
    if (seen.at(-1) !== instance.State?.Name) seen.push(instance.State?.Name ?? '?');
    if (done(instance) || Date.now() - started > 60_000) return { instance, seen };
    await sleep(100);
  }
}

const accepts = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('a booted instance', () => {
  test('is pending until QEMU listens on its address, and close() kills it though nobody terminated it', async () => {
    const { fake, launch, describeOne, close } = await setUp(httpdPath);
    const id = await launch();
    const { instance, seen } = await watch(describeOne, id, (i) => i.State?.Name === 'running');
    expect(seen).toEqual(['pending', 'running']);
    expect(await accepts(instance.PublicIpAddress!, 8080)).toBe(true);
    expect(qemuProcesses(fake.dir)).toHaveLength(1);
    const dir = fake.dir;
    await close();
    expect(qemuProcesses(dir)).toEqual([]);
    expect(await accepts(instance.PublicIpAddress!, 8080)).toBe(false);
  });

  test('whose guest powers off ends terminated (terminate on shutdown) or stopped, with its console kept', async () => {
    const { fake, ec2, launch, describeOne, close } = await setUp(poweroffPath);
    try {
      const terminating = await launch('terminate');
      const stopping = await launch('stop');
      const ended = await watch(describeOne, terminating, (i) => i.State?.Name === 'terminated');
      expect(ended.seen).toEqual(['pending', 'running', 'shutting-down', 'terminated']);
      expect(ended.instance.StateReason?.Code).toBe('Client.InstanceInitiatedShutdown');
      const stopped = await watch(describeOne, stopping, (i) => i.State?.Name === 'stopped');
      expect(stopped.seen.at(-1)).toBe('stopped');
      expect(qemuProcesses(fake.dir)).toEqual([]);
      const console = await ec2.send(
        new GetConsoleOutputCommand({ InstanceId: terminating, Latest: true }),
      );
      expect(Buffer.from(console.Output ?? '', 'base64').toString('utf8')).toMatch(
        /reboot: Power down/,
      );
    } finally {
      await close();
    }
  });
});
