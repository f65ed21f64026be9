import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { ConnectionTestResult, ConnectorConnectionSpec } from '@patchbay/contracts';
import { connectionSpecOf } from './connection-spec.js';
import { ConnectionTestService } from './connection-test.service.js';
import { parseConnectionTestRequest, parseConnectorRef } from './connector-catalog.input.js';
import { ConnectorLookup } from './connector-lookup.js';

/**
 * The catalogue as connection-store uses it: what a connector (built-in or custom, one version) needs from a
 * connection, and its connection test run with a connection resolved for that call.
 */
@Controller('api/connectors')
export class ConnectorCatalogController {
  constructor(
    private readonly connectors: ConnectorLookup,
    private readonly tests: ConnectionTestService,
  ) {}

  /** `GET /api/connectors/:id/connection?version=<range>` -> the connection spec of the highest version in range. */
  @Get(':id/connection')
  async connection(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
  ): Promise<ConnectorConnectionSpec> {
    const ref = parseConnectorRef(id, query.version);
    const found = await this.connectors.require(ref.connectorId, ref.range);
    return connectionSpecOf(found.registered, found.versions);
  }

  /** `POST /api/connectors/:id/connection-test` -> 200 with the outcome (a failed test is an answer, not an error). */
  @Post(':id/connection-test')
  @HttpCode(200)
  runTest(@Param('id') id: string, @Body() body: unknown): Promise<ConnectionTestResult> {
    const { connectorId } = parseConnectorRef(id, undefined);
    return this.tests.test(connectorId, parseConnectionTestRequest(body));
  }
}
