/**
 * Wire-level pieces of the AWS fake: the SigV4 credential scope (which region and service a
 * request was signed for), the EC2 Query protocol's flattened parameters, its XML responses
 * and error documents, and the REST-JSON error shape of the EBS direct APIs
 * (cloud-publishing §8.2, §8.3).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A failure the fake answers with: AWS's error code, HTTP status and message. */
export class FakeAwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** EBS exceptions carry a Reason (ACCOUNT_THROTTLED, SNAPSHOT_NOT_FOUND, …). */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/** An EC2 client error (400) with `code`, InvalidParameterValue by default. */
export function invalid(message: string, code = 'InvalidParameterValue'): FakeAwsError {
  return new FakeAwsError(code, message);
}

/** The access key, region and service of the SigV4 credential scope; undefined when unsigned. */
export function signingScope(
  req: IncomingMessage,
): { accessKeyId: string; region: string; service: string } | undefined {
  const auth = req.headers.authorization ?? '';
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  return match ? { accessKeyId: match[1]!, region: match[2]!, service: match[3]! } : undefined;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A Query parameter tree: `A.1.B=x` becomes `{ A: { 1: { B: 'x' } } }`. */
export type QueryNode = { [key: string]: QueryNode | string };

export function parseQuery(body: string): QueryNode {
  const root: QueryNode = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next === 'string') throw new FakeAwsError('InvalidParameter', `bad key ${key}`);
      if (next === undefined) node[part] = {};
      node = node[part] as QueryNode;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return root;
}

/** The members of a 1-based Query list (`A.1`, `A.2`, …), in order. */
export function queryList(node: QueryNode | string | undefined): (QueryNode | string)[] {
  if (node === undefined || typeof node === 'string') return [];
  return Object.keys(node)
    .filter((key) => /^\d+$/.test(key))
    .sort((a, b) => Number(a) - Number(b))
    .map((key) => node[key]!);
}

export const text = (node: QueryNode | string | undefined): string | undefined =>
  typeof node === 'string' ? node : undefined;

export const struct = (node: QueryNode | string | undefined): QueryNode =>
  typeof node === 'object' ? node : {};

/** `Filter.N.Name` / `Filter.N.Value.M`. */
export function queryFilters(params: QueryNode): { name: string; values: string[] }[] {
  return queryList(params.Filter).map((f) => ({
    name: text(struct(f).Name) ?? '',
    values: queryList(struct(f).Value).map((v) => text(v) ?? ''),
  }));
}

/** `TagSpecification.N.ResourceType` / `TagSpecification.N.Tag.M.Key|Value`. */
export function queryTagSpecs(params: QueryNode): { type: string; tags: Record<string, string> }[] {
  return queryList(params.TagSpecification).map((spec) => ({
    type: text(struct(spec).ResourceType) ?? '',
    tags: Object.fromEntries(
      queryList(struct(spec).Tag).map((t) => [
        text(struct(t).Key) ?? '',
        text(struct(t).Value) ?? '',
      ]),
    ),
  }));
}

/** An EC2 filter value with `*` and `?` wildcards, as a test. */
export function wildcard(pattern: string): (value: string | undefined) => boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  const regex = new RegExp(`^${source}$`);
  return (value) => value !== undefined && regex.test(value);
}

/** An XML element tree, rendered with escaping. Arrays become `<item>` lists. */
export type XmlValue = string | number | boolean | Date | undefined | XmlValue[] | XmlObject;
export interface XmlObject {
  [key: string]: XmlValue;
}

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function renderXml(name: string, value: XmlValue): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    return `<${name}>${value.map((item) => renderXml('item', item)).join('')}</${name}>`;
  }
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') {
    const inner = Object.entries(value)
      .map(([key, child]) => renderXml(key, child))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** An EC2 tag set as XML. */
export const tagSet = (tags: Record<string, string>): XmlValue[] =>
  Object.entries(tags).map(([key, value]) => ({ key, value }));

const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export function sendEc2Result(res: ServerResponse, action: string, body: XmlObject): void {
  const inner = Object.entries({ requestId: randomUUID(), ...body })
    .map(([key, value]) => renderXml(key, value))
    .join('');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${EC2_XMLNS}">${inner}</${action}Response>`;
  res.writeHead(200, { 'content-type': 'text/xml;charset=UTF-8' });
  res.end(xml);
}

export function sendEc2Error(res: ServerResponse, error: FakeAwsError): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`;
  res.writeHead(error.status, { 'content-type': 'text/xml;charset=UTF-8' });
  res.end(xml);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

export function sendEbsError(res: ServerResponse, error: FakeAwsError): void {
  sendJson(
    res,
    error.status,
    {
      __type: error.code,
      message: error.message,
      ...(error.reason ? { Reason: error.reason } : {}),
    },
    { 'x-amzn-errortype': error.code, 'x-amzn-requestid': randomUUID() },
  );
}

/** mulberry32: a small seeded generator, so a "30 %" fault hits the same requests every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** StartSnapshot's JSON body as flat strings, for the request log (tags as `Tags.N.Key`). */
export function flatJson(body: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (value: unknown, prefix: string) => {
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i + 1), v] as const)
        : Object.entries(value);
      for (const [key, child] of entries) walk(child, prefix ? `${prefix}.${key}` : key);
    } else out[prefix] = String(value);
  };
  try {
    walk(JSON.parse(body.toString('utf8') || '{}'), '');
  } catch {
    // not JSON: the handler refuses it
  }
  return out;
}
