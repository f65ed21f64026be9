import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ALL_TOPICS } from '@patchbay/contracts';
import { kafkaServiceSettingsOf, startKafkaService } from '@patchbay/platform';
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
  const sealer = new AesGcmSealer(config.PATCHBAY_RUN_STATE_KEYS);
  const { app, close } = await startKafkaService({
    service: 'orchestrator',
    kafka: kafkaServiceSettingsOf(config, ALL_TOPICS, groupId),
    module: ({ kafka, publisher }) =>
      OrchestratorModule.create({
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
  });
  return { app, close };
}
