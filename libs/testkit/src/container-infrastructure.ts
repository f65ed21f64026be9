import { randomBytes } from 'node:crypto';
import { TestkitError } from './errors.js';
import type { Infrastructure } from './infrastructure.js';

/** Images for the Docker path; the versions follow deploy/local (Kafka 4.x KRaft, Postgres 15, Vault 1.14.8). */
export const CONTAINER_IMAGES = {
  // @testcontainers/kafka drives Confluent's image; cp-kafka 8.x is Apache Kafka 4.x in KRaft mode.
  kafka: 'confluentinc/cp-kafka:8.1.0',
  postgres: 'postgres:15',
  vault: 'hashicorp/vault:1.14.8',
} as const;

const KAFKA_CLIENT_PORT = 9093;

/**
 * Starts Kafka, Postgres and Vault containers when a Docker engine answers; undefined when testcontainers is
 * not installed or no container runtime is found (the usual case on CI here, which has no Docker).
 * The containers live as long as this process; testcontainers' reaper removes them afterwards.
 *
 * @throws {TestkitError} code `INFRA_CONTAINERS_FAILED` when Docker answers but a container does not start.
 */
export async function containerInfrastructure(): Promise<Infrastructure | undefined> {
  let testcontainers: typeof import('testcontainers');
  try {
    // Loaded only here, so that testcontainers stays a devDependency and the module works without it.
    testcontainers = await import('testcontainers');
    await testcontainers.getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  try {
    return await startContainers();
  } catch (error) {
    throw new TestkitError(
      'INFRA_CONTAINERS_FAILED',
      'a Docker engine answers but the containers did not start',
      {
        cause: error,
      },
    );
  }
}

async function startContainers(): Promise<Infrastructure> {
  const [{ KafkaContainer }, { PostgreSqlContainer }, { VaultContainer }] = await Promise.all([
    import('@testcontainers/kafka'),
    import('@testcontainers/postgresql'),
    import('@testcontainers/vault'),
  ]);
  const vaultToken = randomBytes(24).toString('hex');
  const [kafka, postgres, vault] = await Promise.all([
    new KafkaContainer(CONTAINER_IMAGES.kafka).withKraft().start(),
    new PostgreSqlContainer(CONTAINER_IMAGES.postgres).withDatabase('patchbay').start(),
    new VaultContainer(CONTAINER_IMAGES.vault)
      .withVaultToken(vaultToken)
      .withInitCommands('secrets enable transit')
      .start(),
  ]);
  return {
    kafkaBrokers: [`${kafka.getHost()}:${kafka.getMappedPort(KAFKA_CLIENT_PORT)}`],
    databaseUrl: postgres.getConnectionUri(),
    vaultAddr: vault.getAddress(),
    vaultToken,
    source: 'testcontainers',
  };
}
