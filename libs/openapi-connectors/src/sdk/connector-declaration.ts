/**
 * An imported connector as a `@patchbay/connector-sdk` declaration: connection parameters and auth types,
 * one action per operation, a polling trigger per `x-ms-trigger` operation without a notification URL and a
 * push trigger per webhook operation. Operations call the target through the context's egress-checked
 * dispatcher; HTTP failures become `ConnectorError`s with the status in the code (`HttpStatus404`).
 */
import {
  ConnectorError,
  ConnectorErrorCode,
  InvalidInputsError,
  type ActionDeclaration,
  type AuthType,
  type ConnectionParameterDeclaration,
  type ConnectorDeclaration,
  type JsonValue,
  type OperationContext,
  type PollingTriggerDeclaration,
  type PushTriggerDeclaration,
} from '@patchbay/connector-sdk';
import {
  ConnectionValueMissingError,
  OperationInputError,
  OperationNotFoundError,
  PaginationError,
  ResponseTooLargeError,
  TargetCallError,
} from '../errors.js';
import type { AuthScheme, GeneratedOperation, ImportedConnector } from '../model/imported-connector.js';
import { isObject } from '../import/json-path.js';
import type { ConnectionValues } from '../execute/connection-template.js';
import { operationInputSchema } from '../execute/input-schema.js';
import { pushInputSchema, setPointer } from './push-trigger-schema.js';
import type { OperationInputs } from '../execute/operation-inputs.js';
import {
  executeOperation,
  sendWireRequest,
  withResponsePolicies,
  type OperationResult,
} from '../execute/operation-executor.js';
import { followUpHeaders, buildWireRequest } from '../execute/request-builder.js';
import { valueAt } from '../dynamic/value-path.js';
import { successResponse } from '../mock/mock-server.js';

export interface DeclarationOptions {
  /** Semantic version to register; default: the definition's `info.version` made semver (`1.0` -> `1.0.0`). */
  version?: string;
  /** Largest response body kept (all pages together when paging); default 10 MiB. */
  maxResponseBytes?: number;
  /** How the error for a larger body names that limit (e.g. the setting that configures it). */
  maxResponseBytesName?: string;
}

/** What every call of the declaration's operations sends with. */
type SendLimits = Pick<DeclarationOptions, 'maxResponseBytes' | 'maxResponseBytesName'>;

function sendOptions(context: OperationContext, limits: SendLimits) {
  return {
    dispatcher: context.network.httpDispatcher(),
    signal: context.signal,
    ...(limits.maxResponseBytes === undefined ? {} : { maxResponseBytes: limits.maxResponseBytes }),
    ...(limits.maxResponseBytesName === undefined
      ? {}
      : { maxResponseBytesName: limits.maxResponseBytesName }),
  };
}

function semverOf(version: string): string {
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version.trim());
  return match === null ? '1.0.0' : `${match[1]}.${match[2] ?? '0'}.${match[3] ?? '0'}`;
}

function authTypeOf(scheme: AuthScheme): AuthType {
  const base = scheme.displayName !== undefined ? { displayName: scheme.displayName } : {};
  switch (scheme.type) {
    case 'none':
      return { ...base, type: 'none' };
    case 'basic':
      return { ...base, type: 'basic' };
    case 'apiKey':
      return { ...base, type: 'apiKey', in: scheme.in, name: scheme.keyName };
    case 'oauth2': {
      const s = scheme.settings;
      return {
        ...base,
        type: 'oauth2',
        provider: {
          identityProvider: s.identityProvider,
          flow: s.flow,
          tokenUrl: s.tokenUrl,
          scopes: s.scopes,
          ...(s.authorizationUrl !== undefined ? { authorizationUrl: s.authorizationUrl } : {}),
          ...(s.refreshUrl !== undefined ? { refreshUrl: s.refreshUrl } : {}),
          ...(s.resourceUri !== undefined ? { resourceUri: s.resourceUri } : {}),
        },
      };
    }
  }
}

function connectionParameters(connector: ImportedConnector): ConnectionParameterDeclaration[] {
  return connector.connectionParameters.map((p) => {
    const types = p.forAuth
      ?.map((name) => connector.authSchemes.find((s) => s.name === name)?.type)
      .filter((t): t is AuthScheme['type'] => t !== undefined);
    return {
      name: p.name,
      type: p.type === 'int' ? 'int' : p.type === 'bool' ? 'bool' : 'string',
      secret: p.secret,
      required: p.required,
      displayName: p.displayName,
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(p.allowedValues !== undefined ? { allowedValues: p.allowedValues } : {}),
      ...(types !== undefined && types.length > 0 ? { forAuthTypes: [...new Set(types)] } : {}),
    };
  });
}

