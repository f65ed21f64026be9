import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ConnectionService } from './connection.service.js';
import {
  connectionNameSchema,
  createConnectionBody,
  linkBody,
  namespaceQuery,
  parseConnectionName,
  parseCreateConnection,
  parseLinkBody,
  parseNamespace,
  parseWorkflowId,
  workflowIdSchema,
} from './connection-input.js';
import { parseUpdateConnection, updateConnectionBody } from './connection-update-input.js';
import type { ConnectionView } from './connection.types.js';

interface StatusReply {
  status(code: number): unknown;
}

/**
 * Admin REST API for connections. Every route takes `?namespace=` (default `default`). Responses never
 * carry a secret value: a connection lists the names of its secrets in `secretKeys`.
 */
@Controller('api/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionService) {}

  /** `POST /api/connections` -> 201 with the connection. */
  @Post()
  @HttpCode(201)
  create(
    @Query({ schema: namespaceQuery }) query: unknown,
    @Body({ schema: createConnectionBody }) body: unknown,
  ): Promise<ConnectionView> {
    return this.connections.create(parseNamespace(query), parseCreateConnection(body));
  }

  /** `GET /api/connections` -> `{ connections: [...] }`, sorted by name. */
  @Get()
  async list(@Query({ schema: namespaceQuery }) query: unknown): Promise<{ connections: ConnectionView[] }> {
    return { connections: await this.connections.list(parseNamespace(query)) };
  }

  /** `GET /api/connections/:name` -> the connection. */
  @Get(':name')
  get(
    @Query({ schema: namespaceQuery }) query: unknown,
    @Param('name', { schema: connectionNameSchema }) name: string,
  ): Promise<ConnectionView> {
    return this.connections.get(parseNamespace(query), parseConnectionName(name));
  }

  /** `PATCH /api/connections/:name` -> 200 with the connection. Only `secrets` touches Vault. */
  @Patch(':name')
  update(
    @Query({ schema: namespaceQuery }) query: unknown,
    @Param('name', { schema: connectionNameSchema }) name: string,
    @Body({ schema: updateConnectionBody }) body: unknown,
  ): Promise<ConnectionView> {
    return this.connections.update(
      parseNamespace(query),
      parseConnectionName(name),
      parseUpdateConnection(body),
    );
  }

  /** `DELETE /api/connections/:name` -> 204; its Vault data and links go too. */
  @Delete(':name')
  @HttpCode(204)
  async delete(
    @Query({ schema: namespaceQuery }) query: unknown,
    @Param('name', { schema: connectionNameSchema }) name: string,
  ): Promise<void> {
    await this.connections.delete(parseNamespace(query), parseConnectionName(name));
  }

  /** `POST /api/connections/:name/links` `{ workflowId }` -> 201 (new link) or 200 (already linked) with the connection. */
  @Post(':name/links')
  async link(
    @Query({ schema: namespaceQuery }) query: unknown,
    @Param('name', { schema: connectionNameSchema }) name: string,
    @Body({ schema: linkBody }) body: unknown,
    @Res({ passthrough: true }) reply: StatusReply,
  ): Promise<ConnectionView> {
    const namespace = parseNamespace(query);
    const connectionName = parseConnectionName(name);
    const { workflowId } = parseLinkBody(body);
    const result = await this.connections.link(namespace, connectionName, workflowId);
    reply.status(result.created ? 201 : 200);
    return result.connection;
  }

  /** `DELETE /api/connections/:name/links/:workflowId` -> 204. */
  @Delete(':name/links/:workflowId')
  @HttpCode(204)
  async unlink(
    @Query({ schema: namespaceQuery }) query: unknown,
    @Param('name', { schema: connectionNameSchema }) name: string,
    @Param('workflowId', { schema: workflowIdSchema }) workflowId: string,
  ): Promise<void> {
    await this.connections.unlink(
      parseNamespace(query),
      parseConnectionName(name),
      parseWorkflowId(workflowId),
    );
  }
}
