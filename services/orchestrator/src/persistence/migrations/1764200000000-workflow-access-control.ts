import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A workflow version's access control (allowed caller IP ranges of its Request triggers). */
export class WorkflowAccessControl1764200000000 implements MigrationInterface {
  name = 'WorkflowAccessControl1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflow_versions ADD COLUMN access_control json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workflow_versions DROP COLUMN access_control`);
  }
}
