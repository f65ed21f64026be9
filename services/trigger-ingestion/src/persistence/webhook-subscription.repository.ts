import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { BoundaryError, SubscriptionOperation, TriggerSpec, WorkflowChanged } from '@patchbay/contracts';
import { claimDue, inTransaction } from './claim-transaction.js';
import { DecisionLogRepository, type Decision } from './decision-log.repository.js';

/**
 * Where one subscription stands. `pending`: not subscribed (yet); `subscribed`: the remote service has the
 * callback URL; `unsubscribed`: taken back (or never made); `abandoned`: unsubscribe failed as often as allowed.
 */
export type SubscriptionState = 'pending' | 'subscribed' | 'unsubscribed' | 'abandoned';

/** One subscription of one workflow version's webhook trigger. */
export interface WebhookSubscription {
  id: string;
  workflowId: string;
  triggerName: string;
  workflowVersion: number;
  triggerType: string;
  spec: TriggerSpec;
  /** True while the trigger is meant to be subscribed (its version is current and the workflow enabled). */
  wanted: boolean;
  state: SubscriptionState;
  /** The subscribe call's outputs (what unsubscribe needs). */
  subscription: unknown;
  failures: number;
  nextAttemptAt: Date | null;
  inFlight: { requestId: string; operation: SubscriptionOperation; until: Date } | null;
  lastError: (BoundaryError & { operation: SubscriptionOperation }) | null;
  lastErrorAt: Date | null;
  subscribedAt: Date | null;
  unsubscribedAt: Date | null;
}

/** How to leave one subscription after a claim or a completion. */
export interface SubscriptionUpdate {
  id: string;
  state: SubscriptionState;
  failures: number;
  nextAttemptAt: Date | null;
  inFlight: { requestId: string; operation: SubscriptionOperation; until: Date } | null;
  /** Set only when it changes: the subscribe's outputs. */
  subscription?: unknown;
  /** `null` clears the last error; `undefined` keeps it. */
  lastError?: (BoundaryError & { operation: SubscriptionOperation }) | null;
}

interface RawSubscription {
  id: string;
  workflow_id: string;
  trigger_name: string;
  workflow_version: number;
  trigger_type: string;
  spec: TriggerSpec;
  wanted: boolean;
  state: SubscriptionState;
  subscription: unknown;
  failures: number;
  next_attempt_at: Date | null;
  in_flight_request_id: string | null;
  in_flight_operation: SubscriptionOperation | null;
  in_flight_until: Date | null;
  last_error: (BoundaryError & { operation: SubscriptionOperation }) | null;
  last_error_at: Date | null;
  subscribed_at: Date | null;
  unsubscribed_at: Date | null;
}

function toSubscription(r: RawSubscription): WebhookSubscription {
  return {
    id: r.id,
    workflowId: r.workflow_id,
    triggerName: r.trigger_name,
    workflowVersion: r.workflow_version,
    triggerType: r.trigger_type,
    spec: r.spec,
    wanted: r.wanted,
    state: r.state,
    subscription: r.subscription,
    failures: r.failures,
    nextAttemptAt: r.next_attempt_at,
    inFlight:
      r.in_flight_request_id === null || r.in_flight_operation === null || r.in_flight_until === null
        ? null
        : { requestId: r.in_flight_request_id, operation: r.in_flight_operation, until: r.in_flight_until },
    lastError: r.last_error,
    lastErrorAt: r.last_error_at,
    subscribedAt: r.subscribed_at,
    unsubscribedAt: r.unsubscribed_at,
  };
}

/** A webhook trigger of a workflow version that is current and enabled: it should be subscribed. */
export interface WantedSubscription {
  id: string;
  triggerName: string;
  triggerType: string;
  spec: TriggerSpec;
}

/** Closed subscriptions are kept this long for the admin API, then forgotten. */
const CLOSED_RETENTION = '7 days';

/**
 * Webhook trigger subscriptions in Postgres. Calls are claimed like polls: `FOR UPDATE SKIP LOCKED` over due
 * rows, and a claimed row gets a request id and a lease (`in_flight_until`), so across replicas one call of a
 * subscription is in flight at a time, and an answer counts only when it answers the call in flight.
 */
@Injectable()
export class WebhookSubscriptionRepository {
  constructor(
    private readonly db: DataSource,
    private readonly decisions: DecisionLogRepository,
  ) {}

