import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { DynamicModule, Type } from '@nestjs/common';
import type { Logger } from 'pino';
import { NestPinoLogger } from '../logging/nest-logger.adapter.js';
import { PlatformErrorFilter } from '../http/platform-error.filter.js';

export interface ServiceBootstrapOptions {
  /** The root module of the service. */
  module: Type<unknown> | DynamicModule;
  logger: Logger;
  httpPort: number;
  /** Largest accepted request body, in bytes. Larger bodies get 413. */
  bodyLimitBytes?: number;
  /** Microservice transports (our Kafka transport, gRPC) attached to the same process. */
  microservices?: (app: NestFastifyApplication) => MicroserviceOptions[];
  /**
   * Trust `X-Forwarded-For` from these proxies (addresses or CIDR ranges) for `request.ip`. Default: none, so
   * the peer address is the caller; a service behind an ingress lists the ingress.
   */
  trustedProxies?: readonly string[];
  /** Runs after the app is created and before it listens (extra routes, content-type parsers). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/**
 * Starts one Patchbay service: a Fastify HTTP server (admin REST API, health, metrics), the microservice
 * transports, and graceful shutdown on SIGTERM/SIGINT. Returns the app so tests can close it.
 */
export async function bootstrapService(options: ServiceBootstrapOptions): Promise<NestFastifyApplication> {
  const trusted = options.trustedProxies ?? [];
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
    trustProxy: trusted.length === 0 ? false : [...trusted],
  });
  const app = await NestFactory.create<NestFastifyApplication>(options.module, adapter, {
    logger: new NestPinoLogger(options.logger),
    bufferLogs: false,
    // Let a failing module (database unreachable, migration error) reject here instead of Nest calling
    // process.exit itself: the caller prints one clear line (exitOnBootFailure), tests see the error.
    abortOnError: false,
  });
  app.useGlobalFilters(new PlatformErrorFilter(options.logger));
  app.enableShutdownHooks();
  await options.configure?.(app);
  for (const microservice of options.microservices?.(app) ?? []) {
    app.connectMicroservice<MicroserviceOptions>(microservice, { inheritAppConfig: true });
  }
  await app.startAllMicroservices();
  await app.listen(options.httpPort, '0.0.0.0');
  options.logger.info({ port: options.httpPort }, 'service listening');
  return app;
}

/** Logs a boot failure (e.g. invalid configuration) in one readable line and exits non-zero. */
export function exitOnBootFailure(service: string) {
  return (error: unknown): never => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${service} failed to start: ${message}\n`);
    process.exit(1);
  };
}
