import pg from 'pg';
import { withKafkaAdmin } from '@patchbay/testkit';

/** Counters of the Patchbay database and topics, to turn into per-run figures. */
export interface PlatformCounters {
  postgres: {
    commits: number;
    rollbacks: number;
    inserted: number;
    updated: number;
    deleted: number;
    /** Rows read by scans and index lookups. */
    fetched: number;
    /** Blocks written by backends + checkpoints + bgwriter are cluster-wide; WAL bytes are the better proxy. */
    walBytes: number;
  };
  /** Messages per Patchbay topic (sum of partition end offsets). */
  topics: Record<string, number>;
}

export async function readCounters(databaseUrl: string, brokers: string[]): Promise<PlatformCounters> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{
      commits: string;
      rollbacks: string;
      inserted: string;
      updated: string;
      deleted: string;
      fetched: string;
      wal: string;
    }>(
      `SELECT xact_commit AS commits, xact_rollback AS rollbacks, tup_inserted AS inserted, tup_updated AS updated,
              tup_deleted AS deleted, tup_fetched AS fetched,
              pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint AS wal
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    const row = rows[0];
    const topics = await withKafkaAdmin(brokers, async (admin) => {
      const names = (await admin.listTopics()).filter((t) => t.startsWith('patchbay.'));
      const out: Record<string, number> = {};
      for (const name of names) {
        const offsets = await admin.fetchTopicOffsets(name);
        out[name] = offsets.reduce((sum, o) => sum + Number(o.high), 0);
      }
      return out;
    });
    return {
      postgres: {
        commits: Number(row?.commits ?? 0),
        rollbacks: Number(row?.rollbacks ?? 0),
        inserted: Number(row?.inserted ?? 0),
        updated: Number(row?.updated ?? 0),
        deleted: Number(row?.deleted ?? 0),
        fetched: Number(row?.fetched ?? 0),
        walBytes: Number(row?.wal ?? 0),
      },
      topics,
    };
  } finally {
    await client.end();
  }
}

/** (after - before) / runs for every counter. */
export function perRun(
  before: PlatformCounters,
  after: PlatformCounters,
  runs: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  const per = (value: number) => (runs === 0 ? 0 : Math.round((value / runs) * 100) / 100);
  for (const key of Object.keys(after.postgres) as (keyof PlatformCounters['postgres'])[]) {
    out[`postgres.${key}`] = per(after.postgres[key] - before.postgres[key]);
  }
  for (const [topic, count] of Object.entries(after.topics)) {
    out[`kafka.${topic}`] = per(count - (before.topics[topic] ?? 0));
  }
  return out;
}
