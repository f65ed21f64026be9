import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * OAuth2: longer auth type names, the access token's expiry (non-secret: the refresher scans it), whether
 * an interrupted secret change rolls forward (token refreshes: the provider already rotated the refresh
 * token), pending consents (PKCE), and the outbox of connection events (status changes commit with them).
 */
export class OAuth1764190000000 implements MigrationInterface {
  name = 'OAuth1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE connection_store.connections
        ALTER COLUMN auth_type TYPE varchar(32),
        ADD COLUMN token_expires_at timestamptz,
        ADD COLUMN pending_secret_roll_forward boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `CREATE INDEX ix_connections_token_expiry ON connection_store.connections (token_expires_at) WHERE token_expires_at IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE connection_store.oauth_consents (
        state_hash varchar(64) PRIMARY KEY,
        connection_id uuid NOT NULL REFERENCES connection_store.connections (id) ON DELETE CASCADE,
        code_verifier varchar(128) NOT NULL,
        redirect_uri text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE connection_store.outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        topic varchar(200) NOT NULL,
        key varchar(200) NOT NULL,
        event_id uuid NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE connection_store.outbox`);
    await queryRunner.query(`DROP TABLE connection_store.oauth_consents`);
    await queryRunner.query(`DROP INDEX connection_store.ix_connections_token_expiry`);
    await queryRunner.query(`
      ALTER TABLE connection_store.connections
        DROP COLUMN pending_secret_roll_forward,
        DROP COLUMN token_expires_at,
        ALTER COLUMN auth_type TYPE varchar(16)`);
  }
}
