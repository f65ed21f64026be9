import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Connections, their workflow links and the resolution audit log, in the service's own schema. */
export class CreateConnectionStore1764160000000 implements MigrationInterface {
  name = 'CreateConnectionStore1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE connection_store.connections (
        id uuid PRIMARY KEY,
        namespace varchar(63) NOT NULL,
        name varchar(80) NOT NULL,
        connector_id varchar(100) NOT NULL,
        display_name varchar(200) NOT NULL,
        auth_type varchar(16) NOT NULL,
        parameters jsonb NOT NULL DEFAULT '{}'::jsonb,
        secret_keys jsonb NOT NULL DEFAULT '[]'::jsonb,
        status varchar(24) NOT NULL,
        status_reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_used_at timestamptz,
        CONSTRAINT uq_connections_namespace_name UNIQUE (namespace, name),
        CONSTRAINT ck_connections_status CHECK (status IN ('Pending', 'Connected', 'Unauthenticated', 'Error', 'Deleting')),
        CONSTRAINT ck_connections_parameters_object CHECK (jsonb_typeof(parameters) = 'object')
      )`);
    // The reaper looks for connections stuck half-created or half-deleted.
    await queryRunner.query(
      `CREATE INDEX ix_connections_unsettled ON connection_store.connections (updated_at) WHERE status IN ('Pending', 'Deleting')`,
    );
    await queryRunner.query(`
      CREATE TABLE connection_store.connection_links (
        connection_id uuid NOT NULL REFERENCES connection_store.connections (id) ON DELETE CASCADE,
        workflow_id uuid NOT NULL,
        linked_at timestamptz NOT NULL,
        PRIMARY KEY (connection_id, workflow_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE connection_store.audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        connection_id uuid NOT NULL,
        workflow_id uuid NOT NULL,
        run_id varchar(64) NOT NULL,
        action_name varchar(256) NOT NULL,
        at timestamptz NOT NULL,
        outcome varchar(16) NOT NULL,
        reason text
      )`);
    await queryRunner.query(
      `CREATE INDEX ix_audit_log_connection_at ON connection_store.audit_log (connection_id, at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE connection_store.audit_log`);
    await queryRunner.query(`DROP TABLE connection_store.connection_links`);
    await queryRunner.query(`DROP TABLE connection_store.connections`);
  }
}
