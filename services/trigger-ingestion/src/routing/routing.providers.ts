import type { Provider } from '@nestjs/common';
import { connectionRoutingProviders } from '@patchbay/connection-client';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { KAFKA, LOGGER } from '../tokens.js';

/**
 * Providers of the routing of poll and subscription requests to execution environments (EnvironmentTopicRouter):
 * a request the store cannot route now is held back and tried later, never sent to a guessed environment.
 */
export const ROUTING_PROVIDERS: Provider[] = connectionRoutingProviders({
  configToken: TRIGGER_INGESTION_CONFIG,
  kafkaToken: KAFKA,
  loggerToken: LOGGER,
  settings: (config: TriggerIngestionConfig) => ({
    grpcUrl: config.CONNECTION_STORE_GRPC_URL,
    timeoutMs: config.CONNECTION_STORE_TIMEOUT_MS,
    topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
  }),
  groupPrefix: 'trigger-ingestion-connection-changes',
});
