/** Where a webhook trigger puts its notification URL: set into the subscribe inputs, not required in the schema. */
import type { GeneratedOperation } from '../model/imported-connector.js';
import { isObject } from '../import/json-path.js';
import { operationInputSchema } from '../execute/input-schema.js';

/** The unescaped segments of a JSON pointer (`/a~1b/c` -> `['a/b', 'c']`). */
function pointerSegments(pointer: string): string[] {
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A copy of `target` with `value` at the JSON pointer (objects made along the way). */
export function setPointer(
  target: Record<string, unknown>,
  pointer: string,
  value: unknown,
): Record<string, unknown> {
  const segments = pointerSegments(pointer);
  const root = structuredClone(target);
  let node: Record<string, unknown> = root;
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) node[segment] = value;
    else {
      if (!isObject(node[segment])) node[segment] = {};
      node = node[segment] as Record<string, unknown>;
    }
  });
  return root;
}

/**
 * The push trigger's input schema: the notification URL is filled by the runtime (the callback URL), so it is
 * not required from the workflow. References along the way are inlined so shared definitions stay intact.
 */
export function pushInputSchema(operation: GeneratedOperation): Record<string, unknown> {
  const schema = operationInputSchema(operation);
  const at = operation.trigger?.notificationUrlAt;
  if (at === undefined) return schema;
  const definitions = isObject(schema['definitions']) ? schema['definitions'] : {};
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  const group =
    at.in === 'body'
      ? 'body'
      : at.in === 'query'
        ? 'queries'
        : at.in === 'header'
          ? 'headers'
          : at.in === 'path'
            ? 'pathParameters'
            : 'body';
  const segments = at.in === 'body' ? pointerSegments(at.pointer) : [at.name];
  if (segments.length === 0) {
    return {
      ...schema,
      required: (Array.isArray(schema['required']) ? schema['required'] : []).filter((r) => r !== 'body'),
    };
  }
  const relaxed = dropRequired(properties[group], definitions, segments);
  return { ...schema, properties: { ...properties, [group]: relaxed } };
}

function dropRequired(node: unknown, definitions: Record<string, unknown>, segments: string[]): unknown {
  let schema = node;
  for (let hops = 0; isObject(schema) && typeof schema['$ref'] === 'string' && hops < 16; hops += 1) {
    const name = decodeURIComponent(schema['$ref'].replace('#/definitions/', ''))
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    schema = definitions[name];
  }
  if (!isObject(schema)) return node;
  const [first, ...rest] = segments as [string, ...string[]];
  if (rest.length === 0) {
    const required = Array.isArray(schema['required'])
      ? schema['required'].filter((r) => r !== first)
      : undefined;
    return { ...schema, ...(required !== undefined ? { required } : {}) };
  }
  const properties = isObject(schema['properties']) ? schema['properties'] : {};
  return {
    ...schema,
    properties: { ...properties, [first]: dropRequired(properties[first], definitions, rest) },
  };
}
