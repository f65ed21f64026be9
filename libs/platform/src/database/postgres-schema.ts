import pg from 'pg';

/**
 * Each service owns one Postgres schema. It must exist before TypeORM looks for its migrations table there,
 * so it is created here, idempotently, before the data source initializes and runs the migrations.
 */
export async function ensureSchema(databaseUrl: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name '${schema}'`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } finally {
    await client.end();
  }
}
