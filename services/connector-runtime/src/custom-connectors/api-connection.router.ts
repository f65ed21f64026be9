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
} from '@patchbay/openapi-connectors';
import type { ActionRouter, ResolvedConnectionData, RoutedOperation } from '../execution/connector.js';
import type { CustomConnectorCatalog } from './custom-connector.catalog.js';
import { customConnectionOf } from './custom-connection.js';

const OPERATION = 'ApiConnection';

function invalid(path: string, message: string): InvalidInputsError {
  return new InvalidInputsError(OPERATION, [{ path, message }]);
}

/** The connection parameter that pins a connection to versions of its connector (a semver range). */
export const CONNECTOR_VERSION_PARAMETER = 'connectorVersion';

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
    const inputs = request.inputs;
    if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs))
      throw invalid('', 'ApiConnection inputs must be an object with host, method and path');
    if (connection === undefined)
      throw invalid(
        '/host/connection/name',
        'is required: ApiConnection actions call a connector through a connection',
      );
    const { method, path } = inputs as Record<string, unknown>;
    if (typeof path !== 'string' || path === '') throw invalid('/path', 'must be a non-empty string');
    if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)))
      throw invalid('/method', 'must be an HTTP method such as GET or POST');
    const pinned = connection.parameters[CONNECTOR_VERSION_PARAMETER];
    const range = typeof pinned === 'string' && pinned !== '' ? pinned : undefined;
    const found = await this.catalog.find(connection.connectorId, range);
    if (found === undefined) {
      const known = this.catalog.ids();
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
      connector: found.registered,
      action: requireAction(found.registered, match.operation.operationId),
      inputs: match.inputs,
      connection: customConnectionOf(found.imported, connection),
    };
  }
}
