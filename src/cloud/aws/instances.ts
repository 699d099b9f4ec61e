/**
 * A preview's instance (cloud-publishing §3.1, §3.3–3.6): RunInstances with everything set
 * at launch (tags, IMDS, credits, shutdown behaviour), the wait until it runs, its console
 * output, and termination. The waits are nanoship's own policy objects over one describe call,
 * so a state that will never become `running` fails at once with AWS's reason.
 */
import {
  DescribeInstancesCommand,
  type EC2Client,
  type Filter,
  GetConsoleOutputCommand,
  type Instance,
  paginateDescribeInstances,
  RunInstancesCommand,
  type RunInstancesCommandInput,
  type RunInstancesCommandOutput,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { awsErrorCode, awsFailure, type CallSite, callAws } from './errors.js';
import { tagList } from './images.js';
import { type PollOutcome, type WaitContext, type WaitPolicy, waitFor } from './wait.js';

/** pending → running is typically 10–30 s; the SDK waiter's own budget is 5 min. */
export const INSTANCE_RUNNING_WAIT: WaitPolicy = {
  deadlineMs: 5 * 60_000,
  intervalMs: (elapsed) => (elapsed < 60_000 ? 3_000 : 10_000),
  successes: 1,
};

/** Termination takes seconds to a few minutes; §3.6 budgets 10. */
export const INSTANCE_TERMINATED_WAIT: WaitPolicy = {
  deadlineMs: 10 * 60_000,
  intervalMs: (elapsed) => (elapsed < 60_000 ? 3_000 : 10_000),
  successes: 1,
};

/** The instance type when the request names none: burstable, Nitro, ENA, 1 GiB. */
export function defaultInstanceType(arch: 'x86_64' | 'aarch64'): string {
  return arch === 'aarch64' ? 't4g.micro' : 't3.micro';
}

/** Burstable types launch `unlimited` by default (t3, t4g): a spinning preview bills credits. */
export function isBurstable(instanceType: string): boolean {
  return /^t\d[a-z]*\./.test(instanceType);
}

export interface LaunchSpec {
  imageId: string;
  instanceType: string;
  groupId: string;
  /** Undefined: the default VPC (which gives every instance a public address). */
  subnetId?: string;
  clientToken: string;
  tags: Record<string, string>;
  /** False when a klib of the image speaks IMDSv1 (aws, cloudwatch). */
  requireImdsV2: boolean;
}

/** The RunInstances request of a preview (cloud-publishing §3.3). */
export function runInstancesInput(spec: LaunchSpec): RunInstancesCommandInput {
  const tags = tagList(spec.tags);
  // With a subnet the network-interface form asks for a public address whatever the subnet's
  // own setting; EC2 refuses instance-level groups or subnet beside it.
  const network: Partial<RunInstancesCommandInput> =
    spec.subnetId === undefined
      ? { SecurityGroupIds: [spec.groupId] }
      : {
          NetworkInterfaces: [
            {
              DeviceIndex: 0,
              SubnetId: spec.subnetId,
              Groups: [spec.groupId],
              AssociatePublicIpAddress: true,
              DeleteOnTermination: true,
            },
          ],
        };
  return {
    ImageId: spec.imageId,
    InstanceType: spec.instanceType as RunInstancesCommandInput['InstanceType'],
    MinCount: 1,
    MaxCount: 1,
    ClientToken: spec.clientToken,
    ...network,
    TagSpecifications: ['instance', 'volume', 'network-interface'].map((ResourceType) => ({
      ResourceType: ResourceType as 'instance',
      Tags: tags,
    })),
    MetadataOptions: {
      HttpEndpoint: 'enabled',
      HttpTokens: spec.requireImdsV2 ? 'required' : 'optional',
    },
    // A Nanos program that exits powers the VM off: terminate, so nothing stopped bills EBS.
    InstanceInitiatedShutdownBehavior: 'terminate',
    ...(isBurstable(spec.instanceType) ? { CreditSpecification: { CpuCredits: 'standard' } } : {}),
  };
}

/** What to do about the RunInstances refusals users meet (cloud-publishing §3.3). */
function runInstancesHints(spec: LaunchSpec, region: string): Record<string, string> {
  const type = spec.instanceType;
  const elsewhere = 'or another subnet (aws-subnet-id) in another Availability Zone';
  return {
    InsufficientInstanceCapacity: `AWS has no ${type} capacity left in that Availability Zone right now: run again later, or choose another instance type (preview-instance-type) ${elsewhere}.`,
    Unsupported: `${type} is not offered in that Availability Zone: choose another instance type (preview-instance-type) ${elsewhere}.`,
    VcpuLimitExceeded: `The account's vCPU quota for on-demand instances in ${region} is used up: terminate instances you do not need, or ask for a higher "Running On-Demand Standard instances" quota in Service Quotas.`,
    InvalidParameterCombination: `If AWS names ENA: ${spec.imageId} lacks ENA support, which every Nitro type (t3, t4g, m5, …) needs; publish it again with nanoship (it registers AMIs with EnaSupport) or choose a Xen type such as t2.micro (preview-instance-type).`,
    'InvalidAMIID.NotFound': `The AMI ${spec.imageId} is not in ${region}: previews launch in the home region (aws-region), where the AMI was published.`,
    IdempotentParameterMismatch:
      'This run attempt already launched a preview instance that is no longer running: re-run the workflow, whose new attempt launches a new one.',
  };
}

/**
 * Launches the instance; returns its id (the caller records it at once). A launch repeated
 * with the same client token (the same run attempt of the same PR and group) gets the instance
 * the first one made, as a retried call would: AWS refuses the token with
 * IdempotentParameterMismatch when anything else differs, and the tags do, since the expiry is
 * counted from each run. `reused` says so; that instance keeps its own tags.
 */
export async function runInstance(
  ec2: EC2Client,
  region: string,
  spec: LaunchSpec,
  signal?: AbortSignal,
): Promise<{ instanceId: string; reused: boolean }> {
  const site: CallSite = {
    operation: 'RunInstances',
    region,
    subject: `${spec.imageId} (${spec.instanceType})`,
    hints: runInstancesHints(spec, region),
  };
  let out: RunInstancesCommandOutput;
  try {
    out = await ec2.send(new RunInstancesCommand(runInstancesInput(spec)), {
      abortSignal: signal,
    });
  } catch (error) {
    if (awsErrorCode(error) === 'IdempotentParameterMismatch') {
      const earlier = await liveInstanceWithToken(ec2, region, spec.clientToken, signal);
      if (earlier !== undefined) return { instanceId: earlier, reused: true };
    }
    throw awsFailure(error, site);
  }
  const id = out.Instances?.[0]?.InstanceId;
  if (id === undefined) throw new Error('RunInstances returned no instance');
  return { instanceId: id, reused: false };
}

/** The pending or running instance that `clientToken` launched, if there is one. */
async function liveInstanceWithToken(
  ec2: EC2Client,
  region: string,
  clientToken: string,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const out = await callAws({ operation: 'DescribeInstances', region, subject: clientToken }, () =>
    ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'client-token', Values: [clientToken] },
          { Name: 'instance-state-name', Values: ['pending', 'running'] },
        ],
      }),
      { abortSignal: signal },
    ),
  );
  return out.Reservations?.flatMap((r) => r.Instances ?? [])[0]?.InstanceId;
}

