import { z } from 'zod';
import { env } from '@patchbay/platform';

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
});

/** The typed settings the modules receive (nothing else reads `process.env`). */
export interface ConnectionStoreConfig {
  logLevel: string;
  httpPort: number;
  grpcPort: number;
  databaseUrl: string;
  vault: { address: string; token: string; requestTimeoutMs: number };
  cacheTtlSeconds: number;
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
  };
}
