import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { ENVIRONMENT_ROUTED_TOPICS, environmentTopic, Topics } from '@patchbay/contracts';
import {
  bootstrapService,
  createKafkaClient,
  ensureTopics,
  EventPublisher,
  KafkaEventServer,
} from '@patchbay/platform';
import { AppModule, SERVICE_NAME } from './app.module.js';
import type { ConnectorRuntimeConfig } from './config/connector-runtime.config.js';

/** Topics connector-runtime consumes and produces (the dead-letter topic for messages it cannot handle). */
export const CONNECTOR_RUNTIME_TOPICS = [
  Topics.actionRequested,
  Topics.actionCompleted,
  Topics.triggerPollRequested,
  Topics.triggerPollCompleted,
  Topics.triggerSubscriptionRequested,
  Topics.triggerSubscriptionCompleted,
  Topics.deadLetter,
] as const;

/**
 * Starts connector-runtime: makes sure its topics exist, then runs the action.requested consumer (group
 * `connector-runtime`) and the HTTP server for health, readiness and metrics. Used by main.ts and tests.
 */
export async function startConnectorRuntime(
  config: ConnectorRuntimeConfig,
  logger: Logger,
): Promise<NestFastifyApplication> {
  const kafka = createKafkaClient({
    clientId: config.kafka.clientId,
    brokers: config.kafka.brokers,
    security: config.kafka.security,
    logger,
  });
  // A replica of a named execution environment consumes that environment's copies of the request topics.
  const requestTopics = Object.fromEntries(
    ENVIRONMENT_ROUTED_TOPICS.map((topic) => [topic, environmentTopic(topic, config.executionEnvironment)]),
  );
  await ensureTopics(
    kafka,
    [...new Set([...CONNECTOR_RUNTIME_TOPICS, ...Object.values(requestTopics)])],
    config.kafka.topicPartitions,
  );
  // A client id of its own (tests, several runtimes side by side) shows in the CloudEvents source.
  const source =
    config.kafka.clientId === SERVICE_NAME
      ? `/patchbay/${SERVICE_NAME}`
      : `/patchbay/${SERVICE_NAME}/${config.kafka.clientId}`;
  const publisher = new EventPublisher(kafka, source);

  @Module({ imports: [AppModule.forRoot(config, logger, { kafka, publisher })] })
  class ConnectorRuntimeRoot {}

  return bootstrapService({
    module: ConnectorRuntimeRoot,
    logger,
    httpPort: config.httpPort,
    // Custom connector definitions arrive in the body; the rest of the API is small.
    bodyLimitBytes: config.customConnectors.maxDefinitionBytes + 64 * 1024,
    microservices: () => [
      {
        strategy: new KafkaEventServer({
          kafka,
          groupId: config.kafka.groupId,
          topicOverrides: requestTopics,
          partitionsConsumedConcurrently: config.kafka.consumerConcurrency,
          publisher,
          logger: logger.child({ component: 'kafka-consumer' }),
        }),
      },
    ],
  });
}
