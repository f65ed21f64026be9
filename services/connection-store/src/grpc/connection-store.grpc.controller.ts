import { Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { CONNECTION_STORE_SERVICE, type ResolvedConnection } from '@patchbay/contracts';
import { ConnectionService } from '../connections/connection.service.js';
import { DEFAULT_NAMESPACE, parseConnectionName, parseNamespace } from '../connections/connection-input.js';
import type { ConnectionView } from '../connections/connection.types.js';
import { ConnectionResolutionService } from '../resolution/connection-resolution.service.js';
import { parseResolveRequest } from '../resolution/resolve-request.js';
import { GrpcErrorFilter } from './grpc-error.filter.js';

/** `patchbay.connectionstore.v1.Connection` as proto-loader hands it over (camelCase fields). */
export interface ConnectionMessage {
  id: string;
  namespace: string;
  name: string;
  connectorId: string;
  displayName: string;
  authType: string;
  status: string;
  statusReason: string;
  parametersJson: string;
  linkedWorkflowIds: string[];
  createdAt: string;
  updatedAt: string;
}

function toMessage(view: ConnectionView): ConnectionMessage {
  return {
    id: view.id,
    namespace: view.namespace,
    name: view.name,
    connectorId: view.connectorId,
    displayName: view.displayName,
    authType: view.authType,
    status: view.status,
    statusReason: view.statusReason ?? '',
    parametersJson: JSON.stringify(view.parameters),
    linkedWorkflowIds: view.linkedWorkflowIds,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
  };
}

/** proto3 sends '' for an unset namespace. */
function namespaceOf(message: { namespace?: unknown }): string {
  return message.namespace === '' || message.namespace === undefined
    ? DEFAULT_NAMESPACE
    : parseNamespace({ namespace: message.namespace });
}

/** gRPC edge of `patchbay.connectionstore.v1.ConnectionStore` (proto in @patchbay/contracts). */
@Controller()
@UseFilters(GrpcErrorFilter)
export class ConnectionStoreGrpcController {
  constructor(
    private readonly resolution: ConnectionResolutionService,
    private readonly connections: ConnectionService,
  ) {}

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'ResolveConnection')
  resolveConnection(message: unknown): Promise<ResolvedConnection> {
    return this.resolution.resolve(parseResolveRequest(message));
  }

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'GetConnection')
  async getConnection(message: { namespace?: unknown; name?: unknown }): Promise<ConnectionMessage> {
    return toMessage(await this.connections.get(namespaceOf(message), parseConnectionName(message.name)));
  }

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'ListConnections')
  async listConnections(message: { namespace?: unknown }): Promise<{ connections: ConnectionMessage[] }> {
    return { connections: (await this.connections.list(namespaceOf(message))).map(toMessage) };
  }
}
