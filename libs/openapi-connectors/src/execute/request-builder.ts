/**
 * Structured operation inputs + connection -> the HTTP request on the wire: base URL (definition host or
 * `dynamichosturl`), path (after `routerequesttoendpoint`), queries with their collection formats, headers,
 * policy headers and queries, auth, and the encoded body. Inputs are checked against the operation's schema
 * first; a wrong input fails with `OperationInputError` before anything is sent.
 */
import { ConnectionValueMissingError, OperationInputError } from '../errors.js';
import type { AuthScheme, GeneratedOperation, ImportedConnector } from '../model/imported-connector.js';
import { encodeBody } from './body-encoder.js';
import { applyBodyTransforms } from './body-transforms.js';
import {
  connectionValue,
  evaluateTemplate,
  type ConnectionValues,
  type TemplateScope,
} from './connection-template.js';
import { checkOperationInputs, coerceScalars } from './input-schema.js';
import type { OperationInputs } from './operation-inputs.js';
import { textValue } from './text-value.js';

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

export interface BuildOptions {
  /** Replaces scheme, host and port of the computed base URL (tests, a gateway in front of the target). */
  originOverride?: string;
  /** Sent as the `Idempotency-Key` header when set. */
  idempotencyKey?: string;
  /** Follow-up calls (poll Location, webhook DELETE) reuse inputs already checked once. */
  skipInputCheck?: boolean;
}

const SEPARATORS = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|' } as const;

/** The auth scheme a connection uses: by name, then by type, else the connector's first. */
export function authSchemeOf(
  connector: ImportedConnector,
  connection: ConnectionValues,
): AuthScheme | undefined {
  const wanted = connection.authScheme;
  return (
    connector.authSchemes.find((s) => s.name === wanted) ??
    connector.authSchemes.find((s) => s.type === wanted) ??
    connector.authSchemes[0]
  );
}

/** The base URL (scheme, host, base path) an operation's requests go to, without trailing slash. */
export function baseUrlFor(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  scope: TemplateScope,
  options: BuildOptions = {},
): string {
  const template = operation.hostUrlTemplate ?? connector.hostUrlTemplate;
  let base =
    template !== undefined
      ? evaluateTemplate(template, scope, 'the host URL (dynamichosturl)')
      : connector.baseUrl;
  if (base === undefined) {
    throw new ConnectionValueMissingError(`connector ${connector.id} names no host; pass originOverride`);
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(base)) base = `https://${base}`;
  let url = new URL(base);
  if (options.originOverride !== undefined) {
    const origin = new URL(options.originOverride);
    url = new URL(`${url.pathname}${url.search}`, origin);
  }
  return url.href.replace(/\/+$/, '');
}

function appendQuery(params: URLSearchParams, name: string, value: unknown, format?: string): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    if (format === 'multi') for (const item of value) params.append(name, textValue(item));
    else
      params.append(
        name,
        value.map(textValue).join(SEPARATORS[(format ?? 'csv') as keyof typeof SEPARATORS] ?? ','),
      );
    return;
  }
  params.append(name, textValue(value));
}

function applyAuth(
  connector: ImportedConnector,
  connection: ConnectionValues,
  headers: Record<string, string>,
  query: URLSearchParams,
): void {
  const scheme = authSchemeOf(connector, connection);
  if (scheme === undefined || scheme.type === 'none') return;
  if (scheme.type === 'apiKey') {
    const key = connectionValue(connection, scheme.parameter);
    if (key === undefined)
      throw new ConnectionValueMissingError(`the connection has no ${scheme.parameter} (API key)`);
    if (scheme.in === 'header') headers[scheme.keyName.toLowerCase()] = key;
    else query.set(scheme.keyName, key);
    return;
  }
  if (scheme.type === 'basic') {
    const user = connectionValue(connection, scheme.usernameParameter);
    const password = connectionValue(connection, scheme.passwordParameter) ?? '';
    if (user === undefined)
      throw new ConnectionValueMissingError(`the connection has no ${scheme.usernameParameter}`);
    headers['authorization'] = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
    return;
  }
  const token = connection.secrets['accessToken'];
  if (token === undefined) throw new ConnectionValueMissingError('the OAuth connection has no access token');
  headers['authorization'] = `Bearer ${token}`;
}

