import { z } from 'zod';
import {
  env,
  kafkaSecurityEnvShape,
  kafkaSecurityOf,
  refineKafkaSecurity,
  type KafkaSecurity,
} from '@patchbay/platform';
import { FAULT_POINTS, type FaultPoint } from '../fault-injection/fault-injector.js';
import type { ConnectorCatalogSettings } from '../catalog/connector-catalog.client.js';
import type { VaultAuthConfig } from '../vault/vault-auth.js';

/** Environment variables connection-store reads, validated once at boot. */
export const connectionStoreEnvSchema = z
  .object({
    LOG_LEVEL: env.logLevel(),
    PATCHBAY_HTTP_PORT: env.port(8083),
    PATCHBAY_GRPC_PORT: env.port(9090),
    DATABASE_URL: env.postgresUrl(),
    VAULT_ADDR: env.url(),
    /** `token` (local), `kubernetes` or `approle` (production). */
    VAULT_AUTH_METHOD: z.enum(['token', 'kubernetes', 'approle']).default('token'),
    /** For VAULT_AUTH_METHOD=token. */
    VAULT_TOKEN: z.string().min(1, 'expected a Vault token').optional(),
    /** For VAULT_AUTH_METHOD=kubernetes: the Vault role bound to the service account. */
    VAULT_K8S_ROLE: z.string().min(1).optional(),
    VAULT_K8S_MOUNT: z.string().min(1).default('kubernetes'),
    VAULT_K8S_TOKEN_PATH: z.string().min(1).default('/var/run/secrets/kubernetes.io/serviceaccount/token'),
    /** For VAULT_AUTH_METHOD=approle. */
    VAULT_APPROLE_ROLE_ID: z.string().min(1).optional(),
    VAULT_APPROLE_SECRET_ID: z.string().min(1).optional(),
    VAULT_APPROLE_MOUNT: z.string().min(1).default('approle'),
    /** Mount of Vault's database secrets engine, for workload-identity connections (`<mount>/creds/<role>`). */
    VAULT_DATABASE_MOUNT: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_./-]{0,99}$/, { error: 'expected a Vault mount path such as database' })
      .default('database'),
    /**
     * connector-runtime's REST base: its catalogue decides which parameters a connection of a connector takes.
     * `off` (tests of connection-store alone, never a deployment): checked by auth type only, no connection test.
     */
    PATCHBAY_CONNECTOR_CATALOG_URL: z.union([z.literal('off'), env.url()]).default('http://127.0.0.1:8082'),
    /** Upper bound of one Vault call: when Vault is down, ResolveConnection fails with UNAVAILABLE this fast. */
    VAULT_REQUEST_TIMEOUT_MS: env.durationMs(2_000),
    /** Seconds connector-runtime may cache a resolved connection (ResolvedConnection.cache_ttl_seconds). */
    CONNECTION_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3_600).default(60),
    /** Kafka, for `connection.changed` events (outbox relay). Unset: events wait in the outbox. */
    KAFKA_BROKERS: env.csv().optional(),
    KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1024).default(6),
    /** TLS and SASL towards Kafka, as for the other services (KAFKA_SSL, KAFKA_SSL_CA_FILE, KAFKA_SASL_*). */
    ...kafkaSecurityEnvShape,
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
  })
  .superRefine((values, ctx) => {
    refineKafkaSecurity(values, ctx);
    const needs: Record<string, readonly (keyof typeof values)[]> = {
      token: ['VAULT_TOKEN'],
      kubernetes: ['VAULT_K8S_ROLE'],
      approle: ['VAULT_APPROLE_ROLE_ID', 'VAULT_APPROLE_SECRET_ID'],
    };
    for (const name of needs[values.VAULT_AUTH_METHOD] ?? []) {
      if (values[name] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `is required when VAULT_AUTH_METHOD=${values.VAULT_AUTH_METHOD}`,
        });
      }
    }
  });

/** The typed settings the modules receive (nothing else reads `process.env`). */
export interface ConnectionStoreConfig {
  logLevel: string;
  httpPort: number;
  grpcPort: number;
  databaseUrl: string;
  /** `token` is used when `auth` is absent (token auth); `auth` selects Kubernetes or AppRole login. */
  vault: {
    address: string;
    token: string;
    requestTimeoutMs: number;
    auth?: VaultAuthConfig;
    /** Database secrets engine mount for workload-identity connections; default `database`. */
    databaseMount?: string;
  };
  /**
   * connector-runtime's catalogue. Absent (in-process tests of other services only): connections are checked
   * by auth type alone and cannot be tested.
   */
  connectorCatalog?: ConnectorCatalogSettings;
  cacheTtlSeconds: number;
  /** Unset: no Kafka, events wait in the outbox. */
  kafkaBrokers?: string[];
  kafkaTopicPartitions?: number;
  /** TLS and SASL towards Kafka; plaintext when absent. */
  kafkaSecurity?: KafkaSecurity;
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

/** A catalogue read slower than this fails the create/update with 503. */
const CATALOG_TIMEOUT_MS = 5_000;
/** Connector declarations change only when a custom connector version is imported or deleted. */
const CATALOG_CACHE_TTL_MS = 30_000;

export const CONNECTION_STORE_CONFIG = Symbol('CONNECTION_STORE_CONFIG');

function vaultAuthOf(values: z.infer<typeof connectionStoreEnvSchema>): VaultAuthConfig {
  switch (values.VAULT_AUTH_METHOD) {
    case 'kubernetes':
      return {
        method: 'kubernetes',
        role: values.VAULT_K8S_ROLE ?? '',
        mount: values.VAULT_K8S_MOUNT,
        tokenPath: values.VAULT_K8S_TOKEN_PATH,
      };
    case 'approle':
      return {
        method: 'approle',
        roleId: values.VAULT_APPROLE_ROLE_ID ?? '',
        secretId: values.VAULT_APPROLE_SECRET_ID ?? '',
        mount: values.VAULT_APPROLE_MOUNT,
      };
    default:
      return { method: 'token', token: values.VAULT_TOKEN ?? '' };
  }
}

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
      token: values.VAULT_TOKEN ?? '',
      requestTimeoutMs: values.VAULT_REQUEST_TIMEOUT_MS,
      auth: vaultAuthOf(values),
      databaseMount: values.VAULT_DATABASE_MOUNT,
    },
    ...(values.PATCHBAY_CONNECTOR_CATALOG_URL === 'off'
      ? {}
      : {
          connectorCatalog: {
            url: values.PATCHBAY_CONNECTOR_CATALOG_URL,
            timeoutMs: CATALOG_TIMEOUT_MS,
            cacheTtlMs: CATALOG_CACHE_TTL_MS,
          },
        }),
    cacheTtlSeconds: values.CONNECTION_CACHE_TTL_SECONDS,
    ...(values.KAFKA_BROKERS === undefined ? {} : { kafkaBrokers: values.KAFKA_BROKERS }),
    kafkaTopicPartitions: values.KAFKA_TOPIC_PARTITIONS,
    kafkaSecurity: kafkaSecurityOf(values),
    oauth: {
      redirectUrl: values.PATCHBAY_OAUTH_REDIRECT_URL,
      refreshAheadSeconds: values.OAUTH_REFRESH_AHEAD_SECONDS,
      refreshIntervalMs: values.OAUTH_REFRESH_INTERVAL_MS,
      allowHttp: values.PATCHBAY_OAUTH_ALLOW_HTTP,
    },
    ...(values.PATCHBAY_FAULT_INJECTION === undefined ? {} : { faultPoint: values.PATCHBAY_FAULT_INJECTION }),
  };
}
