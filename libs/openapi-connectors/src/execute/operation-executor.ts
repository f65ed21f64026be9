/**
 * Calls one operation: ApiConnection (or structured) inputs -> wire request -> response parsed as Logic Apps
 * shows action outputs (`statusCode`, `headers`, `body`: parsed JSON, text, or `{ $content-type, $content }`).
 * The HTTP call goes through undici with the caller's dispatcher (connector-runtime passes the egress-checked
 * one from the operation context).
 */
import { TargetCallError } from '../errors.js';
import type { GeneratedOperation, ImportedConnector } from '../model/imported-connector.js';
import type { OperationResult } from '../model/operation-result.js';
import type { ConnectionValues } from './connection-template.js';
import {
  fromApiConnectionInputs,
  type ApiConnectionInputs,
  type OperationInputs,
} from './operation-inputs.js';
import { valueAt } from '../dynamic/value-path.js';
import { buildWireRequest, lookupRequest, type BuildOptions } from './request-builder.js';
import { applyBodyTransforms } from './body-transforms.js';
import { collectPages, type PaginationRequest } from './paging.js';
import { textValue } from './text-value.js';
import { sendSized, sendWireRequest, type SendOptions } from './wire-sender.js';

export type { OperationResult };
export { decodeBody, sendWireRequest } from './wire-sender.js';

export interface ExecuteOptions extends BuildOptions, SendOptions {
  /**
   * Logic Apps `runtimeConfiguration.paginationPolicy`: operations with `x-ms-pageable` follow next links
   * until at least this many items are collected or no next link is left. Absent: one page, as answered.
   */
  pagination?: PaginationRequest;
  /** Most pages one paged call follows; more fail with `PaginationError`. Default 1000. */
  maxPages?: number;
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
  const first = await sendSized(wire, options);
  const { bytes: _bytes, ...result } =
    options.pagination !== undefined && operation.pageable !== undefined
      ? await collectPages(connector, operation, wire, first, connection, options, options.pagination)
      : first;
  return { operationId: operation.operationId, ...withResponsePolicies(operation, result) };
}

/** A response after the operation's response-section body policy templates. */
export function withResponsePolicies<T extends { body?: unknown }>(
  operation: GeneratedOperation,
  result: T,
): T {
  if (result.body === undefined) return result;
  const body = applyBodyTransforms(operation, 'response', result.body);
  return body === result.body ? result : { ...result, body };
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
