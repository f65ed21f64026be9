import { ALL_TOPICS } from '@patchbay/contracts';
import {
  bootstrapService,
  createKafkaClient,
  createLogger,
  ensureTopics,
  EventPublisher,
  exitOnBootFailure,
} from '@patchbay/platform';
import { loadTriggerIngestionConfig } from './config/trigger-ingestion.config.js';
import { TriggerIngestionModule } from './app.module.js';
import { registerBodyParsers } from './webhooks/body-parsers.js';

async function main(): Promise<void> {
  const config = loadTriggerIngestionConfig();
  const logger = createLogger('trigger-ingestion', config.LOG_LEVEL);
  const kafka = createKafkaClient({
    clientId: config.KAFKA_CLIENT_ID ?? 'trigger-ingestion',
    brokers: config.KAFKA_BROKERS,
    logger,
  });
  await ensureTopics(kafka, ALL_TOPICS, config.KAFKA_TOPIC_PARTITIONS);
  const publisher = new EventPublisher(kafka, '/patchbay/trigger-ingestion');
  await publisher.connect();
  await bootstrapService({
    module: TriggerIngestionModule.create({ config, kafka, publisher, logger }),
    logger,
    httpPort: config.PATCHBAY_HTTP_PORT,
    bodyLimitBytes: config.PATCHBAY_WEBHOOK_BODY_LIMIT_BYTES,
    configure: (app) => registerBodyParsers(app.getHttpAdapter().getInstance()),
  });
}

main().catch(exitOnBootFailure('trigger-ingestion'));
