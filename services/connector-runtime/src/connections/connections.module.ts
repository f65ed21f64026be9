import {
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Topics } from '@patchbay/contracts';
import { BroadcastSubscriber, ReadinessRegistry } from '@patchbay/platform';
import { KAFKA } from '../messaging/kafka.tokens.js';
import { LOGGER } from '../config/logger.token.js';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { ConnectionResolverClient } from '@patchbay/connection-client';

/** Registers `connection-store` with the readiness checks (the gRPC channel connects) and closes it at shutdown. */
@Injectable()
class ConnectionStoreLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    private readonly resolver: ConnectionResolverClient,
    private readonly readiness: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.readiness.register('connection-store', () => this.resolver.waitForReady(1_500));
  }

  onApplicationShutdown(): void {
    this.resolver.close();
  }
}

/**
 * Every replica hears every `connection.changed` and drops what it cached of that connection, so a rotated
 * secret, a revoked token, an unlinked workflow or a deleted connection takes effect at once, not at the end
 * of the cache TTL.
 */
@Injectable()
class ConnectionChangesListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly subscriber: BroadcastSubscriber<typeof Topics.connectionChanged>;

  constructor(
    resolver: ConnectionResolverClient,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.subscriber = new BroadcastSubscriber({
      kafka,
      logger,
      topic: Topics.connectionChanged,
      groupPrefix: 'connector-runtime-connection-changes',
      fromBeginning: false,
      onEvent: (change) => {
        const dropped = resolver.forgetConnection(change.namespace, change.name);
        if (dropped > 0)
          logger.info(
            { connectionId: change.connectionId, dropped },
            'dropped cached resolutions of a changed connection',
          );
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.subscriber.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber.stop();
  }
}

/** Access to connection-store (ResolveConnection over gRPC, with its cache). */
@Module({
  providers: [
    {
      provide: ConnectionResolverClient,
      inject: [CONNECTOR_RUNTIME_CONFIG],
      useFactory: (config: ConnectorRuntimeConfig) =>
        new ConnectionResolverClient({
          target: config.connectionStore.grpcUrl,
          timeoutMs: config.connectionStore.timeoutMs,
        }),
    },
    ConnectionStoreLifecycle,
    ConnectionChangesListener,
  ],
  exports: [ConnectionResolverClient],
})
export class ConnectionsModule {}
