/** Where the real Kafka, Postgres and Vault for integration and end-to-end tests are. */
export interface Infrastructure {
  /** Bootstrap brokers, `host:port` each (kafkajs `brokers`). */
  readonly kafkaBrokers: readonly string[];
  /** `postgres://user[:password]@host:port/patchbay`: one database; each service owns its schema. */
  readonly databaseUrl: string;
  /** Vault (or OpenBao) HTTP address, e.g. `http://127.0.0.1:8200`: KV v2 at `secret/`, Transit at `transit/`. */
  readonly vaultAddr: string;
  /** A root token for that Vault. */
  readonly vaultToken: string;
  /** How it was found: env vars, containers started by this process, or deploy/local. */
  readonly source: InfrastructureSourceName;
}

export type InfrastructureSourceName = 'env' | 'testcontainers' | 'local';

/** The environment variables that describe an {@link Infrastructure}; deploy/local/.env uses the same names. */
export const INFRASTRUCTURE_ENV_VARS = [
  'KAFKA_BROKERS',
  'DATABASE_URL',
  'VAULT_ADDR',
  'VAULT_TOKEN',
] as const;

type EnvRecord = Readonly<Record<string, string | undefined>>;

/**
 * Reads an {@link Infrastructure} from environment-style variables.
 * Returns undefined unless all of KAFKA_BROKERS, DATABASE_URL, VAULT_ADDR and VAULT_TOKEN are non-empty,
 * so a stray DATABASE_URL in a developer's shell does not half-configure the tests.
 */
export function infrastructureFromEnv(
  env: EnvRecord,
  source: InfrastructureSourceName,
): Infrastructure | undefined {
  const [brokers, databaseUrl, vaultAddr, vaultToken] = INFRASTRUCTURE_ENV_VARS.map((name) =>
    env[name]?.trim(),
  );
  if (!brokers || !databaseUrl || !vaultAddr || !vaultToken) return undefined;
  const kafkaBrokers = brokers
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
  return { kafkaBrokers, databaseUrl, vaultAddr: vaultAddr.replace(/\/+$/, ''), vaultToken, source };
}

/** The environment variables for an {@link Infrastructure}, e.g. to start a service process against it. */
export function infrastructureEnv(infrastructure: Infrastructure): Record<string, string> {
  return {
    KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
    DATABASE_URL: infrastructure.databaseUrl,
    VAULT_ADDR: infrastructure.vaultAddr,
    VAULT_TOKEN: infrastructure.vaultToken,
  };
}
