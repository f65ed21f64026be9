import type { ActionRequested } from '@patchbay/contracts';
import {
  ConnectorError,
  ConnectorErrorCode,
  InvalidInputsError,
  requireAction,
} from '@patchbay/connector-sdk';
import {
  fromApiConnectionInputs,
  toConnectorError,
  type ApiConnectionInputs,
  type OperationInputs,
} from '@patchbay/openapi-connectors';
import type { ActionRouter, ResolvedConnectionData, RoutedOperation } from '../execution/connector.js';
import type { CustomConnectorCatalog, LoadedCustomConnector } from './custom-connector.catalog.js';
import { customConnectionOf } from './custom-connection.js';

function invalid(actionType: string, path: string, message: string): InvalidInputsError {
  return new InvalidInputsError(actionType, [{ path, message }]);
}

/** The connection parameter that pins a connection to versions of its connector (a semver range). */
export const CONNECTOR_VERSION_PARAMETER = 'connectorVersion';

/** The custom connector and operation an `ApiConnection`(`Webhook`) attempt names. */
export async function resolveCustomOperation(
  catalog: CustomConnectorCatalog,
  actionType: string,
  request: ActionRequested,
  connection: ResolvedConnectionData | undefined,
): Promise<{
  found: LoadedCustomConnector;
  operationId: string;
  inputs: OperationInputs;
  connection: ResolvedConnectionData;
}> {
  const inputs = request.inputs;
  if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs))
    throw invalid(actionType, '', `${actionType} inputs must be an object with host, method and path`);
  if (connection === undefined)
    throw invalid(
      actionType,
      '/host/connection/name',
      `is required: ${actionType} actions call a connector through a connection`,
    );
  const { method, path } = inputs as Record<string, unknown>;
  if (typeof path !== 'string' || path === '')
    throw invalid(actionType, '/path', 'must be a non-empty string');
  if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)))
    throw invalid(actionType, '/method', 'must be an HTTP method such as GET or POST');
  const pinned = connection.parameters[CONNECTOR_VERSION_PARAMETER];
  const range = typeof pinned === 'string' && pinned !== '' ? pinned : undefined;
  const found = await catalog.find(connection.connectorId, range);
  if (found === undefined) {
    const known = catalog.ids();
    throw new ConnectorError(
      ConnectorErrorCode.ConnectorNotFound,
      `connection '${connection.connectionName}' uses connector '${connection.connectorId}'${range === undefined ? '' : ` (versions ${range})`}, which is not a custom connector here (custom connectors: ${known.length === 0 ? 'none' : known.join(', ')})`,
      false,
    );
  }
  let match: ReturnType<typeof fromApiConnectionInputs>;
  try {
    match = fromApiConnectionInputs(found.imported, inputs as unknown as ApiConnectionInputs);
  } catch (error) {
    throw toConnectorError(error);
  }
  return {
    found,
    operationId: match.operation.operationId,
    inputs: match.inputs,
    connection: customConnectionOf(found.imported, connection),
  };
}

/**
 * WDL `ApiConnection` -> the custom connector named by the resolved connection's `connectorId` (its highest
 * version, or the highest within the connection's `connectorVersion` range). The operation is the one whose
 * method and path template match `inputs.method` and `inputs.path`; its structured inputs (path parameters,
 * queries, headers, body) are then validated against the operation's schema before anything is sent.
 */
export class ApiConnectionActionRouter implements ActionRouter {
  readonly actionType = 'ApiConnection';

  constructor(private readonly catalog: CustomConnectorCatalog) {}

  async route(
    request: ActionRequested,
    connection: ResolvedConnectionData | undefined,
  ): Promise<RoutedOperation> {
    const resolved = await resolveCustomOperation(this.catalog, this.actionType, request, connection);
    return {
      connector: resolved.found.registered,
      action: requireAction(resolved.found.registered, resolved.operationId),
      inputs: resolved.inputs,
      connection: resolved.connection,
    };
  }
}
