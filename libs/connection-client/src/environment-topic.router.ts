import type { Kafka } from 'kafkajs';
import type { BoundaryError, EnvironmentRoutedTopic } from '@patchbay/contracts';
import { ensureTopics } from '@patchbay/platform';
import { ConnectionErrorCode, ConnectionResolutionError } from './connection-resolution.error.js';
import type { ConnectionRoutingClient } from './connection-routing.client.js';

/**
 * Where one request goes: `destination` is the Kafka topic when it is an execution environment's copy of the
 * contract topic (absent: the contract topic itself); `error` when the environment cannot be told now.
 */
export type RequestRoute = { destination?: string; error?: undefined } | { error: BoundaryError };

/** Error code of a request held back because its connection's execution environment cannot be told now. */
export const ROUTING_UNAVAILABLE = ConnectionErrorCode.ConnectionStoreUnavailable;

/**
 * Sends each request (action, poll, webhook subscription) whose connection is pinned to an execution environment
 * to that environment's topic, so only that environment's connector-runtime replicas see it. The environment
 * comes from connection-store (GetConnectionRouting) through a cache that connection.changed clears: a warm
 * cache adds no round trip. An environment topic is created the first time this process sends to it (a runtime
 * of that environment creates it at boot too), so a pinned request never waits on a missing topic. When the
 * store cannot be asked and nothing is remembered, the route is an error: the caller holds the request back and
 * tries later, never sending it to a guessed environment. Without a routing client (CONNECTION_STORE_GRPC_URL
 * unset) every request stays on the default environment's topic.
 */
export class EnvironmentTopicRouter {
  private readonly knownTopics = new Set<string>();

  constructor(
    private readonly routing: ConnectionRoutingClient | null,
    private readonly kafka: Kafka,
    private readonly topicPartitions: number,
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
    await ensureTopics(this.kafka, [topic], this.topicPartitions);
    this.knownTopics.add(topic);
  }
}
