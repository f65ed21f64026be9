import type { DynamicModule, Type } from '@nestjs/common';
import {
  collectControllers,
  readRoutes,
  type ControllerRoute,
  type RouteInput,
} from './controller-routes.js';
import { errorBodySchema } from './error-body.schema.js';
import { jsonSchemaOf, type JsonSchema } from './json-schema-source.js';

/** An OpenAPI 3.1 document (plain JSON). */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
};

export interface OpenApiDocumentOptions {
  /** Service name, e.g. `orchestrator`: the title and the path the document is served at. */
  service: string;
  description: string;
  /** The root module (its controllers are found through its imports) or the controller classes. */
  root: Type<unknown> | DynamicModule | readonly Type<unknown>[];
}

/** API version of every document (the services share one release). */
export const PATCHBAY_API_VERSION = '0.1.0';

/** Where a service serves its own document. */
export function openApiDocumentPath(service: string): string {
  return `/api/openapi/${service}.json`;
}

const ALL_METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const METHOD_ORDER = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Turns `$defs` of converted schemas into `components.schemas`, rewriting the references. */
class SchemaComponents {
  readonly schemas: Record<string, JsonSchema> = {};

  add(schema: JsonSchema, hint: string): JsonSchema {
    const { $defs, ...rest } = schema as JsonSchema & { $defs?: Record<string, JsonSchema> };
    if ($defs === undefined) return rest;
    const names = new Map<string, string>();
    for (const [local, definition] of Object.entries($defs)) {
      names.set(`#/$defs/${local}`, this.nameFor(local, definition, hint));
    }
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (typeof value !== 'object' || value === null) return value;
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        const target = key === '$ref' && typeof inner === 'string' ? names.get(inner) : undefined;
        out[key] = target === undefined ? rewrite(inner) : `#/components/schemas/${target}`;
      }
      return out;
    };
    for (const [local, definition] of Object.entries($defs)) {
      this.schemas[names.get(`#/$defs/${local}`)!] = rewrite(definition) as JsonSchema;
    }
    return rewrite(rest) as JsonSchema;
  }

  /** A named schema (zod `.meta({ id })`) keeps its name; anonymous ones are named after where they occur. */
  private nameFor(local: string, definition: JsonSchema, hint: string): string {
    const base = local.startsWith('__') ? `${hint}_${local.replace(/^_+/, '')}` : local;
    let name = base;
    for (let n = 2; name in this.schemas; n++) {
      if (JSON.stringify(this.schemas[name]) === JSON.stringify(definition) && !local.startsWith('__'))
        return name;
      name = `${base}${n}`;
    }
    return name;
  }
}

function openApiPath(nestPath: string): { path: string; wildcard?: string } {
  let wildcard: string | undefined;
  const segments = nestPath.split('/').map((segment) => {
    if (segment.startsWith(':')) return `{${segment.slice(1).replace(/\?$/, '')}}`;
    const star = /^\*(\w*)$/.exec(segment) ?? /^\{\*(\w+)\}$/.exec(segment);
    if (star !== null) {
      wildcard = star[1] === undefined || star[1] === '' ? 'path' : star[1];
      return `{${wildcard}}`;
    }
    return segment;
  });
  return wildcard === undefined ? { path: segments.join('/') } : { path: segments.join('/'), wildcard };
}

function inputSchema(input: RouteInput | undefined, components: SchemaComponents, hint: string): JsonSchema {
  if (input?.schema !== undefined) {
    const converted = jsonSchemaOf(input.schema, 'input');
    if (converted !== undefined) return components.add(converted, hint);
  }
  if (input?.pipes.includes('ParseUUIDPipe')) return { type: 'string', format: 'uuid' };
  if (input?.pipes.includes('ParseIntPipe')) return { type: 'integer' };
  return { type: 'string' };
}

