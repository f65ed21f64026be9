import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Trigger concurrency: runs waiting for a slot (in order) and runs released and not yet finished. */
export class RunGate1764300000002 implements MigrationInterface {
  name = 'RunGate1764300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE waiting_runs (
        run_id uuid PRIMARY KEY,
        workflow_id uuid NOT NULL,
        trigger_name text NOT NULL,
        event jsonb NOT NULL,
        seq bigserial NOT NULL,
        enqueued_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX waiting_runs_by_trigger ON waiting_runs (workflow_id, trigger_name, seq)`);
    await q.query(`
      CREATE TABLE active_runs (
        run_id uuid PRIMARY KEY,
        workflow_id uuid NOT NULL,
        trigger_name text NOT NULL,
        released_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX active_runs_by_trigger ON active_runs (workflow_id, trigger_name)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE active_runs');
    await q.query('DROP TABLE waiting_runs');
  }
}
