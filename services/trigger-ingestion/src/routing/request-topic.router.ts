import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { BoundaryError, EnvironmentRoutedTopic } from '@patchbay/contracts';
import { ConnectionResolutionError, type ConnectionRoutingClient } from '@patchbay/connection-client';
import { ensureTopics } from '@patchbay/platform';
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { CONNECTION_ROUTING, KAFKA } from '../tokens.js';

/**
 * Where one request goes: `destination` is the Kafka topic when it is an execution environment's copy of the
 * contract topic (absent: the contract topic itself); `error` when the environment cannot be told now.
 */
export type RequestRoute = { destination?: string; error?: undefined } | { error: BoundaryError };

/** Error code of a request held back because its connection's execution environment cannot be told now. */
export const ROUTING_UNAVAILABLE = 'ConnectionStoreUnavailable';

/**
 * Sends each poll and webhook subscription request whose connection is pinned to an execution environment to
 * that environment's topic, so only that environment's connector-runtime replicas see it (as the orchestrator
 * routes action requests). The environment comes from connection-store (GetConnectionRouting) through a cache
 * that connection.changed clears: a warm cache adds no round trip. An environment topic is created the first
 * time this process sends to it. When the store cannot be asked and nothing is remembered, the route is an
 * error: the caller holds the request back and tries later, never sending it to a guessed environment. Without
 * CONNECTION_STORE_GRPC_URL every request stays on the default environment's topic.
 */
@Injectable()
export class RequestTopicRouter {
  private readonly knownTopics = new Set<string>();

  constructor(
    @Inject(CONNECTION_ROUTING) private readonly routing: ConnectionRoutingClient | null,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(TRIGGER_INGESTION_CONFIG) private readonly config: TriggerIngestionConfig,
  ) {}

  /** The route of a request of `topic` that uses `connectionName`. Never rejects. */
  async route(topic: EnvironmentRoutedTopic, connectionName: string | undefined): Promise<RequestRoute> {
    if (this.routing === null || connectionName === undefined) return {};
    let destination: string;
    try {
      destination = await this.routing.topicFor(topic, connectionName);
    } catch (error) {
      if (!(error instanceof ConnectionResolutionError)) throw error;
      // The store refused the question itself: the default runtime reports what is wrong.
      if (!error.retryable) return {};
      return {
        error: {
          code: ROUTING_UNAVAILABLE,
          message: `cannot tell the execution environment of connection '${connectionName}': ${error.message}`,
          retryable: true,
        },
      };
    }
    if (destination === topic) return {};
    try {
      await this.ensureTopic(destination);
    } catch (error) {
      return {
        error: {
          code: ROUTING_UNAVAILABLE,
          message: `could not create Kafka topic ${destination}: ${(error as Error).message}`,
          retryable: true,
        },
      };
    }
    return { destination };
  }

  private async ensureTopic(topic: string): Promise<void> {
    if (this.knownTopics.has(topic)) return;
    await ensureTopics(this.kafka, [topic], this.config.KAFKA_TOPIC_PARTITIONS);
    this.knownTopics.add(topic);
  }
}