/** One instance by id; undefined when AWS does not know it (yet, or any more). */
export async function describeInstance(
  ec2: EC2Client,
  region: string,
  instanceId: string,
  signal?: AbortSignal,
): Promise<Instance | undefined> {
  try {
    const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] }), {
      abortSignal: signal,
    });
    return out.Reservations?.flatMap((r) => r.Instances ?? []).find(
      (i) => i.InstanceId === instanceId,
    );
  } catch (error) {
    if (awsErrorCode(error) === 'InvalidInstanceID.NotFound') return undefined;
    throw awsFailure(error, { operation: 'DescribeInstances', region, subject: instanceId });
  }
}

/** States from which an instance never comes back to `running` by itself. */
const GONE_STATES = new Set(['shutting-down', 'terminated', 'stopping', 'stopped']);

/** Why AWS ended an instance, in words with a next step where there is one. */
function stateReasonText(instance: Instance): string {
  const code = instance.StateReason?.Code ?? 'no code';
  const message = instance.StateReason?.Message ?? 'AWS gave no reason';
  const hint =
    code === 'Client.InstanceInitiatedShutdown'
      ? ' The program exited (or the kernel stopped) right after boot: the console output shows why.'
      : /InsufficientInstanceCapacity/.test(code)
        ? ' AWS ran out of capacity for the type: run again later or choose another instance type.'
        : /VolumeLimitExceeded|InternalError/.test(code)
          ? ' Run again; if it repeats, check the account quotas and the AMI.'
          : '';
  return `${code}: ${message}.${hint}`;
}

/**
 * Waits until `instanceId` runs and has a public address; returns it. A state that will not
 * become `running` fails at once with AWS's StateReason.
 */
