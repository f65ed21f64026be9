import { ALL_TOPICS } from '@patchbay/contracts';
import {
  bootstrapService,
  createKafkaClient,
  createLogger,
  ensureTopics,
  EventPublisher,
  exitOnBootFailure,
  KafkaEventServer,
  kafkaSecurityOf,
} from '@patchbay/platform';
import { OrchestratorModule } from './app.module.js';
import { loadOrchestratorConfig } from './config/orchestrator.config.js';
import { WdlRunEngine } from './engine/wdl-run-engine.js';
import { AesGcmSealer } from './engine/aes-gcm-sealer.js';
import { actionCallbackUrls } from './engine/action-callback-urls.js';

const SERVICE = 'orchestrator';

async function main(): Promise<void> {
  const config = loadOrchestratorConfig();
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const kafka = createKafkaClient({
    clientId: config.KAFKA_CLIENT_ID ?? SERVICE,
    brokers: config.KAFKA_BROKERS,
    security: kafkaSecurityOf(config),
    logger,
  });
  await ensureTopics(kafka, ALL_TOPICS, config.KAFKA_TOPIC_PARTITIONS);
  const publisher = new EventPublisher(kafka, `/patchbay/${SERVICE}`);
  const sealer = new AesGcmSealer(config.PATCHBAY_RUN_STATE_KEYS);
  await publisher.connect();
  await bootstrapService({
    module: OrchestratorModule.create({
      config,
      kafka,
      publisher,
      logger,
      engine: new WdlRunEngine(
        sealer,
        actionCallbackUrls(config.PATCHBAY_WEBHOOK_SIGNING_KEY, config.PATCHBAY_PUBLIC_BASE_URL),
      ),
      sealer,
    }),
    logger,
    httpPort: config.PATCHBAY_HTTP_PORT,
    microservices: () => [
      {
        strategy: new KafkaEventServer({
          kafka,
          groupId: SERVICE,
          partitionsConsumedConcurrently: config.KAFKA_CONSUMER_CONCURRENCY,
          publisher,
          logger: logger.child({ component: 'kafka-consumer' }),
        }),
      },
    ],
  });
}

main().catch(exitOnBootFailure(SERVICE));
