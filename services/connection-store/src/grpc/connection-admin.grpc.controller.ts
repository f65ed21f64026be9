import { Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { z } from 'zod';
import { ValidationFailedError } from '@patchbay/platform';
import { CONNECTION_STORE_SERVICE } from '@patchbay/contracts';
import { ConnectionService } from '../connections/connection.service.js';
import { parseConnectionName, parseCreateConnection } from '../connections/connection-input.js';
import { parseUpdateConnection } from '../connections/connection-update-input.js';
import { parseOrThrow } from '../validation/field-problems.js';
import { GrpcErrorFilter } from './grpc-error.filter.js';
import { namespaceOf, toMessage, type ConnectionMessage } from './connection-message.js';

/** proto-loader's view of a `StringMap` (unset: null). */
interface StringMapMessage {
  entries?: Record<string, string>;
}

interface AdminRequest {
  namespace?: unknown;
  name?: unknown;
}

/** A JSON object from a `*_json` string field; '' means "none". Problems name the request field. */
function parseJsonObject(text: unknown, path: string): Record<string, unknown> | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  try {
    const value = typeof text === 'string' ? (JSON.parse(text) as unknown) : undefined;
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ValidationFailedError(`${path} is not a JSON object`, [
    {
      path,
      message: 'is not a JSON object',
      expected: 'a JSON-encoded object, e.g. {"headerName":"X-Api-Key"}',
      found: 'a string',
    },
  ]);
}

const workflowIdSchema = z.uuid({ error: 'is not a UUID' });

/**
 * gRPC admin API of `patchbay.connectionstore.v1.ConnectionStore`: the same operations as REST
 * `/api/connections`, through the same validation (problem paths start with `request.`) and service.
 */
@Controller()
@UseFilters(GrpcErrorFilter)
export class ConnectionAdminGrpcController {
  constructor(private readonly connections: ConnectionService) {}

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'CreateConnection')
  async createConnection(
    message: AdminRequest & {
      connectorId?: unknown;
      authType?: unknown;
      displayName?: unknown;
      tags?: Record<string, string>;
      parametersJson?: unknown;
      secrets?: Record<string, string>;
      executionEnvironment?: unknown;
    },
  ): Promise<ConnectionMessage> {
    const body: Record<string, unknown> = {
      name: message.name,
      connectorId: message.connectorId,
      authType: message.authType,
    };
    if (message.displayName !== '' && message.displayName !== undefined)
      body.displayName = message.displayName;
    if (message.tags !== undefined && Object.keys(message.tags).length > 0) body.tags = message.tags;
    const parameters = parseJsonObject(message.parametersJson, 'request.parametersJson');
    if (parameters !== undefined) body.parameters = parameters;
    if (message.secrets !== undefined && Object.keys(message.secrets).length > 0)
      body.secrets = message.secrets;
    if (message.executionEnvironment !== '' && message.executionEnvironment !== undefined)
      body.executionEnvironment = message.executionEnvironment;
    const namespace = namespaceOf(message);
    return toMessage(
      await this.connections.create(namespace, parseCreateConnection(body, 'request'), 'request'),
    );
  }

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'UpdateConnection')
  async updateConnection(
    message: AdminRequest & {
      displayName?: unknown;
      tags?: StringMapMessage | null;
      parametersJson?: unknown;
      secrets?: StringMapMessage | null;
      executionEnvironment?: unknown;
    },
  ): Promise<ConnectionMessage> {
    const body: Record<string, unknown> = {};
    // proto3 `optional` strings: unset and '' both arrive as ''; an empty display name is invalid anyway.
    if (message.displayName !== '' && message.displayName !== undefined && message.displayName !== null)
      body.displayName = message.displayName;
    if (message.tags !== null && message.tags !== undefined) body.tags = message.tags.entries ?? {};
    const parameters = parseJsonObject(message.parametersJson, 'request.parametersJson');
    if (parameters !== undefined) body.parameters = parameters;
    if (message.secrets !== null && message.secrets !== undefined)
      body.secrets = message.secrets.entries ?? {};
    // proto3 `optional`: set to '' unpins the connection (the default environment); unset leaves it.
    if (message.executionEnvironment !== undefined && message.executionEnvironment !== null)
      body.executionEnvironment = message.executionEnvironment === '' ? null : message.executionEnvironment;
    const input = parseUpdateConnection(body, 'request');
    return toMessage(
      await this.connections.update(
        namespaceOf(message),
        parseConnectionName(message.name),
        input,
        'request',
      ),
    );
  }

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'DeleteConnection')
  async deleteConnection(message: AdminRequest): Promise<Record<string, never>> {
    await this.connections.delete(namespaceOf(message), parseConnectionName(message.name));
    return {};
  }

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'LinkWorkflow')
  async linkWorkflow(
    message: AdminRequest & { workflowId?: unknown },
  ): Promise<{ created: boolean; connection: ConnectionMessage }> {
    const workflowId = parseOrThrow(workflowIdSchema, message.workflowId, 'workflow id', {
      root: 'request.workflowId',
    });
    const result = await this.connections.link(
      namespaceOf(message),
      parseConnectionName(message.name),
      workflowId,
    );
    return { created: result.created, connection: toMessage(result.connection) };
  }

  @GrpcMethod(CONNECTION_STORE_SERVICE, 'UnlinkWorkflow')
  async unlinkWorkflow(message: AdminRequest & { workflowId?: unknown }): Promise<Record<string, never>> {
    const workflowId = parseOrThrow(workflowIdSchema, message.workflowId, 'workflow id', {
      root: 'request.workflowId',
    });
    await this.connections.unlink(namespaceOf(message), parseConnectionName(message.name), workflowId);
    return {};
  }
}
