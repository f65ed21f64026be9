import { containerInfrastructure } from './container-infrastructure.js';
import { TestkitError } from './errors.js';
import { infrastructureFromEnv, type Infrastructure } from './infrastructure.js';
import { probeInfrastructure } from './infrastructure-probe.js';
import { localInfrastructure } from './local-infrastructure.js';

/** One way to find infrastructure: resolves undefined when it does not apply, so the next one is tried. */
export interface InfrastructureSource {
  readonly name: string;
  find(): Promise<Infrastructure | undefined>;
}

/** Tries `sources` in order and returns the first infrastructure one of them finds. */
export async function resolveInfrastructureFrom(
  sources: readonly InfrastructureSource[],
): Promise<Infrastructure> {
  for (const source of sources) {
    const found = await source.find();
    if (found) return found;
  }
  throw new TestkitError(
    'INFRA_NOT_FOUND',
    `no infrastructure from ${sources.map((source) => source.name).join(', ')}`,
  );
}

/**
 * KAFKA_BROKERS, DATABASE_URL, VAULT_ADDR and VAULT_TOKEN, when all are set. They are checked: variables that
 * point at services that do not answer are a configuration error, not a reason to start something else.
 */
export function envSource(
  env: Readonly<Record<string, string | undefined>> = process.env,
): InfrastructureSource {
  return {
    name: 'env',
    async find() {
      const infrastructure = infrastructureFromEnv(env, 'env');
      if (!infrastructure) return undefined;
      const problems = await probeInfrastructure(infrastructure);
      if (problems.length > 0) {
        throw new TestkitError(
          'INFRA_ENV_UNREACHABLE',
          `KAFKA_BROKERS/DATABASE_URL/VAULT_ADDR/VAULT_TOKEN are set but: ${problems.join('; ')}`,
        );
      }
      return infrastructure;
    },
  };
}

/** Containers through testcontainers, when a Docker engine answers. PATCHBAY_TESTKIT_CONTAINERS=off skips it. */
export function containerSource(
  env: Readonly<Record<string, string | undefined>> = process.env,
): InfrastructureSource {
  return {
    name: 'testcontainers',
    find: () =>
      env['PATCHBAY_TESTKIT_CONTAINERS'] === 'off' ? Promise.resolve(undefined) : containerInfrastructure(),
  };
}

/** deploy/local of this checkout, started with `up.sh --infra-only` when needed. */
export function localSource(): InfrastructureSource {
  return { name: 'deploy/local', find: () => localInfrastructure() };
}

let resolved: Promise<Infrastructure> | undefined;

/**
 * The Kafka, Postgres and Vault that integration and end-to-end tests run against, found in this order:
 * 1. environment variables KAFKA_BROKERS, DATABASE_URL, VAULT_ADDR, VAULT_TOKEN (all four set);
 * 2. containers, when a Docker engine answers (testcontainers, loaded dynamically);
 * 3. deploy/local/.env, running `deploy/local/up.sh --infra-only` if it is missing or unhealthy.
 * The answer is cached for the life of the process; a failed attempt is not cached.
 */
export function resolveInfrastructure(): Promise<Infrastructure> {
  resolved ??= resolveInfrastructureFrom([envSource(), containerSource(), localSource()]).catch(
    (error: unknown) => {
      resolved = undefined;
      throw error;
    },
  );
  return resolved;
}
