import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { resolveInfrastructure } from './resolve-infrastructure.js';
import { uniqueName } from './unique-name.js';

describe('Postgres from resolveInfrastructure', () => {
  let client: pg.Client;

  before(async () => {
    const { databaseUrl } = await resolveInfrastructure();
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
  });

  after(async () => {
    await client.end();
  });

  it('is the patchbay database on Postgres 15 or later', async () => {
    const { rows } = await client.query<{ db: string; version: number }>(
      "select current_database() as db, current_setting('server_version_num')::int as version",
    );
    assert.equal(rows[0]?.db, 'patchbay');
    assert.ok((rows[0]?.version ?? 0) >= 150000, `server_version_num ${rows[0]?.version}`);
  });

  it('lets a test own a schema: create, write, read back, drop', async () => {
    const schema = uniqueName('testkit', '_');
    await client.query(`create schema ${schema}`);
    try {
      await client.query(
        `create table ${schema}.item (id uuid primary key default gen_random_uuid(), name text)`,
      );
      await client.query(`insert into ${schema}.item (name) values ($1), ($2)`, ['a', 'b']);
      const { rows } = await client.query<{ name: string }>(`select name from ${schema}.item order by name`);
      assert.deepEqual(
        rows.map((row) => row.name),
        ['a', 'b'],
      );
    } finally {
      await client.query(`drop schema ${schema} cascade`);
    }
  });
});
