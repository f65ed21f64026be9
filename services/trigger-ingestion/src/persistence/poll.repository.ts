import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TriggerSpec } from '@patchbay/contracts';
import { claimDue, inTransaction } from './claim-transaction.js';
import { DecisionLogRepository, type Decision } from './decision-log.repository.js';

/** What the poll table says of one polling trigger. */
export interface PollState {
  workflowId: string;
  triggerName: string;
  workflowVersion: number;
  triggerType: string;
  spec: TriggerSpec;
  workflowEnabled: boolean;
  anchor: Date;
  nextPollAt: Date | null;
  /** The cursor the last successful poll returned; `undefined` before the first one. */
  cursor: { value: unknown } | undefined;
  inFlightPollId: string | null;
  inFlightUntil: Date | null;
  failures: number;
}

/** A new or changed polling trigger, from `workflow.changed`. */
export type PollRegistration = Pick<
  PollState,
  | 'workflowId'
  | 'triggerName'
  | 'workflowVersion'
  | 'triggerType'
  | 'spec'
  | 'workflowEnabled'
  | 'anchor'
  | 'nextPollAt'
>;

/** How to leave one polling trigger after a claim or a completion. */
export interface PollUpdate {
  workflowId: string;
  triggerName: string;
  nextPollAt: Date | null;
  inFlightPollId: string | null;
  inFlightUntil: Date | null;
  failures: number;
  /** Set only when the cursor moves. */
  cursor?: { value: unknown };
  fired: number;
}

interface RawPoll {
  workflow_id: string;
  trigger_name: string;
  workflow_version: number;
  trigger_type: string;
  spec: TriggerSpec;
  workflow_enabled: boolean;
  anchor: Date;
  next_poll_at: Date | null;
  cursor: { value: unknown } | null;
  in_flight_poll_id: string | null;
  in_flight_until: Date | null;
  failures: number;
}

function toState(r: RawPoll): PollState {
  return {
    workflowId: r.workflow_id,
    triggerName: r.trigger_name,
    workflowVersion: r.workflow_version,
    triggerType: r.trigger_type,
    spec: r.spec,
    workflowEnabled: r.workflow_enabled,
    anchor: r.anchor,
    nextPollAt: r.next_poll_at,
    cursor: r.cursor ?? undefined,
    inFlightPollId: r.in_flight_poll_id,
    inFlightUntil: r.in_flight_until,
    failures: r.failures,
  };
}

type Run = (sql: string, params?: unknown[]) => Promise<unknown>;

/** The seen-item keys of one trigger, inside the transaction that holds its row. */
export interface SeenItems {
  /** Which of these keys were seen before. */
  seen(keys: readonly string[]): Promise<Set<string>>;
}

/**
 * Polling trigger state in Postgres. Like schedules, due polls are claimed with `FOR UPDATE SKIP LOCKED`; a
 * claimed trigger gets a poll id and a lease (`in_flight_until`) and is not claimed again until its poll
 * completes or the lease runs out. A completion is applied under the row lock, and only when it answers the
 * poll in flight, so a late answer of an abandoned poll changes nothing.
 */
@Injectable()
export class PollRepository {
  constructor(
    private readonly db: DataSource,
    private readonly decisions: DecisionLogRepository,
  ) {}

