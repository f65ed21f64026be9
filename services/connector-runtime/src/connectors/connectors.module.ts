import { Module } from '@nestjs/common';
import { ConnectorRegistry } from '@patchbay/connector-sdk';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { HttpActionRouter, ServiceProviderActionRouter } from '../execution/action-routers.js';
import { ACTION_ROUTERS, type ActionRouter } from '../execution/connector.js';
import { builtinConnectors } from './builtin-connectors.js';

/** The connector catalogue (built-ins registered at boot) and the routes from WDL action types into it. */
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
    {
      provide: ACTION_ROUTERS,
      inject: [ConnectorRegistry],
      useFactory: (registry: ConnectorRegistry): ActionRouter[] => [
        new HttpActionRouter(registry),
        new ServiceProviderActionRouter(registry),
      ],
    },
  ],
  exports: [ConnectorRegistry, ACTION_ROUTERS],
})
export class ConnectorsModule {}
