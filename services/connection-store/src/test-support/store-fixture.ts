import { after, before } from 'node:test';
import pg from 'pg';
import { resolveInfrastructure, uniqueName, type Infrastructure } from '@patchbay/testkit';
import { startStore, type RunningStore, type StoreOptions } from './connection-store.harness.js';

/** What an integration suite gets: real infrastructure, a running store, a Postgres client, its own namespace. */
export interface StoreFixture {
  infra: Infrastructure;
  store: RunningStore;
  db: pg.Client;
  namespace: string;
  /** `?namespace=<namespace>`, to append to REST paths. */
  q: string;
}

/**
 * Registers before/after hooks in the calling suite that find the infrastructure, start a connection-store
 * against it (with `overrides`), and open a Postgres client; everything is closed after the suite. The
 * returned object is filled in by the time the suite's tests run.
 */
export function useStoreFixture(
  prefix: string,
  overrides: (infra: Infrastructure) => Partial<StoreOptions> = () => ({}),
): StoreFixture {
  const namespace = uniqueName(prefix);
  const fixture = { namespace, q: `?namespace=${namespace}` } as StoreFixture;
  before(async () => {
    fixture.infra = await resolveInfrastructure();
    fixture.store = await startStore({
      databaseUrl: fixture.infra.databaseUrl,
      vaultAddr: fixture.infra.vaultAddr,
      vaultToken: fixture.infra.vaultToken,
      ...overrides(fixture.infra),
    });
    fixture.db = new pg.Client({ connectionString: fixture.infra.databaseUrl });
    await fixture.db.connect();
  });
  after(async () => {
    await fixture.db?.end();
    await fixture.store?.app.close();
  });
  return fixture;
}
