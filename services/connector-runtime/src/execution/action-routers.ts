import type { ActionRequested } from '@patchbay/contracts';
import {
  ConnectorError,
  ConnectorErrorCode,
  requireAction,
  type ConnectorRegistry,
} from '@patchbay/connector-sdk';
import type { ActionRouter, RoutedOperation } from './connector.js';

/** WDL `Http` -> action `request` of connector `http`, with the action's inputs as they are. */
export class HttpActionRouter implements ActionRouter {
  readonly actionType = 'Http';
  constructor(private readonly registry: ConnectorRegistry) {}

  route(request: ActionRequested): RoutedOperation {
    const connector = this.registry.require('http');
    return { connector, action: requireAction(connector, 'request'), inputs: request.inputs };
  }
}

function invalid(message: string): ConnectorError {
  return new ConnectorError(ConnectorErrorCode.InvalidInputs, message, false);
}

/**
 * WDL `ServiceProvider` (Logic Apps Standard built-ins): `inputs.serviceProviderConfiguration`
 * `{ serviceProviderId, operationId, connectionName }` picks the connector and operation;
 * `inputs.parameters` are the operation's inputs.
 */
export class ServiceProviderActionRouter implements ActionRouter {
  readonly actionType = 'ServiceProvider';
  constructor(private readonly registry: ConnectorRegistry) {}

  route(request: ActionRequested): RoutedOperation {
    const inputs = request.inputs;
    if (typeof inputs !== 'object' || inputs === null || Array.isArray(inputs))
      throw invalid('ServiceProvider inputs must be an object with serviceProviderConfiguration');
    const configuration = (inputs as Record<string, unknown>).serviceProviderConfiguration;
    if (typeof configuration !== 'object' || configuration === null)
      throw invalid('inputs.serviceProviderConfiguration is required');
    const { serviceProviderId, operationId } = configuration as Record<string, unknown>;
    if (typeof serviceProviderId !== 'string' || serviceProviderId === '')
      throw invalid('inputs.serviceProviderConfiguration.serviceProviderId must be a non-empty string');
    if (typeof operationId !== 'string' || operationId === '')
      throw invalid('inputs.serviceProviderConfiguration.operationId must be a non-empty string');
    const connector = this.registry.getByServiceProviderId(serviceProviderId);
    if (connector === undefined) {
      const known = this.registry
        .list()
        .map((c) => c.declaration.serviceProviderId)
        .filter((id): id is string => id !== undefined);
      throw new ConnectorError(
        ConnectorErrorCode.ConnectorNotFound,
        `serviceProviderId '${serviceProviderId}' is not a built-in connector (known: ${[...new Set(known)].join(', ')})`,
        false,
      );
    }
    const parameters = (inputs as Record<string, unknown>).parameters;
    return { connector, action: requireAction(connector, operationId), inputs: parameters ?? {} };
  }
}
