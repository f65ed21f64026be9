import type { TriggerPollRequested } from '@patchbay/contracts';
import {
  ConnectorError,
  ConnectorErrorCode,
  InvalidInputsError,
  RegisteredPollingTrigger,
  requireTrigger,
  type ConnectorRegistry,
  type RegisteredConnector,
  type ResolvedConnection,
} from '@patchbay/connector-sdk';
import {
  fromApiConnectionInputs,
  toConnectorError,
  type ApiConnectionInputs,
} from '@patchbay/openapi-connectors';
import { CONNECTOR_VERSION_PARAMETER } from '../custom-connectors/api-connection.router.js';
import { customConnectionOf } from '../custom-connectors/custom-connection.js';
import type { CustomConnectorCatalog } from '../custom-connectors/custom-connector.catalog.js';

/** The polling operation one poll request runs, with its inputs and the connection as the connector reads it. */
export interface RoutedPoll {
  trigger: RegisteredPollingTrigger;
  inputs: unknown;
  connection: ResolvedConnection | undefined;
}

function invalid(operation: string, path: string, message: string): InvalidInputsError {
  return new InvalidInputsError(operation, [{ path, message }]);
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function pollingTriggerOf(connector: RegisteredConnector, operationId: string): RegisteredPollingTrigger {
  const trigger = requireTrigger(connector, operationId);
  if (trigger instanceof RegisteredPollingTrigger) return trigger;
  throw new ConnectorError(
    ConnectorErrorCode.OperationNotFound,
    `${trigger.qualifiedName} is a push trigger, not a polling trigger`,
    false,
  );
}

/**
 * Maps a poll request to a polling operation, as the action routers do for actions: `ServiceProvider` ->
 * the built-in connector of `serviceProviderConfiguration.serviceProviderId` and its `operationId` (inputs =
 * `parameters`); `ApiConnection` -> the custom connector of the resolved connection, the `x-ms-trigger`
 * operation matching `method` and `path`. Throws `ConnectorError` when it names something that does not exist.
 */
export class PollRouter {
  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly catalog: CustomConnectorCatalog,
  ) {}

  async route(
    request: TriggerPollRequested,
    connection: ResolvedConnection | undefined,
  ): Promise<RoutedPoll> {
    const inputs = objectOf(request.inputs);
    if (inputs === undefined) throw invalid(request.triggerType, '', 'trigger inputs must be an object');
    switch (request.triggerType.toLowerCase()) {
      case 'serviceprovider':
        return this.serviceProvider(inputs, connection);
      case 'apiconnection':
        return this.apiConnection(inputs, connection);
      default:
        throw new ConnectorError(
          ConnectorErrorCode.OperationNotFound,
          `trigger type '${request.triggerType}' has no polling operation (ServiceProvider, ApiConnection)`,
          false,
        );
    }
  }

  private serviceProvider(
    inputs: Record<string, unknown>,
    connection: ResolvedConnection | undefined,
  ): RoutedPoll {
    const configuration = objectOf(inputs.serviceProviderConfiguration);
    const serviceProviderId = configuration?.serviceProviderId;
    const operationId = configuration?.operationId;
    if (typeof serviceProviderId !== 'string' || serviceProviderId === '')
      throw invalid(
        'ServiceProvider',
        '/serviceProviderConfiguration/serviceProviderId',
        'must be a non-empty string',
      );
    if (typeof operationId !== 'string' || operationId === '')
      throw invalid(
        'ServiceProvider',
        '/serviceProviderConfiguration/operationId',
        'must be a non-empty string',
      );
    const connector = this.registry.getByServiceProviderId(serviceProviderId);
    if (connector === undefined)
      throw new ConnectorError(
        ConnectorErrorCode.ConnectorNotFound,
        `serviceProviderId '${serviceProviderId}' is not a built-in connector`,
        false,
      );
    return {
      trigger: pollingTriggerOf(connector, operationId),
      inputs: inputs.parameters ?? {},
      connection,
    };
  }

  private async apiConnection(
    inputs: Record<string, unknown>,
    connection: ResolvedConnection | undefined,
  ): Promise<RoutedPoll> {
    if (connection === undefined)
      throw invalid(
        'ApiConnection',
        '/host/connection/name',
        'is required: ApiConnection triggers poll through a connection',
      );
    if (typeof inputs.path !== 'string' || inputs.path === '')
      throw invalid('ApiConnection', '/path', 'must be a non-empty string');
    const pinned = connection.parameters[CONNECTOR_VERSION_PARAMETER];
    const range = typeof pinned === 'string' && pinned !== '' ? pinned : undefined;
    const found = await this.catalog.find(connection.connectorId, range);
    if (found === undefined)
      throw new ConnectorError(
        ConnectorErrorCode.ConnectorNotFound,
        `connection '${connection.connectionName}' uses connector '${connection.connectorId}', which is not a custom connector here`,
        false,
      );
    let match: ReturnType<typeof fromApiConnectionInputs>;
    try {
      match = fromApiConnectionInputs(found.imported, inputs as unknown as ApiConnectionInputs);
    } catch (error) {
      throw toConnectorError(error);
    }
    return {
      trigger: pollingTriggerOf(found.registered, match.operation.operationId),
      inputs: match.inputs,
      connection: customConnectionOf(found.imported, connection),
    };
  }
}
