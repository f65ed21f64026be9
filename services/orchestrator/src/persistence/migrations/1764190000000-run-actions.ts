import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Run history rows: one per finished action instance (loop passes included), secure values redacted. */
export class RunActions1764190000000 implements MigrationInterface {
  name = 'RunActions1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE run_actions (
        run_id uuid NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        seq bigint NOT NULL,
        action_name text NOT NULL,
        iteration_path integer[] NOT NULL,
        status text NOT NULL,
        result json NOT NULL,
        PRIMARY KEY (run_id, seq)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE run_actions`);
  }
}
