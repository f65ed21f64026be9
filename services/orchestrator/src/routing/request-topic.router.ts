import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { Topics } from '@patchbay/contracts';
import { ConnectionResolutionError, type ConnectionRoutingClient } from '@patchbay/connection-client';
import { DependencyUnavailableError, ensureTopics } from '@patchbay/platform';
import type { OutboxEvent } from '../outbox/outbox.writer.js';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../config/orchestrator.config.js';
import { CONNECTION_ROUTING, KAFKA } from '../tokens.js';

/**
 * Sends each `action.requested` whose connection is pinned to an execution environment to that environment's
 * topic, so only that environment's connector-runtime replicas ever see it. The environment comes from
 * connection-store (GetConnectionRouting) through a cache that connection.changed clears: with a warm cache no
 * round trip is added. An environment topic is created the first time this process sends to it (a runtime of
 * that environment creates it at boot too), so a pinned request never blocks the outbox on a missing topic.
 * Without CONNECTION_STORE_GRPC_URL every request stays on the default environment's topic.
 */
@Injectable()
export class RequestTopicRouter {
  private readonly knownTopics = new Set<string>();

  constructor(
    @Inject(CONNECTION_ROUTING) private readonly routing: ConnectionRoutingClient | null,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  /** The events with their Kafka destination set where it is an environment topic. */
  async route(events: readonly OutboxEvent[]): Promise<OutboxEvent[]> {
    const routing = this.routing;
    if (routing === null) return [...events];
    return Promise.all(
      events.map(async (event) => {
        if (event.topic !== Topics.actionRequested) return event;
        const { connectionName } = event.data as OutboxEvent<typeof Topics.actionRequested>['data'];
        if (connectionName === undefined) return event;
        let destination: string;
        try {
          destination = await routing.topicFor(Topics.actionRequested, connectionName);
        } catch (error) {
          if (!(error instanceof ConnectionResolutionError)) throw error;
          // The step is rolled back and the event that caused it retried: the request is never misrouted.
          if (error.retryable)
            throw new DependencyUnavailableError(
              `cannot tell the execution environment of connection '${connectionName}': ${error.message}`,
              [],
              { cause: error },
            );
          // The store refused the question itself: the default runtime reports what is wrong.
          return event;
        }
        if (destination === event.topic) return event;
        await this.ensureTopic(destination);
        return { ...event, destination };
      }),
    );
  }

  private async ensureTopic(topic: string): Promise<void> {
    if (this.knownTopics.has(topic)) return;
    try {
      await ensureTopics(this.kafka, [topic], this.config.KAFKA_TOPIC_PARTITIONS);
    } catch (error) {
      throw new DependencyUnavailableError(`could not create Kafka topic ${topic}`, [], { cause: error });
    }
    this.knownTopics.add(topic);
  }
}
