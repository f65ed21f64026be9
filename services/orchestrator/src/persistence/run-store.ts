import type { OutboxMessageEntity } from './outbox-message.entity.js';
import type { RunActionRow, StepEffects } from '../runs/step-effects.js';

/** Anything that runs SQL: the DataSource (autocommit) or a transaction's EntityManager. */
export interface Queryable {
  query<T = unknown>(sql: string, parameters?: unknown[]): Promise<T>;
}

/** A run row as the coordinator reads it under its lock. */
export interface LockedRun {
  id: string;
  workflowId: string;
  workflowVersion: number;
  triggerName: string;
  status: string;
  state: unknown;
  revision: number;
}

export interface RunRowValues {
  status: string;
  state: unknown;
  error: unknown;
  revision: number;
  endedAt: Date | null;
}

/**
 * The hot path of a run in plain SQL: a step's run row, history rows, timers and outbox rows are written by one
 * statement (data-modifying CTEs), so a run start is one round trip and a step is lock + write. Outbox rows come
 * back with their ids for the fast publish after commit.
 */
export class RunStore {
  /** Locks the run for one step (`SELECT ... FOR UPDATE`); undefined when it does not exist. */
  async lock(tx: Queryable, runId: string): Promise<LockedRun | undefined> {
    const rows = await tx.query<LockedRun[]>(
      `SELECT id, workflow_id AS "workflowId", workflow_version AS "workflowVersion", trigger_name AS "triggerName",
              status, state, revision
         FROM runs WHERE id = $1 FOR UPDATE`,
      [runId],
    );
    return rows[0];
  }

  /** Deletes a due timer; false when another replica fired it already. */
  async claimTimer(tx: Queryable, runId: string, timerId: string): Promise<boolean> {
    const [, deleted] = await tx.query<[unknown[], number]>(
      'DELETE FROM run_timers WHERE run_id = $1 AND timer_id = $2',
      [runId, timerId],
    );
    return deleted > 0;
  }

  /**
   * Creates the run with its first step's effects, unless a run with this id exists (a redelivered trigger):
   * then nothing is written and `started` is false.
   */
  async insert(
    db: Queryable,
    run: { id: string; workflowId: string; workflowVersion: number; triggerName: string; startedAt: Date },
    values: RunRowValues,
    effects: StepEffects,
    outbox: OutboxMessageEntity[],
  ): Promise<{ started: boolean; outbox: OutboxMessageEntity[] }> {
    const rows = await db.query<{ started: boolean; outbox: { id: string; eventId: string }[] }[]>(
      `WITH run AS (
         INSERT INTO runs (id, workflow_id, workflow_version, trigger_name, status, started_at, ended_at, state, error,
                           revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9::json, $10)
         ON CONFLICT (id) DO NOTHING RETURNING id)
       ${effectsCtes(11)}`,
      [
        run.id,
        run.workflowId,
        run.workflowVersion,
        run.triggerName,
        values.status,
        run.startedAt,
        values.endedAt,
        json(values.state),
        json(values.error),
        values.revision,
        ...effectParameters(effects, outbox),
      ],
    );
    const result = rows[0]!;
    return { started: result.started, outbox: withIds(outbox, result.outbox) };
  }

  /** Writes a step of a locked run: the new row values and the step's effects. */
  async update(
    tx: Queryable,
    runId: string,
    values: RunRowValues,
    effects: StepEffects,
    outbox: OutboxMessageEntity[],
  ): Promise<OutboxMessageEntity[]> {
    const rows = await tx.query<{ outbox: { id: string; eventId: string }[] }[]>(
      `WITH run AS (
         UPDATE runs SET status = $2, ended_at = $3, state = $4::json, error = $5::json, revision = $6
          WHERE id = $1 RETURNING id)
       ${effectsCtes(7)}`,
      [
        runId,
        values.status,
        values.endedAt,
        json(values.state),
        json(values.error),
        values.revision,
        ...effectParameters(effects, outbox),
      ],
    );
    return withIds(outbox, rows[0]!.outbox);
  }
}

/**
 * The effects of a step, all keyed on the `run` CTE (no run row, nothing written): history rows, timers set and
 * deleted, outbox rows in the order given: five parameters from `first` on (see effectParameters).
 */
function effectsCtes(first: number): string {
  const p = (offset: number): string => `$${first + offset}`;
  return `
  , actions AS (
      INSERT INTO run_actions (run_id, seq, action_name, iteration_path, status, result)
      SELECT run.id, a.seq, a.action_name,
             ARRAY(SELECT json_array_elements_text(a.iteration_path))::int[], a.status, a.result
        FROM run, json_to_recordset(${p(0)}::json) AS a(seq bigint, action_name text, iteration_path json, status text,
                                                    result json))
  , timers_set AS (
      INSERT INTO run_timers (run_id, timer_id, due_at)
      SELECT run.id, t.timer_id, t.due_at FROM run, json_to_recordset(${p(1)}::json) AS t(timer_id text, due_at timestamptz)
      ON CONFLICT (run_id, timer_id) DO UPDATE SET due_at = EXCLUDED.due_at)
  , timers_deleted AS (
      DELETE FROM run_timers USING run
       WHERE run_timers.run_id = run.id AND (${p(3)}::boolean OR run_timers.timer_id = ANY(${p(2)}::text[])))
  , box AS (
      INSERT INTO outbox (topic, message_key, event_id, data, traceparent)
      SELECT o.topic, o.message_key, o.event_id, o.data, o.traceparent
        FROM run, json_to_recordset(${p(4)}::json) AS o(ord int, topic text, message_key text, event_id uuid, data json,
                                                    traceparent text)
       ORDER BY o.ord
      RETURNING id, event_id)
  SELECT EXISTS (SELECT 1 FROM run) AS started,
         COALESCE((SELECT json_agg(json_build_object('id', box.id, 'eventId', box.event_id)) FROM box), '[]'::json)
           AS outbox`;
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

function effectParameters(effects: StepEffects, outbox: OutboxMessageEntity[]): unknown[] {
  const actions = effects.actions.map((a: RunActionRow) => ({
    seq: a.seq,
    action_name: a.actionName,
    iteration_path: a.iterationPath,
    status: a.status,
    result: a.result,
  }));
  const timers = effects.timersToSet.map((t) => ({ timer_id: t.timerId, due_at: t.dueAt }));
  const rows = outbox.map((row, ord) => ({
    ord,
    topic: row.topic,
    message_key: row.key,
    event_id: row.eventId,
    data: row.data,
    traceparent: row.traceparent,
  }));
  return [
    JSON.stringify(actions),
    JSON.stringify(timers),
    effects.timersToDelete,
    effects.deleteAllTimers,
    JSON.stringify(rows),
  ];
}

function withIds(
  rows: OutboxMessageEntity[],
  written: { id: string; eventId: string }[],
): OutboxMessageEntity[] {
  const ids = new Map(written.map((w) => [w.eventId, String(w.id)]));
  return rows.flatMap((row) => {
    const id = ids.get(row.eventId);
    if (id === undefined) return [];
    row.id = id;
    return [row];
  });
}