export function waitForRunning(
  ec2: EC2Client,
  region: string,
  instanceId: string,
  context: WaitContext,
  policy: WaitPolicy = INSTANCE_RUNNING_WAIT,
): Promise<Instance & { PublicIpAddress: string }> {
  const poll = async (): Promise<PollOutcome<Instance & { PublicIpAddress: string }>> => {
    const instance = await describeInstance(ec2, region, instanceId, context.signal);
    if (instance === undefined) return { kind: 'missing' };
    const state = instance.State?.Name ?? 'unknown';
    if (GONE_STATES.has(state)) {
      return { kind: 'failed', message: `went to state ${state}: ${stateReasonText(instance)}` };
    }
    if (state !== 'running') return { kind: 'pending', status: state };
    const address = instance.PublicIpAddress;
    if (address === undefined || address === '') {
      return {
        kind: 'failed',
        message: `is running but has no public IPv4 address (subnet ${instance.SubnetId ?? 'unknown'}): previews need one to be reached; choose a subnet with a route to an internet gateway (aws-subnet-id).`,
      };
    }
    return { kind: 'done', value: { ...instance, PublicIpAddress: address } };
  };
  return waitFor(`Instance ${instanceId} in ${region}`, poll, policy, context);
}

/** Terminates `instanceIds`; instances already gone count as terminated. */
export async function terminateInstances(
  ec2: EC2Client,
  region: string,
  instanceIds: string[],
  signal?: AbortSignal,
): Promise<void> {
  for (const instanceId of instanceIds) {
    await callAws({ operation: 'TerminateInstances', region, subject: instanceId }, () =>
      ec2
        .send(new TerminateInstancesCommand({ InstanceIds: [instanceId] }), { abortSignal: signal })
        .catch((error: unknown) => {
          if (awsErrorCode(error) !== 'InvalidInstanceID.NotFound') throw error;
        }),
    );
  }
}

/** Waits until `instanceId` is terminated (or unknown to AWS). */
export async function waitForTerminated(
  ec2: EC2Client,
  region: string,
  instanceId: string,
  context: WaitContext,
  policy: WaitPolicy = INSTANCE_TERMINATED_WAIT,
): Promise<void> {
  const poll = async (): Promise<PollOutcome<undefined>> => {
    const instance = await describeInstance(ec2, region, instanceId, context.signal);
    const state = instance?.State?.Name ?? 'terminated';
    return state === 'terminated'
      ? { kind: 'done', value: undefined }
      : { kind: 'pending', status: state };
  };
  await waitFor(`Instance ${instanceId} in ${region}`, poll, policy, context);
}

/** Instances in a state that still costs or may come back (not terminated or terminating). */
export const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

/** Every instance matching `filters` in one of `states` (paginated); default the live ones. */
export async function listInstances(
  ec2: EC2Client,
  region: string,
  filters: Filter[],
  signal?: AbortSignal,
  states: string[] = LIVE_STATES,
): Promise<Instance[]> {
  const instances: Instance[] = [];
  await callAws({ operation: 'DescribeInstances', region }, async () => {
    const pages = paginateDescribeInstances(
      { client: ec2, pageSize: 1000 },
      { Filters: [...filters, { Name: 'instance-state-name', Values: states }] },
      { abortSignal: signal },
    );
    for await (const page of pages) {
      for (const reservation of page.Reservations ?? []) {
        instances.push(...(reservation.Instances ?? []));
      }
    }
  });
  return instances;
}

/** Codes with which AWS refuses `Latest` (Xen types keep only the posted buffer). */
const LATEST_REFUSED = new Set([
  'UnsupportedOperation',
  'Unsupported',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'InvalidParameter',
]);

/**
 * The instance's serial console as text: the latest output where the type supports it (Nitro),
 * else the buffer AWS posts around state changes (the last 64 KB). Empty when none is posted.
 */
export async function readConsole(
  ec2: EC2Client,
  region: string,
  instanceId: string,
  signal?: AbortSignal,
): Promise<string> {
  const site = { operation: 'GetConsoleOutput', region, subject: instanceId } as const;
  let output: string | undefined;
  try {
    const out = await ec2.send(
      new GetConsoleOutputCommand({ InstanceId: instanceId, Latest: true }),
      {
        abortSignal: signal,
      },
    );
    output = out.Output;
  } catch (error) {
    if (!LATEST_REFUSED.has(awsErrorCode(error) ?? '')) throw awsFailure(error, site);
    const out = await callAws(site, () =>
      ec2.send(new GetConsoleOutputCommand({ InstanceId: instanceId }), { abortSignal: signal }),
    );
    output = out.Output;
  }
  return Buffer.from(output ?? '', 'base64').toString('utf8');
}