  /**
   * Applies one `workflow.changed`: the subscriptions of triggers not in `wanted` (another version, a rotated
   * callback URL key, or the workflow disabled or deleted) are retired (unsubscribed by the worker), and each wanted trigger without a
   * subscription of this version gets one. A change older than (or the same as) the last one applied for the
   * workflow (every replica replays the topic at start) changes nothing. Returns false when skipped.
   */
  async applyChange(change: WorkflowChanged, wanted: readonly WantedSubscription[]): Promise<boolean> {
    return inTransaction(this.db, async (runner) => {
      await runner.query(
        `INSERT INTO trigger_ingestion.webhook_workflow_changes (workflow_id, workflow_version, changed_at)
         VALUES ($1, 0, '-infinity') ON CONFLICT (workflow_id) DO NOTHING`,
        [change.workflowId],
      );
      const [last] = (await runner.query(
        `SELECT workflow_version, changed_at FROM trigger_ingestion.webhook_workflow_changes
         WHERE workflow_id = $1 FOR UPDATE`,
        [change.workflowId],
      )) as { workflow_version: number; changed_at: Date }[];
      const changedAt = new Date(change.changedAt);
      if (
        last !== undefined &&
        (last.workflow_version > change.version ||
          (last.workflow_version === change.version && last.changed_at.getTime() >= changedAt.getTime()))
      )
        return false;
      await runner.query(
        `UPDATE trigger_ingestion.webhook_workflow_changes SET workflow_version = $2, changed_at = $3
         WHERE workflow_id = $1`,
        [change.workflowId, change.version, changedAt],
      );
      // UPDATE and DELETE answer [rows, count] through TypeORM; wrapped in a SELECT they answer the rows.
      const retired = (await runner.query(
        `WITH retired AS (
           UPDATE trigger_ingestion.webhook_subscriptions
           SET wanted = false, failures = 0, next_attempt_at = now(), updated_at = now()
           WHERE workflow_id = $1 AND wanted
             AND NOT (workflow_version = $2
                      AND EXISTS (SELECT 1 FROM unnest($3::text[], $4::int[]) AS w(name, key_version)
                                  WHERE w.name = trigger_name
                                    AND w.key_version = (spec->>'signatureKeyVersion')::int))
           RETURNING trigger_name, state)
         SELECT * FROM retired`,
        [
          change.workflowId,
          change.version,
          wanted.map((w) => w.triggerName),
          wanted.map((w) => w.spec.signatureKeyVersion),
        ],
      )) as { trigger_name: string; state: SubscriptionState }[];
      const added = (await runner.query(
        `INSERT INTO trigger_ingestion.webhook_subscriptions
           (id, workflow_id, trigger_name, workflow_version, trigger_type, spec, wanted, state, next_attempt_at)
         SELECT id, $1, trigger_name, $2, trigger_type, spec, true, 'pending', now()
         FROM unnest($3::uuid[], $4::text[], $5::text[], $6::jsonb[]) AS t(id, trigger_name, trigger_type, spec)
         ON CONFLICT (workflow_id, trigger_name) WHERE wanted DO NOTHING
         RETURNING trigger_name`,
        [
          change.workflowId,
          change.version,
          wanted.map((w) => w.id),
          wanted.map((w) => w.triggerName),
          wanted.map((w) => w.triggerType),
          wanted.map((w) => JSON.stringify(w.spec)),
        ],
      )) as { trigger_name: string }[];
      const reason =
        change.state === 'Enabled' ? `version ${change.version} is current` : `workflow ${change.state}`;
      const decisions: Decision[] = [
        ...retired.map((r) => ({
          workflowId: change.workflowId,
          triggerName: r.trigger_name,
          outcome: 'unsubscribe-wanted',
          detail: { reason, state: r.state, version: change.version },
        })),
        ...added.map((a) => ({
          workflowId: change.workflowId,
          triggerName: a.trigger_name,
          outcome: 'subscribe-wanted',
          detail: { version: change.version },
        })),
      ];
      await this.decisions.append(decisions, (sql, params) => runner.query(sql, params));
      return true;
    });
  }

  /**
   * Claims up to `limit` subscriptions with a call due and none in flight, lets `handle` publish their
   * requests (returning once they are durable), then records the leases and decisions in one transaction. Due:
   * a wanted subscription not yet subscribed (once no retired subscription of the same trigger is still
   * subscribed or has a call in flight: the old one is taken back first), or a retired one still subscribed
   * (or never subscribed: closed without a call). Returns how many were claimed.
   */
  async claimDue(
    limit: number,
    handle: (
      rows: WebhookSubscription[],
    ) => Promise<{ updates: SubscriptionUpdate[]; decisions: Decision[] }>,
  ): Promise<number> {
    return claimDue(
      this.db,
      this.decisions,
      {
        sql: `SELECT s.* FROM trigger_ingestion.webhook_subscriptions s
         WHERE s.next_attempt_at <= now()
           AND (s.in_flight_request_id IS NULL OR s.in_flight_until < now())
           AND ((s.wanted AND s.state = 'pending'
                 AND NOT EXISTS (SELECT 1 FROM trigger_ingestion.webhook_subscriptions o
                                 WHERE o.workflow_id = s.workflow_id AND o.trigger_name = s.trigger_name
                                   AND NOT o.wanted
                                   AND (o.state = 'subscribed'
                                        OR (o.in_flight_request_id IS NOT NULL AND o.in_flight_until >= now()))))
                OR (NOT s.wanted AND s.state IN ('pending', 'subscribed')))
         ORDER BY s.next_attempt_at
         LIMIT $1
         FOR UPDATE OF s SKIP LOCKED`,
        limit,
        toRow: toSubscription,
      },
      handle,
      (runner, result) => this.update(runner, result.updates),
    );
  }

