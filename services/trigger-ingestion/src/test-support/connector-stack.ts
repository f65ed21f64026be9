import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { pino } from 'pino';
import { Topics } from '@patchbay/contracts';
import { startConnectionStore } from '@patchbay/connection-store';
import {
  CONNECTOR_RUNTIME_TOPICS,
  connectorRuntimeEnvSchema,
  startConnectorRuntime,
  toConnectorRuntimeConfig,
} from '@patchbay/connector-runtime';
import { createKafkaClient, ensureTopics } from '@patchbay/platform';
import { freePort, startGroupAtEnd, uniqueName, type Infrastructure } from '@patchbay/testkit';

function urlOf(app: NestFastifyApplication): string {
  return `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
}

/** A real connection-store and connector-runtime in this process: where polls run and connections resolve. */
export interface ConnectorStack {
  storeUrl: string;
  runtimeUrl: string;
  grpcUrl: string;
  close(): Promise<void>;
}

/** A real connection-store in this process (Postgres, Vault): connections and their gRPC resolution. */
export interface ConnectionStoreHandle {
  storeUrl: string;
  grpcUrl: string;
  close(): Promise<void>;
}

export async function startConnectionStoreFor(infra: Infrastructure): Promise<ConnectionStoreHandle> {
  const grpcPort = await freePort();
  const store = await startConnectionStore(
    {
      logLevel: 'warn',
      httpPort: 0,
      grpcPort,
      databaseUrl: infra.databaseUrl,
      vault: { address: infra.vaultAddr, token: infra.vaultToken, requestTimeoutMs: 2_000 },
      cacheTtlSeconds: 30,
    },
    pino({ level: 'silent' }),
  );
  return { storeUrl: urlOf(store), grpcUrl: `127.0.0.1:${grpcPort}`, close: () => store.close() };
}

export async function startConnectorStack(infra: Infrastructure): Promise<ConnectorStack> {
  const store = await startConnectionStoreFor(infra);
  // A consumer group of its own, placed at the end of the request topics: earlier tests' requests stay put.
  const groupId = uniqueName('ti-connector-runtime');
  const kafka = createKafkaClient({
    clientId: groupId,
    brokers: [...infra.kafkaBrokers],
    logger: pino({ level: 'silent' }),
  });
  await ensureTopics(kafka, CONNECTOR_RUNTIME_TOPICS, 3);
  await startGroupAtEnd(infra.kafkaBrokers, groupId, [
    Topics.actionRequested,
    Topics.triggerPollRequested,
    Topics.triggerSubscriptionRequested,
  ]);
  const config = toConnectorRuntimeConfig(
    connectorRuntimeEnvSchema.parse({
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      KAFKA_CLIENT_ID: groupId,
      KAFKA_TOPIC_PARTITIONS: '3',
      DATABASE_URL: infra.databaseUrl,
      DATABASE_POOL_SIZE: '2',
      CONNECTION_STORE_GRPC_URL: store.grpcUrl,
      PATCHBAY_HTTP_PORT: '0',
      PATCHBAY_CONNECTOR_TIMEOUT_MS: '10000',
      PATCHBAY_CONNECTOR_CATALOG_POLL_MS: '1000',
      // The test's sources listen on loopback, which egress denies unless allowed.
      PATCHBAY_EGRESS_ALLOW: '127.0.0.0/8,::1/128',
      LOG_LEVEL: 'warn',
    }),
  );
  const runtime = await startConnectorRuntime(
    { ...config, kafka: { ...config.kafka, groupId } },
    pino({ level: 'warn' }),
  );
  return {
    storeUrl: store.storeUrl,
    runtimeUrl: urlOf(runtime),
    grpcUrl: store.grpcUrl,
    close: async () => {
      await runtime.close();
      await store.close();
    },
  };
}

/** POSTs JSON and fails with the answer when the status is not the one expected. */
export async function postJson(url: string, body: unknown, expected = 201): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== expected) throw new Error(`POST ${url}: ${response.status} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/** A connection (no credentials) to a connector, linked to the workflow. */
export async function linkedConnection(
  stack: Pick<ConnectorStack, 'storeUrl'>,
  name: string,
  connectorId: string,
  workflowId: string,
  parameters: Record<string, unknown> = {},
  secrets?: Record<string, string>,
): Promise<void> {
  await postJson(`${stack.storeUrl}/api/connections`, {
    name,
    connectorId,
    authType: secrets === undefined ? 'none' : 'basic',
    parameters,
    ...(secrets === undefined ? {} : { secrets }),
  });
  await postJson(`${stack.storeUrl}/api/connections/${name}/links`, { workflowId });
}