function operationOf(
  route: ControllerRoute,
  method: string,
  components: SchemaComponents,
): { path: string; operation: Record<string, unknown> } {
  const stem = route.controller.replace(/Controller$/, '');
  const operationId = `${stem}_${route.handler}${route.method === 'all' ? `_${method}` : ''}`;
  const { path, wildcard } = openApiPath(route.path);
  const parameters: Record<string, unknown>[] = [];
  for (const match of path.matchAll(/\{(\w+)\}/g)) {
    const name = match[1]!;
    const input = route.inputs.find((i) => i.source === 'path' && i.name === name);
    const parameter: Record<string, unknown> = {
      name,
      in: 'path',
      required: true,
      schema: inputSchema(input, components, `${operationId}_${name}`),
    };
    if (name === wildcard) parameter.description = 'The rest of the path; it may contain slashes.';
    parameters.push(parameter);
  }
  for (const input of route.inputs.filter((i) => i.source === 'query')) {
    if (input.name !== undefined) {
      const schema = inputSchema(input, components, `${operationId}_${input.name}`);
      parameters.push({ name: input.name, in: 'query', required: false, schema });
      continue;
    }
    const converted = input.schema === undefined ? undefined : jsonSchemaOf(input.schema, 'input');
    if (converted === undefined) continue;
    const object = components.add(converted, `${operationId}_query`);
    const required = (object.required ?? []) as string[];
    const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, schema] of Object.entries(properties))
      parameters.push({ name, in: 'query', required: required.includes(name), schema });
  }
  const operation: Record<string, unknown> = { operationId, tags: [stem] };
  if (parameters.length > 0) operation.parameters = parameters;
  const body = route.inputs.find((i) => i.source === 'body' && i.name === undefined);
  if (body !== undefined) {
    const converted = body.schema === undefined ? undefined : jsonSchemaOf(body.schema, 'input');
    operation.requestBody = {
      required: true,
      content: {
        'application/json': { schema: converted === undefined ? {} : components.add(converted, operationId) },
      },
    };
  }
  const responses: Record<string, unknown> = {};
  for (const declared of route.responses) {
    const response: Record<string, unknown> = { description: declared.description };
    const converted = declared.schema === undefined ? undefined : jsonSchemaOf(declared.schema, 'output');
    if (converted !== undefined)
      response.content = {
        [declared.contentType ?? 'application/json']: {
          schema: components.add(converted, `${operationId}_${declared.status}`),
        },
      };
    responses[String(declared.status)] = response;
  }
  if (!route.responses.some((r) => r.status < 400))
    responses[String(route.status)] = { description: 'Success (the body is not described).' };
  responses['4XX'] = { $ref: '#/components/responses/Error' };
  responses['5XX'] = { $ref: '#/components/responses/Error' };
  operation.responses = responses;
  return { path, operation };
}

/**
 * The OpenAPI 3.1 document of one service, generated from the code: routes, methods and path parameters from
 * the Nest controllers' metadata, request schemas from the schemas given to `@Body`/`@Query`/`@Param`,
 * answers from `@ApiResponse`, and the platform error body for every 4XX/5XX. Deterministic: paths and
 * operations are sorted, so the checked-in document only changes when the API does.
 */
export function buildOpenApiDocument(options: OpenApiDocumentOptions): OpenApiDocument {
  const controllers = Array.isArray(options.root)
    ? [...(options.root as readonly Type<unknown>[])]
    : collectControllers(options.root as Type<unknown> | DynamicModule);
  const routes = readRoutes(controllers).sort(
    (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
  );
  const components = new SchemaComponents();
  const errorBody = components.add(jsonSchemaOf(errorBodySchema, 'output')!, 'ErrorBody');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    for (const method of route.method === 'all' ? ALL_METHODS : [route.method]) {
      const { path, operation } = operationOf(route, method, components);
      paths[path] = { ...paths[path], [method]: operation };
    }
  }
  const sortedPaths: Record<string, Record<string, unknown>> = {};
  for (const path of Object.keys(paths).sort()) {
    const operations = paths[path]!;
    sortedPaths[path] = Object.fromEntries(
      Object.keys(operations)
        .sort((a, b) => METHOD_ORDER.indexOf(a) - METHOD_ORDER.indexOf(b))
        .map((method) => [method, operations[method]]),
    );
  }
  const tags = [...new Set(routes.map((r) => r.controller.replace(/Controller$/, '')))].sort();
  return {
    openapi: '3.1.1',
    info: {
      title: `Patchbay ${options.service} API`,
      version: PATCHBAY_API_VERSION,
      description: options.description,
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    tags: tags.map((name) => ({ name })),
    paths: sortedPaths,
    components: {
      schemas: Object.fromEntries(Object.entries(components.schemas).sort(([a], [b]) => a.localeCompare(b))),
      responses: {
        Error: {
          description:
            'An error: `code` is stable, `problems` names each invalid field (path, expected, found).',
          content: { 'application/json': { schema: errorBody } },
        },
      },
    },
  };
}
