import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { createConnectorBody, parseVersionKey } from './custom-connector.input.js';
import {
  CustomConnectorsService,
  type ConnectorView,
  type VersionView,
} from './custom-connectors.service.js';

/**
 * Custom connectors: `POST /api/connectors` imports a Swagger 2.0 / OpenAPI 3.x definition (inline or from a
 * URL, with optional apiProperties) as a new version; versions live side by side and are immutable.
 */
@Controller('api/connectors')
export class CustomConnectorsController {
  constructor(private readonly connectors: CustomConnectorsService) {}

  @Post()
  @HttpCode(201)
  create(@Body({ schema: createConnectorBody }) body: unknown): Promise<VersionView> {
    return this.connectors.create(body);
  }

  @Get()
  async list(): Promise<{ connectors: ConnectorView[] }> {
    return { connectors: await this.connectors.list() };
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<ConnectorView> {
    return this.connectors.getConnector(parseVersionKey(id).connectorId);
  }

  @Get(':id/versions/:version')
  version(@Param('id') id: string, @Param('version') version: string): Promise<VersionView> {
    return this.connectors.getVersion(parseVersionKey(id, version));
  }

  @Get(':id/versions/:version/definition')
  definition(@Param('id') id: string, @Param('version') version: string): Promise<Record<string, unknown>> {
    return this.connectors.definition(parseVersionKey(id, version));
  }

  @Delete(':id/versions/:version')
  @HttpCode(204)
  async remove(@Param('id') id: string, @Param('version') version: string): Promise<void> {
    await this.connectors.delete(parseVersionKey(id, version));
  }
}
