import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { ENVIRONMENT_ROUTED_TOPICS } from '@patchbay/contracts';
import { createKafkaClient, ensureTopics, EventPublisher } from '@patchbay/platform';
import { startGroupAtEnd, uniqueName, type Infrastructure } from '@patchbay/testkit';
import { CONSUMER_GROUP, type ConnectorRuntimeConfig } from '../config/connector-runtime.config.js';
import { CONNECTOR_RUNTIME_TOPICS } from '../connector-runtime.app.js';
import type { EgressRule } from '@patchbay/egress';
import { LOOPBACK_ALLOWED } from './operation-harness.js';

export { freePort } from '@patchbay/testkit';

export function portOf(app: NestFastifyApplication): number {
  return (app.getHttpServer().address() as AddressInfo).port;
}

/**
 * A consumer group of its own, positioned at the end of the default environment's request topics (action,
 * poll and subscription requests of earlier tests are not replayed), the topics, and a publisher for the
 * test's requests.
 */
export async function prepareKafka(
  infra: Infrastructure,
): Promise<{ groupId: string; publisher: EventPublisher }> {
  const groupId = `${CONSUMER_GROUP}-${uniqueName('int')}`;
  const kafka = createKafkaClient({
    clientId: 'connector-runtime-int-spec',
    brokers: [...infra.kafkaBrokers],
    logger: pino({ level: 'silent' }),
  });
  await ensureTopics(kafka, CONNECTOR_RUNTIME_TOPICS, 3);
  await startGroupAtEnd(infra.kafkaBrokers, groupId, ENVIRONMENT_ROUTED_TOPICS);
  return { groupId, publisher: new EventPublisher(kafka, '/patchbay/int-spec') };
}

/** The CloudEvents source of a runtime started with `testRuntimeConfig` (its client id is the group id). */
export function sourceOf(groupId: string): string {
  return `/patchbay/connector-runtime/${groupId}`;
}

/** connector-runtime settings for an in-process instance against the test infrastructure. */
export function testRuntimeConfig(
  infra: Infrastructure,
  options: {
    groupId: string;
    grpcPort: number;
    egress?: EgressRule[];
    pollIntervalMs?: number;
    executionEnvironment?: string;
  },
): ConnectorRuntimeConfig {
  return {
    logLevel: 'debug',
    httpPort: 0,
    kafka: {
      brokers: [...infra.kafkaBrokers],
      clientId: options.groupId,
      topicPartitions: 3,
      groupId: options.groupId,
    },
    connectionStore: { grpcUrl: `127.0.0.1:${options.grpcPort}`, timeoutMs: 5_000 },
    http: { actionTimeoutMs: 10_000, maxResponseBytes: 256 * 1024 },
    connectorTimeoutMs: 10_000,
    egress: { rules: options.egress ?? LOOPBACK_ALLOWED },
    database: { url: infra.databaseUrl, poolSize: 2 },
    customConnectors: { pollIntervalMs: options.pollIntervalMs ?? 1_000, maxDefinitionBytes: 1024 * 1024 },
    budget: { maxWaitMs: 10_000 },
    executionEnvironment: options.executionEnvironment ?? 'default',
  };
}
