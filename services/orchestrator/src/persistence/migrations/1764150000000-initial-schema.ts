import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Workflows, their versions, runs, durable timers and the outbox. */
export class InitialSchema1764150000000 implements MigrationInterface {
  name = 'InitialSchema1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE workflows (
        id uuid PRIMARY KEY,
        namespace text NOT NULL,
        name text NOT NULL,
        current_version integer NOT NULL,
        state text NOT NULL CHECK (state IN ('Enabled', 'Disabled')),
        signature_key_versions jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (namespace, name)
      )`);
    await q.query(`
      CREATE TABLE workflow_versions (
        workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
        version integer NOT NULL,
        definition jsonb NOT NULL,
        parameters jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workflow_id, version)
      )`);
    await q.query(`
      CREATE TABLE runs (
        id uuid PRIMARY KEY,
        workflow_id uuid NOT NULL,
        workflow_version integer NOT NULL,
        trigger_name text NOT NULL,
        status text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        state jsonb NOT NULL,
        error jsonb,
        revision integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX runs_by_workflow ON runs (workflow_id, started_at DESC)`);
    await q.query(`
      CREATE TABLE run_timers (
        run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        timer_id text NOT NULL,
        due_at timestamptz NOT NULL,
        PRIMARY KEY (run_id, timer_id)
      )`);
    await q.query(`CREATE INDEX run_timers_due ON run_timers (due_at)`);
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        message_key text NOT NULL,
        event_id uuid NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox');
    await q.query('DROP TABLE run_timers');
    await q.query('DROP TABLE runs');
    await q.query('DROP TABLE workflow_versions');
    await q.query('DROP TABLE workflows');
  }
}
