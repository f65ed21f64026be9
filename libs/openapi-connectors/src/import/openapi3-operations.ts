/**
 * OpenAPI 3.x paths -> generated operations, in the same shape as Swagger 2.0 gives: a JSON request body is a
 * `body` parameter, a form or multipart body becomes `formData` parameters (one per property), a binary body is
 * a file `body` parameter. Cookie parameters are not supported: an operation with a required one is skipped.
 */
import type { DefinitionProblem } from '../errors.js';
import type {
  GeneratedOperation,
  OperationParameter,
  OperationResponse,
} from '../model/imported-connector.js';
import { childPath, isObject, jsonPath } from './json-path.js';
import { buildParameter, buildResponse, triggerOf, type BuildContext } from './parameter-builder.js';
import { finishOperation, METHODS, pathPlaceholders, resolveLocalRef } from './operation-common.js';

const LOCATIONS = new Set(['path', 'query', 'header']);
const FORM_TYPES = ['multipart/form-data', 'application/x-www-form-urlencoded'];

export function openapi3Operations(
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
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveLocalRef(document, rawItem);
    if (!isObject(item)) continue;
    const itemPath = jsonPath('paths', path);
    const shared = Array.isArray(item['parameters']) ? item['parameters'] : [];
    for (const method of METHODS) {
      const node = item[method];
      if (!isObject(node)) continue;
      const operation = openapi3Operation(document, context, {
        path,
        method,
        node,
        where: childPath(itemPath, method),
        itemPath,
        shared,
      });
      if (operation !== undefined) operations.push(operation);
    }
  }
  return operations;
}

interface OperationAt {
  path: string;
  method: string;
  node: Record<string, unknown>;
  where: string;
  itemPath: string;
  shared: unknown[];
}

