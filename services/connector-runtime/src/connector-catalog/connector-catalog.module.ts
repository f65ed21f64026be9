import { Module } from '@nestjs/common';
import { ConnectorsModule } from '../connectors/connectors.module.js';
import { EgressModule } from '../egress/egress.module.js';
import { ConnectionTestService } from './connection-test.service.js';
import { ConnectorCatalogController } from './connector-catalog.controller.js';
import { ConnectorLookup } from './connector-lookup.js';

/** Connection specs and connection tests of every connector, for connection-store. */
@Module({
  imports: [ConnectorsModule, EgressModule],
  controllers: [ConnectorCatalogController],
  providers: [ConnectorLookup, ConnectionTestService],
})
export class ConnectorCatalogModule {}
