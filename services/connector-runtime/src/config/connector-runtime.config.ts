import { z } from 'zod';
import {
  DEFAULT_EXECUTION_ENVIRONMENT,
  EXECUTION_ENVIRONMENT_EXPECTED,
  EXECUTION_ENVIRONMENT_PATTERN,
} from '@patchbay/contracts';
import { commonEnvSchema, env, kafkaSecurityOf, type KafkaSecurity } from '@patchbay/platform';
import { egressEnvShape, egressRulesOf, type EgressRule } from '@patchbay/egress';

/** `host:port`, `[ipv6]:port` or a gRPC target such as `dns:///store.internal:9090`. */
const GRPC_TARGET = /^(dns:\/\/\/|ipv4:|ipv6:)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/** Environment variables connector-runtime reads, validated once at boot. */
export const connectorRuntimeEnvSchema = commonEnvSchema.extend({
  PATCHBAY_HTTP_PORT: env.port(8082),
  CONNECTION_STORE_GRPC_URL: z
    .string()
    .regex(GRPC_TARGET, 'expected host:port of connection-store gRPC, e.g. 127.0.0.1:9090')
    .default('127.0.0.1:9090'),
  /** Upper bound of one Http action attempt; the event's own deadline may cut it shorter. */
  PATCHBAY_HTTP_ACTION_TIMEOUT_MS: env.durationMs(100_000),
  /** Largest response body an Http action keeps; it travels in action.completed, which Kafka caps near 1 MiB. */
  PATCHBAY_HTTP_MAX_RESPONSE_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(64 * 1024 * 1024)
    .default(768 * 1024),
  /** Upper bound of one ResolveConnection call. */
  CONNECTION_STORE_TIMEOUT_MS: env.durationMs(5_000),
  /** Upper bound of one attempt of a built-in connector other than Http. */
  PATCHBAY_CONNECTOR_TIMEOUT_MS: env.durationMs(120_000),
  /** Custom connector definitions live in the `connector_runtime` schema of this database. */
  DATABASE_URL: env.postgresUrl(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(5),
  /** How often a replica checks whether another one changed the custom connector catalogue. */
  PATCHBAY_CONNECTOR_CATALOG_POLL_MS: env.durationMs(5_000),
  /** How long an attempt may wait for its connection's concurrency or rate budget before failing retryable. */
  PATCHBAY_CONNECTION_BUDGET_MAX_WAIT_MS: env.durationMs(10_000),
  /** Largest custom connector definition (request body, or document fetched from a URL). */
  PATCHBAY_CONNECTOR_DEFINITION_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1_024)
    .max(64 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /**
   * The execution environment this replica serves: it consumes that environment's request topics only, and
   * refuses a request whose connection is pinned to another environment.
   */
  PATCHBAY_EXECUTION_ENVIRONMENT: z
    .string()
    .regex(EXECUTION_ENVIRONMENT_PATTERN, `expected ${EXECUTION_ENVIRONMENT_EXPECTED}`)
    .default(DEFAULT_EXECUTION_ENVIRONMENT),
  ...egressEnvShape,
});

/** The typed settings the modules receive (nothing else reads `process.env`). */
export interface ConnectorRuntimeConfig {
  logLevel: string;
  httpPort: number;
  kafka: {
    brokers: string[];
    clientId: string;
    topicPartitions: number;
    groupId: string;
    /** Partitions one replica works on at once (KAFKA_CONSUMER_CONCURRENCY; the transport's default when absent). */
    consumerConcurrency?: number;
    /** TLS and SASL (KAFKA_SSL, KAFKA_SASL_*); plaintext when absent. */
    security?: KafkaSecurity;
  };
  connectionStore: { grpcUrl: string; timeoutMs: number };
  http: { actionTimeoutMs: number; maxResponseBytes: number };
  /** Default bound of one attempt for connectors that declare no `timeoutMs`. */
  connectorTimeoutMs: number;
  /** Configured egress rules (the defaults deny loopback, link-local and private ranges). */
  egress: { rules: EgressRule[] };
  database: { url: string; poolSize: number };
  /** Custom connectors: catalogue poll interval, largest definition. */
  customConnectors: { pollIntervalMs: number; maxDefinitionBytes: number };
  /** Per-connection budgets (connection parameters concurrencyLimit, rateLimitPerMinute). */
  budget: { maxWaitMs: number };
  /** Execution environment this replica serves (PATCHBAY_EXECUTION_ENVIRONMENT, `default` when unset). */
  executionEnvironment: string;
}

export const CONNECTOR_RUNTIME_CONFIG = Symbol('CONNECTOR_RUNTIME_CONFIG');

/** Consumer group of every connector-runtime replica: each action request is executed by one of them. */
export const CONSUMER_GROUP = 'connector-runtime';

/** The replicas of one execution environment share a group of their own (the default one keeps the old name). */
export function consumerGroupOf(environment: string): string {
  return environment === DEFAULT_EXECUTION_ENVIRONMENT
    ? CONSUMER_GROUP
    : `${CONSUMER_GROUP}.env.${environment}`;
}

export function toConnectorRuntimeConfig(
  values: z.infer<typeof connectorRuntimeEnvSchema>,
): ConnectorRuntimeConfig {
  return {
    logLevel: values.LOG_LEVEL,
    httpPort: values.PATCHBAY_HTTP_PORT,
    kafka: {
      brokers: values.KAFKA_BROKERS,
      clientId: values.KAFKA_CLIENT_ID ?? 'connector-runtime',
      topicPartitions: values.KAFKA_TOPIC_PARTITIONS,
      groupId: consumerGroupOf(values.PATCHBAY_EXECUTION_ENVIRONMENT),
      consumerConcurrency: values.KAFKA_CONSUMER_CONCURRENCY,
      security: kafkaSecurityOf(values),
    },
    connectionStore: {
      grpcUrl: values.CONNECTION_STORE_GRPC_URL,
      timeoutMs: values.CONNECTION_STORE_TIMEOUT_MS,
    },
    http: {
      actionTimeoutMs: values.PATCHBAY_HTTP_ACTION_TIMEOUT_MS,
      maxResponseBytes: values.PATCHBAY_HTTP_MAX_RESPONSE_BYTES,
    },
    connectorTimeoutMs: values.PATCHBAY_CONNECTOR_TIMEOUT_MS,
    egress: { rules: egressRulesOf(values) },
    database: { url: values.DATABASE_URL, poolSize: values.DATABASE_POOL_SIZE },
    customConnectors: {
      pollIntervalMs: values.PATCHBAY_CONNECTOR_CATALOG_POLL_MS,
      maxDefinitionBytes: values.PATCHBAY_CONNECTOR_DEFINITION_MAX_BYTES,
    },
    budget: { maxWaitMs: values.PATCHBAY_CONNECTION_BUDGET_MAX_WAIT_MS },
    executionEnvironment: values.PATCHBAY_EXECUTION_ENVIRONMENT,
  };
}
