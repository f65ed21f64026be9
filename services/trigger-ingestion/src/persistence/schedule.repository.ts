import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { TriggerSpec } from '@patchbay/contracts';
import { claimDue } from './claim-transaction.js';
import type { Decision } from './decision-log.repository.js';
import { DecisionLogRepository } from './decision-log.repository.js';

export interface ScheduleRow {
  workflowId: string;
  triggerName: string;
  workflowVersion: number;
  triggerType: string;
  spec: TriggerSpec;
  anchor: Date;
  nextFireAt: Date | null;
  workflowEnabled: boolean;
}

/** What a claim handler decided for one claimed schedule. */
export interface ScheduleAdvance {
  workflowId: string;
  triggerName: string;
  nextFireAt: Date | null;
  fired: number;
}

interface RawRow {
  workflow_id: string;
  trigger_name: string;
  workflow_version: number;
  trigger_type: string;
  spec: TriggerSpec;
  anchor: Date;
  next_fire_at: Date | null;
  workflow_enabled: boolean;
}

/**
 * Schedule state in Postgres. Due schedules are claimed with `FOR UPDATE SKIP LOCKED` inside one transaction that
 * also publishes and advances them: the row lock is the lease (held by a live connection only), and a replica that
 * dies mid-claim loses it with its connection, so another replica re-fires the same occurrences with the same
 * deterministic run ids.
 */
@Injectable()
export class ScheduleRepository {
  constructor(
    private readonly db: DataSource,
    private readonly decisions: DecisionLogRepository,
  ) {}

  /**
   * Records the schedules of one workflow version. An unchanged trigger keeps its next occurrence; a changed one
   * (or a Recurrence switched back on) starts from the `nextFireAt` given. Older versions never overwrite newer.
   */
  async upsert(rows: readonly ScheduleRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO trigger_ingestion.schedules AS s
         (workflow_id, trigger_name, workflow_version, trigger_type, spec, anchor, next_fire_at, workflow_enabled)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::jsonb[], $6::timestamptz[],
                            $7::timestamptz[], $8::boolean[])
       ON CONFLICT (workflow_id, trigger_name) DO UPDATE SET
         workflow_version = excluded.workflow_version,
         trigger_type = excluded.trigger_type,
         spec = excluded.spec,
         next_fire_at = CASE
           WHEN s.spec->'recurrence' IS DISTINCT FROM excluded.spec->'recurrence' OR s.trigger_type <> excluded.trigger_type
             THEN excluded.next_fire_at
           WHEN NOT s.workflow_enabled AND excluded.workflow_enabled AND s.trigger_type <> 'SlidingWindow'
             THEN excluded.next_fire_at
           ELSE s.next_fire_at END,
         anchor = CASE WHEN s.spec->'recurrence' IS DISTINCT FROM excluded.spec->'recurrence'
           THEN excluded.anchor ELSE s.anchor END,
         workflow_enabled = excluded.workflow_enabled
       WHERE s.workflow_version <= excluded.workflow_version`,
      [
        rows.map((r) => r.workflowId),
        rows.map((r) => r.triggerName),
        rows.map((r) => r.workflowVersion),
        rows.map((r) => r.triggerType),
        rows.map((r) => JSON.stringify(r.spec)),
        rows.map((r) => r.anchor),
        rows.map((r) => r.nextFireAt),
        rows.map((r) => r.workflowEnabled),
      ],
    );
  }

  /** Drops the schedules of a workflow's triggers that are no longer in its newest version (or all of them). */
  async removeOthers(workflowId: string, version: number, keep: readonly string[]): Promise<void> {
    await this.db.query(
      `DELETE FROM trigger_ingestion.schedules
       WHERE workflow_id = $1 AND workflow_version <= $2 AND NOT (trigger_name = ANY($3::text[]))`,
      [workflowId, version, keep],
    );
  }

  async find(workflowId: string, triggerName: string): Promise<ScheduleRow | undefined> {
    const rows: RawRow[] = await this.db.query(
      `SELECT * FROM trigger_ingestion.schedules WHERE workflow_id = $1 AND trigger_name = $2`,
      [workflowId, triggerName],
    );
    return rows[0] === undefined ? undefined : toRow(rows[0]);
  }

  /**
   * Claims up to `limit` due schedules of enabled workflows and triggers, lets `handle` fire them (it must return
   * only after the events are durable), then advances them and appends the decisions, all in one transaction.
   * Returns how many schedules were claimed.
   */
  async claimDue(
    limit: number,
    handle: (rows: ScheduleRow[]) => Promise<{ advances: ScheduleAdvance[]; decisions: Decision[] }>,
  ): Promise<number> {
    return claimDue(
      this.db,
      this.decisions,
      {
        sql: `SELECT s.* FROM trigger_ingestion.schedules s
         WHERE s.workflow_enabled AND s.next_fire_at <= now()
           AND NOT EXISTS (SELECT 1 FROM trigger_ingestion.trigger_switches t
                           WHERE t.workflow_id = s.workflow_id AND t.trigger_name = s.trigger_name AND NOT t.enabled)
         ORDER BY s.next_fire_at
         LIMIT $1
         FOR UPDATE OF s SKIP LOCKED`,
        limit,
        toRow,
      },
      handle,
      (runner, result) => this.advance(runner, result.advances),
    );
  }

  private async advance(runner: QueryRunner, advances: readonly ScheduleAdvance[]): Promise<void> {
    if (advances.length === 0) return;
    await runner.query(
      `UPDATE trigger_ingestion.schedules s
       SET next_fire_at = v.next_fire_at, fired_count = s.fired_count + v.fired,
           last_fired_at = CASE WHEN v.fired > 0 THEN now() ELSE s.last_fired_at END
       FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[]) AS v(workflow_id, trigger_name, next_fire_at, fired)
       WHERE s.workflow_id = v.workflow_id AND s.trigger_name = v.trigger_name`,
      [
        advances.map((a) => a.workflowId),
        advances.map((a) => a.triggerName),
        advances.map((a) => a.nextFireAt),
        advances.map((a) => a.fired),
      ],
    );
  }
}

function toRow(r: RawRow): ScheduleRow {
  return {
    workflowId: r.workflow_id,
    triggerName: r.trigger_name,
    workflowVersion: r.workflow_version,
    triggerType: r.trigger_type,
    spec: r.spec,
    anchor: r.anchor,
    nextFireAt: r.next_fire_at,
    workflowEnabled: r.workflow_enabled,
  };
}
