/**
 * Checks a received HTTP request against what the definition says the operation sends: method, route,
 * required and typed query/header/path values, policy headers and queries, the credential in the place the
 * auth scheme names, the content type and the body against its schema (JSON, form, multipart, file).
 */
import type { ValidateFunction } from 'ajv';
import type { AuthScheme, GeneratedOperation, JsonSchema } from '../model/imported-connector.js';
import { isObject } from '../import/json-path.js';
import { createSchemaAjv } from '../execute/input-schema.js';
import { connectionValue, type ConnectionValues } from '../execute/connection-template.js';

export interface ReceivedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

const ajv = createSchemaAjv();
const validators = new WeakMap<object, ValidateFunction>();

export function schemaProblems(schema: JsonSchema, value: unknown, where: string): string[] {
  if (typeof schema === 'boolean') return schema ? [] : [`${where} must not be present`];
  let validate = validators.get(schema);
  if (validate === undefined) {
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? [])
    .slice(0, 5)
    .map((e) => `${where}${e.instancePath} ${e.message ?? e.keyword}`);
}

function coerce(schema: JsonSchema, text: string): unknown {
  const type = isObject(schema) ? schema['type'] : undefined;
  const types = Array.isArray(type) ? type : [type];
  if (
    (types.includes('integer') || types.includes('number')) &&
    text.trim() !== '' &&
    !Number.isNaN(Number(text))
  ) {
    return Number(text);
  }
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  if (types.includes('array')) return text.split(',');
  if (types.includes('object')) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The route regex of an operation's wire path under a base path; `@...` template parts match one segment. */
export function wireRouteRegex(basePath: string, operation: GeneratedOperation): RegExp {
  const path = operation.wire.path.startsWith('/') ? operation.wire.path : `/${operation.wire.path}`;
  const source = `${basePath.replace(/\/+$/, '')}${path}`
    .split(/(\{[^}]+\}|@[A-Za-z.]+(?:\([^)]*\))?)/)
    .map((part) => (/^\{.*\}$|^@/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source.replace(/\/$/, '')}/?$`);
}

/** Problems of the credential a request carries (in the place the auth scheme names). */
export function checkAuth(
  scheme: AuthScheme | undefined,
  connection: ConnectionValues,
  request: ReceivedRequest,
  query: URLSearchParams,
): string[] {
  if (scheme === undefined || scheme.type === 'none') return [];
  if (scheme.type === 'apiKey') {
    const expected = connectionValue(connection, scheme.parameter);
    const got =
      scheme.in === 'header' ? request.headers[scheme.keyName.toLowerCase()] : query.get(scheme.keyName);
    return got === expected ? [] : [`API key ${scheme.in} ${scheme.keyName} is missing or wrong`];
  }
  if (scheme.type === 'basic') {
    const expected = `Basic ${Buffer.from(`${connectionValue(connection, scheme.usernameParameter) ?? ''}:${connectionValue(connection, scheme.passwordParameter) ?? ''}`).toString('base64')}`;
    return request.headers['authorization'] === expected
      ? []
      : ['basic Authorization header is missing or wrong'];
  }
  return request.headers['authorization'] === `Bearer ${connection.secrets['accessToken']}`
    ? []
    : ['OAuth bearer Authorization header is missing or wrong'];
}

async function checkBody(operation: GeneratedOperation, request: ReceivedRequest): Promise<string[]> {
  const problems: string[] = [];
  const body = operation.parameters.find((p) => p.in === 'body');
  const forms = operation.parameters.filter((p) => p.in === 'formData');
  if (body === undefined && forms.length === 0) return problems;
  const contentType = request.headers['content-type'] ?? '';
  if (request.body.length === 0) {
    if (body?.required === true || forms.some((f) => f.required))
      problems.push('the required body is missing');
    return problems;
  }
  const expected = operation.requestContentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const declaredHeader = operation.parameters.some(
    (p) => p.in === 'header' && p.name.toLowerCase() === 'content-type',
  );
  if (!declaredHeader && contentType.split(';')[0]?.trim().toLowerCase() !== expected) {
    problems.push(`content-type is ${contentType || 'missing'}, the definition says ${expected}`);
    return problems;
  }
  if (forms.length > 0) {
    let fields: Map<string, unknown>;
    if (expected === 'multipart/form-data') {
      const form = await new Request('http://mock/', {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: request.body,
      }).formData();
      fields = new Map([...form.keys()].map((k) => [k, form.get(k)]));
    } else {
      fields = new Map(new URLSearchParams(request.body.toString('utf8')));
    }
    for (const field of forms) {
      const value = fields.get(field.name);
      if (value === undefined) {
        if (field.required) problems.push(`form field ${field.name} is required`);
        continue;
      }
      if (field.file) {
        if (!(value instanceof Blob)) problems.push(`form field ${field.name} must be a file part`);
      } else if (typeof value === 'string') {
        problems.push(
          ...schemaProblems(field.schema, coerce(field.schema, value), `form field ${field.name}`),
        );
      }
    }
    return problems;
  }
  if (body === undefined || body.file) return problems;
  if (/json/i.test(expected)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body.toString('utf8')) as unknown;
    } catch {
      return ['the body is not JSON'];
    }
    // Request policy templates reshape the body after the schema the workflow wrote it against; the round trip
    // compares what arrived with the templates' result instead.
    if (!operation.bodyTransforms.some((b) => b.section === 'request'))
      problems.push(...schemaProblems(body.schema, parsed, 'body'));
  }
  return problems;
}

/** Problems of `request` as a call of `operation`; empty when it is well formed. */
export async function checkRequest(
  operation: GeneratedOperation,
  auth: AuthScheme | undefined,
  connection: ConnectionValues,
  basePath: string,
  request: ReceivedRequest,
): Promise<string[]> {
  const problems: string[] = [];
  const url = new URL(request.url, 'http://mock');
  if (request.method !== operation.wire.method)
    problems.push(`method is ${request.method}, expected ${operation.wire.method}`);
  if (!wireRouteRegex(basePath, operation).test(url.pathname)) {
    problems.push(`path ${url.pathname} does not match ${basePath}${operation.wire.path}`);
  }
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'query' && parameter.in !== 'header') continue;
    const values =
      parameter.in === 'query'
        ? url.searchParams.getAll(parameter.name)
        : [request.headers[parameter.name.toLowerCase()]].filter((v): v is string => v !== undefined);
    if (values.length === 0) {
      if (parameter.required) problems.push(`${parameter.in} ${parameter.name} is required`);
      continue;
    }
    const value =
      parameter.collectionFormat === 'multi' ? values : coerce(parameter.schema, values[0] as string);
    problems.push(...schemaProblems(parameter.schema, value, `${parameter.in} ${parameter.name}`));
  }
  for (const name of Object.keys(operation.policyHeaders)) {
    if (request.headers[name.toLowerCase()] === undefined) problems.push(`policy header ${name} is missing`);
  }
  for (const name of Object.keys(operation.policyQueries)) {
    if (!url.searchParams.has(name)) problems.push(`policy query ${name} is missing`);
  }
  problems.push(...checkAuth(auth, connection, request, url.searchParams));
  problems.push(...(await checkBody(operation, request)));
  return problems;
}
