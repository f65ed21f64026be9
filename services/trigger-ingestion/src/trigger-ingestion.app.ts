import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ALL_TOPICS } from '@patchbay/contracts';
import { kafkaServiceSettingsOf, startKafkaService, type EventPublisher } from '@patchbay/platform';
import type { TriggerIngestionConfig } from './config/trigger-ingestion.config.js';
import { TriggerIngestionModule } from './app.module.js';
import { registerBodyParsers } from './webhooks/body-parsers.js';
import { CallbackUrlProvider } from './webhook-triggers/callback-url.provider.js';

export interface RunningTriggerIngestion {
  app: NestFastifyApplication;
  publisher: EventPublisher;
  close(): Promise<void>;
}

/**
 * Starts trigger-ingestion: webhook intake, the schedule and poll workers, and the admin API over HTTP. Used by
 * main.ts and by tests that need a real service in their process.
 */
export async function startTriggerIngestion(
  config: TriggerIngestionConfig,
  logger: Logger,
): Promise<RunningTriggerIngestion> {
  const running = await startKafkaService({
    service: 'trigger-ingestion',
    // Poll answers and run events are shared work: one consumer group across the replicas.
    kafka: kafkaServiceSettingsOf(config, ALL_TOPICS, config.PATCHBAY_CONSUMER_GROUP),
    module: ({ kafka, publisher }) => TriggerIngestionModule.create({ config, kafka, publisher, logger }),
    logger,
    httpPort: config.PATCHBAY_HTTP_PORT,
    bodyLimitBytes: config.PATCHBAY_WEBHOOK_BODY_LIMIT_BYTES,
    configure: (nest) => registerBodyParsers(nest),
  });
  running.app.get(CallbackUrlProvider).listeningOn(running.app.getHttpServer().address());
  return running;
}
