import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import { ObservabilityModule } from '@patchbay/platform';
import { CONNECTION_STORE_CONFIG, type ConnectionStoreConfig } from './config/connection-store.config.js';
import { LOGGER } from './config/logger.token.js';
import { CatalogModule } from './catalog/catalog.module.js';
import { ConnectionTestModule } from './connection-test/connection-test.module.js';
import { ConnectionsModule } from './connections/connections.module.js';
import { DatabaseModule } from './database/database.module.js';
import { FaultInjector } from './fault-injection/fault-injector.js';
import { GrpcApiModule } from './grpc/grpc-api.module.js';
import { EventsModule } from './events/events.module.js';
import { OAuthModule } from './oauth/oauth.module.js';
import { PoliciesModule } from './policies/policies.module.js';
import { ResolutionModule } from './resolution/resolution.module.js';
import { VaultModule } from './vault/vault.module.js';

import { SERVICE_NAME } from './service-name.js';

export { SERVICE_NAME };

/** Root module: configuration and logger for everyone, then one module per capability. */
@Module({})
export class AppModule {
  static forRoot(config: ConnectionStoreConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ObservabilityModule.forService(SERVICE_NAME),
        DatabaseModule.forRoot(config.databaseUrl),
        VaultModule.forRoot(config.vault),
        CatalogModule,
        ConnectionsModule,
        ConnectionTestModule,
        PoliciesModule,
        EventsModule,
        OAuthModule,
        ResolutionModule,
        GrpcApiModule,
      ],
      providers: [
        { provide: CONNECTION_STORE_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: FaultInjector, useValue: new FaultInjector(config.faultPoint) },
      ],
      exports: [CONNECTION_STORE_CONFIG, LOGGER, FaultInjector],
    };
  }
}
