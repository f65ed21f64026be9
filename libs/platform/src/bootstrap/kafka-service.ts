import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DynamicModule, Type } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { z } from 'zod';
import { kafkaSecurityOf, type commonEnvSchema, type KafkaSecurity } from '../config/env-config.js';
import { createKafkaClient } from '../kafka/kafka-client.js';
import { EventPublisher } from '../kafka/event-publisher.js';
import { KafkaEventServer } from '../kafka/kafka-event.server.js';
import { ensureTopics } from '../kafka/topic-admin.js';
import { bootstrapService, type ServiceBootstrapOptions } from './service-bootstrap.js';

/** How a service that consumes and publishes Kafka events talks to Kafka. */
export interface KafkaServiceSettings {
  /** Kafka client id; the service name when absent. */
  clientId?: string | undefined;
  brokers: string[];
  security: KafkaSecurity;
  /** Topics made sure to exist before anything starts. */
  topics: readonly string[];
  topicPartitions: number;
  /** Consumer group of the service's event handlers (shared by its replicas). */
  groupId: string;
  /** Partitions handled at once by this replica. */
  consumerConcurrency: number;
}

/** The Kafka settings of a service configuration built on `commonEnvSchema`, for `topics` and `groupId`. */
export function kafkaServiceSettingsOf(
  config: z.infer<typeof commonEnvSchema>,
  topics: readonly string[],
  groupId: string,
): KafkaServiceSettings {
  return {
    clientId: config.KAFKA_CLIENT_ID,
    brokers: config.KAFKA_BROKERS,
    security: kafkaSecurityOf(config),
    topics,
    topicPartitions: config.KAFKA_TOPIC_PARTITIONS,
    groupId,
    consumerConcurrency: config.KAFKA_CONSUMER_CONCURRENCY,
  };
}

export interface KafkaServiceOptions extends Omit<ServiceBootstrapOptions, 'module' | 'microservices'> {
  /** Service name: the default client id and the CloudEvents source `/patchbay/<service>`. */
  service: string;
  kafka: KafkaServiceSettings;
  /** The root module, given the Kafka client and the connected publisher. */
  module: (deps: { kafka: Kafka; publisher: EventPublisher }) => Type<unknown> | DynamicModule;
}

export interface RunningKafkaService {
  app: NestFastifyApplication;
  publisher: EventPublisher;
  /** Closes the app, then disconnects the publisher. */
  close(): Promise<void>;
}

/**
 * Starts a service whose event handlers consume Kafka in one consumer group: makes sure its topics exist,
 * connects its publisher, then runs `bootstrapService` with the Kafka event server attached. A boot that fails
 * disconnects the publisher before rejecting.
 */
export async function startKafkaService(options: KafkaServiceOptions): Promise<RunningKafkaService> {
  const { service, kafka: settings, module, ...bootstrap } = options;
  const kafka = createKafkaClient({
    clientId: settings.clientId ?? service,
    brokers: settings.brokers,
    security: settings.security,
    logger: options.logger,
  });
  await ensureTopics(kafka, settings.topics, settings.topicPartitions);
  const publisher = new EventPublisher(kafka, `/patchbay/${service}`);
  await publisher.connect();
  let app: NestFastifyApplication;
  try {
    app = await bootstrapService({
      ...bootstrap,
      module: module({ kafka, publisher }),
      microservices: () => [
        {
          strategy: new KafkaEventServer({
            kafka,
            groupId: settings.groupId,
            partitionsConsumedConcurrently: settings.consumerConcurrency,
            publisher,
            logger: options.logger.child({ component: 'kafka-consumer' }),
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
    publisher,
    close: async () => {
      await app.close();
      await publisher.disconnect();
    },
  };
}
