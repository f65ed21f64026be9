/**
 * Swagger 2.0 paths -> generated operations. Operations that cannot be called correctly (an unknown
 * parameter location, a path placeholder with no parameter, an unresolvable parameter reference) are skipped
 * with a warning naming the JSON path; everything else is kept.
 */
import type { DefinitionProblem } from '../errors.js';
import type {
  GeneratedOperation,
  OperationParameter,
  OperationResponse,
} from '../model/imported-connector.js';
import { childPath, isObject, jsonPath } from './json-path.js';
import {
  buildParameter,
  buildResponse,
  inlineParameterSchema,
  triggerOf,
  type BuildContext,
} from './parameter-builder.js';
import { finishOperation, METHODS, pathPlaceholders, resolveLocalRef } from './operation-common.js';

const LOCATIONS = new Set(['path', 'query', 'header', 'body', 'formData']);

interface OperationAt {
  path: string;
  method: string;
  node: Record<string, unknown>;
  where: string;
  itemPath: string;
  shared: unknown[];
}

export function swagger2Operations(
  document: Record<string, unknown>,
  context: BuildContext,
  problems: DefinitionProblem[],
): GeneratedOperation[] {
  const operations: GeneratedOperation[] = [];
  const paths = document['paths'];
  if (!isObject(paths)) {
    problems.push({ path: jsonPath('paths'), message: 'must be an object of paths' });
    return operations;
  }
  const documentConsumes = stringList(document['consumes']);
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const itemPath = jsonPath('paths', path);
    const shared = Array.isArray(item['parameters']) ? item['parameters'] : [];
    for (const method of METHODS) {
      const node = item[method];
      if (!isObject(node)) continue;
      const where = childPath(itemPath, method);
      const operation = swagger2Operation(
        document,
        context,
        { path, method, node, where, itemPath, shared },
        documentConsumes,
      );
      if (operation !== undefined) operations.push(operation);
    }
  }
  return operations;
}

function swagger2Operation(
  document: Record<string, unknown>,
  context: BuildContext,
  at: OperationAt,
  documentConsumes: string[] | undefined,
): GeneratedOperation | undefined {
  const { path, method, node, where, itemPath, shared } = at;
  const skip = (at: string, message: string): undefined => {
    context.warnings.push({ path: at, message: `${message}; operation skipped`, feature: 'operation' });
    return undefined;
  };
  const own = Array.isArray(node['parameters']) ? node['parameters'] : [];
  const byKey = new Map<string, { node: Record<string, unknown>; path: string }>();
  const entries: [unknown, string][] = [
    ...shared.map((p, i): [unknown, string] => [p, childPath(itemPath, 'parameters', i)]),
    ...own.map((p, i): [unknown, string] => [p, childPath(where, 'parameters', i)]),
  ];
  for (const [raw, at] of entries) {
    const resolved = resolveLocalRef(document, raw);
    if (!isObject(resolved)) return skip(at, 'parameter reference does not resolve to a parameter');
    if (typeof resolved['name'] !== 'string' || typeof resolved['in'] !== 'string') {
      return skip(at, 'parameter needs a name and an in');
    }
    if (!LOCATIONS.has(resolved['in']))
      return skip(childPath(at, 'in'), `parameter location ${resolved['in']} is unknown`);
    byKey.set(`${resolved['in']}:${resolved['name']}`, { node: resolved, path: at });
  }
  const parameters: OperationParameter[] = [];
  for (const { node: p, path: at } of byKey.values()) {
    const location = p['in'] as OperationParameter['in'];
    const rawSchema = location === 'body' ? p['schema'] : inlineParameterSchema(p);
    const schemaPath = location === 'body' ? childPath(at, 'schema') : at;
    parameters.push(buildParameter(context, p, location, rawSchema, at, schemaPath));
  }
  const bodies = parameters.filter((p) => p.in === 'body');
  const forms = parameters.filter((p) => p.in === 'formData');
  if (bodies.length > 1) return skip(where, 'has more than one body parameter');
  if (bodies.length > 0 && forms.length > 0) return skip(where, 'has both a body and formData parameters');
  for (const name of pathPlaceholders(path)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
      return skip(where, `path placeholder {${name}} has no path parameter`);
    }
  }
  const placeholders = new Set(pathPlaceholders(path));
  for (const parameter of parameters.filter((p) => p.in === 'path' && !placeholders.has(p.name))) {
    context.warnings.push({
      path: parameter.source,
      message: `path parameter ${parameter.name} has no {${parameter.name}} in the path; ignored`,
      feature: 'parameter',
    });
  }
  const kept = parameters.filter((p) => p.in !== 'path' || placeholders.has(p.name));
  const consumes = stringList(node['consumes']) ?? documentConsumes ?? [];
  const responses: OperationResponse[] = [];
  const rawResponses = isObject(node['responses']) ? node['responses'] : {};
  for (const [status, rawResponse] of Object.entries(rawResponses)) {
    const response = resolveLocalRef(document, rawResponse);
    if (!isObject(response)) continue;
    const at = childPath(where, 'responses', status);
    responses.push(buildResponse(context, status, response, response['schema'], childPath(at, 'schema')));
  }
  const trigger = triggerOf(context, node, where, kept, responses, node['x-ms-notification-content']);
  return finishOperation(context, {
    path,
    method,
    node,
    where,
    parameters: kept,
    consumes,
    responses,
    trigger,
  });
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}
