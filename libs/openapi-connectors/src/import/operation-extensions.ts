/**
 * Reading the `x-ms-*` extensions that shape an operation: visibility, dynamic values and schemas, URL
 * encoding, notification URLs.
 */
import type {
  DynamicParameterSource,
  DynamicSchemaLookup,
  DynamicValuesLookup,
  ImportWarning,
  Visibility,
} from '../model/imported-connector.js';
import { childPath, isObject } from './json-path.js';

const VISIBILITIES = new Set(['important', 'advanced', 'internal']);

export function visibilityOf(
  node: Record<string, unknown>,
  path: string,
  warnings: ImportWarning[],
): Visibility {
  const value = node['x-ms-visibility'];
  if (value === undefined || value === 'none' || value === '') return 'default';
  if (typeof value === 'string' && VISIBILITIES.has(value.toLowerCase()))
    return value.toLowerCase() as Visibility;
  warnings.push({
    path: childPath(path, 'x-ms-visibility'),
    message: `${JSON.stringify(value)} is not important, advanced or internal; shown by default`,
    feature: 'x-ms-visibility',
  });
  return 'default';
}

function parameterSources(
  raw: unknown,
  path: string,
  warnings: ImportWarning[],
): Record<string, DynamicParameterSource> {
  const sources: Record<string, DynamicParameterSource> = {};
  if (!isObject(raw)) return sources;
  for (const [name, spec] of Object.entries(raw)) {
    if (isObject(spec) && typeof spec['parameter'] === 'string')
      sources[name] = { parameter: spec['parameter'] };
    else if (isObject(spec) && typeof spec['parameterReference'] === 'string')
      sources[name] = { parameter: spec['parameterReference'].split('/')[0] ?? spec['parameterReference'] };
    else if (isObject(spec) && 'value' in spec) sources[name] = { value: spec['value'] };
    else if (!isObject(spec)) sources[name] = { value: spec };
    else
      warnings.push({
        path: childPath(path, 'parameters', name),
        message: 'needs parameter, parameterReference or value; not passed to the lookup',
        feature: 'dynamic-parameter',
      });
  }
  return sources;
}

/** `x-ms-dynamic-values` (or `x-ms-dynamic-list` when it has no dynamic-values twin) of a node. */
export function dynamicValuesOf(
  node: Record<string, unknown>,
  path: string,
  warnings: ImportWarning[],
): DynamicValuesLookup | undefined {
  const values = node['x-ms-dynamic-values'];
  if (isObject(values)) {
    const where = childPath(path, 'x-ms-dynamic-values');
    if (typeof values['operationId'] !== 'string') {
      warnings.push({ path: where, message: 'has no operationId; ignored', feature: 'x-ms-dynamic-values' });
      return undefined;
    }
    return {
      operationId: values['operationId'],
      parameters: parameterSources(values['parameters'], where, warnings),
      collectionPath: typeof values['value-collection'] === 'string' ? values['value-collection'] : '',
      valuePath: typeof values['value-path'] === 'string' ? values['value-path'] : '',
      ...(typeof values['value-title'] === 'string' ? { titlePath: values['value-title'] } : {}),
    };
  }
  const list = node['x-ms-dynamic-list'];
  if (isObject(list) && typeof list['operationId'] === 'string') {
    const where = childPath(path, 'x-ms-dynamic-list');
    return {
      operationId: list['operationId'],
      parameters: parameterSources(list['parameters'], where, warnings),
      collectionPath: typeof list['itemsPath'] === 'string' ? list['itemsPath'] : '',
      valuePath: typeof list['itemValuePath'] === 'string' ? list['itemValuePath'] : '',
      ...(typeof list['itemTitlePath'] === 'string' ? { titlePath: list['itemTitlePath'] } : {}),
    };
  }
  return undefined;
}

/** `x-ms-dynamic-schema` (or `x-ms-dynamic-properties`) of a node. */
export function dynamicSchemaOf(
  node: Record<string, unknown>,
  path: string,
  warnings: ImportWarning[],
): DynamicSchemaLookup | undefined {
  const schema = node['x-ms-dynamic-schema'];
  if (isObject(schema) && typeof schema['operationId'] === 'string') {
    const where = childPath(path, 'x-ms-dynamic-schema');
    return {
      operationId: schema['operationId'],
      parameters: parameterSources(schema['parameters'], where, warnings),
      valuePath: typeof schema['value-path'] === 'string' ? schema['value-path'] : '',
    };
  }
  const properties = node['x-ms-dynamic-properties'];
  if (isObject(properties) && typeof properties['operationId'] === 'string') {
    const where = childPath(path, 'x-ms-dynamic-properties');
    return {
      operationId: properties['operationId'],
      parameters: parameterSources(properties['parameters'], where, warnings),
      valuePath: typeof properties['itemValuePath'] === 'string' ? properties['itemValuePath'] : '',
    };
  }
  if (schema !== undefined || properties !== undefined) {
    warnings.push({
      path,
      message: 'x-ms-dynamic-schema/x-ms-dynamic-properties without operationId; ignored',
      feature: 'x-ms-dynamic-schema',
    });
  }
  return undefined;
}

/**
 * Finds `x-ms-notification-url: true` in a (converted, self-contained) body schema; returns the JSON
 * pointer of the property inside the body (`/notificationUrl`), or undefined.
 */
export function notificationUrlPointer(
  schema: unknown,
  root: unknown = schema,
  seen = new Set<unknown>(),
): string | undefined {
  if (!isObject(schema) || seen.has(schema)) return undefined;
  seen.add(schema);
  if (typeof schema['$ref'] === 'string' && isObject(root)) {
    const name = decodeURIComponent(schema['$ref'].replace('#/definitions/', ''))
      .replace(/~1/g, '/')
      .replace(/~0/g, '~');
    const definitions = root['definitions'];
    return isObject(definitions) ? notificationUrlPointer(definitions[name], root, seen) : undefined;
  }
  const properties = schema['properties'];
  if (isObject(properties)) {
    for (const [name, property] of Object.entries(properties)) {
      if (isObject(property) && isNotificationUrl(property)) return `/${escapePointer(name)}`;
      const inner = notificationUrlPointer(property, root, seen);
      if (inner !== undefined) return `/${escapePointer(name)}${inner}`;
    }
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) {
      for (const item of list) {
        const inner = notificationUrlPointer(item, root, seen);
        if (inner !== undefined) return inner;
      }
    }
  }
  return undefined;
}

export function isNotificationUrl(node: Record<string, unknown>): boolean {
  const value = node['x-ms-notification-url'];
  return value === true || value === 'true';
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
