import { Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import {
  CONNECTION_STORE_SERVICE,
  type ConnectionRouting,
  type ResolvedConnection,
} from '@patchbay/contracts';
import { ConnectionService } from '../connections/connection.service.js';
import { parseConnectionName } from '../connections/connection-input.js';
import { ConnectionResolutionService } from '../resolution/connection-resolution.service.js';
import { parseResolveRequest } from '../resolution/resolve-request.js';
import { GrpcErrorFilter } from './grpc-error.filter.js';
import { namespaceOf, toMessage, type ConnectionMessage } from './connection-message.js';

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

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'GetConnectionRouting')
  getConnectionRouting(message: { namespace?: unknown; name?: unknown }): Promise<ConnectionRouting> {
    return this.resolution.routing(namespaceOf(message), parseConnectionName(message.name));
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
