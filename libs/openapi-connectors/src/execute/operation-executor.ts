/**
 * Calls one operation: ApiConnection (or structured) inputs -> wire request -> response parsed as Logic Apps
 * shows action outputs (`statusCode`, `headers`, `body`: parsed JSON, text, or `{ $content-type, $content }`).
 * The HTTP call goes through undici with the caller's dispatcher (connector-runtime passes the egress-checked
 * one from the operation context).
 */
import { request, type Dispatcher } from 'undici';
import { TargetCallError } from '../errors.js';
import type { GeneratedOperation, ImportedConnector } from '../model/imported-connector.js';
import type { ConnectionValues } from './connection-template.js';
import {
  fromApiConnectionInputs,
  type ApiConnectionInputs,
  type OperationInputs,
} from './operation-inputs.js';
import { valueAt } from '../dynamic/value-path.js';
import { buildWireRequest, lookupRequest, type BuildOptions, type WireRequest } from './request-builder.js';
import { textValue } from './text-value.js';

export interface OperationResult {
  operationId: string;
  statusCode: number;
  headers: Record<string, string>;
  body?: unknown;
}

export interface ExecuteOptions extends BuildOptions {
  dispatcher?: Dispatcher;
  signal?: AbortSignal;
  /** Larger response bodies fail the call. Default 10 MiB. */
  maxResponseBytes?: number;
}

const TEXT_TYPE = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded))|[/+](json|xml)\b/i;
const JSON_TYPE = /json/i;

/** A response body as Logic Apps outputs show it; undefined when empty. */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): unknown {
  if (bytes.length === 0) return undefined;
  const type = contentType?.split(';')[0]?.trim() ?? '';
  const buffer = Buffer.from(bytes);
  if (type === '' || TEXT_TYPE.test(type)) {
    const text = buffer.toString('utf8');
    if (JSON_TYPE.test(type) || type === '') {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        if (type === '' && text.includes('\uFFFD'))
          return { '$content-type': 'application/octet-stream', $content: buffer.toString('base64') };
        return text;
      }
    }
    return text;
  }
  return { '$content-type': contentType ?? 'application/octet-stream', $content: buffer.toString('base64') };
}

export async function sendWireRequest(
  wire: WireRequest,
  options: ExecuteOptions = {},
): Promise<Omit<OperationResult, 'operationId'>> {
  const limit = options.maxResponseBytes ?? 10 * 1024 * 1024;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(wire.url, {
      method: wire.method,
      headers: wire.headers,
      ...(wire.body !== undefined ? { body: wire.body } : {}),
      ...(options.dispatcher !== undefined ? { dispatcher: options.dispatcher } : {}),
      ...(options.signal !== undefined ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new TargetCallError(
      `${wire.method} ${new URL(wire.url).origin} failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      response.body.destroy();
      throw new TargetCallError(
        `the response of ${wire.method} ${new URL(wire.url).origin} exceeds ${limit} bytes`,
      );
    }
    chunks.push(chunk as Buffer);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const body = decodeBody(Buffer.concat(chunks), headers['content-type']);
  return { statusCode: response.statusCode, headers, ...(body !== undefined ? { body } : {}) };
}

/** Calls `operation` with structured inputs (after its `setvaluefromurl` lookups, if any). */
export async function executeOperation(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  inputs: OperationInputs,
  connection: ConnectionValues,
  options: ExecuteOptions = {},
): Promise<OperationResult> {
  let effective = inputs;
  for (const lookup of operation.valueLookups) {
    const found = await sendWireRequest(
      lookupRequest(connector, operation, lookup, effective, connection, options),
      options,
    );
    if (found.statusCode >= 300) {
      throw new TargetCallError(
        `the lookup of header ${lookup.header} (${lookup.method} ${lookup.path}) answered ${found.statusCode}`,
      );
    }
    const value = valueAt(found.body, lookup.valuePath);
    effective = {
      ...effective,
      headers: { ...(effective.headers ?? {}), [lookup.header]: textValue(value) },
    };
  }
  const wire = await buildWireRequest(connector, operation, effective, connection, options);
  const result = await sendWireRequest(wire, options);
  return { operationId: operation.operationId, ...result };
}

/** Calls the operation a WDL `ApiConnection` action names by method and path. */
export async function executeApiConnection(
  connector: ImportedConnector,
  inputs: ApiConnectionInputs,
  connection: ConnectionValues,
  options: ExecuteOptions = {},
): Promise<OperationResult> {
  const { operation, inputs: structured } = fromApiConnectionInputs(connector, inputs);
  return executeOperation(connector, operation, structured, connection, options);
}
