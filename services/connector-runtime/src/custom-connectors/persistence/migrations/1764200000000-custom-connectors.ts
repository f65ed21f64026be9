import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom connector versions and the catalogue revision replicas poll. Definitions are stored as `json` (not
 * `jsonb`) so a re-import sees the document exactly as uploaded: key order decides operation order.
 */
export class CustomConnectors1764200000000 implements MigrationInterface {
  name = 'CustomConnectors1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE custom_connector_versions (
        connector_id text NOT NULL,
        version text NOT NULL,
        title text NOT NULL,
        definition json NOT NULL,
        api_properties json,
        source_url text,
        warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
        operations jsonb NOT NULL DEFAULT '[]'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (connector_id, version)
      )`);
    await q.query(`
      CREATE TABLE catalog_revision (
        id smallint PRIMARY KEY CHECK (id = 1),
        revision bigint NOT NULL
      )`);
    await q.query(`INSERT INTO catalog_revision (id, revision) VALUES (1, 0)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog_revision`);
    await q.query(`DROP TABLE custom_connector_versions`);
  }
}