/** Fills defaults of required parameters the inputs leave out (internal parameters usually). */
function withDefaults(operation: GeneratedOperation, inputs: OperationInputs): OperationInputs {
  const out: OperationInputs = { ...inputs };
  for (const parameter of operation.parameters) {
    if (!parameter.required || parameter.default === undefined) continue;
    const key = parameter.in === 'query' ? 'queries' : parameter.in === 'header' ? 'headers' : undefined;
    if (key === undefined) continue;
    const group = { ...(out[key] ?? {}) };
    if (group[parameter.name] === undefined) group[parameter.name] = parameter.default;
    out[key] = group;
  }
  return out;
}

export async function buildWireRequest(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  rawInputs: OperationInputs,
  connection: ConnectionValues,
  options: BuildOptions = {},
): Promise<WireRequest> {
  const inputs = withDefaults(operation, coerceScalars(operation, rawInputs));
  const problems = options.skipInputCheck === true ? [] : checkOperationInputs(operation, inputs);
  if (problems.length > 0) throw new OperationInputError(operation.operationId, problems);

  const headers: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'header')) {
    const value = inputs.headers?.[parameter.name];
    if (value !== undefined && value !== null) headers[parameter.name.toLowerCase()] = textValue(value);
  }
  for (const [name, value] of Object.entries(inputs.headers ?? {})) {
    if (!(name.toLowerCase() in headers) && value !== undefined && value !== null)
      headers[name.toLowerCase()] = textValue(value);
  }
  const scope: TemplateScope = { connection, headers, method: operation.method };
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(inputs.queries ?? {})) {
    const parameter = operation.parameters.find((p) => p.in === 'query' && p.name === name);
    appendQuery(query, name, value, parameter?.collectionFormat);
  }
  for (const [name, template] of Object.entries(operation.policyQueries)) {
    query.set(name, evaluateTemplate(template, scope, `policy query parameter ${name}`));
  }
  for (const [name, template] of Object.entries(operation.policyHeaders)) {
    headers[name.toLowerCase()] = evaluateTemplate(template, scope, `policy header ${name}`);
  }
  applyAuth(connector, connection, headers, query);

  const wirePath = evaluateTemplate(operation.wire.path, scope, 'the route (routerequesttoendpoint)').replace(
    /\{([^}]+)\}/g,
    (_whole, name: string) => encodeURIComponent(textValue(inputs.pathParameters?.[name])),
  );
  const base = baseUrlFor(connector, operation, scope, options);
  const search = query.toString();
  const url = `${base}${wirePath.startsWith('/') ? '' : '/'}${wirePath}${search === '' ? '' : `?${search}`}`;
  const body = await encodeBody(operation, applyBodyTransforms(operation, 'request', inputs.body));
  if (
    body !== undefined &&
    (headers['content-type'] === undefined || body.contentType.startsWith('multipart/'))
  ) {
    headers['content-type'] = body.contentType;
  }
  if (options.idempotencyKey !== undefined && headers['idempotency-key'] === undefined) {
    headers['idempotency-key'] = options.idempotencyKey;
  }
  return {
    method: operation.wire.method,
    url,
    headers,
    ...(body !== undefined ? { body: body.bytes } : {}),
  };
}

/** Headers of a built request to reuse on a follow-up call (poll Location, webhook DELETE): auth and policies. */
export function followUpHeaders(wire: WireRequest): Record<string, string> {
  const headers = { ...wire.headers };
  delete headers['content-type'];
  return headers;
}

/** The request of a `setvaluefromurl` lookup: under the operation's base URL, with the connection's credential. */
export function lookupRequest(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  lookup: GeneratedOperation['valueLookups'][number],
  inputs: OperationInputs,
  connection: ConnectionValues,
  options: BuildOptions = {},
): WireRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs.headers ?? {})) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = textValue(value);
  }
  const scope: TemplateScope = { connection, headers, method: lookup.method };
  const query = new URLSearchParams();
  const auth: Record<string, string> = {};
  applyAuth(connector, connection, auth, query);
  const path = lookup.path.replace(/\{([^}]+)\}/g, (_whole, name: string) =>
    encodeURIComponent(textValue(inputs.pathParameters?.[name])),
  );
  const search = query.toString();
  const url = `${baseUrlFor(connector, operation, scope, options)}${path.startsWith('/') ? '' : '/'}${path}${
    search === '' ? '' : `?${search}`
  }`;
  return { method: lookup.method, url, headers: auth };
}
