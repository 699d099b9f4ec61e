/**
 * Compute Engine's firewall rules (cloud-publishing.md §5.2, §8.4): insert, list with a filter,
 * get, delete, each mutation a global operation; the network must exist. `forwardedPorts` is
 * what the fake's VMs make of them: the TCP ports an instance's tags open at launch.
 *
 * What the fake leaves out: deny rules, priorities between rules and source ranges (any allow
 * rule that applies opens its ports to the test machine), EGRESS, and rules without a port
 * list (all ports), which open nothing in a VM here.
 */
import { matchesFilter, parseFilter } from './fake-filter.js';
import type { Route, RouteContext } from './fake-http.js';
import {
  answerWithOperation,
  type ComputeState,
  type ProjectState,
  projectOf,
  repeated,
  SELF_LINK_BASE,
  stamp,
} from './fake-operations.js';

export type FirewallResource = Record<string, unknown> & {
  name: string;
  network: string;
  direction: 'INGRESS' | 'EGRESS';
  creationTimestamp: string;
  targetTags?: string[];
  allowed?: { IPProtocol: string; ports?: string[] }[];
  denied?: { IPProtocol: string; ports?: string[] }[];
  description?: string;
  disabled?: boolean;
};

const NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const PORTS = /^(\d{1,5})(?:-(\d{1,5}))?$/;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;
const PROTOCOLS = new Set(['tcp', 'udp', 'icmp', 'esp', 'ah', 'sctp', 'ipip', 'all']);
/** More forwards than this in one VM is a test mistake (a wide range), not a preview. */
const MAX_FORWARDS = 64;
const P = '^/compute/v1/projects/([^/]+)/global';

export function firewallLink(project: string, name: string): string {
  return `${SELF_LINK_BASE}/projects/${project}/global/firewalls/${name}`;
}

