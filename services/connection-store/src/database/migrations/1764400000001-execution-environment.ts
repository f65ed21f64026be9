import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A connection may be pinned to an execution environment (null: the default environment). */
export class ExecutionEnvironment1764400000001 implements MigrationInterface {
  name = 'ExecutionEnvironment1764400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE connection_store.connections ADD COLUMN execution_environment varchar(40)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE connection_store.connections DROP COLUMN execution_environment`);
  }
}
