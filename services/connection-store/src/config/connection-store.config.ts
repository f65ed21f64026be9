import { z } from 'zod';
import { env } from '@patchbay/platform';
import { FAULT_POINTS, type FaultPoint } from '../fault-injection/fault-injector.js';

/** Environment variables connection-store reads, validated once at boot. */
export const connectionStoreEnvSchema = z.object({
  LOG_LEVEL: env.logLevel(),
  PATCHBAY_HTTP_PORT: env.port(8083),
  PATCHBAY_GRPC_PORT: env.port(9090),
  DATABASE_URL: env.postgresUrl(),
  VAULT_ADDR: env.url(),
  VAULT_TOKEN: z.string().min(1, 'expected a Vault token'),
  /** Upper bound of one Vault call: when Vault is down, ResolveConnection fails with UNAVAILABLE this fast. */
  VAULT_REQUEST_TIMEOUT_MS: env.durationMs(2_000),
  /** Seconds connector-runtime may cache a resolved connection (ResolvedConnection.cache_ttl_seconds). */
  CONNECTION_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
  /** Kafka, for `connection.changed` events (outbox relay). Unset: events wait in the outbox. */
  KAFKA_BROKERS: env.csv().optional(),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(6),
  /** Where OAuth providers send the user back after consent: this service's `/api/oauth/callback`. */
  PATCHBAY_OAUTH_REDIRECT_URL: env.url().default('http://127.0.0.1:8083/api/oauth/callback'),
  /** Access tokens expiring within this many seconds are renewed (by the refresher or the next resolve). */
  OAUTH_REFRESH_AHEAD_SECONDS: z.coerce.number().int().min(0).max(86_400).default(300),
  /** How often the background refresher looks for tokens about to expire. */
  OAUTH_REFRESH_INTERVAL_MS: env.durationMs(30_000),
  /** Allow OAuth endpoints over plain http (local providers and tests only). */
  PATCHBAY_OAUTH_ALLOW_HTTP: env.bool(false),
  /** Tests only: kill the process at this point of a two-store write (crash-consistency tests). */
  PATCHBAY_FAULT_INJECTION: z.enum(FAULT_POINTS).optional(),
});

/** The typed settings the modules receive (nothing else reads `process.env`). */
export interface ConnectionStoreConfig {
  logLevel: string;
  httpPort: number;
  grpcPort: number;
  databaseUrl: string;
  vault: { address: string; token: string; requestTimeoutMs: number };
  cacheTtlSeconds: number;
  /** Unset: no Kafka, events wait in the outbox. */
  kafkaBrokers?: string[];
  kafkaTopicPartitions?: number;
  /** OAuth2 settings; defaults from `DEFAULT_OAUTH_SETTINGS`. */
  oauth?: Partial<OAuthSettings>;
  /** Tests only (PATCHBAY_FAULT_INJECTION). */
  faultPoint?: FaultPoint;
}

export interface OAuthSettings {
  redirectUrl: string;
  refreshAheadSeconds: number;
  refreshIntervalMs: number;
  allowHttp: boolean;
}

export const DEFAULT_OAUTH_SETTINGS: OAuthSettings = {
  redirectUrl: 'http://127.0.0.1:8083/api/oauth/callback',
  refreshAheadSeconds: 300,
  refreshIntervalMs: 30_000,
  allowHttp: false,
};

/** The OAuth settings with defaults filled in. */
export function oauthSettings(config: ConnectionStoreConfig): OAuthSettings {
  return { ...DEFAULT_OAUTH_SETTINGS, ...config.oauth };
}

export const CONNECTION_STORE_CONFIG = Symbol('CONNECTION_STORE_CONFIG');

export function toConnectionStoreConfig(
  values: z.infer<typeof connectionStoreEnvSchema>,
): ConnectionStoreConfig {
  return {
    logLevel: values.LOG_LEVEL,
    httpPort: values.PATCHBAY_HTTP_PORT,
    grpcPort: values.PATCHBAY_GRPC_PORT,
    databaseUrl: values.DATABASE_URL,
    vault: {
      address: values.VAULT_ADDR,
      token: values.VAULT_TOKEN,
      requestTimeoutMs: values.VAULT_REQUEST_TIMEOUT_MS,
    },
    cacheTtlSeconds: values.CONNECTION_CACHE_TTL_SECONDS,
    ...(values.KAFKA_BROKERS === undefined ? {} : { kafkaBrokers: values.KAFKA_BROKERS }),
    kafkaTopicPartitions: values.KAFKA_TOPIC_PARTITIONS,
    oauth: {
      redirectUrl: values.PATCHBAY_OAUTH_REDIRECT_URL,
      refreshAheadSeconds: values.OAUTH_REFRESH_AHEAD_SECONDS,
      refreshIntervalMs: values.OAUTH_REFRESH_INTERVAL_MS,
      allowHttp: values.PATCHBAY_OAUTH_ALLOW_HTTP,
    },
    ...(values.PATCHBAY_FAULT_INJECTION === undefined ? {} : { faultPoint: values.PATCHBAY_FAULT_INJECTION }),
  };
}