function openapi3Operation(
  document: Record<string, unknown>,
  context: BuildContext,
  at: OperationAt,
): GeneratedOperation | undefined {
  const { path, method, node, where } = at;
  const skip = (where: string, message: string): undefined => {
    context.warnings.push({ path: where, message: `${message}; operation skipped`, feature: 'operation' });
    return undefined;
  };
  const own = Array.isArray(node['parameters']) ? node['parameters'] : [];
  const byKey = new Map<string, { node: Record<string, unknown>; path: string }>();
  const entries: [unknown, string][] = [
    ...at.shared.map((p, i): [unknown, string] => [p, childPath(at.itemPath, 'parameters', i)]),
    ...own.map((p, i): [unknown, string] => [p, childPath(where, 'parameters', i)]),
  ];
  for (const [raw, pAt] of entries) {
    const resolved = resolveLocalRef(document, raw);
    if (!isObject(resolved)) return skip(pAt, 'parameter reference does not resolve to a parameter');
    if (typeof resolved['name'] !== 'string' || typeof resolved['in'] !== 'string') {
      return skip(pAt, 'parameter needs a name and an in');
    }
    if (resolved['in'] === 'cookie') {
      if (resolved['required'] === true)
        return skip(childPath(pAt, 'in'), 'required cookie parameters are not supported');
      context.warnings.push({
        path: childPath(pAt, 'in'),
        message: 'cookie parameter ignored',
        feature: 'cookie-parameter',
      });
      continue;
    }
    if (!LOCATIONS.has(resolved['in']))
      return skip(childPath(pAt, 'in'), `parameter location ${resolved['in']} is unknown`);
    byKey.set(`${resolved['in']}:${resolved['name']}`, { node: resolved, path: pAt });
  }
  const parameters: OperationParameter[] = [];
  for (const { node: p, path: pAt } of byKey.values()) {
    let schema = p['schema'];
    let schemaPath = childPath(pAt, 'schema');
    if (schema === undefined && isObject(p['content'])) {
      const [mediaType, media] = Object.entries(p['content'])[0] ?? [];
      if (mediaType !== undefined && isObject(media)) {
        schema = media['schema'];
        schemaPath = childPath(pAt, 'content', mediaType, 'schema');
      }
    }
    const explode = p['explode'] === true || (p['explode'] === undefined && p['in'] === 'query');
    const node =
      isObject(schema) && schema['type'] === 'array' && explode ? { ...p, collectionFormat: 'multi' } : p;
    parameters.push(
      buildParameter(context, node, p['in'] as OperationParameter['in'], schema, pAt, schemaPath),
    );
  }
  let consumes: string[] = [];
  const requestBody = resolveLocalRef(document, node['requestBody']);
  if (isObject(requestBody) && isObject(requestBody['content'])) {
    const bodyAt = childPath(where, 'requestBody');
    const content = requestBody['content'];
    consumes = Object.keys(content);
    const form = consumes.find((c) => FORM_TYPES.some((t) => c.toLowerCase().startsWith(t)));
    const json = consumes.find((c) => /json/i.test(c));
    const chosen = json ?? form ?? consumes[0];
    const media = chosen !== undefined ? content[chosen] : undefined;
    const schemaAt = childPath(bodyAt, 'content', chosen ?? '', 'schema');
    const rawSchema = isObject(media) ? media['schema'] : undefined;
    const required = requestBody['required'] === true;
    if (chosen !== undefined && chosen === form && json === undefined) {
      const formSchema = resolveLocalRef(document, rawSchema);
      const properties =
        isObject(formSchema) && isObject(formSchema['properties']) ? formSchema['properties'] : {};
      const requiredNames =
        isObject(formSchema) && Array.isArray(formSchema['required']) ? formSchema['required'] : [];
      for (const [name, property] of Object.entries(properties)) {
        const propertyAt = childPath(schemaAt, 'properties', name);
        const propertyNode = isObject(property) ? property : {};
        parameters.push(
          buildParameter(
            context,
            { ...propertyNode, name, required: requiredNames.includes(name) },
            'formData',
            property,
            propertyAt,
            propertyAt,
          ),
        );
      }
      consumes = [chosen];
    } else if (chosen !== undefined) {
      const bodySchema = rawSchema ?? (/json/i.test(chosen) ? {} : { type: 'string', format: 'binary' });
      const extensionNode = isObject(requestBody) ? requestBody : {};
      parameters.push(
        buildParameter(
          context,
          {
            ...extensionNode,
            name:
              typeof node['x-codegen-request-body-name'] === 'string'
                ? node['x-codegen-request-body-name']
                : 'body',
            required,
          },
          'body',
          bodySchema,
          bodyAt,
          schemaAt,
        ),
      );
      consumes = [chosen];
    }
  }
  for (const name of pathPlaceholders(path)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) {
      return skip(where, `path placeholder {${name}} has no path parameter`);
    }
  }
  const responses: OperationResponse[] = [];
  const rawResponses = isObject(node['responses']) ? node['responses'] : {};
  for (const [status, rawResponse] of Object.entries(rawResponses)) {
    const response = resolveLocalRef(document, rawResponse);
    if (!isObject(response)) continue;
    const rAt = childPath(where, 'responses', status);
    const content = isObject(response['content']) ? response['content'] : {};
    const types = Object.keys(content);
    const chosen = types.find((c) => /json/i.test(c)) ?? types[0];
    const media = chosen !== undefined ? content[chosen] : undefined;
    let schema = isObject(media) ? media['schema'] : undefined;
    if (schema === undefined && chosen !== undefined && !/json|text|xml/i.test(chosen)) {
      schema = { type: 'string', format: 'binary' };
    }
    responses.push(
      buildResponse(context, status, response, schema, childPath(rAt, 'content', chosen ?? '', 'schema')),
    );
  }
  const trigger = triggerOf(context, node, where, parameters, responses, node['x-ms-notification-content']);
  return finishOperation(context, { path, method, node, where, parameters, consumes, responses, trigger });
}