/** The SDK's resolved connection as the values the executor reads. */
export function connectionValuesOf(context: OperationContext): ConnectionValues {
  const connection = context.connection;
  if (connection === undefined) return { parameters: {}, secrets: {} };
  return { parameters: connection.parameters, secrets: connection.secrets, authScheme: connection.authType };
}

/** Maps library errors to the SDK's; HTTP statuses outside 2xx to `HttpStatus<code>` errors. */
async function call(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  context: OperationContext,
  inputs: OperationInputs,
  limits: SendLimits,
): Promise<OperationResult> {
  let result: OperationResult;
  try {
    result = await executeOperation(connector, operation, inputs, connectionValuesOf(context), {
      ...sendOptions(context, limits),
      ...(context.pagination === undefined ? {} : { pagination: context.pagination }),
    });
  } catch (error) {
    throw toConnectorError(error);
  }
  return checkStatus(result, context);
}

function checkStatus(result: OperationResult, context: OperationContext): OperationResult {
  const status = result.statusCode;
  if (status < 400) return result;
  if (status === 401 || status === 403) context.credentialsRejected();
  const retryAfter = Number(result.headers['retry-after']);
  const outputs = { statusCode: status, headers: result.headers, body: result.body ?? null };
  if (status === 429) {
    throw new ConnectorError(ConnectorErrorCode.Throttled, `the target answered 429`, true, {
      outputs,
      ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}),
    });
  }
  const retryable = status >= 500 || status === 408;
  throw new ConnectorError(`HttpStatus${status}`, `the target answered ${status}`, retryable, { outputs });
}

export function toConnectorError(error: unknown): unknown {
  if (error instanceof OperationInputError) return new InvalidInputsError(error.operationId, error.problems);
  if (error instanceof ConnectionValueMissingError) {
    return new ConnectorError(ConnectorErrorCode.ConnectionUnusable, error.message, false, { cause: error });
  }
  if (error instanceof ResponseTooLargeError) {
    return new ConnectorError(ConnectorErrorCode.ResponseTooLarge, error.message, false, { cause: error });
  }
  if (error instanceof PaginationError) {
    return new ConnectorError(error.code, error.message, false, { cause: error });
  }
  if (error instanceof OperationNotFoundError) {
    return new ConnectorError(ConnectorErrorCode.OperationNotFound, error.message, false, { cause: error });
  }
  if (error instanceof TargetCallError) {
    const aborted = error.cause instanceof Error && error.cause.name === 'AbortError';
    return aborted
      ? new ConnectorError(ConnectorErrorCode.TimedOut, error.message, true, { cause: error })
      : new ConnectorError(ConnectorErrorCode.TargetUnreachable, error.message, true, { cause: error });
  }
  return error;
}

function display(operation: GeneratedOperation): ActionDeclaration['display'] {
  return {
    summary: operation.summary,
    ...(operation.description !== undefined ? { description: operation.description } : {}),
    ...(operation.visibility !== 'default' ? { visibility: operation.visibility } : {}),
  };
}

function action(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  limits: SendLimits,
): ActionDeclaration<OperationInputs> {
  const response = successResponse(operation);
  return {
    kind: 'action',
    id: operation.operationId,
    display: display(operation),
    inputSchema: operationInputSchema(operation),
    ...(response?.schema !== undefined ? { outputSchema: response.schema } : {}),
    async execute(context, inputs) {
      const result = await call(connector, operation, context, inputs, limits);
      return {
        statusCode: result.statusCode,
        headers: result.headers,
        ...(result.body !== undefined ? { body: result.body } : {}),
      };
    },
  };
}

/** Polling cursor: the `Location` the last poll answered with (custom connectors' trigger state). */
type PollCursor = { location: string | null };

function pollingTrigger(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  limits: SendLimits,
): PollingTriggerDeclaration<OperationInputs, unknown, PollCursor> {
  const trigger = operation.trigger;
  return {
    kind: 'pollingTrigger',
    id: operation.operationId,
    display: display(operation),
    inputSchema: operationInputSchema(operation),
    ...(trigger?.outputSchema !== undefined ? { itemSchema: trigger.outputSchema } : {}),
    async poll(context, inputs, cursor) {
      let result: OperationResult;
      if (cursor?.location) {
        try {
          const wire = await buildWireRequest(connector, operation, inputs, connectionValuesOf(context), {
            skipInputCheck: true,
          });
          const sent = await sendWireRequest(
            { method: 'GET', url: new URL(cursor.location, wire.url).href, headers: followUpHeaders(wire) },
            sendOptions(context, limits),
          );
          result = withResponsePolicies(operation, { ...sent, operationId: operation.operationId });
        } catch (error) {
          throw toConnectorError(error);
        }
        result = checkStatus(result, context);
      } else {
        result = await call(connector, operation, context, inputs, limits);
      }
      const location = result.headers['location'] ?? null;
      if (result.statusCode === 202 || result.statusCode === 204 || result.body === undefined) {
        return { items: [], nextCursor: { location } };
      }
      if (trigger?.cardinality !== 'batch') return { items: [result.body], nextCursor: { location } };
      const path = trigger.itemsPath ?? (Array.isArray(result.body) ? '' : 'value');
      const items = valueAt(result.body, path);
      return { items: Array.isArray(items) ? items : [], nextCursor: { location } };
    },
  };
}

