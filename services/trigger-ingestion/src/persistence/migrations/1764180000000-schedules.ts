import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Schedule state (next occurrence per trigger), single-trigger switches and the decision log. */
export class Schedules1764180000000 implements MigrationInterface {
  name = 'Schedules1764180000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE schedules (
        workflow_id uuid NOT NULL,
        trigger_name text NOT NULL,
        workflow_version integer NOT NULL,
        trigger_type text NOT NULL,
        spec jsonb NOT NULL,
        anchor timestamptz NOT NULL,
        next_fire_at timestamptz,
        workflow_enabled boolean NOT NULL,
        fired_count bigint NOT NULL DEFAULT 0,
        last_fired_at timestamptz,
        PRIMARY KEY (workflow_id, trigger_name)
      )`);
    await q.query(
      `CREATE INDEX schedules_due ON schedules (next_fire_at) WHERE workflow_enabled AND next_fire_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE trigger_switches (
        workflow_id uuid NOT NULL,
        trigger_name text NOT NULL,
        enabled boolean NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (workflow_id, trigger_name)
      )`);
    await q.query(`
      CREATE TABLE decisions (
        id bigserial PRIMARY KEY,
        workflow_id uuid NOT NULL,
        trigger_name text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        outcome text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX decisions_by_trigger ON decisions (workflow_id, trigger_name, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE decisions');
    await q.query('DROP TABLE trigger_switches');
    await q.query('DROP TABLE schedules');
  }
}
