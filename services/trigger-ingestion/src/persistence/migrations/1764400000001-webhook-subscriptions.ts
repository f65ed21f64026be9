import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook trigger subscriptions (HttpWebhook, ApiConnectionWebhook): one row per subscription of one workflow
 * version's trigger, its state, the lease of the call in flight, retries and the last error; and the last
 * `workflow.changed` applied per workflow, so a replayed older change never unsubscribes a current one.
 */
export class WebhookSubscriptions1764400000001 implements MigrationInterface {
  name = 'WebhookSubscriptions1764400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        workflow_id uuid NOT NULL,
        trigger_name text NOT NULL,
        workflow_version integer NOT NULL,
        trigger_type text NOT NULL,
        spec jsonb NOT NULL,
        wanted boolean NOT NULL,
        state text NOT NULL CHECK (state IN ('pending', 'subscribed', 'unsubscribed', 'abandoned')),
        subscription jsonb,
        failures integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        in_flight_request_id uuid,
        in_flight_operation text,
        in_flight_until timestamptz,
        last_error jsonb,
        last_error_at timestamptz,
        subscribed_at timestamptz,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one subscription a trigger is meant to have; retiring ones (being unsubscribed) are not wanted.
    await q.query(
      `CREATE UNIQUE INDEX webhook_subscriptions_wanted ON webhook_subscriptions (workflow_id, trigger_name) WHERE wanted`,
    );
    await q.query(
      `CREATE INDEX webhook_subscriptions_due ON webhook_subscriptions (next_attempt_at) WHERE next_attempt_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX webhook_subscriptions_trigger ON webhook_subscriptions (workflow_id, trigger_name)`,
    );
    await q.query(`
      CREATE TABLE webhook_workflow_changes (
        workflow_id uuid PRIMARY KEY,
        workflow_version integer NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE webhook_workflow_changes');
    await q.query('DROP TABLE webhook_subscriptions');
  }
}