/** Subscription of a webhook trigger: where to DELETE it (the subscribe response's `Location`). */
type Subscription = { location: string | null; statusCode: number };

function pushTrigger(
  connector: ImportedConnector,
  operation: GeneratedOperation,
  limits: SendLimits,
): PushTriggerDeclaration<OperationInputs, Subscription> {
  const at = operation.trigger?.notificationUrlAt;
  return {
    kind: 'pushTrigger',
    id: operation.operationId,
    display: display(operation),
    inputSchema: pushInputSchema(operation),
    ...(operation.trigger?.outputSchema !== undefined
      ? { outputSchema: operation.trigger.outputSchema }
      : {}),
    async subscribe(context, inputs, callbackUrl) {
      let withCallback: OperationInputs = inputs;
      if (at?.in === 'body') {
        withCallback = {
          ...inputs,
          body:
            at.pointer === ''
              ? callbackUrl
              : setPointer(isObject(inputs.body) ? inputs.body : {}, at.pointer, callbackUrl),
        };
      } else if (at !== undefined) {
        const key =
          at.in === 'query'
            ? 'queries'
            : at.in === 'header'
              ? 'headers'
              : at.in === 'path'
                ? 'pathParameters'
                : undefined;
        if (key !== undefined)
          withCallback = { ...inputs, [key]: { ...(inputs[key] ?? {}), [at.name]: callbackUrl } };
        else
          withCallback = {
            ...inputs,
            body: { ...(isObject(inputs.body) ? inputs.body : {}), [at.name]: callbackUrl },
          };
      }
      const result = await call(connector, operation, context, withCallback, limits);
      return { location: result.headers['location'] ?? null, statusCode: result.statusCode };
    },
    async unsubscribe(context, inputs, subscription) {
      if (subscription.location === null) return; // the target gave nothing to delete
      try {
        const wire = await buildWireRequest(connector, operation, inputs, connectionValuesOf(context), {
          skipInputCheck: true,
        });
        const result = await sendWireRequest(
          {
            method: 'DELETE',
            url: new URL(subscription.location, wire.url).href,
            headers: followUpHeaders(wire),
          },
          sendOptions(context, limits),
        );
        if (result.statusCode !== 404)
          checkStatus({ ...result, operationId: operation.operationId }, context);
      } catch (error) {
        throw toConnectorError(error);
      }
    },
  };
}

/** The connector-sdk declaration of an imported connector (register it with `ConnectorRegistry`). */
export function toConnectorDeclaration(
  connector: ImportedConnector,
  options: DeclarationOptions = {},
): ConnectorDeclaration {
  const limits: SendLimits = options;
  const actions = connector.operations
    .filter((o) => o.trigger === undefined)
    .map((o) => action(connector, o, limits));
  const triggers = connector.operations
    .filter((o) => o.trigger !== undefined)
    .map((o) =>
      o.trigger?.type === 'webhook'
        ? pushTrigger(connector, o, limits)
        : pollingTrigger(connector, o, limits),
    );
  const needsConnection =
    connector.connectionParameters.length > 0 || connector.authSchemes.some((s) => s.type !== 'none');
  const testOperation = connector.operations.find(
    (o) => o.operationId === connector.testConnectionOperationId,
  );
  return {
    id: connector.id,
    version: options.version ?? semverOf(connector.version),
    kind: 'custom',
    display: {
      name: connector.title,
      ...(connector.description !== undefined ? { description: connector.description } : {}),
      ...(connector.brandColor !== undefined && /^#[0-9a-f]{6}$/i.test(connector.brandColor)
        ? { brandColor: connector.brandColor }
        : {}),
    },
    connection: needsConnection ? 'required' : 'optional',
    connectionParameters: connectionParameters(connector),
    authTypes: connector.authSchemes.map(authTypeOf),
    actions: actions,
    triggers: triggers,
    ...(testOperation !== undefined
      ? {
          async testConnection(context: OperationContext): Promise<void> {
            await call(connector, testOperation, context, {}, limits);
          },
        }
      : {}),
  };
}

export type { JsonValue };
