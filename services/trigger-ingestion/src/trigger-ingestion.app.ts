import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ALL_TOPICS } from '@patchbay/contracts';
import {
  bootstrapService,
  createKafkaClient,
  ensureTopics,
  EventPublisher,
  KafkaEventServer,
  kafkaSecurityOf,
} from '@patchbay/platform';
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
  const kafka = createKafkaClient({
    clientId: config.KAFKA_CLIENT_ID ?? 'trigger-ingestion',
    brokers: config.KAFKA_BROKERS,
    security: kafkaSecurityOf(config),
    logger,
  });
  await ensureTopics(kafka, ALL_TOPICS, config.KAFKA_TOPIC_PARTITIONS);
  const publisher = new EventPublisher(kafka, '/patchbay/trigger-ingestion');
  await publisher.connect();
  let app: NestFastifyApplication;
  try {
    app = await bootstrapService({
      module: TriggerIngestionModule.create({ config, kafka, publisher, logger }),
      logger,
      httpPort: config.PATCHBAY_HTTP_PORT,
      bodyLimitBytes: config.PATCHBAY_WEBHOOK_BODY_LIMIT_BYTES,
      configure: (nest) => registerBodyParsers(nest),
      // Poll answers and run events are shared work: one consumer group across the replicas.
      microservices: () => [
        {
          strategy: new KafkaEventServer({
            kafka,
            groupId: config.PATCHBAY_CONSUMER_GROUP,
            partitionsConsumedConcurrently: config.KAFKA_CONSUMER_CONCURRENCY,
            publisher,
            logger: logger.child({ component: 'kafka-consumer' }),
          }),
        },
      ],
    });
  } catch (error) {
    await publisher.disconnect();
    throw error;
  }
  app.get(CallbackUrlProvider).listeningOn(app.getHttpServer().address());
  return {
    app,
    publisher,
    close: async () => {
      await app.close();
      await publisher.disconnect();
    },
  };
}
