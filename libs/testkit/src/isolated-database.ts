import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own on the test Postgres, for services under test whose state must not be shared with other
 * services on the same server (the deploy/local ones, other tests' ones: they would act as extra replicas with
 * other settings). `drop()` removes it, closing what is still connected.
 */
export interface IsolatedDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function isolatedDatabase(serverUrl: string): Promise<IsolatedDatabase> {
  const name = `pb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
