import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Updates and tags: `tags` (string map), `secret_version` (the Vault KV v2 version the row points at; a
 * resolve reads exactly that version) and the secret-replacement intent (`pending_secret_since`,
 * `pending_secret_keys`): set before a new Vault version is written, cleared when the row points at it.
 */
export class ConnectionUpdates1764170000000 implements MigrationInterface {
  name = 'ConnectionUpdates1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE connection_store.connections
        ADD COLUMN tags jsonb NOT NULL DEFAULT '{}'::jsonb,
        ADD COLUMN secret_version integer,
        ADD COLUMN pending_secret_since timestamptz,
        ADD COLUMN pending_secret_keys jsonb,
        ADD CONSTRAINT ck_connections_tags_object CHECK (jsonb_typeof(tags) = 'object'),
        ADD CONSTRAINT ck_connections_pending_secret CHECK ((pending_secret_since IS NULL) = (pending_secret_keys IS NULL))`);
    // The reaper looks for secret replacements a crash interrupted.
    await queryRunner.query(
      `CREATE INDEX ix_connections_pending_secret ON connection_store.connections (pending_secret_since) WHERE pending_secret_since IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX connection_store.ix_connections_pending_secret`);
    await queryRunner.query(`
      ALTER TABLE connection_store.connections
        DROP COLUMN pending_secret_keys,
        DROP COLUMN pending_secret_since,
        DROP COLUMN secret_version,
        DROP COLUMN tags`);
  }
}
