import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The maximum run duration sweep looks for unfinished runs by start time: a small partial index. */
export class UnfinishedRunsByStart1764410000001 implements MigrationInterface {
  name = 'UnfinishedRunsByStart1764410000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX runs_unfinished_by_start ON runs (started_at) WHERE status IN ('Running', 'Waiting')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX runs_unfinished_by_start`);
  }
}
