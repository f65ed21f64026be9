import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Connector policies: deny- and allow-lists of connector ids, global (namespace NULL) or per namespace. */
export class ConnectorPolicies1764180000000 implements MigrationInterface {
  name = 'ConnectorPolicies1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE connection_store.connector_policies (
        name varchar(80) PRIMARY KEY,
        namespace varchar(63),
        mode varchar(8) NOT NULL,
        connector_ids jsonb NOT NULL,
        description text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CONSTRAINT ck_connector_policies_mode CHECK (mode IN ('deny', 'allow')),
        CONSTRAINT ck_connector_policies_ids CHECK (jsonb_typeof(connector_ids) = 'array')
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_connector_policies_namespace ON connection_store.connector_policies (namespace)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE connection_store.connector_policies`);
  }
}
