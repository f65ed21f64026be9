import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Definitions, run state and event payloads move from `jsonb` to `json`. `jsonb` sorts object keys, which
 * changes what a workflow means and returns: sibling actions are started in definition order, and objects
 * built by Compose or Response keep the order their author wrote. `json` keeps the text as given; nothing
 * queries inside these columns, so nothing is lost.
 */
export class JsonKeepsKeyOrder1764180000000 implements MigrationInterface {
  name = 'JsonKeepsKeyOrder1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE workflow_versions
        ALTER COLUMN definition TYPE json USING definition::text::json,
        ALTER COLUMN parameters DROP DEFAULT,
        ALTER COLUMN parameters TYPE json USING parameters::text::json,
        ALTER COLUMN parameters SET DEFAULT '{}'::json`);
    await q.query(`
      ALTER TABLE runs
        ALTER COLUMN state TYPE json USING state::text::json,
        ALTER COLUMN error TYPE json USING error::text::json`);
    await q.query(`ALTER TABLE outbox ALTER COLUMN data TYPE json USING data::text::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox ALTER COLUMN data TYPE jsonb USING data::jsonb`);
    await q.query(`
      ALTER TABLE runs
        ALTER COLUMN state TYPE jsonb USING state::jsonb,
        ALTER COLUMN error TYPE jsonb USING error::jsonb`);
    await q.query(`
      ALTER TABLE workflow_versions
        ALTER COLUMN definition TYPE jsonb USING definition::jsonb,
        ALTER COLUMN parameters DROP DEFAULT,
        ALTER COLUMN parameters TYPE jsonb USING parameters::jsonb,
        ALTER COLUMN parameters SET DEFAULT '{}'::jsonb`);
  }
}
