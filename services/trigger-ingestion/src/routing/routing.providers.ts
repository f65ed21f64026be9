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
import { TRIGGER_INGESTION_CONFIG, type TriggerIngestionConfig } from '../config/trigger-ingestion.config.js';
import { CONNECTION_ROUTING, KAFKA, LOGGER } from '../tokens.js';
import { RequestTopicRouter } from './request-topic.router.js';

/**
 * Every replica hears every `connection.changed` and forgets where that connection runs, so the next poll or
 * subscription request of a re-pinned connection goes to its new environment at once, not at the end of the
 * cache TTL.
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
      groupPrefix: 'trigger-ingestion-connection-changes',
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

/** Providers of the routing of poll and subscription requests to execution environments. */
export const ROUTING_PROVIDERS: Provider[] = [
  {
    provide: CONNECTION_ROUTING,
    inject: [TRIGGER_INGESTION_CONFIG],
    useFactory: (config: TriggerIngestionConfig): ConnectionRoutingClient | null =>
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
