import { Module } from '@nestjs/common';
import { CONNECTION_STORE_CONFIG, type ConnectionStoreConfig } from '../config/connection-store.config.js';
import { ConnectionChecks, CONNECTOR_CATALOG } from './connection-checks.service.js';
import { ConnectorCatalogClient } from './connector-catalog.client.js';

/** connector-runtime's catalogue: connection specs for validation, connection tests. */
@Module({
  providers: [
    {
      provide: CONNECTOR_CATALOG,
      inject: [CONNECTION_STORE_CONFIG],
      useFactory: (config: ConnectionStoreConfig) =>
        config.connectorCatalog === undefined ? null : new ConnectorCatalogClient(config.connectorCatalog),
    },
    ConnectionChecks,
  ],
  exports: [CONNECTOR_CATALOG, ConnectionChecks],
})
export class CatalogModule {}
