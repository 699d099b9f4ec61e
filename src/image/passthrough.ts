/**
 * Turns `ManifestPassthrough` JSON into manifest values. The kernel only knows strings,
 * vectors and tuples, so a JSON number or boolean has no faithful encoding: ops fails the build
 * on them, and so do we, naming the key so the user can quote the value.
 */
import { UserError } from '../errors.js';
import type { Tuple, Value } from './tree.js';

/** Deep enough for any real klib setting; stops a crafted config from exhausting the stack. */
const MAX_PASSTHROUGH_DEPTH = 64;

/**
 * Converts one passthrough value (string, list, or object of those, nested) into a manifest
 * `Value`. `keyPath` names the value in messages, e.g. `ManifestPassthrough.firewall.rules[0]`.
 * Throws a UserError for numbers, booleans, null, and nesting deeper than 64 levels.
 */
export function toManifestValue(json: unknown, keyPath: string, depth = 0): Value {
  if (depth > MAX_PASSTHROUGH_DEPTH) {
    throw new UserError(`${keyPath} is nested more than ${MAX_PASSTHROUGH_DEPTH} levels deep.`);
  }
  if (typeof json === 'string') return json;
  if (Array.isArray(json)) {
    return json.map((item, index) => toManifestValue(item, `${keyPath}[${index}]`, depth + 1));
  }
  if (typeof json === 'object' && json !== null) {
    const tuple: Tuple = new Map();
    for (const key of Object.keys(json).sort()) {
      const item = (json as Record<string, unknown>)[key];
      tuple.set(key, toManifestValue(item, `${keyPath}.${key}`, depth + 1));
    }
    return tuple;
  }
  const shown = json === null ? 'null' : `the ${typeof json} ${JSON.stringify(json)}`;
  throw new UserError(
    `${keyPath} is ${shown}, but manifest values must be strings, lists or objects: ` +
      `write it as a string (e.g. "${json === null ? '' : String(json)}").`,
  );
}
