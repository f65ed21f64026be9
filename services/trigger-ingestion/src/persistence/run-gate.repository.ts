import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { TriggerFired } from '@patchbay/contracts';
import { inTransaction } from './claim-transaction.js';

export interface GateKey {
  workflowId: string;
  triggerName: string;
}

/**
 * Waiting and active runs of triggers with a concurrency limit. Every change to one trigger's queue happens under
 * a transaction-scoped advisory lock of that trigger, so replicas never release more runs than the limit, and a
 * run.finished waits for the release that made its run active to commit.
 */
@Injectable()
export class RunGateRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Queues the runs if the queue has room for all of them (false: none queued). Runs already queued or
   * released (the same run id fired again after a crash) are not queued twice.
   */
  async enqueue(key: GateKey, events: readonly TriggerFired[], maxWaiting: number): Promise<boolean> {
    return this.locked(key, async (runner) => {
      const [{ waiting }] = (await runner.query(
        `SELECT count(*)::int AS waiting FROM trigger_ingestion.waiting_runs WHERE workflow_id = $1 AND trigger_name = $2`,
        [key.workflowId, key.triggerName],
      )) as [{ waiting: number }];
      const known = (await runner.query(
        `SELECT run_id FROM trigger_ingestion.waiting_runs WHERE run_id = ANY($1::uuid[])
         UNION SELECT run_id FROM trigger_ingestion.active_runs WHERE run_id = ANY($1::uuid[])`,
        [events.map((e) => e.runId)],
      )) as { run_id: string }[];
      const fresh = events.filter((e) => !known.some((k) => k.run_id === e.runId));
      if (waiting + fresh.length > maxWaiting) return false;
      for (const event of fresh)
        await runner.query(
          `INSERT INTO trigger_ingestion.waiting_runs (run_id, workflow_id, trigger_name, event) VALUES ($1, $2, $3, $4)`,
          [event.runId, key.workflowId, key.triggerName, JSON.stringify(event)],
        );
      return true;
    });
  }

  /**
   * Releases waiting runs while fewer than `limit` are active: `publish` must return only once they are durable;
   * they become active in the same transaction. Returns how many were released.
   */
  async release(
    key: GateKey,
    limit: number,
    publish: (events: TriggerFired[]) => Promise<void>,
  ): Promise<number> {
    return this.locked(key, async (runner) => {
      const [{ active }] = (await runner.query(
        `SELECT count(*)::int AS active FROM trigger_ingestion.active_runs WHERE workflow_id = $1 AND trigger_name = $2`,
        [key.workflowId, key.triggerName],
      )) as [{ active: number }];
      const free = Math.max(0, limit - active);
      if (free === 0) return 0;
      const rows = (await runner.query(
        `SELECT run_id, event FROM trigger_ingestion.waiting_runs
         WHERE workflow_id = $1 AND trigger_name = $2 ORDER BY seq LIMIT $3`,
        [key.workflowId, key.triggerName, free],
      )) as { run_id: string; event: TriggerFired }[];
      if (rows.length === 0) return 0;
      await publish(rows.map((r) => r.event));
      const ids = rows.map((r) => r.run_id);
      await runner.query(`DELETE FROM trigger_ingestion.waiting_runs WHERE run_id = ANY($1::uuid[])`, [ids]);
      await runner.query(
        `INSERT INTO trigger_ingestion.active_runs (run_id, workflow_id, trigger_name)
         SELECT unnest($1::uuid[]), $2, $3 ON CONFLICT DO NOTHING`,
        [ids, key.workflowId, key.triggerName],
      );
      return rows.length;
    });
  }

  /** A run finished: its slot is free. Returns whether it held one. */
  async finished(key: GateKey, runId: string): Promise<boolean> {
    return this.locked(key, async (runner) => {
      // Counted in a SELECT: a bare DELETE ... RETURNING answers [rows, count] through TypeORM.
      const [{ freed }] = (await runner.query(
        `WITH freed AS (DELETE FROM trigger_ingestion.active_runs WHERE run_id = $1 RETURNING 1)
         SELECT count(*)::int AS freed FROM freed`,
        [runId],
      )) as [{ freed: number }];
      return freed > 0;
    });
  }

  /** Triggers that have runs waiting. */
  async waitingTriggers(): Promise<GateKey[]> {
    const rows: { workflow_id: string; trigger_name: string }[] = await this.db.query(
      `SELECT DISTINCT workflow_id, trigger_name FROM trigger_ingestion.waiting_runs`,
    );
    return rows.map((r) => ({ workflowId: r.workflow_id, triggerName: r.trigger_name }));
  }

  private locked<T>(key: GateKey, work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    return inTransaction(this.db, async (runner) => {
      await runner.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `${key.workflowId}/${key.triggerName}`,
      ]);
      return work(runner);
    });
  }
}
