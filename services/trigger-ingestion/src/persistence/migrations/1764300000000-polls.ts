import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Polling trigger state (schedule, lease of the poll in flight, durable cursor) and the seen-item keys. */
export class Polls1764300000000 implements MigrationInterface {
  name = 'Polls1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE polls (
        workflow_id uuid NOT NULL,
        trigger_name text NOT NULL,
        workflow_version integer NOT NULL,
        trigger_type text NOT NULL,
        spec jsonb NOT NULL,
        workflow_enabled boolean NOT NULL,
        anchor timestamptz NOT NULL,
        next_poll_at timestamptz,
        cursor jsonb,
        in_flight_poll_id uuid,
        in_flight_until timestamptz,
        failures integer NOT NULL DEFAULT 0,
        fired_count bigint NOT NULL DEFAULT 0,
        last_polled_at timestamptz,
        PRIMARY KEY (workflow_id, trigger_name)
      )`);
    await q.query(
      `CREATE INDEX polls_due ON polls (next_poll_at) WHERE workflow_enabled AND next_poll_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE poll_seen_items (
        workflow_id uuid NOT NULL,
        trigger_name text NOT NULL,
        item_key text NOT NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workflow_id, trigger_name, item_key)
      )`);
    await q.query(`CREATE INDEX poll_seen_items_age ON poll_seen_items (seen_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE poll_seen_items');
    await q.query('DROP TABLE polls');
  }
}
