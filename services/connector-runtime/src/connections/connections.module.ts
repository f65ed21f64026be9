import { Injectable, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ReadinessRegistry } from '@patchbay/platform';
import { CONNECTOR_RUNTIME_CONFIG, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { ConnectionResolverClient } from './connection-resolver.client.js';

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
  ],
  exports: [ConnectionResolverClient],
})
export class ConnectionsModule {}