  /**
   * Records the polling triggers of one workflow version. Unchanged inputs keep the cursor; changed inputs (a
   * different query, another connection, other values of the parameters they read) start over without a cursor. Older versions never overwrite newer.
   */
  async upsert(rows: readonly PollRegistration[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO trigger_ingestion.polls AS p
         (workflow_id, trigger_name, workflow_version, trigger_type, spec, workflow_enabled, anchor, next_poll_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::jsonb[], $6::boolean[],
                            $7::timestamptz[], $8::timestamptz[])
       ON CONFLICT (workflow_id, trigger_name) DO UPDATE SET
         workflow_version = excluded.workflow_version,
         trigger_type = excluded.trigger_type,
         spec = excluded.spec,
         cursor = CASE WHEN p.spec->'inputs' IS DISTINCT FROM excluded.spec->'inputs'
                         OR p.spec->'parameters' IS DISTINCT FROM excluded.spec->'parameters'
                         OR p.trigger_type <> excluded.trigger_type THEN NULL ELSE p.cursor END,
         next_poll_at = CASE
           WHEN p.spec->'inputs' IS DISTINCT FROM excluded.spec->'inputs'
             OR p.spec->'parameters' IS DISTINCT FROM excluded.spec->'parameters'
             OR p.spec->'recurrence' IS DISTINCT FROM excluded.spec->'recurrence'
             OR p.trigger_type <> excluded.trigger_type
             OR (NOT p.workflow_enabled AND excluded.workflow_enabled)
             THEN excluded.next_poll_at
           ELSE p.next_poll_at END,
         anchor = CASE WHEN p.spec->'recurrence' IS DISTINCT FROM excluded.spec->'recurrence'
           THEN excluded.anchor ELSE p.anchor END,
         workflow_enabled = excluded.workflow_enabled
       WHERE p.workflow_version <= excluded.workflow_version`,
      [
        rows.map((r) => r.workflowId),
        rows.map((r) => r.triggerName),
        rows.map((r) => r.workflowVersion),
        rows.map((r) => r.triggerType),
        rows.map((r) => JSON.stringify(r.spec)),
        rows.map((r) => r.workflowEnabled),
        rows.map((r) => r.anchor),
        rows.map((r) => r.nextPollAt),
      ],
    );
  }

  /** Drops polling triggers no longer in the workflow's newest version (or all of them), with their seen items. */
  async removeOthers(workflowId: string, version: number, keep: readonly string[]): Promise<void> {
    // A bare DELETE ... RETURNING answers [rows, count] through TypeORM; a SELECT over it answers the rows.
    const removed: { trigger_name: string }[] = await this.db.query(
      `WITH removed AS (
         DELETE FROM trigger_ingestion.polls
          WHERE workflow_id = $1 AND workflow_version <= $2 AND NOT (trigger_name = ANY($3::text[]))
          RETURNING trigger_name)
       SELECT trigger_name FROM removed`,
      [workflowId, version, keep],
    );
    if (removed.length === 0) return;
    await this.db.query(
      `DELETE FROM trigger_ingestion.poll_seen_items WHERE workflow_id = $1 AND trigger_name = ANY($2::text[])`,
      [workflowId, removed.map((r) => r.trigger_name)],
    );
  }

  async find(workflowId: string, triggerName: string): Promise<PollState | undefined> {
    const rows: RawPoll[] = await this.db.query(
      `SELECT * FROM trigger_ingestion.polls WHERE workflow_id = $1 AND trigger_name = $2`,
      [workflowId, triggerName],
    );
    return rows[0] === undefined ? undefined : toState(rows[0]);
  }

  /** "Run trigger now": the next claim polls it (a poll already in flight is left to finish). */
  async pollSoon(workflowId: string, triggerName: string): Promise<boolean> {
    const [{ updated }] = await this.db.query<[{ updated: number }]>(
      `WITH touched AS (
         UPDATE trigger_ingestion.polls SET next_poll_at = now()
          WHERE workflow_id = $1 AND trigger_name = $2 RETURNING 1)
       SELECT count(*)::int AS updated FROM touched`,
      [workflowId, triggerName],
    );
    return updated > 0;
  }

  /**
   * Claims up to `limit` polling triggers that are due and have no live poll in flight, lets `handle` publish
   * their poll requests (returning only once they are durable), then records the leases and the decisions, in
   * one transaction. Returns how many were claimed.
   */
  async claimDue(
    limit: number,
    handle: (rows: PollState[]) => Promise<{ updates: PollUpdate[]; decisions: Decision[] }>,
  ): Promise<number> {
    return claimDue(
      this.db,
      this.decisions,
      {
        sql: `SELECT p.* FROM trigger_ingestion.polls p
         WHERE p.workflow_enabled AND p.next_poll_at <= now()
           AND (p.in_flight_poll_id IS NULL OR p.in_flight_until < now())
           AND NOT EXISTS (SELECT 1 FROM trigger_ingestion.trigger_switches t
                           WHERE t.workflow_id = p.workflow_id AND t.trigger_name = p.trigger_name AND NOT t.enabled)
         ORDER BY p.next_poll_at
         LIMIT $1
         FOR UPDATE OF p SKIP LOCKED`,
        limit,
        toRow: toState,
      },
      handle,
      (runner, result) => this.update(runner, result.updates),
    );
  }

  /**
   * Applies one poll's completion under the trigger's row lock: `handle` sees the state (undefined when the
   * trigger is gone), may ask which item keys were seen, publishes what fires, and says how to leave the row
   * and which keys are now seen. Seen keys are refreshed (`seen_at`) every time a poll returns them again.
   */
  async complete(
    workflowId: string,
    triggerName: string,
    handle: (
      state: PollState | undefined,
      seen: SeenItems,
    ) => Promise<{ update?: PollUpdate; seenKeys: readonly string[]; decisions: Decision[] }>,
  ): Promise<void> {
    await inTransaction(this.db, async (runner) => {
      const raw = (await runner.query(
        `SELECT * FROM trigger_ingestion.polls WHERE workflow_id = $1 AND trigger_name = $2 FOR UPDATE`,
        [workflowId, triggerName],
      )) as RawPoll[];
      const seen: SeenItems = {
        seen: async (keys) => {
          if (keys.length === 0) return new Set();
          const rows = (await runner.query(
            `SELECT item_key FROM trigger_ingestion.poll_seen_items
             WHERE workflow_id = $1 AND trigger_name = $2 AND item_key = ANY($3::text[])`,
            [workflowId, triggerName, keys],
          )) as { item_key: string }[];
          return new Set(rows.map((r) => r.item_key));
        },
      };
      const result = await handle(raw[0] === undefined ? undefined : toState(raw[0]), seen);
      if (result.seenKeys.length > 0)
        await runner.query(
          `INSERT INTO trigger_ingestion.poll_seen_items (workflow_id, trigger_name, item_key)
           SELECT $1, $2, unnest($3::text[])
           ON CONFLICT (workflow_id, trigger_name, item_key) DO UPDATE SET seen_at = now()`,
          [workflowId, triggerName, result.seenKeys],
        );
      if (result.update !== undefined) await this.update(runner, [result.update]);
      await this.decisions.append(result.decisions, (sql, params) => runner.query(sql, params));
    });
  }

  /** Forgets item keys no poll has returned for `retentionMs`. Returns how many. */
  async pruneSeen(retentionMs: number): Promise<number> {
    const [{ pruned }] = await this.db.query<[{ pruned: number }]>(
      `WITH pruned AS (
         DELETE FROM trigger_ingestion.poll_seen_items
          WHERE seen_at < now() - make_interval(secs => $1::double precision / 1000) RETURNING 1)
       SELECT count(*)::int AS pruned FROM pruned`,
      [retentionMs],
    );
    return pruned;
  }

  private async update(runner: { query: Run }, updates: readonly PollUpdate[]): Promise<void> {
    for (const u of updates) {
      await runner.query(
        `UPDATE trigger_ingestion.polls SET
           next_poll_at = $3, in_flight_poll_id = $4, in_flight_until = $5, failures = $6,
           cursor = CASE WHEN $7::boolean THEN $8::jsonb ELSE cursor END,
           fired_count = fired_count + $9,
           last_polled_at = CASE WHEN $4::uuid IS NOT NULL THEN now() ELSE last_polled_at END
         WHERE workflow_id = $1 AND trigger_name = $2`,
        [
          u.workflowId,
          u.triggerName,
          u.nextPollAt,
          u.inFlightPollId,
          u.inFlightUntil,
          u.failures,
          u.cursor !== undefined,
          u.cursor === undefined ? null : JSON.stringify(u.cursor),
          u.fired,
        ],
      );
    }
  }
}