/** `global/networks/x`, `projects/p/global/networks/x` or a URL → `x`; undefined otherwise. */
export function networkName(link: string | undefined, project: string): string | undefined {
  const match =
    /^(?:(?:https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/([^/]+)\/)?global\/networks\/([a-z][-a-z0-9]*)$/.exec(
      link ?? '',
    );
  if (!match || (match[1] !== undefined && match[1] !== project)) return undefined;
  return match[2];
}

export function networkLink(project: string, name: string): string {
  return `${SELF_LINK_BASE}/projects/${project}/global/networks/${name}`;
}

/** Why a firewall body is invalid, as Google words it; undefined when it is fine. */
function invalidFirewall(body: Partial<FirewallResource>): string | undefined {
  const field = (name: string, value: unknown) =>
    `Invalid value for field 'resource.${name}': '${typeof value === 'string' ? value : JSON.stringify(value)}'.`;
  if (!NAME.test(body.name ?? '')) return field('name', body.name);
  if (body.direction !== undefined && !['INGRESS', 'EGRESS'].includes(body.direction)) {
    return field('direction', body.direction);
  }
  if (!body.allowed === !body.denied) {
    return 'Exactly one of allowed or denied must be specified.';
  }
  for (const rule of body.allowed ?? body.denied ?? []) {
    if (!PROTOCOLS.has(rule.IPProtocol) && !/^\d+$/.test(rule.IPProtocol)) {
      return field('allowed[].IPProtocol', rule.IPProtocol);
    }
    for (const ports of rule.ports ?? []) {
      const match = PORTS.exec(ports);
      const [from, to] = [Number(match?.[1]), Number(match?.[2] ?? match?.[1])];
      if (
        !match ||
        from < 1 ||
        to > 65535 ||
        from > to ||
        !['tcp', 'udp', 'sctp'].includes(rule.IPProtocol)
      ) {
        return field('allowed[].ports[]', ports);
      }
    }
  }
  for (const range of (body.sourceRanges as string[] | undefined) ?? []) {
    const match = CIDR.exec(range);
    if (!match || match.slice(1, 5).some((octet) => Number(octet) > 255) || Number(match[5]) > 32) {
      return field('sourceRanges[]', range);
    }
  }
  for (const tag of body.targetTags ?? []) {
    if (!NAME.test(tag)) return field('targetTags[]', tag);
  }
  if ((body.description ?? '').length > 2048)
    return 'The description is longer than 2048 characters.';
  return undefined;
}

async function insertFirewall(state: ComputeState, ctx: RouteContext): Promise<void> {
  const project = projectOf(state, ctx);
  const body = await ctx.json<Partial<FirewallResource>>();
  if (!project || repeated(state, ctx)) return;
  const projectId = ctx.params[0]!;
  const problem = invalidFirewall(body);
  if (problem) return ctx.fail(400, 'invalid', problem);
  const network = networkName(body.network ?? 'global/networks/default', projectId);
  if (network === undefined)
    return ctx.fail(
      400,
      'invalid',
      `Invalid value for field 'resource.network': '${body.network}'.`,
    );
  if (!project.networks.has(network)) {
    return ctx.fail(
      404,
      'notFound',
      `The resource 'projects/${projectId}/global/networks/${network}' was not found`,
    );
  }
  if (project.firewalls.has(body.name!)) {
    return ctx.fail(
      409,
      'alreadyExists',
      `The resource 'projects/${projectId}/global/firewalls/${body.name}' already exists`,
    );
  }
  const rule: FirewallResource = {
    priority: 1000,
    sourceRanges: body.direction === 'EGRESS' ? undefined : ['0.0.0.0/0'],
    ...body,
    name: body.name!,
    direction: body.direction ?? 'INGRESS',
    network: networkLink(projectId, network),
    kind: 'compute#firewall',
    id: String(state.nextId++),
    creationTimestamp: stamp(state),
    selfLink: firewallLink(projectId, body.name!),
  };
  project.firewalls.set(rule.name, rule);
  answerWithOperation(state, ctx, 'insert', rule.selfLink as string, async () => undefined);
}

function ruleOf(project: ProjectState, ctx: RouteContext, name: string) {
  const rule = project.firewalls.get(name);
  if (!rule)
    ctx.fail(
      404,
      'notFound',
      `The resource 'projects/${ctx.params[0]}/global/firewalls/${name}' was not found`,
    );
  return rule;
}

export function firewallRoutes(state: ComputeState): Route[] {
  return [
    {
      id: 'compute.firewalls.insert',
      method: 'POST',
      path: new RegExp(`${P}/firewalls$`),
      // Adding a rule changes the network's policy.
      permissions: ['compute.firewalls.create', 'compute.networks.updatePolicy'],
      handle: (ctx) => insertFirewall(state, ctx),
    },
    {
      id: 'compute.firewalls.list',
      method: 'GET',
      path: new RegExp(`${P}/firewalls$`),
      permissions: ['compute.firewalls.list'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        if (!project) return;
        let filter: ReturnType<typeof parseFilter>;
        try {
          filter = parseFilter(ctx.query.filter ?? '');
        } catch (error) {
          return ctx.fail(
            400,
            'invalid',
            `Invalid value for field 'filter': ${(error as Error).message}`,
          );
        }
        const all = [...project.firewalls.values()].filter((rule) => matchesFilter(rule, filter));
        sendPage(ctx, 'compute#firewallList', all);
      },
    },
    {
      id: 'compute.firewalls.get',
      method: 'GET',
      path: new RegExp(`${P}/firewalls/([^/]+)$`),
      permissions: ['compute.firewalls.get'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        const rule = project && ruleOf(project, ctx, ctx.params[1]!);
        if (rule) ctx.send(200, rule);
      },
    },
    {
      id: 'compute.firewalls.delete',
      method: 'DELETE',
      path: new RegExp(`${P}/firewalls/([^/]+)$`),
      permissions: ['compute.firewalls.delete', 'compute.networks.updatePolicy'],
      handle(ctx) {
        const project = projectOf(state, ctx);
        if (!project || repeated(state, ctx)) return;
        const rule = ruleOf(project, ctx, ctx.params[1]!);
        if (!rule) return;
        answerWithOperation(state, ctx, 'delete', rule.selfLink as string, async () => {
          project.firewalls.delete(rule.name);
          return undefined;
        });
      },
    },
  ];
}

/** One page of a list (`maxResults` up to 500, `pageToken` = offset). */
export function sendPage(ctx: RouteContext, kind: string, all: unknown[]): void {
  const pageSize = Math.min(Number(ctx.query.maxResults ?? 500), 500);
  const start = Number(ctx.query.pageToken ?? 0);
  const items = all.slice(start, start + pageSize);
  const next = start + pageSize < all.length ? String(start + pageSize) : undefined;
  ctx.send(200, { kind, items, nextPageToken: next });
}

/**
 * The TCP ports the project's rules open to an instance on `network` with `tags`: enabled
 * INGRESS allow rules that target one of its tags (or every instance), tcp or all protocols,
 * with a port list.
 */
export function forwardedPorts(
  project: ProjectState,
  projectId: string,
  network: string,
  tags: string[],
): number[] {
  const ports = new Set<number>();
  for (const rule of project.firewalls.values()) {
    if (rule.disabled || rule.direction !== 'INGRESS' || !rule.allowed) continue;
    if (networkName(rule.network, projectId) !== network) continue;
    const targets = rule.targetTags ?? [];
    if (targets.length > 0 && !targets.some((tag) => tags.includes(tag))) continue;
    for (const allowed of rule.allowed) {
      if (allowed.IPProtocol !== 'tcp' && allowed.IPProtocol !== 'all') continue;
      for (const range of allowed.ports ?? []) {
        const [from, to] = range.split('-').map(Number) as [number, number?];
        for (let port = from; port <= (to ?? from); port++) ports.add(port);
      }
    }
  }
  if (ports.size > MAX_FORWARDS) {
    throw new Error(
      `the fake forwards at most ${MAX_FORWARDS} ports to a VM; the rules open ${ports.size}`,
    );
  }
  return [...ports].sort((a, b) => a - b);
}
