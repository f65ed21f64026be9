import { Module } from '@nestjs/common';
import { ConnectorRegistry } from '@patchbay/connector-sdk';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { ApiConnectionWebhookActionRouter } from '../custom-connectors/api-connection-webhook.router.js';
import { ApiConnectionActionRouter } from '../custom-connectors/api-connection.router.js';
import { CustomConnectorCatalog } from '../custom-connectors/custom-connector.catalog.js';
import { CustomConnectorStore } from '../custom-connectors/persistence/custom-connector.store.js';
import { HttpActionRouter, ServiceProviderActionRouter } from '../execution/action-routers.js';
import { HttpWebhookActionRouter } from '../execution/http-webhook.router.js';
import { ACTION_ROUTERS, type ActionRouter } from '../execution/connector.js';
import { builtinConnectors } from './builtin-connectors.js';

/**
 * The connector catalogue (built-ins registered at boot, custom connectors loaded from Postgres by
 * `CustomConnectorCatalog`) and the routes from WDL action types into it.
 */
@Module({
  providers: [
    {
      provide: ConnectorRegistry,
      inject: [CONNECTOR_RUNTIME_CONFIG],
      useFactory: (config: ConnectorRuntimeConfig): ConnectorRegistry => {
        const registry = new ConnectorRegistry();
        for (const declaration of builtinConnectors(config)) registry.register(declaration);
        return registry;
      },
    },
    CustomConnectorStore,
    CustomConnectorCatalog,
    {
      provide: ACTION_ROUTERS,
      inject: [ConnectorRegistry, CustomConnectorCatalog],
      useFactory: (registry: ConnectorRegistry, catalog: CustomConnectorCatalog): ActionRouter[] => [
        new HttpActionRouter(registry),
        new ServiceProviderActionRouter(registry),
        new ApiConnectionActionRouter(catalog),
        new HttpWebhookActionRouter(registry),
        new ApiConnectionWebhookActionRouter(catalog),
      ],
    },
  ],
  exports: [ConnectorRegistry, ACTION_ROUTERS, CustomConnectorStore, CustomConnectorCatalog],
})
export class ConnectorsModule {}
