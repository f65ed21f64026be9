import type { InjectionToken, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Topics } from '@patchbay/contracts';
import { BroadcastSubscriber } from '@patchbay/platform';
import { ConnectionRoutingClient } from './connection-routing.client.js';
import { EnvironmentTopicRouter } from './environment-topic.router.js';

/** Nest token of the service's `ConnectionRoutingClient`, `null` when connection-store is not configured. */
export const CONNECTION_ROUTING = Symbol('CONNECTION_ROUTING');

/** What the routing needs from a service's configuration. */
export interface ConnectionRoutingSettings {
  /** connection-store gRPC target (CONNECTION_STORE_GRPC_URL); unset: every request stays on the default topic. */
  grpcUrl: string | undefined;
  /** Upper bound of one GetConnectionRouting call. */
  timeoutMs: number;
  /** Partitions of an environment topic this process creates. */
  topicPartitions: number;
}

export interface ConnectionRoutingProvidersOptions<C> {
  /** Tokens of the service's configuration, Kafka client and logger. */
  configToken: InjectionToken;
  kafkaToken: InjectionToken;
  loggerToken: InjectionToken;
  settings: (config: C) => ConnectionRoutingSettings;
  /** Prefix of the consumer groups that hear `connection.changed` (one group per replica). */
  groupPrefix: string;
}

/**
 * Every replica hears every `connection.changed` and forgets where that connection runs, so a re-pinned
 * connection's next request goes to its new environment at once, not at the end of the cache TTL.
 */
class ConnectionRoutingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscriber?: BroadcastSubscriber<typeof Topics.connectionChanged>;

  constructor(
    private readonly routing: ConnectionRoutingClient | null,
    kafka: Kafka,
    logger: Logger,
    groupPrefix: string,
  ) {
    if (routing === null) return;
    this.subscriber = new BroadcastSubscriber({
      kafka,
      logger,
      topic: Topics.connectionChanged,
      groupPrefix,
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

/**
 * Nest providers of the routing of connector requests to execution environments: the routing client
 * (`CONNECTION_ROUTING`), its `connection.changed` listener and the `EnvironmentTopicRouter`.
 */
export function connectionRoutingProviders<C>(options: ConnectionRoutingProvidersOptions<C>): Provider[] {
  return [
    {
      provide: CONNECTION_ROUTING,
      inject: [options.configToken],
      useFactory: (config: C): ConnectionRoutingClient | null => {
        const { grpcUrl, timeoutMs } = options.settings(config);
        return grpcUrl === undefined ? null : new ConnectionRoutingClient({ target: grpcUrl, timeoutMs });
      },
    },
    {
      provide: ConnectionRoutingLifecycle,
      inject: [CONNECTION_ROUTING, options.kafkaToken, options.loggerToken],
      useFactory: (routing: ConnectionRoutingClient | null, kafka: Kafka, logger: Logger) =>
        new ConnectionRoutingLifecycle(routing, kafka, logger, options.groupPrefix),
    },
    {
      provide: EnvironmentTopicRouter,
      inject: [CONNECTION_ROUTING, options.kafkaToken, options.configToken],
      useFactory: (routing: ConnectionRoutingClient | null, kafka: Kafka, config: C) =>
        new EnvironmentTopicRouter(routing, kafka, options.settings(config).topicPartitions),
    },
  ];
}
