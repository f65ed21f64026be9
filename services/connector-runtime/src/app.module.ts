import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import {
  ensureSchema,
  EventPublisher,
  ObservabilityModule,
  kafkaReadinessProvider,
  postgresReadinessProvider,
  typeormOptions,
} from '@patchbay/platform';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from './config/connector-runtime.config.js';
import { LOGGER } from './config/logger.token.js';
import { ConnectorCatalogModule } from './connector-catalog/connector-catalog.module.js';
import { CustomConnectorsModule } from './custom-connectors/custom-connectors.module.js';
import {
  CONNECTOR_RUNTIME_ENTITIES,
  CONNECTOR_RUNTIME_MIGRATIONS,
  CONNECTOR_RUNTIME_SCHEMA,
} from './custom-connectors/persistence/connector-runtime.schema.js';
import { KAFKA } from './messaging/kafka.tokens.js';
import { MessagingModule } from './messaging/messaging.module.js';
import { PollingModule } from './polling/polling.module.js';
import { SubscriptionsModule } from './subscriptions/subscriptions.module.js';

export const SERVICE_NAME = 'connector-runtime';

/** The clients created before Nest starts (the Kafka transport needs them too). */
export interface ConnectorRuntimeClients {
  kafka: Kafka;
  publisher: EventPublisher;
}

/** Root module: configuration, logger and Kafka clients for everyone, then one module per capability. */
@Module({})
export class AppModule {
  static forRoot(
    config: ConnectorRuntimeConfig,
    logger: Logger,
    clients: ConnectorRuntimeClients,
  ): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        ObservabilityModule.forService(SERVICE_NAME),
        TypeOrmModule.forRootAsync({
          // The schema must exist before TypeORM looks for its migrations table in it.
          useFactory: async () => {
            await ensureSchema(config.database.url, CONNECTOR_RUNTIME_SCHEMA);
            return typeormOptions({
              url: config.database.url,
              schema: CONNECTOR_RUNTIME_SCHEMA,
              entities: CONNECTOR_RUNTIME_ENTITIES,
              migrations: CONNECTOR_RUNTIME_MIGRATIONS,
              poolSize: config.database.poolSize,
            });
          },
        }),
        MessagingModule,
        CustomConnectorsModule,
        ConnectorCatalogModule,
        PollingModule,
        SubscriptionsModule,
      ],
      providers: [
        postgresReadinessProvider(),
        kafkaReadinessProvider(clients.kafka),
        { provide: CONNECTOR_RUNTIME_CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: KAFKA, useValue: clients.kafka },
        { provide: EventPublisher, useValue: clients.publisher },
      ],
      exports: [CONNECTOR_RUNTIME_CONFIG, LOGGER, KAFKA, EventPublisher],
    };
  }
}
