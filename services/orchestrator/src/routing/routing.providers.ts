import type { Provider } from '@nestjs/common';
import { connectionRoutingProviders } from '@patchbay/connection-client';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../config/orchestrator.config.js';
import { KAFKA, LOGGER } from '../tokens.js';
import { RequestTopicRouter } from './request-topic.router.js';

/** Providers of the routing of action requests to execution environments (RequestTopicRouter). */
export const ROUTING_PROVIDERS: Provider[] = [
  ...connectionRoutingProviders({
    configToken: ORCHESTRATOR_CONFIG,
    kafkaToken: KAFKA,
    loggerToken: LOGGER,
    settings: (config: OrchestratorConfig) => ({
      grpcUrl: config.CONNECTION_STORE_GRPC_URL,
      timeoutMs: config.CONNECTION_STORE_TIMEOUT_MS,
      topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
    }),
    groupPrefix: 'orchestrator-connection-changes',
  }),
  RequestTopicRouter,
];
