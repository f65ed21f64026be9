import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Topics } from '@patchbay/contracts';
import { ConnectionRoutingClient } from '@patchbay/connection-client';
import { BroadcastSubscriber } from '@patchbay/platform';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../config/orchestrator.config.js';
import { CONNECTION_ROUTING, KAFKA, LOGGER } from '../tokens.js';
import { RequestTopicRouter } from './request-topic.router.js';

/**
 * Every replica hears every `connection.changed` and forgets where that connection runs, so a re-pinned
 * connection's next request goes to its new environment at once, not at the end of the cache TTL.
 */
@Injectable()
class ConnectionRoutingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscriber?: BroadcastSubscriber<typeof Topics.connectionChanged>;

  constructor(
    @Inject(CONNECTION_ROUTING) private readonly routing: ConnectionRoutingClient | null,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
  ) {
    if (routing === null) return;
    this.subscriber = new BroadcastSubscriber({
      kafka,
      logger,
      topic: Topics.connectionChanged,
      groupPrefix: 'orchestrator-connection-changes',
      fromBeginning: false,
      onEvent: (change) => {
        if (routing.forgetConnection(change.namespace, change.name))
          logger.info(
            { connectionId: change.connectionId },
            'forgot the environment of a changed connection',
          );
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.subscriber?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber?.stop();
    this.routing?.close();
  }
}

/** Providers of the routing of connector requests to execution environments (RequestTopicRouter). */
export const ROUTING_PROVIDERS: Provider[] = [
  {
    provide: CONNECTION_ROUTING,
    inject: [ORCHESTRATOR_CONFIG],
    useFactory: (config: OrchestratorConfig): ConnectionRoutingClient | null =>
      config.CONNECTION_STORE_GRPC_URL === undefined
        ? null
        : new ConnectionRoutingClient({
            target: config.CONNECTION_STORE_GRPC_URL,
            timeoutMs: config.CONNECTION_STORE_TIMEOUT_MS,
          }),
  },
  ConnectionRoutingLifecycle,
  RequestTopicRouter,
];
