import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import type { Infrastructure } from './infrastructure.js';

const PROBE_TIMEOUT_MS = 3000;

/**
 * Checks that each part of an {@link Infrastructure} answers: Postgres `select 1`, Kafka cluster metadata,
 * Vault health (initialized, unsealed, active) and the token. Returns one line per problem; empty means healthy.
 */
export async function probeInfrastructure(infrastructure: Infrastructure): Promise<string[]> {
  const results = await Promise.allSettled([
    probePostgres(infrastructure.databaseUrl),
    probeKafka(infrastructure.kafkaBrokers),
    probeVault(infrastructure.vaultAddr, infrastructure.vaultToken),
  ]);
  const names = ['postgres', 'kafka', 'vault'];
  return results.flatMap((result, index) =>
    result.status === 'rejected' ? [`${names[index]}: ${describe(result.reason)}`] : [],
  );
}

async function probePostgres(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query('select 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeKafka(brokers: readonly string[]): Promise<void> {
  const kafka = new Kafka({
    clientId: 'patchbay-testkit-probe',
    brokers: [...brokers],
    connectionTimeout: PROBE_TIMEOUT_MS,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function probeVault(vaultAddr: string, vaultToken: string): Promise<void> {
  for (const path of ['sys/health', 'auth/token/lookup-self']) {
    const response = await fetch(`${vaultAddr}/v1/${path}`, {
      headers: { 'X-Vault-Token': vaultToken },
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    // sys/health answers 200 only when initialized, unsealed and active.
    if (response.status !== 200) throw new Error(`GET ${path}: HTTP ${response.status}`);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