  /**
   * Applies one call's answer under the subscription's row lock: `handle` sees the row (undefined when it is
   * gone) and says how to leave it.
   */
  async complete(
    id: string,
    handle: (
      row: WebhookSubscription | undefined,
    ) => Promise<{ update?: SubscriptionUpdate; decisions: Decision[] }>,
  ): Promise<void> {
    await inTransaction(this.db, async (runner) => {
      const raw = (await runner.query(
        `SELECT * FROM trigger_ingestion.webhook_subscriptions WHERE id = $1 FOR UPDATE`,
        [id],
      )) as RawSubscription[];
      const result = await handle(raw[0] === undefined ? undefined : toSubscription(raw[0]));
      if (result.update !== undefined) await this.update(runner, [result.update]);
      await this.decisions.append(result.decisions, (sql, params) => runner.query(sql, params));
    });
  }

  /** True when some trigger of the workflow is meant to be subscribed. */
  async hasWanted(workflowId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM trigger_ingestion.webhook_subscriptions WHERE workflow_id = $1 AND wanted LIMIT 1`,
      [workflowId],
    );
    return rows.length > 0;
  }

  /** The trigger's subscriptions, the wanted one first, then the newest retired ones. */
  async ofTrigger(workflowId: string, triggerName: string, limit = 5): Promise<WebhookSubscription[]> {
    const rows: RawSubscription[] = await this.db.query(
      `SELECT * FROM trigger_ingestion.webhook_subscriptions WHERE workflow_id = $1 AND trigger_name = $2
       ORDER BY wanted DESC, created_at DESC LIMIT $3`,
      [workflowId, triggerName, limit],
    );
    return rows.map(toSubscription);
  }

  /** "Run trigger now" of a webhook trigger: a subscription still waiting to subscribe tries again at once. */
  async retrySoon(workflowId: string, triggerName: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH due AS (
         UPDATE trigger_ingestion.webhook_subscriptions SET next_attempt_at = now(), updated_at = now()
         WHERE workflow_id = $1 AND trigger_name = $2 AND wanted AND state = 'pending' RETURNING 1)
       SELECT * FROM due`,
      [workflowId, triggerName],
    );
    return rows.length > 0;
  }

  /** Forgets closed subscriptions past their retention. Returns how many. */
  async pruneClosed(): Promise<number> {
    const rows: unknown[] = await this.db.query(
      `WITH gone AS (
         DELETE FROM trigger_ingestion.webhook_subscriptions
         WHERE NOT wanted AND state IN ('unsubscribed', 'abandoned')
           AND updated_at < now() - interval '${CLOSED_RETENTION}' RETURNING 1)
       SELECT * FROM gone`,
    );
    return rows.length;
  }

  private async update(runner: QueryRunner, updates: readonly SubscriptionUpdate[]): Promise<void> {
    for (const u of updates) {
      await runner.query(
        `UPDATE trigger_ingestion.webhook_subscriptions SET
           state = $2, failures = $3, next_attempt_at = $4,
           in_flight_request_id = $5, in_flight_operation = $6, in_flight_until = $7,
           subscription = CASE WHEN $8::boolean THEN $9::jsonb ELSE subscription END,
           last_error = CASE WHEN $10::boolean THEN $11::jsonb ELSE last_error END,
           last_error_at = CASE WHEN $10::boolean THEN (CASE WHEN $11::jsonb IS NULL THEN NULL ELSE now() END)
                           ELSE last_error_at END,
           subscribed_at = CASE WHEN $2 = 'subscribed' AND state <> 'subscribed' THEN now() ELSE subscribed_at END,
           unsubscribed_at = CASE WHEN $2 IN ('unsubscribed', 'abandoned') AND state NOT IN ('unsubscribed', 'abandoned')
                             THEN now() ELSE unsubscribed_at END,
           updated_at = now()
         WHERE id = $1`,
        [
          u.id,
          u.state,
          u.failures,
          u.nextAttemptAt,
          u.inFlight?.requestId ?? null,
          u.inFlight?.operation ?? null,
          u.inFlight?.until ?? null,
          u.subscription !== undefined,
          u.subscription === undefined ? null : JSON.stringify(u.subscription),
          u.lastError !== undefined,
          u.lastError === undefined || u.lastError === null ? null : JSON.stringify(u.lastError),
        ],
      );
    }
  }
}
