import { Module } from '@nestjs/common';
import { Transport } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { CONNECTION_STORE_PACKAGE, CONNECTION_STORE_PROTO } from '@patchbay/contracts';
import { bootstrapService } from '@patchbay/platform';
import { AppModule } from './app.module.js';
import type { ConnectionStoreConfig } from './config/connection-store.config.js';

/**
 * Starts connection-store: the REST admin API, health and metrics over HTTP, and the ConnectionStore gRPC
 * service in the same process. Used by main.ts and by tests that need a real connection-store.
 */
export async function startConnectionStore(
  config: ConnectionStoreConfig,
  logger: Logger,
): Promise<NestFastifyApplication> {
  @Module({ imports: [AppModule.forRoot(config, logger)] })
  class ConnectionStoreRoot {}

  return bootstrapService({
    module: ConnectionStoreRoot,
    logger,
    httpPort: config.httpPort,
    microservices: () => [
      {
        transport: Transport.GRPC,
        options: {
          package: CONNECTION_STORE_PACKAGE,
          protoPath: CONNECTION_STORE_PROTO,
          url: `0.0.0.0:${config.grpcPort}`,
          loader: { keepCase: false, longs: String, enums: String, defaults: true },
        },
      },
    ],
  });
}
