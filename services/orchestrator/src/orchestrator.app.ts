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
import { OrchestratorModule } from './app.module.js';
import type { OrchestratorConfig } from './config/orchestrator.config.js';
import { WdlRunEngine } from './engine/wdl-run-engine.js';
import { AesGcmSealer } from './engine/aes-gcm-sealer.js';
import { actionCallbackUrls } from './engine/action-callback-urls.js';

export interface RunningOrchestrator {
  app: NestFastifyApplication;
  close(): Promise<void>;
}

/**
 * Starts the orchestrator: workflow and run APIs over HTTP, run events from Kafka in `groupId` (the replicas'
 * shared group, `orchestrator`; tests that run one beside the platform pass a group of their own).
 */
export async function startOrchestrator(
  config: OrchestratorConfig,
  logger: Logger,
  groupId = 'orchestrator',
): Promise<RunningOrchestrator> {
  const kafka = createKafkaClient({
    clientId: config.KAFKA_CLIENT_ID ?? 'orchestrator',
    brokers: config.KAFKA_BROKERS,
    security: kafkaSecurityOf(config),
    logger,
  });
  await ensureTopics(kafka, ALL_TOPICS, config.KAFKA_TOPIC_PARTITIONS);
  const publisher = new EventPublisher(kafka, '/patchbay/orchestrator');
  const sealer = new AesGcmSealer(config.PATCHBAY_RUN_STATE_KEYS);
  await publisher.connect();
  let app: NestFastifyApplication;
  try {
    app = await bootstrapService({
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
            groupId,
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
  return {
    app,
    close: async () => {
      await app.close();
      await publisher.disconnect();
    },
  };
}
